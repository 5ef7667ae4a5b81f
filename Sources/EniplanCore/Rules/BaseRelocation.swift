import EniplanYAML

/// Moves what points into a base revision's version of a file (`plan --base`) to the file as it is now.
///
/// A finding about a resource only the base has would otherwise name `REF:path`, which is in no checkout: SARIF,
/// annotations and JUnit could not show it, and no comment in the head could suppress it. It lands on the nearest node
/// that still stands: the head's entry of the instance, standalone ENI or EIP the base location lies in (an ENI the
/// head took off an instance it keeps lands on the instance), else the anchor the inputs give for the file (the head
/// file's `instances:` key, or its first line), with a note of where the base has it. Findings are moved before
/// suppressions apply, so a comment on or above that node covers them.
struct BaseRelocation {
    /// Base file name (`REF:path`) to the range its findings land on when nothing nearer stands.
    private let anchors: [String: SourceRange]
    /// Per base file, its top-level resource entries (instances, standalone ENIs, EIPs), sorted by start offset:
    /// they never overlap, so the one a location lies in is found by binary search.
    private var baseEntries: [String: [(start: Int, end: Int, key: String)]] = [:]
    /// The head's entry of each resource, by the same key.
    private var headEntries: [String: SourceRange] = [:]

    init(anchors: [String: SourceRange], current: [Manifest], subjects: [Manifest]) {
        self.anchors = anchors
        guard !anchors.isEmpty else { return }
        for manifest in current where anchors[manifest.file] != nil {
            baseEntries[manifest.file] = Self.entries(of: manifest)
                .map { (start: $0.range.start.offset, end: $0.range.end.offset, key: $0.key) }
                .sorted { $0.start < $1.start }
        }
        for manifest in subjects {
            for entry in Self.entries(of: manifest) where headEntries[entry.key] == nil { headEntries[entry.key] = entry.range }
        }
    }

    private static func entries(of manifest: Manifest) -> [(key: String, range: SourceRange)] {
        manifest.instances.compactMap { instance in instance.id.map { ("instance \($0)", instance.range) } }
            + manifest.networkInterfaces.compactMap { eni in eni.id.map { ("networkInterface \($0)", eni.range) } }
            + manifest.eips.map { ("eip \($0.id)", $0.range) }
    }

    /// Where something located at `location` lands, or nil when `location` is not in a base file.
    private func destination(of location: SourceRange) -> SourceRange? {
        guard let anchor = anchors[location.file] else { return nil }
        guard let entries = baseEntries[location.file], !entries.isEmpty else { return anchor }
        let offset = location.start.offset
        // The last entry starting at or before the offset.
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].start <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return anchor }
        let entry = entries[low - 1]
        guard offset < entry.end || offset == entry.start, let head = headEntries[entry.key] else { return anchor }
        return head
    }

    func relocate(_ findings: inout [Finding]) {
        guard !anchors.isEmpty else { return }
        for index in findings.indices {
            let location = findings[index].location
            guard let destination = destination(of: location) else { continue }
            findings[index].location = destination
            findings[index].notes.append("the base revision has it at \(DisplayText.location(location))")
        }
    }

    /// `plan` with every change located in a base file moved as findings are.
    func relocated(_ plan: Plan) -> Plan {
        guard !anchors.isEmpty else { return plan }
        var plan = plan
        for index in plan.changes.indices {
            guard let location = plan.changes[index].location, let destination = destination(of: location) else { continue }
            plan.changes[index].location = destination
        }
        return plan
    }
}

import EniplanYAML

/// The JSON contract of `--format json`, built from plain `Codable` values with sorted keys.
/// Its shape is `Schemas/plan.schema.json`; `formatVersion` changes minor for additions, major for breaks.
struct PlanDocument: Encodable {
    static let formatVersion = "1.3"

    struct Tool: Encodable {
        var name = "eniplan"
        var version = EniplanVersion.current
    }

    struct Catalog: Encodable {
        var version: String
        var source: String
    }

    struct Location: Encodable {
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int

        init(_ range: SourceRange) {
            file = range.file
            line = range.start.line
            column = range.start.column
            endLine = range.end.line
            endColumn = range.end.column
        }
    }

    struct Snapshot: Encodable {
        var snapshot: ResourceSnapshot

        enum CodingKeys: String, CodingKey { case type, status, instance, deleteOnRelease, zone, nextHop }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(snapshot.type?.rawValue, forKey: .type)
            try container.encodeIfPresent(snapshot.status?.code, forKey: .status)
            try container.encodeIfPresent(snapshot.zone, forKey: .zone)
            try container.encodeIfPresent(snapshot.nextHop, forKey: .nextHop)
            if snapshot.type != nil {
                // ENIs always say where they are attached; null means Available.
                try container.encode(snapshot.instance, forKey: .instance)
                try container.encode(snapshot.deleteOnRelease, forKey: .deleteOnRelease)
            }
        }
    }

    struct EffectEntry: Encodable {
        var kind: Effect.Kind
        var value: String?
        var id: String?
        var routeTable: String?
        var destination: String?
        var privateIp: String?
        var reassociatedTo: String?
        var outcome: Effect.Outcome
        var reason: String?

        init(_ effect: Effect) {
            kind = effect.kind
            value = effect.value
            id = effect.id
            routeTable = effect.routeTable
            destination = effect.destination
            privateIp = effect.privateIp
            reassociatedTo = effect.reassociatedTo
            outcome = effect.outcome
            reason = effect.reason
        }
    }

    struct ChangeEntry: Encodable {
        var change: Change

        enum CodingKeys: String, CodingKey { case kind, id, name, action, reason, before, after, location, effects, instance, refused }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(change.kind, forKey: .kind)
            try container.encode(change.id, forKey: .id)
            try container.encodeIfPresent(change.name, forKey: .name)
            try container.encode(change.action, forKey: .action)
            try container.encode(change.reason, forKey: .reason)
            try container.encode(change.before.map(Snapshot.init), forKey: .before)
            try container.encode(change.after.map(Snapshot.init), forKey: .after)
            try container.encodeIfPresent(change.location.map(Location.init), forKey: .location)
            try container.encode(change.effects.map(EffectEntry.init), forKey: .effects)
            try container.encodeIfPresent(change.parentInstance, forKey: .instance)
            if change.refused { try container.encode(true, forKey: .refused) }
        }
    }

    /// Counts of changes by action, and of effects by kind and outcome.
    struct Summary: Encodable {
        var instances: [String: Int]
        var networkInterfaces: [String: Int]
        /// Present only when a desired route table changes an entry.
        var routeEntries: [String: Int]?
        var effects: [String: [String: Int]]

        init(_ plan: Plan) {
            let counts = plan.summary
            func byAction(_ kind: ResourceKind) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: (counts[kind] ?? [:]).map { ($0.key.rawValue, $0.value) })
            }
            instances = byAction(.instance)
            networkInterfaces = byAction(.networkInterface)
            let routes = byAction(.routeEntry)
            routeEntries = routes.isEmpty ? nil : routes
            var effects: [String: [String: Int]] = [:]
            for change in plan.changes where !change.refused {
                for effect in change.effects { effects[effect.kind.rawValue, default: [:]][effect.outcome.rawValue, default: 0] += 1 }
            }
            self.effects = effects
        }
    }

    var formatVersion = PlanDocument.formatVersion
    var tool = Tool()
    var regionCatalog: Catalog
    var region: String?
    var summary: Summary
    var changes: [ChangeEntry]
    var findings: [FindingEntry]
    var baseline: BaselineSummary?
    var sweep: SweepEntry?

    /// A sweep's estates (file and region) and the files its walk skipped.
    struct SweepEntry: Encodable {
        struct Estate: Encodable {
            var file: String
            var region: String?

            enum CodingKeys: String, CodingKey { case file, region }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(file, forKey: .file)
                try container.encode(region, forKey: .region)
            }
        }

        var estates: [Estate]
        var skipped: [String]
        var combined: Bool?

        init(_ sweep: Sweep) {
            estates = sweep.estates.map { Estate(file: $0.file, region: $0.region) }
            skipped = sweep.skipped
            combined = sweep.combined ? true : nil
        }
    }

    /// A finding as the contract writes it.
    struct FindingEntry: Encodable {
        struct Suppression: Encodable {
            var source: SuppressionMark.Source
            var reason: String
            var expires: String?
            var location: Location?
        }

        var ruleId: String
        var slug: String
        var severity: Severity
        var message: String
        var resource: ResourceReference
        var location: Location
        var fingerprint: String
        var fixHint: String?
        var suppressed: Bool
        var suppression: Suppression?
        var baseline: BaselineState?
        var notes: [String]?

        init(_ finding: Finding) {
            ruleId = finding.ruleId
            slug = finding.slug
            severity = finding.severity
            message = finding.message
            resource = finding.resource
            location = Location(finding.location)
            fingerprint = finding.fingerprint
            fixHint = finding.fixHint
            suppressed = finding.suppression != nil
            suppression = finding.suppression.map {
                Suppression(source: $0.source, reason: $0.reason, expires: $0.expires, location: $0.location.map(Location.init))
            }
            baseline = finding.baseline
            notes = finding.notes.isEmpty ? nil : finding.notes
        }
    }

    /// Present when a baseline was given: the baseline entries no finding matches any more.
    struct BaselineSummary: Encodable {
        var fixed: [Baseline.Entry]
    }

    init(_ analysis: Analysis, usedBaseline: Bool) {
        self.init(analysis.plan)
        findings = analysis.findings.map(FindingEntry.init)
        baseline = usedBaseline ? BaselineSummary(fixed: analysis.fixed) : nil
        sweep = analysis.sweep.map(SweepEntry.init)
    }

    init(_ plan: Plan) {
        regionCatalog = Catalog(version: plan.regionCatalog.version, source: plan.regionCatalog.source)
        region = plan.region
        summary = Summary(plan)
        changes = plan.changes.map(ChangeEntry.init)
        findings = []
        baseline = nil
    }

    enum CodingKeys: String, CodingKey { case formatVersion, tool, regionCatalog, region, summary, sweep, changes, findings, baseline }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(regionCatalog, forKey: .regionCatalog)
        try container.encode(region, forKey: .region)
        try container.encode(summary, forKey: .summary)
        try container.encode(changes, forKey: .changes)
        try container.encode(findings, forKey: .findings)
        try container.encodeIfPresent(baseline, forKey: .baseline)
        try container.encodeIfPresent(sweep, forKey: .sweep)
    }
}

extension PlanDocument {
    /// Writes the document of `plan` with `findings` to `sink`: byte for byte what encoding the whole document
    /// with ``PrettyJSONEncoder`` writes, without ever holding it. The members come in the encoder's order (keys
    /// sorted by their UTF-8 bytes), and the changes and findings, nearly all of a large plan, one at a time.
    static func stream(_ plan: Plan, findings: [Finding], baseline: BaselineSummary?, sweep: SweepEntry? = nil,
                       to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            try stream(plan, findings: findings, baseline: baseline, sweep: sweep, into: CoalescingSink(sink))
        }
    }

    private static func stream(_ plan: Plan, findings: [Finding], baseline: BaselineSummary?, sweep: SweepEntry?,
                               into output: CoalescingSink) throws {
        let streamer = PrettyJSONStreamer()
        var output = output
        var isFirstMember = true
        func member(_ key: String) throws {
            try output.write(isFirstMember ? "{\n  \"" : ",\n  \"")
            try output.write(key)
            try output.write("\" : ")
            isFirstMember = false
        }
        func value<Value: Encodable>(_ value: Value) throws {
            try streamer.write(value, indent: 1) { try output.write($0) }
        }
        // The changes, nearly all of a large plan, through the writer that takes their keys in order.
        func changes(_ changes: [Change]) throws {
            guard !changes.isEmpty else { return try output.write("[\n\n  ]") }
            var json = SortedJSONWriter(baseIndent: 2)
            for (index, change) in changes.enumerated() {
                try output.write(index == 0 ? "[\n    " : ",\n    ")
                json.removeAll()
                ChangeEntry(change: change).write(to: &json)
                try json.bytes.withUnsafeBufferPointer { try output.write($0) }
            }
            try output.write("\n  ]")
        }
        func list<Element, Entry: Encodable>(_ elements: [Element], _ entry: (Element) -> Entry) throws {
            guard !elements.isEmpty else { return try output.write("[\n\n  ]") }
            for (index, element) in elements.enumerated() {
                try output.write(index == 0 ? "[\n    " : ",\n    ")
                try streamer.write(entry(element), indent: 2) { try output.write($0) }
            }
            try output.write("\n  ]")
        }
        if let baseline {
            try member(CodingKeys.baseline.stringValue)
            try value(baseline)
        }
        try member(CodingKeys.changes.stringValue)
        try changes(plan.changes)
        try member(CodingKeys.findings.stringValue)
        try list(findings, FindingEntry.init)
        try member(CodingKeys.formatVersion.stringValue)
        try value(formatVersion)
        try member(CodingKeys.region.stringValue)
        try value(plan.region)
        try member(CodingKeys.regionCatalog.stringValue)
        try value(Catalog(version: plan.regionCatalog.version, source: plan.regionCatalog.source))
        try member(CodingKeys.summary.stringValue)
        try value(Summary(plan))
        if let sweep {
            try member(CodingKeys.sweep.stringValue)
            try value(sweep)
        }
        try member(CodingKeys.tool.stringValue)
        try value(Tool())
        try output.write("\n}\n")
        try output.flush()
    }
}

/// Gathers small writes into large ones: a streamed plan is hundreds of thousands of short pieces.
private struct CoalescingSink {
    private let sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 18

    init(_ sink: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.capacity)
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if buffer.count + bytes.count > Self.capacity { try flush() }
        if bytes.count >= Self.capacity { return try sink(bytes) }
        buffer.append(contentsOf: bytes)
    }

    mutating func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

// The plan's changes written with their keys already sorted: byte for byte what encoding them writes (the tests hold the
// streamed plan to the `Encodable` document's bytes), several times faster. Each key list below is in the encoder's order.
extension PlanDocument.ChangeEntry {
    func write(to json: inout SortedJSONWriter) {
        json.beginObject()
        json.key("action")
        json.string(change.action.rawValue)
        json.key("after")
        PlanDocument.Snapshot.write(change.after, to: &json)
        json.key("before")
        PlanDocument.Snapshot.write(change.before, to: &json)
        json.key("effects")
        json.beginArray()
        for effect in change.effects {
            json.element()
            PlanDocument.EffectEntry(effect).write(to: &json)
        }
        json.endArray()
        json.key("id")
        json.string(change.id)
        if let instance = change.parentInstance {
            json.key("instance")
            json.string(instance)
        }
        json.key("kind")
        json.string(change.kind.rawValue)
        if let location = change.location {
            json.key("location")
            PlanDocument.Location(location).write(to: &json)
        }
        if let name = change.name {
            json.key("name")
            json.string(name)
        }
        json.key("reason")
        json.string(change.reason.rawValue)
        if change.refused {
            json.key("refused")
            json.bool(true)
        }
        json.endObject()
    }
}

extension PlanDocument.Snapshot {
    /// A snapshot, or null.
    static func write(_ snapshot: ResourceSnapshot?, to json: inout SortedJSONWriter) {
        guard let snapshot else { return json.null() }
        json.beginObject()
        if snapshot.type != nil {
            json.key("deleteOnRelease")
            if let flag = snapshot.deleteOnRelease { json.bool(flag) } else { json.null() }
            json.key("instance")
            json.string(snapshot.instance)
        }
        if let nextHop = snapshot.nextHop {
            json.key("nextHop")
            json.string(nextHop)
        }
        if let status = snapshot.status {
            json.key("status")
            json.string(status.code)
        }
        if let type = snapshot.type {
            json.key("type")
            json.string(type.rawValue)
        }
        if let zone = snapshot.zone {
            json.key("zone")
            json.string(zone)
        }
        json.endObject()
    }
}

extension PlanDocument.EffectEntry {
    func write(to json: inout SortedJSONWriter) {
        json.beginObject()
        optional("destination", destination, to: &json)
        optional("id", id, to: &json)
        json.key("kind")
        json.string(kind.rawValue)
        json.key("outcome")
        json.string(outcome.rawValue)
        optional("privateIp", privateIp, to: &json)
        optional("reason", reason, to: &json)
        optional("reassociatedTo", reassociatedTo, to: &json)
        optional("routeTable", routeTable, to: &json)
        optional("value", value, to: &json)
        json.endObject()
    }

    /// A member written only when it has a value, as `encodeIfPresent` writes it.
    private func optional(_ key: StaticString, _ value: String?, to json: inout SortedJSONWriter) {
        guard let value else { return }
        json.key(key)
        json.string(value)
    }
}

extension PlanDocument.Location {
    func write(to json: inout SortedJSONWriter) {
        json.beginObject()
        json.key("column")
        json.integer(column)
        json.key("endColumn")
        json.integer(endColumn)
        json.key("endLine")
        json.integer(endLine)
        json.key("file")
        json.string(file)
        json.key("line")
        json.integer(line)
        json.endObject()
    }
}

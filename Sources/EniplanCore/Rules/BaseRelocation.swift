import EniplanYAML

/// Moves what points into a base revision's version of a file (`plan --base`) to the file as it is now.
///
/// A finding about a resource only the base has would otherwise name `REF:path`, which is in no checkout: SARIF,
/// annotations and JUnit could not show it, and no comment in the head could suppress it. It lands on the anchor
/// the inputs give (the head file's `instances:` key, or its first line) with a note of where the base has it.
/// Findings are moved before suppressions apply, so a comment on or above the anchor covers them.
struct BaseRelocation {
    /// Base file name (`REF:path`) to the range findings in it land on.
    let anchors: [String: SourceRange]

    func relocate(_ findings: inout [Finding]) {
        guard !anchors.isEmpty else { return }
        for index in findings.indices {
            let location = findings[index].location
            guard let anchor = anchors[location.file] else { continue }
            findings[index].location = anchor
            findings[index].notes.append("the base revision has it at \(DisplayText.location(location))")
        }
    }

    /// `plan` with every change located in a base file moved to that file's anchor.
    func relocated(_ plan: Plan) -> Plan {
        guard !anchors.isEmpty else { return plan }
        var plan = plan
        for index in plan.changes.indices {
            guard let file = plan.changes[index].location?.file, let anchor = anchors[file] else { continue }
            plan.changes[index].location = anchor
        }
        return plan
    }
}

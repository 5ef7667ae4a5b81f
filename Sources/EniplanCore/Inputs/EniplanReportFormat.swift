import EniplanYAML

/// eniplan's own reports given back as an input (the JSON plan, a SARIF log): recognised, so that they are refused
/// as what they are, in one message, instead of key by key as a manifest that went wrong.
struct EniplanReportFormat: InputFormat {
    enum Report {
        /// The JSON plan: `formatVersion`, `summary` and `changes` at the top.
        case plan
        /// A SARIF log: `version` and `runs` at the top.
        case sarif
    }

    static func report(_ document: YAMLDocument) -> Report? {
        guard let root = document.root, document.kind(root) == .mapping else { return nil }
        let keys = document.entries(root).map(\.key)
        func has(_ name: String) -> Bool { keys.contains { document.scalar($0, equals: name) } }
        if has("formatVersion") && has("summary") && has("changes") { return .plan }
        if has("version") && has("runs") { return .sarif }
        return nil
    }

    func recognises(_ document: YAMLDocument) -> Bool { Self.report(document) != nil }

    func read(_ document: YAMLDocument) throws(InputError) -> InputPart {
        throw InputError([Self.refusal(document)])
    }

    func isPartOfJoinedState(_ document: YAMLDocument) -> Bool { false }

    /// The error that says what the file is and what to give instead.
    static func refusal(_ document: YAMLDocument) -> Diagnostic {
        let what = report(document) == .sarif
            ? "a SARIF log, a report of findings"
            : "a plan eniplan wrote (its JSON report)"
        let range = document.root.map { document.range($0) } ?? .startOfFile(document.file)
        return Diagnostic(.wrongKind, at: range,
                          "'\(DisplayText.escaped(document.file))' is \(what), not an input: give the manifests and the current state it was made from")
    }
}

import EniplanYAML

/// What a file is, in words for a message that refuses it, never quoting what it holds.
///
/// A config can name any file of the repository, and flags any file at all; one that is not of the kind
/// expected may be anything, a token or a credentials file included, and its content must not reach a
/// CI log. So a refusal says what kind of file was found (a scalar, a list, an API response, a policy),
/// as the shapes `--current` reports do.
enum DocumentShape {
    /// The kinds eniplan's files declare with `kind:`, and how messages name them.
    static let kinds: [(kind: String, name: String, role: Advice.Role?)] = [
        ("Manifest", "a manifest (kind: Manifest)", nil), ("State", "a state (kind: State)", nil),
        ("Policy", "a policy (kind: Policy)", .policy), ("Config", "a config (kind: Config)", .config),
        ("RegionCatalog", "a region catalogue (kind: RegionCatalog)", .regions),
    ]

    /// `a scalar`, `a list`, `an Alibaba Cloud DescribeInstances response`, `a policy (kind: Policy)`,
    /// `a baseline`, or `a mapping of none of eniplan's kinds`.
    static func describe(_ document: YAMLDocument) -> String {
        guard let root = document.root else { return "an empty file" }
        switch document.kind(root) {
        case .scalar, .alias:
            let text = document.scalar(root) ?? ""
            return text.isEmpty && document.scalarStyle(root) == .plain ? "nothing (null)" : "a scalar"
        case .sequence:
            return "a list"
        case .mapping:
            if document.count(root) == 0 { return "an empty mapping" }
        }
        if let kindNode = document.entries(root).first(where: { document.scalar($0.key, equals: "kind") })?.value,
           let index = document.scalar(kindNode, indexIn: kinds.map(\.kind)) {
            return kinds[index].name
        }
        switch AliyunResponseDecoder.recognise(document) {
        case .response(let call, _), .mixedSpellings(let call): return "an Alibaba Cloud \(call.name) response"
        case .ambiguous: return "Alibaba Cloud API responses of several calls at once"
        case .errorResponse, .unsuccessfulCall: return "an Alibaba Cloud API error response"
        case .unknownBody: return "an Alibaba Cloud SDK response"
        case .unknown: break
        }
        let keys = document.entries(root).map(\.key)
        if keys.contains(where: { key in BaselineDecoder.topFields.contains { document.scalar(key, equals: $0) } }) { return "a baseline" }
        if keys.contains(where: { key in ManifestDecoder.topFields.names.contains { document.scalar(key, equals: $0) } }) { return "a manifest" }
        return "a mapping of none of eniplan's kinds"
    }

    /// What a node at the root of a file is: `a scalar`, `a list`, `nothing (null)`; never its text.
    static func describeRoot(_ node: NodeID, in document: YAMLDocument) -> String {
        switch document.kind(node) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar, .alias:
            let text = document.scalar(node) ?? ""
            return text.isEmpty && document.scalarStyle(node) == .plain ? "nothing (null)" : "a scalar"
        }
    }

    /// The error refusing a mapping that declares one of eniplan's kinds other than `expected`, or has
    /// none of `fields` (nor a near miss of one): some other file, said so once rather than by listing its
    /// keys. Nil when it may be the file wanted, is not a mapping, or is an empty one that `allowsEmpty`.
    static func refusal(_ document: YAMLDocument, as what: String, fields: [String], kinds expected: [String] = [],
                        advice: Advice? = nil, allowsEmpty: Bool = true) -> Diagnostic? {
        guard let root = document.root, document.kind(root) == .mapping, document.count(root) > 0 || !allowsEmpty else { return nil }
        if let kindNode = document.entries(root).first(where: { document.scalar($0.key, equals: "kind") })?.value,
           let index = document.scalar(kindNode, indexIn: kinds.map(\.kind)), !expected.contains(kinds[index].kind) {
            return Diagnostic(.wrongKind, at: document.range(root), "'\(DisplayText.escaped(document.file))' is not \(what): it is \(kinds[index].name)",
                              advice: kinds[index].role.map(Advice.giveAs))
        }
        let hasField = document.entries(root).contains { entry in
            document.scalar(entry.key).map { Suggestions.closest(to: $0, in: fields) != nil } ?? false
        }
        if hasField { return nil }
        return Diagnostic(.wrongKind, at: document.range(root), "'\(DisplayText.escaped(document.file))' is not \(what): it is \(describe(document)), with none of \(fields.joined(separator: ", "))",
                          advice: advice)
    }

    /// How an `apiVersion` that is not `eniplan/v1` is named in its error: quoted when it looks like
    /// an API version (`v2`, `eniplan/v2`, `example.com/v1beta1`), otherwise not, as ``kindMismatch(_:expected:)``.
    static func apiVersionMismatch(_ found: String) -> String {
        let wanted = "apiVersion must be '\(ManifestDecoder.apiVersion)'"
        if found.utf8.count <= 64, found.wholeMatch(of: /([A-Za-z0-9.-]+\/)?v[0-9]+([a-z]+[0-9]*)?/) != nil { return "\(wanted), not '\(found)'" }
        return "\(wanted), not an API version"
    }

    /// How a `kind:` that is not `expected` is named in its error: quoted when it is one of eniplan's
    /// kinds or a near miss of `expected` (then with a did-you-mean); otherwise not quoted, since a file
    /// with a kind eniplan does not know may be anything.
    static func kindMismatch(_ found: String, expected: [String]) -> String {
        let wanted = expected.joined(separator: " or ")
        if kinds.contains(where: { $0.kind == found }) { return "kind must be \(wanted), not '\(found)'" }
        if let near = Suggestions.closest(to: found, in: expected) { return "kind must be \(wanted), not '\(DisplayText.quoted(found))'; did you mean '\(near)'?" }
        return "kind must be \(wanted), not a kind eniplan knows"
    }
}

import EniplanYAML

/// One attribute value of a resource in a Terraform plan, where the plan writes it: known, null, or known only
/// after apply (the plan's `after_unknown` marks it `true`).
struct TerraformValue: Sendable {
    indirect enum Content: Sendable {
        case null
        /// Known only after apply.
        case unknown
        case text(String)
        case bool(Bool)
        case number(String)
        case list([TerraformValue])
        case object([String: TerraformValue])
    }

    var content: Content
    var range: SourceRange

    /// Reads `node`, with `unknown` the matching node of `after_unknown` (nil when the plan has none): the
    /// values known only after apply become ``Content/unknown``, those `after` leaves out included.
    static func read(_ node: NodeID, unknown: NodeID?, in document: YAMLDocument) -> TerraformValue {
        let range = document.range(node)
        if let unknown, isTrue(unknown, in: document) { return TerraformValue(content: .unknown, range: range) }
        switch document.kind(node) {
        case .mapping:
            var members: [String: TerraformValue] = [:]
            var markers: [String: (key: NodeID, value: NodeID)] = [:]
            if let unknown, document.kind(unknown) == .mapping {
                for entry in document.entries(unknown) {
                    if let name = document.scalar(entry.key) { markers[name] = entry }
                }
            }
            for (key, value) in document.entries(node) {
                guard let name = document.scalar(key) else { continue }
                members[name] = read(value, unknown: markers[name]?.value, in: document)
            }
            // A value known only after apply may be left out of `after` altogether.
            for (name, marker) in markers where members[name] == nil && isTrue(marker.value, in: document) {
                members[name] = TerraformValue(content: .unknown, range: document.range(marker.key))
            }
            return TerraformValue(content: .object(members), range: range)
        case .sequence:
            let markers = unknown.flatMap { document.kind($0) == .sequence ? document.items($0) : nil } ?? []
            let items = document.items(node).enumerated().map { position, item in
                read(item, unknown: position < markers.count ? markers[position] : nil, in: document)
            }
            return TerraformValue(content: .list(items), range: range)
        case .scalar, .alias:
            let text = document.scalar(node) ?? ""
            guard document.scalarStyle(node) == .plain else { return TerraformValue(content: .text(text), range: range) }
            switch text {
            case "null", "": return TerraformValue(content: .null, range: range)
            case "true": return TerraformValue(content: .bool(true), range: range)
            case "false": return TerraformValue(content: .bool(false), range: range)
            default: return TerraformValue(content: .number(text), range: range)
            }
        }
    }

    private static func isTrue(_ node: NodeID, in document: YAMLDocument) -> Bool {
        document.kind(node) == .scalar && document.scalarStyle(node) == .plain && document.scalar(node, equals: "true")
    }

    /// A member of an object; nil for anything else, or a member it lacks.
    subscript(_ name: String) -> TerraformValue? {
        if case .object(let members) = content { return members[name] }
        return nil
    }

    var isUnknown: Bool {
        if case .unknown = content { return true }
        return false
    }

    var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    /// What the value is, in words for messages.
    var described: String {
        switch content {
        case .null: "null"
        case .unknown: "a value known only after apply"
        case .text(let text): "'\(DisplayText.quoted(text))'"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): DisplayText.quoted(text)
        case .list: "a list"
        case .object: "an object"
        }
    }
}

/// An attribute as eniplan reads it: absent (or null), known only after apply, or known.
enum TerraformAttribute<Value: Sendable>: Sendable {
    case absent
    case unknown(SourceRange)
    case known(Value, SourceRange)

    var value: Value? {
        if case .known(let value, _) = self { return value }
        return nil
    }

    var range: SourceRange? {
        switch self {
        case .absent: nil
        case .unknown(let range), .known(_, let range): range
        }
    }

    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}

/// The attributes of one resource on one side of a change (before or after), read with a located problem for
/// every value of the wrong type.
struct TerraformAttributes: Sendable {
    /// `alicloud_instance.web[0]`.
    let address: String
    let value: TerraformValue

    private func attribute(_ name: String) -> TerraformValue? {
        guard let member = value[name], !member.isNull else { return nil }
        return member
    }

    private func wrong(_ name: String, _ member: TerraformValue, _ expected: String, _ diagnostics: inout [Diagnostic]) {
        diagnostics.append(Diagnostic(.wrongType, at: member.range,
                                      "'\(DisplayText.quoted(name))' of \(DisplayText.quoted(address)) must be \(expected), not \(member.described)"))
    }

    func text(_ name: String, _ diagnostics: inout [Diagnostic]) -> TerraformAttribute<String> {
        guard let member = attribute(name) else { return .absent }
        switch member.content {
        case .unknown: return .unknown(member.range)
        case .text(let text) where text.isEmpty: return .absent
        case .text(let text): return .known(text, member.range)
        default:
            wrong(name, member, "text", &diagnostics)
            return .absent
        }
    }

    func bool(_ name: String, _ diagnostics: inout [Diagnostic]) -> TerraformAttribute<Bool> {
        guard let member = attribute(name) else { return .absent }
        switch member.content {
        case .unknown: return .unknown(member.range)
        case .bool(let flag): return .known(flag, member.range)
        default:
            wrong(name, member, "true or false", &diagnostics)
            return .absent
        }
    }

    func integer(_ name: String, _ diagnostics: inout [Diagnostic]) -> TerraformAttribute<Int> {
        guard let member = attribute(name) else { return .absent }
        switch member.content {
        case .unknown: return .unknown(member.range)
        case .number(let text):
            if let number = Int(text) { return .known(number, member.range) }
            if let number = Double(text), number.isFinite, number.rounded() == number, abs(number) < 1e15 { return .known(Int(number), member.range) }
            wrong(name, member, "a whole number", &diagnostics)
            return .absent
        default:
            wrong(name, member, "a whole number", &diagnostics)
            return .absent
        }
    }

    /// A list (or set) of text; unknown when the list, or any entry of it, is known only after apply.
    func texts(_ name: String, _ diagnostics: inout [Diagnostic]) -> TerraformAttribute<[String]> {
        guard let member = attribute(name) else { return .absent }
        switch member.content {
        case .unknown: return .unknown(member.range)
        case .list(let items):
            var texts: [String] = []
            for item in items {
                switch item.content {
                case .unknown: return .unknown(member.range)
                case .text(let text): texts.append(text)
                default:
                    wrong(name, item, "a list of text", &diagnostics)
                    return .absent
                }
            }
            return .known(texts, member.range)
        default:
            wrong(name, member, "a list of text", &diagnostics)
            return .absent
        }
    }

    /// A map of text to text (`tags`).
    func textMap(_ name: String, _ diagnostics: inout [Diagnostic]) -> [String: String] {
        guard let member = attribute(name), case .object(let members) = member.content else { return [:] }
        var result: [String: String] = [:]
        for (key, entry) in members {
            if case .text(let text) = entry.content { result[key] = text }
        }
        return result
    }

    /// A nested block written as a list of objects (`network_interfaces`); unknown when the whole list is.
    func blocks(_ name: String, _ diagnostics: inout [Diagnostic]) -> TerraformAttribute<[TerraformAttributes]> {
        guard let member = attribute(name) else { return .absent }
        switch member.content {
        case .unknown: return .unknown(member.range)
        case .list(let items):
            var blocks: [TerraformAttributes] = []
            for item in items {
                guard case .object = item.content else {
                    if item.isUnknown { return .unknown(member.range) }
                    wrong(name, item, "a list of blocks", &diagnostics)
                    return .absent
                }
                blocks.append(TerraformAttributes(address: "\(address).\(name)", value: item))
            }
            return .known(blocks, member.range)
        default:
            wrong(name, member, "a list of blocks", &diagnostics)
            return .absent
        }
    }
}

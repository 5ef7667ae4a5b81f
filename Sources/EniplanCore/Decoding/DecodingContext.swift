import EniplanYAML

/// Reads typed values from positioned nodes, collecting a located diagnostic for every problem
/// instead of stopping at the first.
struct DecodingContext {
    let document: YAMLDocument
    private(set) var diagnostics: [Diagnostic] = []
    /// The diagnostics already collected: an aliased node is decoded at every alias, its problem kept once.
    private var collected: Set<Diagnostic> = []

    /// Values that repeat across resources (VPCs, vSwitches, security groups, tags), each kept once:
    /// equal values share one string or one dictionary instead of a copy per ENI.
    private var sharedStrings: Set<String> = []
    private var sharedTags: Set<[String: String]> = []

    init(document: YAMLDocument) { self.document = document }

    /// The one copy of `text` this file shares.
    mutating func shared(_ text: String) -> String {
        // Up to 15 UTF-8 bytes a string is stored inline, and there is nothing to share. Only ASCII is
        // shared: `String ==` holds canonically equivalent spellings equal (é and e with U+0301), and each
        // input's bytes must come out as written.
        guard text.utf8.count > 15, Self.isASCII(text) else { return text }
        return sharedStrings.insert(text).memberAfterInsert
    }

    mutating func shared(_ tags: [String: String]) -> [String: String] {
        guard !tags.isEmpty, tags.allSatisfy({ Self.isASCII($0.key) && Self.isASCII($0.value) }) else { return tags }
        return sharedTags.insert(tags).memberAfterInsert
    }

    private static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    mutating func error(_ code: DiagnosticCode, _ range: SourceRange?, _ message: String, notes: [YAMLError.Note] = [], advice: Advice? = nil) {
        append(Diagnostic(code, at: range, message, notes: notes, advice: advice))
    }

    /// Each problem once: an aliased node's problem is one problem, reported at one place.
    mutating func append(_ diagnostic: Diagnostic) {
        if collected.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    func range(_ node: NodeID) -> SourceRange { document.range(node) }

    /// What a node is, in words for messages: `a mapping`, `a list`, `'text'`. A file's root is never
    /// quoted (`a scalar`): a file that is one scalar is no eniplan input, and may be a token.
    func describe(_ node: NodeID) -> String {
        if node == document.root { return DocumentShape.describeRoot(node, in: document) }
        switch document.kind(node) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar, .alias:
            let text = document.scalar(node) ?? ""
            if text.isEmpty && document.scalarStyle(node) == .plain { return "nothing (null)" }
            return "'\(DisplayText.quoted(text))'"
        }
    }

    // MARK: Scalars

    /// Text that `validate` accepts (an address, say): its problem is an error at the node.
    mutating func string(_ node: NodeID, _ what: @autoclosure () -> String, validate: (String) -> String?) -> String? {
        guard let text = string(node, what()) else { return nil }
        if let problem = validate(text) {
            error(.invalidValue, range(node), problem)
            return nil
        }
        return text
    }

    mutating func string(_ node: NodeID, _ what: @autoclosure () -> String) -> String? {
        guard document.kind(node) == .scalar, let text = document.scalar(node) else {
            error(.wrongType, range(node), "\(what()) must be text, not \(describe(node))")
            return nil
        }
        if text.isEmpty {
            error(.invalidValue, range(node), "\(what()) is empty")
            return nil
        }
        if document.scalarStyle(node) == .plain, document.tag(node) == nil, Self.isNullWord(text) {
            error(.invalidValue, range(node), "\(what()) is null; write a value, or quote '\(DisplayText.quoted(text))' if it is meant as text")
            return nil
        }
        return text
    }

    private static func isNullWord(_ text: String) -> Bool {
        switch text {
        case "~", "null", "Null", "NULL": true
        default: false
        }
    }

    /// Booleans are `true` and `false` only; YAML 1.1 words like `yes` and `on` are refused with a hint.
    mutating func bool(_ node: NodeID, _ what: @autoclosure () -> String) -> Bool? {
        if document.kind(node) == .scalar, document.scalarStyle(node) == .plain, document.tag(node) == nil
            || document.tag(node) == "tag:yaml.org,2002:bool"
        {
            if document.scalar(node, equals: "true") { return true }
            if document.scalar(node, equals: "false") { return false }
        }
        let text = document.scalar(node) ?? ""
        let lowered = text.lowercased()
        if ["yes", "no", "on", "off", "y", "n", "true", "false"].contains(lowered) {
            let meant = ["yes", "on", "y", "true"].contains(lowered) ? "true" : "false"
            let quoted = document.scalarStyle(node)?.isPlain == false ? " (quoted, so it is text)" : ""
            error(.wrongType, range(node), "\(what()) must be true or false; '\(DisplayText.quoted(text))'\(quoted) is not a boolean in eniplan, write \(meant)")
        } else {
            error(.wrongType, range(node), "\(what()) must be true or false, not \(describe(node))")
        }
        return nil
    }

    mutating func integer(_ node: NodeID, _ what: @autoclosure () -> String, minimum: Int = 0) -> Int? {
        if document.kind(node) == .scalar, document.scalarStyle(node) == .plain, let text = document.scalar(node),
           let value = Int(text), value >= minimum
        {
            return value
        }
        // A number below the minimum is the right type with a wrong value.
        let code: DiagnosticCode = document.scalar(node).flatMap { Int($0) } == nil ? .wrongType : .invalidValue
        error(code, range(node), "\(what()) must be a whole number of at least \(minimum), not \(describe(node))")
        return nil
    }

    /// One of a fixed set of words, case-sensitive, with a suggestion for a near miss.
    mutating func choice<Value: RawRepresentable & CaseIterable>(_ node: NodeID, _ what: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let allowed = Value.allCases.map(\.rawValue)
        let hint = Suggestions.closest(to: text, in: allowed).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
        error(.invalidValue, range(node), "\(what) must be one of \(allowed.joined(separator: ", ")), not '\(DisplayText.quoted(text))'\(hint)")
        return nil
    }

    // MARK: Collections

    mutating func list(_ node: NodeID, _ what: @autoclosure () -> String) -> [NodeID]? {
        guard document.kind(node) == .sequence else {
            error(.wrongType, range(node), "\(what()) must be a list, not \(describe(node))")
            return nil
        }
        return document.items(node)
    }

    mutating func stringList(_ node: NodeID, _ what: String, validate: ((String) -> String?)? = nil) -> [String] {
        guard let items = list(node, what) else { return [] }
        var values: [String] = []
        values.reserveCapacity(items.count)
        for item in items {
            guard let text = string(item, "each entry of \(what)") else { continue }
            if let validate, let problem = validate(text) {
                error(.invalidValue, range(item), problem)
                continue
            }
            values.append(text)
        }
        return values
    }

    mutating func stringMap(_ node: NodeID, _ what: @autoclosure () -> String) -> [String: String] {
        guard document.kind(node) == .mapping else {
            error(.wrongType, range(node), "\(what()) must be a mapping of names to values, not \(describe(node))")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in document.entries(node) {
            guard let name = string(key, "a key of \(what())"), let text = string(value, "'\(DisplayText.quoted(name))' in \(what())") else { continue }
            result[name] = text
        }
        return result
    }

    /// Reads a mapping whose keys must be fields of `schema`; unknown keys are errors with a did-you-mean.
    mutating func mapping<Field>(_ node: NodeID, _ what: String, schema: FieldSchema<Field>) -> ResourceMapping<Field>? {
        mapping(node, what, fields: schema.names).map { ResourceMapping(mapping: $0, schema: schema) }
    }

    /// Reads a mapping whose keys must come from `fields`; unknown keys are errors with a did-you-mean.
    mutating func mapping(_ node: NodeID, _ what: String, fields: [String]) -> MappingFields? {
        guard document.kind(node) == .mapping else {
            error(.wrongType, range(node), "\(what) must be a mapping, not \(describe(node))")
            return nil
        }
        var found = MappingFields(node: node, document: document, fields: fields)
        for (key, value) in document.entries(node) {
            guard let index = document.scalar(key, indexIn: fields) else {
                let name = document.scalar(key) ?? ""
                let hint = Suggestions.closest(to: name, in: fields).map { "; did you mean '\(DisplayText.quoted($0))'?" }
                    ?? "; expected one of \(fields.joined(separator: ", "))"
                error(.unknownKey, range(key), "unknown key '\(DisplayText.quoted(name))' in \(what)\(hint)")
                continue
            }
            found.keys[index] = key
            found.values[index] = value
        }
        return found
    }
}

/// The keys and values of one mapping, by field name.
struct MappingFields {
    let node: NodeID
    let document: YAMLDocument
    let fields: [String]
    var keys: [NodeID?]
    var values: [NodeID?]

    init(node: NodeID, document: YAMLDocument, fields: [String]) {
        self.node = node
        self.document = document
        self.fields = fields
        keys = Array(repeating: nil, count: fields.count)
        values = Array(repeating: nil, count: fields.count)
    }

    /// The value node of `field`, or nil when the mapping does not have it. An explicit null counts as absent.
    subscript(field: String) -> NodeID? {
        // Lengths first: most fields a lookup passes over differ in length from the one it wants.
        let length = field.utf8.count
        guard let index = fields.firstIndex(where: { $0.utf8.count == length && $0 == field }) else { return nil }
        return value(at: index)
    }

    /// The value node of the field at `index` in `fields`, or nil when absent or null.
    func value(at index: Int) -> NodeID? {
        guard let value = values[index] else { return nil }
        if document.kind(value) == .scalar, document.scalarStyle(value) == .plain, document.tag(value) == nil,
           document.scalar(value, equals: "") || document.scalar(value, equals: "~") || document.scalar(value, equals: "null")
        {
            return nil
        }
        return value
    }

    /// From the key's first character to the value's last: what a finding about the field points at.
    func range(of field: String) -> SourceRange? {
        guard let index = fields.firstIndex(of: field) else { return nil }
        return range(ofFieldAt: index)
    }

    func range(ofFieldAt index: Int) -> SourceRange? {
        guard let key = keys[index], let value = values[index] else { return nil }
        return document.range(from: key, to: value)
    }

    var range: SourceRange { document.range(node) }
}

/// The keys a mapping of one kind of resource may have: its fields, and the names a file writes them by.
struct FieldSchema<Field: ResourceField>: Sendable {
    let fields: [Field]
    let names: [String]

    init(_ fields: [Field]) {
        self.fields = fields
        names = fields.map(\.rawValue)
    }
}

/// A mapping read against a ``FieldSchema``: its values and ranges by field.
struct ResourceMapping<Field: ResourceField> {
    let mapping: MappingFields
    let schema: FieldSchema<Field>

    /// The value node of `field`, or nil when the mapping does not have it. An explicit null counts as absent.
    subscript(field: Field) -> NodeID? {
        // No partial application: `mapping.value(at:)` as a closure would copy the mapping, and its document, per lookup.
        guard let index = schema.fields.firstIndex(of: field) else { return nil }
        return mapping.value(at: index)
    }

    /// From the key's first character to the value's last: what a finding about the field points at.
    func range(of field: Field) -> SourceRange? {
        guard let index = schema.fields.firstIndex(of: field) else { return nil }
        return mapping.range(ofFieldAt: index)
    }

    /// Where every present field is written.
    var ranges: FieldRanges<Field> {
        var present = 0
        for index in schema.fields.indices where mapping.keys[index] != nil && mapping.values[index] != nil { present += 1 }
        var ranges = FieldRanges<Field>(locator: mapping.document.locator, capacity: present)
        for index in schema.fields.indices {
            if let key = mapping.keys[index], let value = mapping.values[index] {
                ranges.add(schema.fields[index], at: mapping.document.span(from: key, to: value))
            }
        }
        return ranges
    }

    var range: SourceRange { mapping.range }
}

import EniplanYAML

/// How a response spells its keys: as the API and the `aliyun` CLI write them (`NetworkInterfaceSets`,
/// `DeleteOnRelease`), or as the TypeScript and Java SDKs' models serialise them (`networkInterfaceSets`,
/// `deleteOnRelease`): the API's name with its first letter in lower case. A file is written in one of them.
enum AliyunSpelling: Sendable, Hashable {
    case pascalCase
    case camelCase

    /// `name`, as the API spells it, in this spelling.
    func key(_ name: String) -> String {
        guard self == .camelCase, let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }

    var other: AliyunSpelling { self == .pascalCase ? .camelCase : .pascalCase }

    /// How messages name the spelling.
    var description: String {
        switch self {
        case .pascalCase: return "PascalCase (as the API and the aliyun CLI write them)"
        case .camelCase: return "camelCase (as the TypeScript and Java SDKs write them)"
        }
    }
}

/// A JSON object of an API response: its members, looked up by the API's name of a key in the
/// response's spelling.
struct AliyunObject {
    let node: NodeID
    let range: SourceRange
    let spelling: AliyunSpelling
    private let document: YAMLDocument
    private let members: [(key: NodeID, value: NodeID)]

    init?(_ node: NodeID, in document: YAMLDocument, spelling: AliyunSpelling = .pascalCase) {
        guard document.kind(node) == .mapping else { return nil }
        self.node = node
        self.document = document
        self.spelling = spelling
        range = document.range(node)
        members = document.entries(node)
    }

    /// The key and value of `key` (the API's name), or nil when the object has no such member. Compares
    /// bytes, so a lookup allocates nothing.
    func member(_ key: String) -> (key: NodeID, value: NodeID)? {
        member(key, spelled: spelling)
    }

    /// The member named `key` in the other spelling, which a file written in one spelling should not have.
    func misspelledMember(_ key: String) -> (key: NodeID, value: NodeID)? {
        let other = spelling.other.key(key)
        guard other != spelling.key(key) else { return nil }
        return members.first { document.scalar($0.key, equals: other) }
    }

    private func member(_ key: String, spelled spelling: AliyunSpelling) -> (key: NodeID, value: NodeID)? {
        let name = spelling.key(key)
        return members.first { document.scalar($0.key, equals: name) }
    }

    func has(_ key: String) -> Bool { member(key) != nil }

    /// From the key's first character to the value's last.
    func range(of key: String) -> SourceRange? {
        guard let member = member(key) else { return nil }
        var range = document.range(member.key)
        range.end = document.range(member.value).end
        return range
    }
}

/// Reads typed values out of one API response. Responses grow new fields over time, so unknown
/// members are ignored; a member eniplan reads that has the wrong type is a located error. The API
/// writes "nothing" as an empty string, an empty object or null: all of them read as absent.
struct AliyunReader {
    var context: DecodingContext
    let call: AliyunCall
    let spelling: AliyunSpelling
    /// The keys already reported as spelled the other way, so that each is reported once.
    private var misspelledKeys: Set<NodeID> = []

    init(document: YAMLDocument, call: AliyunCall, spelling: AliyunSpelling = .pascalCase) {
        context = DecodingContext(document: document)
        self.call = call
        self.spelling = spelling
    }

    /// `key` (the API's name) as this response spells it, for messages.
    func name(_ key: String) -> String { spelling.key(key) }

    /// The member `key` of `object`. A member of that name in the other spelling is an error: a file mixing
    /// the API's spelling and the SDKs' was edited or stitched together, and which of two values counts would
    /// be a guess.
    mutating func member(_ object: AliyunObject, _ key: String) -> (key: NodeID, value: NodeID)? {
        if let other = object.misspelledMember(key), misspelledKeys.insert(other.key).inserted {
            error(.invalidValue, document.range(other.key),
                  "this \(call.name) response spells its keys in \(spelling.description), but this key is '\(DisplayText.quoted(spelling.other.key(key)))'; a response is written in one spelling: save it again from one tool, unedited")
        }
        return object.member(key)
    }

    var document: YAMLDocument { context.document }
    var diagnostics: [Diagnostic] { context.diagnostics }

    mutating func error(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, notes: [YAMLError.Note] = []) {
        context.error(code, range, message, notes: notes)
    }

    /// The node as an object, or nil with an error naming `what`.
    mutating func object(_ node: NodeID, _ what: String) -> AliyunObject? {
        if let object = AliyunObject(node, in: document, spelling: spelling) { return object }
        error(.wrongType, document.range(node), "\(what) in this \(call.name) response must be an object, not \(context.describe(node))")
        return nil
    }

    /// Null, `~` or nothing at all.
    func isNull(_ node: NodeID) -> Bool {
        guard document.kind(node) == .scalar, document.scalarStyle(node) == .plain, document.tag(node) == nil,
              let text = document.scalar(node) else { return false }
        return text.isEmpty || text == "~" || text == "null"
    }

    private func field<Value>(_ value: Value, _ object: AliyunObject, _ key: String) -> AliyunField<Value> {
        AliyunField(value: value, range: object.range(of: key) ?? object.range, call: call)
    }

    // MARK: Scalars

    /// Text; absent when the member is missing, null or the empty string.
    mutating func text(_ object: AliyunObject, _ key: String) -> AliyunField<String>? {
        guard let value = presentText(object, key) else { return nil }
        return value.value.map { field($0, object, key) }
    }

    /// Text checked by `validate` (an address syntax), with a located error when it fails.
    mutating func text(_ object: AliyunObject, _ key: String, validate: (String) -> String?) -> AliyunField<String>? {
        guard let value = text(object, key) else { return nil }
        if let problem = validate(value.value) {
            let node = member(object, key)?.value
            error(.invalidValue, node.map { document.range($0) } ?? value.range, problem)
            return nil
        }
        return value
    }

    /// The member's value as an object; nil when it is missing or null, or (with an error) not an object.
    mutating func nestedObject(_ object: AliyunObject, _ key: String) -> AliyunObject? {
        guard let found = member(object, key), !isNull(found.value), !document.scalar(found.value, equals: "") else { return nil }
        return self.object(found.value, key)
    }

    /// Text where the empty string means "none", as the API writes an unset id (`"InstanceId": ""`):
    /// nil when the member is missing; a field whose value is nil when it says "none".
    mutating func presentText(_ object: AliyunObject, _ key: String) -> AliyunField<String?>? {
        guard let found = member(object, key), !isNull(found.value) else { return nil }
        guard document.kind(found.value) == .scalar, let text = document.scalar(found.value) else {
            error(.wrongType, document.range(found.value), "\(name(key)) must be text, not \(context.describe(found.value))")
            return nil
        }
        return field(text.isEmpty ? nil : text, object, key)
    }

    /// A boolean. The API writes JSON booleans; `"true"` and `"false"` as strings are accepted too,
    /// since some SDKs write every scalar as a string.
    mutating func bool(_ object: AliyunObject, _ key: String) -> AliyunField<Bool>? {
        guard let found = member(object, key), !isNull(found.value) else { return nil }
        if document.scalar(found.value, equals: "true") { return field(true, object, key) }
        if document.scalar(found.value, equals: "false") { return field(false, object, key) }
        error(.wrongType, document.range(found.value), "\(name(key)) must be true or false, not \(context.describe(found.value))")
        return nil
    }

    /// A whole number of at least zero, written as a number or as a string of digits.
    mutating func count(_ object: AliyunObject, _ key: String) -> AliyunField<Int>? {
        guard let found = member(object, key), !isNull(found.value) else { return nil }
        if document.kind(found.value) == .scalar, let text = document.scalar(found.value), let value = Int(text), value >= 0 {
            return field(value, object, key)
        }
        error(.wrongType, document.range(found.value), "\(name(key)) must be a whole number, not \(context.describe(found.value))")
        return nil
    }

    /// One of the words of `choices` (API spelling, like `Running`), mapped to eniplan's value.
    mutating func choice<Value>(_ object: AliyunObject, _ key: String, _ choices: KeyValuePairs<String, Value>,
                                subject: String) -> AliyunField<Value>? {
        guard let text = text(object, key) else { return nil }
        if let match = choices.first(where: { $0.key == text.value }) { return text.map { _ in match.value } }
        let allowed = choices.map(\.key)
        let hint = Suggestions.closest(to: text.value, in: allowed).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
        error(.invalidValue, text.range, "\(subject) has \(name(key)) '\(DisplayText.quoted(text.value))'; eniplan knows \(allowed.joined(separator: ", "))\(hint)")
        return nil
    }

    // MARK: Lists

    /// The items of a list the API wraps in an object (`"Tags": {"Tag": [...]}`). Nil when the member
    /// is missing; empty for an empty wrapper (`{}`), a null list or an empty string. A bare list is
    /// accepted too, as some SDKs unwrap it.
    mutating func items(_ object: AliyunObject, _ key: String, _ inner: String) -> AliyunField<[NodeID]>? {
        guard let found = member(object, key) else { return nil }
        let value = found.value
        if isNull(value) || document.scalar(value, equals: "") { return field([], object, key) }
        switch document.kind(value) {
        case .sequence:
            return field(document.items(value), object, key)
        case .mapping:
            guard let wrapper = AliyunObject(value, in: document, spelling: spelling), let list = member(wrapper, inner), !isNull(list.value) else {
                return field([], object, key)
            }
            guard document.kind(list.value) == .sequence else {
                error(.wrongType, document.range(list.value), "\(name(key)).\(name(inner)) must be a list, not \(context.describe(list.value))")
                return nil
            }
            return field(document.items(list.value), object, key)
        case .scalar, .alias:
            error(.wrongType, document.range(value), "\(name(key)) must be an object holding the list '\(DisplayText.quoted(name(inner)))', not \(context.describe(value))")
            return nil
        }
    }

    /// A wrapped list of text (`"SecurityGroupIds": {"SecurityGroupId": ["sg-1"]}`), or of objects
    /// holding the text under `member` (`"Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "..."}]}`), each
    /// checked by `validate`. Empty entries are skipped.
    mutating func texts(_ object: AliyunObject, _ key: String, _ inner: String, member: String? = nil,
                        validate: ((String) -> String?)? = nil) -> AliyunField<[String]>? {
        guard let list = items(object, key, inner) else { return nil }
        var values: [String] = []
        for item in list.value {
            var node = item
            if let member {
                guard let entry = self.object(item, "each entry of \(name(key)).\(name(inner))") else { continue }
                guard let found = self.member(entry, member), !isNull(found.value) else { continue }
                node = found.value
            }
            guard document.kind(node) == .scalar, let text = document.scalar(node) else {
                error(.wrongType, document.range(node), "each entry of \(name(key)).\(name(inner)) must be text, not \(context.describe(node))")
                continue
            }
            if text.isEmpty { continue }
            if let validate, let problem = validate(text) {
                error(.invalidValue, document.range(node), problem)
                continue
            }
            if !values.contains(text) { values.append(text) }
        }
        return list.map { _ in values }
    }

    /// Resource tags: ECS writes `TagKey`/`TagValue`, VPC writes `Key`/`Value`; both are read.
    /// A tag whose value is empty is left out: eniplan's manifests cannot write an empty tag value,
    /// so it could match no scope and would not read back.
    mutating func tags(_ object: AliyunObject) -> AliyunField<[String: String]>? {
        guard let list = items(object, "Tags", "Tag") else { return nil }
        var tags: [String: String] = [:]
        for item in list.value {
            guard let tag = self.object(item, "each entry of \(name("Tags")).\(name("Tag"))") else { continue }
            let ecs = member(tag, "TagKey") != nil
            let keyName = ecs ? "TagKey" : "Key"
            let valueName = ecs ? "TagValue" : "Value"
            guard let key = text(tag, keyName) else {
                error(.missingKey, tag.range, "a tag in \(name("Tags")).\(name("Tag")) has no \(name("TagKey")) (ECS) or \(name("Key")) (VPC)")
                continue
            }
            if let value = text(tag, valueName) { tags[key.value] = value.value }
        }
        return list.map { _ in tags }
    }
}

import EniplanYAML

/// Reads a baseline, as `eniplan baseline write` writes it, with the same located errors as manifests.
///
/// The file is JSON, so it is read through the YAML loader like every other input; its text fields
/// must be text as JSON spells it (quoted), so `"formatVersion": 2` is refused as a number, as it
/// always was.
package enum BaselineDecoder {
    static let topFields = ["formatVersion", "tool", "findings"]
    static let entryFields = ["fingerprint", "ruleId", "resource", "message"]
    static let resourceFields = ["kind", "id"]

    package static func decode(_ document: YAMLDocument) throws(InputError) -> Baseline {
        guard let root = document.root else {
            throw InputError([Diagnostic(.emptyFile, at: .startOfFile(document.file),
                                         "the baseline file is empty; expected formatVersion, tool and findings", advice: .writeBaseline)])
        }
        if let refusal = DocumentShape.refusal(document, as: "an eniplan baseline", fields: topFields,
                                               advice: .writeBaseline, allowsEmpty: false) {
            throw InputError([refusal])
        }
        var context = DecodingContext(document: document)
        var entries: [Baseline.Entry] = []
        if let top = context.mapping(root, "the baseline", fields: topFields) {
            if let node = value(of: "formatVersion", in: top), let version = text(node, "formatVersion", context: &context),
               !version.hasPrefix("1.")
            {
                context.error(.unsupportedVersion, context.range(node), "baseline format '\(DisplayText.quoted(version))' is not supported (expected 1.x); write the baseline again with this eniplan")
            }
            if let node = value(of: "tool", in: top) { _ = text(node, "tool", context: &context) }
            for field in topFields where value(of: field, in: top) == nil {
                context.error(.missingKey, top.range, "the baseline has no '\(DisplayText.quoted(field))'")
            }
            for item in value(of: "findings", in: top).flatMap({ context.list($0, "findings") }) ?? [] {
                if let entry = entry(item, context: &context) { entries.append(entry) }
            }
        }
        if !context.diagnostics.isEmpty { throw InputError(context.diagnostics) }
        var baseline = Baseline(findings: [])
        baseline.entries = entries
        return baseline
    }

    private static func entry(_ node: NodeID, context: inout DecodingContext) -> Baseline.Entry? {
        guard let fields = context.mapping(node, "a baseline finding", fields: entryFields) else { return nil }
        for field in entryFields where value(of: field, in: fields) == nil {
            context.error(.missingKey, fields.range, "a baseline finding needs '\(DisplayText.quoted(field))'")
        }
        let fingerprint = value(of: "fingerprint", in: fields).flatMap { text($0, "fingerprint", context: &context) }
        let ruleId = value(of: "ruleId", in: fields).flatMap { text($0, "ruleId", context: &context) }
        let message = value(of: "message", in: fields).flatMap { text($0, "message", context: &context) }
        let reference = value(of: "resource", in: fields).flatMap { resource($0, context: &context) }
        guard let fingerprint, let ruleId, let message, let reference else { return nil }
        return Baseline.Entry(fingerprint: fingerprint, ruleId: ruleId, resource: reference, message: message)
    }

    private static func resource(_ node: NodeID, context: inout DecodingContext) -> ResourceReference? {
        guard let fields = context.mapping(node, "resource", fields: resourceFields) else { return nil }
        for field in resourceFields where value(of: field, in: fields) == nil {
            context.error(.missingKey, fields.range, "resource needs '\(DisplayText.quoted(field))'")
        }
        var kind: ResourceKind?
        if let node = value(of: "kind", in: fields), let name = text(node, "resource.kind", context: &context) {
            kind = ResourceKind(rawValue: name)
            if kind == nil {
                let allowed = ResourceKind.allCases.map(\.rawValue)
                let hint = Suggestions.closest(to: name, in: allowed).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
                context.error(.invalidValue, context.range(node), "resource.kind must be one of \(allowed.joined(separator: ", ")), not '\(DisplayText.quoted(name))'\(hint)")
            }
        }
        let id = value(of: "id", in: fields).flatMap { text($0, "resource.id", context: &context) }
        guard let kind, let id else { return nil }
        return ResourceReference(kind: kind, id: id)
    }

    /// The value written for `field`, null included: a required key set to null is a wrong type, not a
    /// missing key.
    private static func value(of field: String, in fields: MappingFields) -> NodeID? {
        fields.fields.firstIndex(of: field).flatMap { fields.values[$0] }
    }

    /// A string as JSON writes one. Quoted text of any length is text (an empty message was always
    /// accepted); a plain number, boolean or null, which JSON writes unquoted, is not.
    private static func text(_ node: NodeID, _ what: String, context: inout DecodingContext) -> String? {
        let document = context.document
        guard document.kind(node) == .scalar, let text = document.scalar(node) else {
            context.error(.wrongType, context.range(node), "\(what) must be text, not \(context.describe(node))")
            return nil
        }
        if let other = nonText(text, tag: document.tag(node), style: document.scalarStyle(node)) {
            context.error(.wrongType, context.range(node), "\(what) must be text, not \(other)")
            return nil
        }
        return text
    }

    /// What a scalar is when it is not text, in words for messages: `the number 2`, `the boolean true`.
    private static func nonText(_ text: String, tag: String?, style: ScalarStyle?) -> String? {
        switch tag {
        case "tag:yaml.org,2002:int"?, "tag:yaml.org,2002:float"?: return "the number \(text)"
        case "tag:yaml.org,2002:bool"?: return "the boolean \(text)"
        case "tag:yaml.org,2002:null"?: return "nothing (null)"
        case nil where style == .plain: break
        default: return nil
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return "nothing (null)"
        case "true", "True", "TRUE", "false", "False", "FALSE": return "the boolean \(text)"
        default: return isNumber(text) ? "the number \(text)" : nil
        }
    }

    /// Whether a plain scalar is a number in YAML 1.2's core schema, which JSON's numbers are part of:
    /// `2`, `-1.5e3`, `0x1F`, `0o17`, `.inf`, `.nan`.
    static func isNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if ["0x", "0o"].contains(where: { rest.hasPrefix($0) }) {
            let digits = rest.dropFirst(2)
            let allowed: (Character) -> Bool = rest.hasPrefix("0x") ? { $0.isHexDigit } : { ("0"..."7").contains($0) }
            return !digits.isEmpty && digits.allSatisfy(allowed)
        }
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(rest) { return true }
        if [".nan", ".NaN", ".NAN"].contains(text) { return true }
        func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
        let whole = rest.prefix(while: isDigit)
        rest = rest.dropFirst(whole.count)
        var fraction: Substring = ""
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }
}

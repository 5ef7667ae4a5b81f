import EniplanYAML

/// Reads `kind: Policy` files with the same located errors as manifests.
package enum PolicyDecoder {
    static let ruleFields = ["id", "severity", "message", "match", "require"]
    static let matchFields = ["kind", "tags", "region", "where"]
    static let conditionFields = ["field"] + ConditionTest.allCases.map(\.rawValue)
    static let requireFields = ["fields", "outcomes", "actions"]
    static let outcomeFields = ["effect", "not"]
    static let actionFields = ["not"]

    package static func decode(_ document: YAMLDocument, known: KnownRules) throws(InputError) -> Policy {
        var context = DecodingContext(document: document)
        var policy = Policy(file: document.file, rules: [])
        guard let root = document.root else {
            throw InputError([Diagnostic(.emptyFile, at: .startOfFile(document.file), "the policy file is empty; expected 'kind: Policy' and rules")])
        }
        if let refusal = DocumentShape.refusal(document, as: "an eniplan policy", fields: ["apiVersion", "kind", "rules"], kinds: ["Policy"]) {
            throw InputError([refusal])
        }
        if let top = context.mapping(root, "the policy", fields: ["apiVersion", "kind", "rules"]) {
            if let version = top["apiVersion"], let text = context.string(version, "apiVersion"), text != ManifestDecoder.apiVersion {
                context.error(.unsupportedVersion, context.range(version), DocumentShape.apiVersionMismatch(text))
            }
            if let kind = top["kind"], let text = context.string(kind, "kind"), text != "Policy" {
                context.error(.wrongKind, context.range(kind), DocumentShape.kindMismatch(text, expected: ["Policy"]))
            }
            for field in ["apiVersion", "kind", "rules"] where top[field] == nil {
                context.error(.missingKey, top.range, "the policy has no '\(DisplayText.quoted(field))'")
            }
            var seen: [String: SourceRange] = [:]
            for item in top["rules"].flatMap({ context.list($0, "rules") }) ?? [] {
                guard let rule = rule(item, context: &context) else { continue }
                if let first = seen[rule.id] {
                    context.error(.duplicateId, rule.range, "policy rule '\(DisplayText.quoted(rule.id))' is defined twice", notes: [YAMLError.Note(range: first, message: "first defined here")])
                } else if known.configurable.contains(where: { $0.isNamed(rule.id) }) {
                    context.error(.reservedId, rule.range, "policy rule id '\(DisplayText.quoted(rule.id))' is a built-in rule's id; choose another")
                } else if known.suppressionChecks.contains(where: { $0.isNamed(rule.id) }) {
                    context.error(.reservedId, rule.range, "policy rule id '\(DisplayText.quoted(rule.id))' is the id of a suppression check (SUP001-SUP003); choose another")
                }
                seen[rule.id] = rule.range
                policy.rules.append(rule)
            }
        }
        if !context.diagnostics.isEmpty { throw InputError(context.diagnostics) }
        return policy
    }

    private static func rule(_ node: NodeID, context: inout DecodingContext) -> PolicyRule? {
        guard let fields = context.mapping(node, "a policy rule", fields: ruleFields) else { return nil }
        for field in ["id", "severity", "message", "match", "require"] where fields[field] == nil {
            context.error(.missingKey, fields.range, "a policy rule needs '\(DisplayText.quoted(field))'")
        }
        let id = fields["id"].flatMap { context.string($0, "id") }
        let severity = fields["severity"].flatMap { context.choice($0, "severity", as: Severity.self) }
        let message = fields["message"].flatMap { context.string($0, "message") }
        var rule = PolicyRule(id: id ?? "", severity: severity ?? .error, message: message ?? "", kind: .networkInterface, tags: [:],
                              regions: [], conditions: [], requiredFields: [], outcomes: [], forbiddenActions: [], range: fields.range)
        if let match = fields["match"], let matchFields = context.mapping(match, "match", fields: matchFields) {
            if let kind = matchFields["kind"], let text = context.string(kind, "match.kind") {
                if let matched = PolicyRule.kinds.first(where: { $0.rawValue == text }) {
                    rule.kind = matched
                } else {
                    let hint = Suggestions.closest(to: text, in: PolicyRule.kinds.map(\.rawValue)).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
                    context.error(.invalidValue, context.range(kind), "match.kind must be instance or networkInterface, not '\(DisplayText.quoted(text))'\(hint)")
                }
            } else if matchFields["kind"] == nil {
                context.error(.missingKey, matchFields.range, "match needs a 'kind': instance or networkInterface")
            }
            rule.tags = matchFields["tags"].map { context.stringMap($0, "match.tags") } ?? [:]
            if let region = matchFields["region"] {
                rule.regions = context.document.kind(region) == .sequence
                    ? context.stringList(region, "match.region") : context.string(region, "match.region").map { [$0] } ?? []
            }
            for item in matchFields["where"].flatMap({ context.list($0, "match.where") }) ?? [] {
                if let condition = condition(item, kind: rule.kind, context: &context) { rule.conditions.append(condition) }
            }
        }
        if let require = fields["require"], let requireFields = context.mapping(require, "require", fields: requireFields) {
            if requireFields["fields"] == nil && requireFields["outcomes"] == nil && requireFields["actions"] == nil {
                context.error(.missingKey, requireFields.range, "require needs 'fields', 'outcomes' or 'actions'")
            }
            if let required = requireFields["fields"] {
                let allowed = rule.kind == .instance ? PolicyRule.instanceFields : PolicyRule.interfaceFields
                if let map = context.mapping(required, "require.fields", schema: allowed) {
                    for field in allowed.fields {
                        guard let value = map[field] else { continue }
                        guard context.document.kind(value) == .scalar, let text = context.document.scalar(value) else {
                            context.error(.wrongType, context.range(value), "require.fields.\(field.rawValue) must be one value (text, a number, true or false), not \(context.describe(value))")
                            continue
                        }
                        rule.requiredFields.append((field, text, map.range(of: field) ?? map.range))
                    }
                    // Unknown keys are reported already; a mapping of known fields all written null requires nothing.
                    let onlyKnownKeys = context.document.entries(required).allSatisfy { entry in allowed.names.contains { context.document.scalar(entry.key, equals: $0) } }
                    if onlyKnownKeys && allowed.fields.allSatisfy({ map[$0] == nil }) {
                        context.error(.invalidValue, map.range, "require.fields names no field value; give at least one field and the value it must have (deleteOnRelease: false), or leave fields out")
                    }
                }
            }
            let outcomeItems = requireFields["outcomes"].flatMap { context.list($0, "require.outcomes") }
            if let outcomes = requireFields["outcomes"], outcomeItems?.isEmpty == true {
                context.error(.invalidValue, context.range(outcomes), "require.outcomes is an empty list; give at least one outcome requirement ({effect: eip, not: dissociated}), or leave outcomes out")
            }
            for item in outcomeItems ?? [] {
                guard let outcome = context.mapping(item, "an outcome requirement", fields: outcomeFields) else { continue }
                guard let effectNode = outcome["effect"], let notNode = outcome["not"] else {
                    context.error(.missingKey, outcome.range, "an outcome requirement needs 'effect' (an effect kind) and 'not' (the outcomes it must not have)")
                    continue
                }
                let effect = context.choice(effectNode, "effect", as: EffectKind.self)
                let forbidden = (context.document.kind(notNode) == .sequence ? context.document.items(notNode) : [notNode])
                    .compactMap { context.choice($0, "not", as: EffectOutcome.self) }
                if let effect { rule.outcomes.append(.init(effect: effect, forbidden: forbidden)) }
            }
            if let actions = requireFields["actions"], let map = context.mapping(actions, "require.actions", fields: actionFields) {
                let names = Action.allCases.map(\.rawValue).joined(separator: ", ")
                if let notNode = map["not"] {
                    let items = context.document.kind(notNode) == .sequence ? context.document.items(notNode) : [notNode]
                    if items.isEmpty {
                        context.error(.invalidValue, context.range(notNode), "require.actions.not is an empty list; name at least one action the plan must not take (\(names))")
                    }
                    rule.forbiddenActions = items.compactMap { context.choice($0, "not", as: Action.self) }
                } else {
                    context.error(.missingKey, map.range, "require.actions needs 'not': the actions the plan must not take (\(names))")
                }
            }
        }
        return id == nil || message == nil ? nil : rule
    }

    /// The tests a match condition can make of its field, one per condition.
    private enum ConditionTest: String, CaseIterable {
        case equals, `in`, exists, matches
    }

    private static func condition(_ node: NodeID, kind: ResourceKind, context: inout DecodingContext) -> PolicyRule.FieldCondition? {
        guard let fields = context.mapping(node, "a match condition", fields: conditionFields) else { return nil }
        let allowed = kind == .instance ? PolicyRule.instanceFields : PolicyRule.interfaceFields
        guard let fieldNode = fields["field"], let name = context.string(fieldNode, "field") else {
            if fields["field"] == nil { context.error(.missingKey, fields.range, "a match condition needs 'field'") }
            return nil
        }
        guard let field = allowed.fields.first(where: { $0.rawValue == name }) else {
            let hint = Suggestions.closest(to: name, in: allowed.names).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? "; expected one of \(allowed.names.joined(separator: ", "))"
            context.error(.unknownKey, context.range(fieldNode), "unknown field '\(DisplayText.quoted(name))'\(hint)")
            return nil
        }
        let tests = ConditionTest.allCases.filter { fields[$0.rawValue] != nil }
        guard tests.count == 1, let test = tests.first, let value = fields[test.rawValue] else {
            context.error(.missingKey, fields.range, "a match condition needs exactly one of equals, in, exists, matches")
            return nil
        }
        switch test {
        case .equals:
            guard let text = context.string(value, "equals") else { return nil }
            return .init(field: field, condition: .equals(text))
        case .in:
            return .init(field: field, condition: .oneOf(context.stringList(value, "in")))
        case .exists:
            guard let flag = context.bool(value, "exists") else { return nil }
            return .init(field: field, condition: .exists(flag))
        case .matches:
            guard let text = context.string(value, "matches") else { return nil }
            do {
                return .init(field: field, condition: .matches(try PolicyPattern(text)))
            } catch {
                context.error(.patternRefused, context.range(value),
                              "pattern '\(DisplayText.quoted(text))' is refused at character \(error.position): \(DisplayText.escaped(error.reason))")
                return nil
            }
        }
    }
}

extension PolicyRule {
    /// The kinds of resource a policy rule can match.
    static let kinds: [ResourceKind] = [.instance, .networkInterface]

    /// The fields a policy can test, in the order messages list them.
    static let instanceFields = FieldSchema<Field>([.id, .name, .zone, .vpc, .status, .deletionProtection, .eip])
    static let interfaceFields = FieldSchema<Field>([.id, .name, .type, .deleteOnRelease, .vswitch, .zone, .vpc, .eip, .ipv6Bandwidth,
                                                     .securityGroups, .privateIpv4, .instance])
}

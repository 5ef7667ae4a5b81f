import EniplanYAML

/// How a policy checks a plan: each rule's match and requirement over the changes and the resources they are about.
extension Policy {
    func check(_ context: RuleContext) throws(InputError) -> [Finding] {
        var findings: [Finding] = []
        for rule in rules { findings += try rule.check(context) }
        return findings
    }
}

extension PolicyRule {
    func check(_ context: RuleContext) throws(InputError) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        // The desired (or checked) side first: field requirements are about what the manifest says.
        for manifest in context.subjects {
            guard regions.isEmpty || manifest.region.map(regions.contains) == true else { continue }
            for (id, fields, resourceTags, range, locations) in resources(of: manifest) {
                guard try matches(fields, resourceTags, resource: id, at: { locations.range(of: $0) ?? range }) else { continue }
                seen.insert(id)
                for requirement in requiredFields where fields[requirement.field] != requirement.value {
                    let actual = fields[requirement.field].map { "'\(DisplayText.quoted($0))'" } ?? "not set"
                    findings.append(finding(
                        "\(message): \(noun) '\(DisplayText.quoted(id))' has \(requirement.field.rawValue) \(actual), the policy requires '\(DisplayText.quoted(requirement.value))'",
                        id: id, at: locations.range(of: requirement.field) ?? range, discriminator: requirement.field.rawValue))
                }
                findings += outcomeFindings(id: id, context: context, fallback: range)
            }
        }
        // Resources only the current state has (released ones) can still break outcome requirements.
        if context.mode == .plan {
            let region = context.current.region
            guard regions.isEmpty || region.map(regions.contains) == true else { return findings }
            for change in context.plan.changes where change.kind == kind && !seen.contains(change.id) {
                let current: (fields: [Field: String], tags: [String: String])?
                switch kind {
                case .instance: current = context.current.instance(change.id).map { (Self.fields(of: $0), $0.tags) }
                case .networkInterface: current = context.current.interfaces[change.id].map { (Self.fields(of: $0.eni), $0.eni.tags) }
                default: current = nil
                }
                let location = change.location ?? range
                guard let current, try matches(current.fields, current.tags, resource: change.id, at: { _ in location }) else { continue }
                findings += outcomeFindings(id: change.id, context: context, fallback: change.location ?? range)
            }
        }
        return findings
    }

    private var noun: String { kind == .instance ? "instance" : "ENI" }

    /// The rule as the rule catalogue lists it: its message is its summary; it has no examples.
    var ruleDescription: RuleDescription {
        RuleDescription(id: id, slug: slug, severity: severity, summary: message, rationale: "", fixHint: "", triggering: [], nonTriggering: [],
                        kind: .policy(file: range.file))
    }

    /// The id as a slug: lowercase, with anything but letters and digits turned into dashes.
    var slug: String {
        String(id.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    private func outcomeFindings(id: String, context: RuleContext, fallback: SourceRange) -> [Finding] {
        guard let change = context.change(of: kind, id) else { return [] }
        var findings: [Finding] = []
        if forbiddenActions.contains(change.action) {
            findings.append(finding("\(message): \(noun) '\(DisplayText.quoted(id))' is planned to \(change.action.rawValue)", id: id,
                                    at: change.location ?? fallback, discriminator: "action"))
        }
        for requirement in outcomes {
            for effect in change.effects where effect.kind == requirement.effect && requirement.forbidden.contains(effect.outcome) {
                let subject = effect.value ?? effect.id ?? effect.destination ?? ""
                findings.append(finding(
                    "\(message): \(effect.kind.noun) '\(DisplayText.quoted(subject))' of \(noun) '\(DisplayText.quoted(id))' \(context.willBe) \(effect.outcome.rawValue)",
                    id: id, at: change.location ?? fallback, discriminator: "\(effect.kind.rawValue):\(subject)"))
            }
        }
        return findings
    }

    private func finding(_ text: String, id: String, at range: SourceRange, discriminator: String) -> Finding {
        Finding(ruleId: self.id, slug: slug, severity: severity, message: text,
                resource: ResourceReference(kind: kind, id: id), location: range, discriminator: discriminator)
    }

    /// Whether the resource matches the rule's tags and conditions. A value longer than a pattern may be
    /// matched against (`PolicyPattern.maxValueBytes`) is an error at the field `location` gives.
    private func matches(_ fields: [Field: String], _ resourceTags: [String: String], resource id: String,
                         at location: (Field) -> SourceRange) throws(InputError) -> Bool {
        guard tags.allSatisfy({ resourceTags[$0.key] == $0.value }) else { return false }
        for condition in conditions {
            let value = fields[condition.field]
            let satisfied: Bool
            switch condition.condition {
            case .equals(let expected): satisfied = value == expected
            case .oneOf(let options): satisfied = value.map(options.contains) ?? false
            case .exists(let wanted): satisfied = (value != nil) == wanted
            case .matches(let pattern):
                guard let value else { satisfied = false; break }
                let bytes = value.utf8.count
                guard bytes <= PolicyPattern.maxValueBytes else {
                    throw InputError([Diagnostic(.valueTooLong, at: location(condition.field),
                        "\(DisplayText.escaped(condition.field.rawValue)) of \(noun) '\(DisplayText.quoted(id))' is \(bytes) bytes long; policy rule '\(DisplayText.quoted(self.id))' matches a pattern against values of at most \(PolicyPattern.maxValueBytes) bytes")])
                }
                satisfied = pattern.matches(value)
            }
            guard satisfied else { return false }
        }
        return true
    }

    /// Where the fields of a resource a policy tests are written.
    private enum FieldLocations {
        case instance(FieldRanges<Instance.Field>)
        case networkInterface(FieldRanges<NetworkInterface.Field>)

        func range(of field: Field) -> SourceRange? {
            switch self {
            case .instance(let ranges): return field.instanceField.flatMap { ranges[$0] }
            case .networkInterface(let ranges): return field.interfaceField.flatMap { ranges[$0] }
            }
        }
    }

    /// A resource as a policy sees it: its fields' values, and where each is written, if it is.
    private typealias Resource = (id: String, fields: [Field: String], tags: [String: String], range: SourceRange, locations: FieldLocations)

    private func resources(of manifest: Manifest) -> [Resource] {
        switch kind {
        case .instance:
            return manifest.instances.map { ($0.identity, Self.fields(of: $0), $0.tags, $0.range, .instance($0.fields)) }
        case .networkInterface:
            let attached = manifest.instances.flatMap { instance in
                instance.networkInterfaces.map { eni -> Resource in
                    var fields = Self.fields(of: eni)
                    fields[.zone] = fields[.zone] ?? instance.zone
                    fields[.vpc] = fields[.vpc] ?? instance.vpc
                    fields[.instance] = instance.identity
                    return (eni.identity, fields, eni.tags, eni.range, .networkInterface(eni.fields))
                }
            }
            return attached + manifest.networkInterfaces.map { ($0.identity, Self.fields(of: $0), $0.tags, $0.range, .networkInterface($0.fields)) }
        default:
            return []
        }
    }

    static func fields(of instance: Instance) -> [Field: String] {
        var fields: [Field: String] = [:]
        fields[.id] = instance.id
        fields[.name] = instance.name
        fields[.zone] = instance.zone
        fields[.vpc] = instance.vpc
        fields[.status] = instance.status?.rawValue
        fields[.deletionProtection] = instance.deletionProtection.map { String($0) }
        fields[.eip] = instance.eip
        return fields
    }

    static func fields(of eni: NetworkInterface) -> [Field: String] {
        var fields: [Field: String] = [:]
        fields[.id] = eni.id
        fields[.name] = eni.name
        fields[.type] = eni.type.rawValue
        fields[.deleteOnRelease] = eni.deleteOnRelease.value.map { String($0) }
        fields[.vswitch] = eni.vswitch
        fields[.zone] = eni.zone
        fields[.vpc] = eni.vpc
        fields[.eip] = eni.eips.isEmpty ? nil : eni.eips.map(\.id).joined(separator: ",")
        fields[.ipv6Bandwidth] = eni.ipv6Bandwidth.map { String($0) }
        fields[.securityGroups] = eni.securityGroups.isEmpty ? nil : eni.securityGroups.joined(separator: ",")
        fields[.privateIpv4] = eni.privateIpv4.isEmpty ? nil : eni.privateIpv4.joined(separator: ",")
        return fields
    }
}

/// Every rule a run can raise a finding of: the built-in rules in id order, the suppression checks SUP001-SUP003,
/// then the policy rules given, in id order. `eniplan rules`, `eniplan explain` and SARIF's `tool.driver.rules` read it.
public struct RuleCatalog: Sendable, Hashable {
    public var rules: [RuleDescription]

    /// The built-in rules and the suppression checks, then the rules of `policies` (an id already listed is listed once).
    public init(policies: [Policy] = []) {
        rules = RuleRegistry.descriptions + Suppressions.ruleDescriptions
        var known = Set(rules.map(\.id))
        for rule in policies.flatMap(\.rules).sorted(by: { $0.id < $1.id }) where known.insert(rule.id).inserted {
            rules.append(rule.ruleDescription)
        }
    }

    /// A rule by id (`ENI002`) or slug (`eip-left-unbound`), case-insensitive.
    public func rule(named name: String) -> RuleDescription? {
        let lowered = name.lowercased()
        return rules.first { $0.id.lowercased() == lowered || $0.slug == lowered }
    }
}

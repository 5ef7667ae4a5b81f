extension RuleCatalogReporter {
    struct CatalogueEntry: Encodable {
        struct Example: Encodable {
            var current: String?
            var desired: String
        }

        var id: String
        var slug: String
        var severity: Severity
        var summary: String
        var rationale: String
        var fixHint: String
        var configKeys: [String]
        var triggering: [Example]
        var nonTriggering: [Example]
    }

    /// The catalogue as JSON, keys sorted.
    public static func json(_ rules: [RuleDescription]) -> String {
        (try? PrettyJSONEncoder().encodeLine(catalogue(rules))) ?? "{}\n"
    }

    /// The document `json` writes.
    static func catalogue(_ rules: [RuleDescription]) -> [String: [CatalogueEntry]] {
        let entries = rules.map { rule in
            CatalogueEntry(id: rule.id, slug: rule.slug, severity: rule.severity, summary: rule.summary, rationale: rule.rationale,
                           fixHint: rule.fixHint, configKeys: RuleHelp.configKeys(rule),
                           triggering: rule.triggering.map { CatalogueEntry.Example(current: $0.current, desired: $0.desired) },
                           nonTriggering: rule.nonTriggering.map { CatalogueEntry.Example(current: $0.current, desired: $0.desired) })
        }
        return ["rules": entries]
    }
}

import Foundation

extension RuleCatalogReporter {
    private struct Entry: Encodable {
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
        let entries = rules.map { rule in
            Entry(id: rule.id, slug: rule.slug, severity: rule.severity, summary: rule.summary, rationale: rule.rationale,
                  fixHint: rule.fixHint, configKeys: configKeys(rule.id),
                  triggering: rule.triggering.map { Entry.Example(current: $0.current, desired: $0.desired) },
                  nonTriggering: rule.nonTriggering.map { Entry.Example(current: $0.current, desired: $0.desired) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(["rules": entries]) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

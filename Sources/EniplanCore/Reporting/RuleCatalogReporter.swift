/// `eniplan rules` and `eniplan explain`: the rule catalogue as a table, JSON or Markdown.
public enum RuleCatalogReporter {
    /// The config keys that touch every rule.
    static func configKeys(_ id: String) -> [String] {
        ["rules.\(id).enabled", "rules.\(id).severity", "suppressions[].rule: \(id)", "failOn"]
    }

    public static func table(_ rules: [RuleDescription]) -> String {
        let slugWidth = rules.map(\.slug.count).max() ?? 4
        var lines = ["ID      " + "SLUG".padded(to: slugWidth) + "  SEVERITY  SUMMARY"]
        for rule in rules {
            lines.append(rule.id.padded(to: 8) + rule.slug.padded(to: slugWidth) + "  " + rule.severity.rawValue.padded(to: 8) + "  " + rule.summary)
        }
        lines.append("")
        lines.append("Run 'eniplan explain RULE' for a rule's rationale, examples and fix.")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func explanation(_ rule: RuleDescription) -> String {
        var lines = [
            "\(rule.id) \(rule.slug) (default severity: \(rule.severity.rawValue))",
            "",
            rule.summary,
            "",
            "Why:",
            rule.rationale.wrapped(indent: "  "),
            "",
            "Fix:",
            rule.fixHint.wrapped(indent: "  "),
            "",
            "Config keys that touch it: " + configKeys(rule.id).joined(separator: ", "),
            "Suppress one finding inline: # eniplan:ignore \(rule.id) reason=\"...\" expires=YYYY-MM-DD",
        ]
        for (title, examples) in [("Triggers on", rule.triggering), ("Does not trigger on", rule.nonTriggering)] {
            for (number, example) in examples.enumerated() {
                lines.append("")
                lines.append("\(title) (example \(number + 1)\(example.current == nil ? ", eniplan check" : ", eniplan plan")):")
                if let current = example.current {
                    lines.append("  current state:")
                    lines.append(current.indentedBlock("    "))
                    lines.append("  desired manifest:")
                }
                lines.append(example.desired.indentedBlock("    "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ rules: [RuleDescription]) -> String {
        var lines = [
            "# eniplan rules",
            "",
            "Generated from the rule catalogue (`eniplan rules --format markdown`); a test keeps it in sync.",
            "",
            "| id | slug | severity | summary |",
            "|---|---|---|---|",
        ]
        for rule in rules {
            lines.append("| [\(rule.id)](#\(rule.id.lowercased())) | `\(rule.slug)` | \(rule.severity.rawValue) | \(rule.summary) |")
        }
        for rule in rules {
            lines += ["", "## \(rule.id)", "", "`\(rule.slug)`, default severity **\(rule.severity.rawValue)**: \(rule.summary).", "",
                      rule.rationale, "", "**Fix:** \(rule.fixHint).", "",
                      "**Config keys:** " + configKeys(rule.id).map { "`\($0)`" }.joined(separator: ", ")]
            for (title, examples) in [("Triggers on", rule.triggering), ("Does not trigger on", rule.nonTriggering)] {
                for example in examples {
                    lines += ["", "\(title):", ""]
                    if let current = example.current {
                        lines += ["Current state:", "", "```yaml", current.trimmedTrailingNewlines(), "```", "", "Desired manifest:", ""]
                    }
                    lines += ["```yaml", example.desired.trimmedTrailingNewlines(), "```"]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }

    func indentedBlock(_ indent: String) -> String {
        trimmedTrailingNewlines().split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
    }

    func trimmedTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Wraps prose at 100 columns after `indent`.
    func wrapped(indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in split(separator: " ") {
            if line.count + word.count + 1 > 100 && line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

/// `eniplan rules` and `eniplan explain`: the rule catalogue as a table, JSON or Markdown, and one rule's help.
public enum RuleCatalogReporter {
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

    /// What `eniplan explain` prints: the rule's help (`RuleHelp.text`).
    public static func explanation(_ rule: RuleDescription) -> String { RuleHelp.text(rule) }

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
            lines += [""] + RuleHelp.section(rule)
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

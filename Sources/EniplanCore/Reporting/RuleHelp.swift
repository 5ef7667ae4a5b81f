/// A rule's help, the one text every place that describes a rule prints: `eniplan explain` and SARIF's help text
/// (`text`), SARIF's help Markdown (`markdown`), and a section of docs/rules.md (`section`). What a user can do about
/// a finding depends on the rule's kind: a built-in rule is configured and suppressed, a suppression check is
/// neither, a policy rule is suppressed.
package enum RuleHelp {
    /// Findings about suppressions are raised after config and suppressions have been applied.
    static let suppressionCheckNote = "Findings about suppressions cannot be suppressed, disabled or given another severity: fix the suppression."

    /// The config keys that touch the rule: every key for a built-in rule, only the gate for a suppression check.
    static func configKeys(_ rule: RuleDescription) -> [String] {
        switch rule.kind {
        case .builtIn: ["rules.\(rule.id).enabled", "rules.\(rule.id).severity", "suppressions[].rule: \(rule.id)", "failOn"]
        case .suppressionCheck: ["failOn"]
        case .policy: ["suppressions[].rule: \(rule.id)", "failOn"]
        }
    }

    /// The inline comment that suppresses one finding of the rule.
    static func suppression(_ rule: RuleDescription) -> String { "# eniplan:ignore \(rule.id) reason=\"...\" expires=YYYY-MM-DD" }

    /// What the rule checks, in full: its rationale, or for a policy rule its message and where it is written,
    /// the file as `path` shows it.
    static func fullDescription(_ rule: RuleDescription, path: (String) -> String = { $0 }) -> String {
        guard case .policy(let file) = rule.kind else { return rule.rationale }
        return "\(rule.summary) (declarative policy rule \(rule.id) from \(file.isEmpty ? "a policy file" : "'\(path(file))'"))"
    }

    /// The help as plain text, prose wrapped at 100 columns: what `eniplan explain` prints.
    package static func text(_ rule: RuleDescription, path: (String) -> String = { $0 }) -> String {
        if case .policy = rule.kind {
            return "\(fullDescription(rule, path: path))\n\nSuppress one finding inline: \(suppression(rule))\n"
        }
        var lines = ["\(rule.id) \(rule.slug) (default severity: \(rule.severity.rawValue))", "", rule.summary, "",
                     "Why:", rule.rationale.wrapped(indent: "  "), "", "Fix:", rule.fixHint.wrapped(indent: "  "), ""]
        lines += rule.kind == .suppressionCheck ? [suppressionCheckNote]
            : ["Config keys that touch it: " + configKeys(rule).joined(separator: ", "), "Suppress one finding inline: \(suppression(rule))"]
        for (title, example, number) in examples(rule) {
            lines += ["", "\(title) (example \(number), eniplan \(example.current == nil ? "check" : "plan")):"]
            if let current = example.current {
                lines += ["  current state:", current.indentedBlock("    "), "  desired manifest:"]
            }
            lines.append(example.desired.indentedBlock("    "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The help as Markdown, for SARIF viewers.
    package static func markdown(_ rule: RuleDescription, path: (String) -> String = { $0 }) -> String {
        if case .policy = rule.kind {
            return "\(fullDescription(rule, path: path))\n\nSuppress one finding inline: `\(suppression(rule))`\n"
        }
        var lines = ["**\(rule.id) `\(rule.slug)`** (default severity: \(rule.severity.rawValue)): \(rule.summary).", "",
                     rule.rationale, "", "**Fix:** \(rule.fixHint).", "",
                     rule.kind == .suppressionCheck ? suppressionCheckNote : "Suppress one finding inline: `\(suppression(rule))`"]
        for (title, example, _) in examples(rule) {
            lines += ["", "\(title) (`eniplan \(example.current == nil ? "check" : "plan")`):", ""] + markdownBlocks(example)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rule's section of docs/rules.md (`eniplan rules --format markdown`), as lines.
    static func section(_ rule: RuleDescription) -> [String] {
        var lines = ["## \(rule.id)", "", "`\(rule.slug)`, default severity **\(rule.severity.rawValue)**: \(rule.summary).", "",
                     rule.rationale, "", "**Fix:** \(rule.fixHint).", "",
                     rule.kind == .suppressionCheck ? suppressionCheckNote : "**Config keys:** " + configKeys(rule).map { "`\($0)`" }.joined(separator: ", ")]
        for (title, example, _) in examples(rule) {
            lines += ["", "\(title):", ""] + markdownBlocks(example)
        }
        return lines
    }

    /// The triggering examples, then the non-triggering ones, each with its title and its 1-based number in its list.
    private static func examples(_ rule: RuleDescription) -> [(title: String, example: RuleExample, number: Int)] {
        [("Triggers on", rule.triggering), ("Does not trigger on", rule.nonTriggering)].flatMap { title, examples in
            examples.enumerated().map { (title, $1, $0 + 1) }
        }
    }

    /// An example as fenced YAML: the current state and the desired manifest, or the checked manifest alone.
    private static func markdownBlocks(_ example: RuleExample) -> [String] {
        var lines: [String] = []
        if let current = example.current {
            lines += ["Current state:", "", "```yaml", current.trimmedTrailingNewlines(), "```", "", "Desired manifest:", ""]
        }
        return lines + ["```yaml", example.desired.trimmedTrailingNewlines(), "```"]
    }
}

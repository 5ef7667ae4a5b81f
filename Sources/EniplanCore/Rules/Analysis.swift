import EniplanYAML

/// A plan with its findings: what every reporter prints.
public struct Analysis: Sendable {
    public var plan: Plan
    /// Sorted by file, line, column, rule id and resource.
    public var findings: [Finding]
    /// Baseline entries that no finding matches any more.
    public var fixed: [Baseline.Entry]
    public var mode: RuleContext.Mode
    /// Every rule that ran (built-in, suppression checks, the user's policy rules), for reports that list them (SARIF).
    public var rules: RuleCatalog

    /// Findings that gate at `threshold`: active (not suppressed, not baselined) and at least that severe.
    public func blocking(at threshold: Severity) -> [Finding] {
        findings.filter { $0.isActive && $0.severity >= threshold }
    }
}

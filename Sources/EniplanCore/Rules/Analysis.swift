import EniplanYAML

/// A plan with its findings: what every reporter prints.
public struct Analysis: Sendable {
    public var plan: Plan
    /// Sorted by file, line, column, rule id and resource.
    public var findings: [Finding]
    /// Baseline entries that no finding matches any more.
    public var fixed: [Baseline.Entry]
    public var mode: RuleContext.Mode
    /// The user's policy rules that ran, for reports that list every rule (SARIF).
    public var policyRules: [PolicyRule]

    /// Findings that gate at `threshold`: active (not suppressed, not baselined) and at least that severe.
    public func blocking(at threshold: Severity) -> [Finding] {
        findings.filter { $0.isActive && $0.severity >= threshold }
    }
}

/// Runs the built-in rules (and policies), then config, suppressions and the baseline.
public struct RuleEngine: Sendable {
    public var configuration: Configuration
    public var policies: [Policy]
    public var baseline: Baseline?
    /// `YYYY-MM-DD`; suppressions expire after it.
    public var today: String

    public init(configuration: Configuration = Configuration(), policies: [Policy] = [], baseline: Baseline? = nil, today: String) {
        self.configuration = configuration
        self.policies = policies
        self.baseline = baseline
        self.today = today
    }

    public func analyze(mode: RuleContext.Mode, plan: Plan, current: [Manifest], subjects: [Manifest], catalog: RegionCatalog) throws(InputError) -> Analysis {
        let context = try RuleContext(mode: mode, plan: plan, current: current, subjects: subjects, catalog: catalog)
        var findings: [Finding] = []
        for rule in RuleRegistry.rules {
            let id = type(of: rule).description.id
            let setting = configuration.rules[id]
            if setting?.enabled == false { continue }
            var produced = rule.check(context)
            if let severity = setting?.severity {
                for index in produced.indices { produced[index].severity = severity }
            }
            findings += produced
        }
        for policy in policies {
            findings += try policy.check(context)
        }
        var knownRules = Set(RuleRegistry.descriptions.map(\.id))
        for policy in policies { knownRules.formUnion(policy.rules.map(\.id)) }
        var suppressions = Suppressions(manifests: subjects + (mode == .plan ? current : []), configuration: configuration, knownRules: knownRules)
        suppressions.apply(to: &findings, today: today)
        findings += suppressions.problems
        var fixed: [Baseline.Entry] = []
        if let baseline {
            let known = Set(baseline.entries.map(\.fingerprint))
            for index in findings.indices where findings[index].suppression == nil {
                findings[index].baseline = known.contains(findings[index].fingerprint) ? .baselined : .new
            }
            let present = Set(findings.map(\.fingerprint))
            fixed = baseline.entries.filter { !present.contains($0.fingerprint) }
        }
        findings = Self.deduplicated(findings)
        // Sorting positions moves 8 bytes at a time rather than whole findings.
        findings = findings.indices.sorted { Self.order(findings[$0], findings[$1]) }.map { findings[$0] }
        // The planner's indexes hold the decoded inputs; the analysis outlives them (reports need neither).
        var plan = plan
        plan.indexes = nil
        return Analysis(plan: plan, findings: findings, fixed: fixed, mode: mode, policyRules: policies.flatMap(\.rules))
    }

    /// The same finding twice (same fingerprint, place and message) is shown once.
    private static func deduplicated(_ findings: [Finding]) -> [Finding] {
        struct Identity: Hashable {
            var fingerprint: String
            var file: String
            var line: Int
            var column: Int
            var message: String
        }
        var seen = Set<Identity>(minimumCapacity: findings.count)
        return findings.filter {
            seen.insert(Identity(fingerprint: $0.fingerprint, file: $0.location.file, line: $0.location.start.line,
                                 column: $0.location.start.column, message: $0.message)).inserted
        }
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.file, a.location.start.line, a.location.start.column, a.ruleId, a.resource.id, a.message)
            < (b.location.file, b.location.start.line, b.location.start.column, b.ruleId, b.resource.id, b.message)
    }
}

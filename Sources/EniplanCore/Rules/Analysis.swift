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
    /// A sweep's estates and the files it skipped; nil for one estate.
    public var sweep: Sweep?

    /// Findings that gate at `threshold`: active (not suppressed, not baselined) and at least that severe.
    public func blocking(at threshold: Severity) -> [Finding] {
        findings.filter { $0.isActive && $0.severity >= threshold }
    }
}

/// What a compliance sweep read: each estate (a manifest file, or the API responses joined) with its region, and
/// the files a folder's walk found that are not eniplan manifests.
public struct Sweep: Sendable, Hashable {
    public struct Estate: Sendable, Hashable {
        /// The estate's file (the first of the API responses joined).
        public var file: String
        public var region: String?

        public init(file: String, region: String?) {
            self.file = file
            self.region = region
        }
    }

    public var estates: [Estate]
    public var skipped: [String]
    /// `--estate combined`: the estates' files were read as one estate.
    public var combined = false

    public init(estates: [Estate], skipped: [String], combined: Bool = false) {
        self.estates = estates
        self.skipped = skipped
        self.combined = combined
    }
}

/// A baseline as `baseline write` makes it: the findings a run gates on.
extension Baseline {
    /// The unsuppressed findings, once per fingerprint, sorted by rule, resource and fingerprint.
    public init(findings: [Finding]) {
        var seen: Set<String> = []
        self.init(entries: findings.filter { $0.suppression == nil && seen.insert($0.fingerprint).inserted }
            .map { Entry(fingerprint: $0.fingerprint, ruleId: $0.ruleId, resource: $0.resource, message: $0.message) }
            .sorted { ($0.ruleId, $0.resource.id, $0.fingerprint) < ($1.ruleId, $1.resource.id, $1.fingerprint) })
    }
}

import EniplanYAML

/// Accepted findings, keyed by fingerprint (rule and resource identity, never a line number).
public struct Baseline: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var ruleId: String
        public var resource: ResourceReference
        public var message: String
    }

    public static let formatVersion = "1.0"
    public var entries: [Entry]

    public init(findings: [Finding]) {
        var seen: Set<String> = []
        entries = findings.filter { $0.suppression == nil && seen.insert($0.fingerprint).inserted }
            .map { Entry(fingerprint: $0.fingerprint, ruleId: $0.ruleId, resource: $0.resource, message: $0.message) }
            .sorted { ($0.ruleId, $0.resource.id, $0.fingerprint) < ($1.ruleId, $1.resource.id, $1.fingerprint) }
    }

    private struct File: Encodable {
        var formatVersion: String
        var tool: String
        var findings: [Entry]
    }

    /// The baseline as a JSON document, deterministic.
    public func rendered() -> String {
        // Strings and numbers only: encoding cannot fail.
        (try? PrettyJSONEncoder().encodeLine(File(formatVersion: Self.formatVersion, tool: "eniplan", findings: entries))) ?? "{}\n"
    }
}

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

    public init(entries: [Entry]) { self.entries = entries }

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

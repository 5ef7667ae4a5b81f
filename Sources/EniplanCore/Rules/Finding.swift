import EniplanYAML

/// Why a finding does not gate: an inline comment or a config entry accepted it.
public struct SuppressionMark: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable {
        case inline
        case config
    }

    public var source: Source
    public var reason: String
    /// `YYYY-MM-DD`, when the suppression has one.
    public var expires: String?
    public var location: SourceRange?
}

/// Whether a baseline already knew a finding.
public enum BaselineState: String, Sendable, Hashable, Codable {
    case new
    case baselined
}

/// One problem a rule or policy found, pointing at the exact node.
public struct Finding: Sendable, Hashable {
    public var ruleId: String
    public var slug: String
    public var severity: Severity
    public var message: String
    public var resource: ResourceReference
    public var location: SourceRange
    /// Rule and resource identity (never a line number), so moving YAML around keeps it.
    public var fingerprint: String
    public var fixHint: String?
    public var suppression: SuppressionMark?
    public var baseline: BaselineState?
    /// What else the reader should know: an expired suppression, say.
    public var notes: [String]
    /// The Terraform address of the resource (`alicloud_instance.web[0]`), when a Terraform plan manages it.
    public var terraformAddress: String?

    public init(ruleId: String, slug: String, severity: Severity, message: String, resource: ResourceReference,
                location: SourceRange, discriminator: String = "", fixHint: String? = nil) {
        self.ruleId = ruleId
        self.slug = slug
        self.severity = severity
        self.message = message
        self.resource = resource
        self.location = location
        self.fingerprint = Fingerprint.of(ruleId, resource.kind.rawValue, resource.id, discriminator)
        self.fixHint = fixHint
        self.suppression = nil
        self.baseline = nil
        self.notes = []
    }

    /// Whether the finding counts toward the gate: not suppressed, not in the baseline.
    public var isActive: Bool { suppression == nil && baseline != .baselined }
}

/// A stable 64-bit FNV-1a digest, written as 16 hex digits.
enum Fingerprint {
    static func of(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

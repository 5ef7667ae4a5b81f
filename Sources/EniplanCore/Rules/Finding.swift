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

    public init(ruleId: String, slug: String, severity: Severity, message: String, resource: ResourceReference,
                location: SourceRange, discriminator: String = "", fixHint: String? = nil) {
        storage = CopyOnWrite(Fields(ruleId: ruleId, slug: slug, severity: severity, message: message, resource: resource, location: location,
                         fingerprint: Fingerprint.of(ruleId, resource.kind.rawValue, resource.id, discriminator), fixHint: fixHint,
                         suppression: nil, baseline: nil, notes: []))
    }

    /// Whether the finding counts toward the gate: not suppressed, not in the baseline.
    public var isActive: Bool { suppression == nil && baseline != .baselined }

    /// The fields, in one shared box: a copy is one reference, not one per string and array (copy on write keeps
    /// this a value).
    private struct Fields: Hashable {
        var ruleId: String
        var slug: String
        var severity: Severity
        var message: String
        var resource: ResourceReference
        var location: SourceRange
        var fingerprint: String
        var fixHint: String?
        var suppression: SuppressionMark?
        var baseline: BaselineState?
        var notes: [String]
        var terraformAddress: String?
    }

    private var storage: CopyOnWrite<Fields>

    public var ruleId: String {
        get { storage.value.ruleId }
        set { storage.value.ruleId = newValue }
        _modify { yield &storage.value.ruleId }
    }
    public var slug: String {
        get { storage.value.slug }
        set { storage.value.slug = newValue }
        _modify { yield &storage.value.slug }
    }
    public var severity: Severity {
        get { storage.value.severity }
        set { storage.value.severity = newValue }
        _modify { yield &storage.value.severity }
    }
    public var message: String {
        get { storage.value.message }
        set { storage.value.message = newValue }
        _modify { yield &storage.value.message }
    }
    public var resource: ResourceReference {
        get { storage.value.resource }
        set { storage.value.resource = newValue }
        _modify { yield &storage.value.resource }
    }
    public var location: SourceRange {
        get { storage.value.location }
        set { storage.value.location = newValue }
        _modify { yield &storage.value.location }
    }
    /// Rule and resource identity (never a line number), so moving YAML around keeps it.
    public var fingerprint: String {
        get { storage.value.fingerprint }
        set { storage.value.fingerprint = newValue }
        _modify { yield &storage.value.fingerprint }
    }
    public var fixHint: String? {
        get { storage.value.fixHint }
        set { storage.value.fixHint = newValue }
        _modify { yield &storage.value.fixHint }
    }
    public var suppression: SuppressionMark? {
        get { storage.value.suppression }
        set { storage.value.suppression = newValue }
        _modify { yield &storage.value.suppression }
    }
    public var baseline: BaselineState? {
        get { storage.value.baseline }
        set { storage.value.baseline = newValue }
        _modify { yield &storage.value.baseline }
    }
    /// What else the reader should know: an expired suppression, say.
    public var notes: [String] {
        get { storage.value.notes }
        set { storage.value.notes = newValue }
        _modify { yield &storage.value.notes }
    }
    /// The Terraform address of the resource (`alicloud_instance.web[0]`), when a Terraform plan manages it.
    public var terraformAddress: String? {
        get { storage.value.terraformAddress }
        set { storage.value.terraformAddress = newValue }
        _modify { yield &storage.value.terraformAddress }
    }
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

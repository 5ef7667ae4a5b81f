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
        box = Box(Fields(ruleId: ruleId, slug: slug, severity: severity, message: message, resource: resource, location: location,
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

    /// Written only after ``unique()``, which copies a shared box first: immutable once shared.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    public var ruleId: String {
        get { box.fields.ruleId }
        set { unique(); box.fields.ruleId = newValue }
        _modify { unique(); yield &box.fields.ruleId }
    }
    public var slug: String {
        get { box.fields.slug }
        set { unique(); box.fields.slug = newValue }
        _modify { unique(); yield &box.fields.slug }
    }
    public var severity: Severity {
        get { box.fields.severity }
        set { unique(); box.fields.severity = newValue }
        _modify { unique(); yield &box.fields.severity }
    }
    public var message: String {
        get { box.fields.message }
        set { unique(); box.fields.message = newValue }
        _modify { unique(); yield &box.fields.message }
    }
    public var resource: ResourceReference {
        get { box.fields.resource }
        set { unique(); box.fields.resource = newValue }
        _modify { unique(); yield &box.fields.resource }
    }
    public var location: SourceRange {
        get { box.fields.location }
        set { unique(); box.fields.location = newValue }
        _modify { unique(); yield &box.fields.location }
    }
    /// Rule and resource identity (never a line number), so moving YAML around keeps it.
    public var fingerprint: String {
        get { box.fields.fingerprint }
        set { unique(); box.fields.fingerprint = newValue }
        _modify { unique(); yield &box.fields.fingerprint }
    }
    public var fixHint: String? {
        get { box.fields.fixHint }
        set { unique(); box.fields.fixHint = newValue }
        _modify { unique(); yield &box.fields.fixHint }
    }
    public var suppression: SuppressionMark? {
        get { box.fields.suppression }
        set { unique(); box.fields.suppression = newValue }
        _modify { unique(); yield &box.fields.suppression }
    }
    public var baseline: BaselineState? {
        get { box.fields.baseline }
        set { unique(); box.fields.baseline = newValue }
        _modify { unique(); yield &box.fields.baseline }
    }
    /// What else the reader should know: an expired suppression, say.
    public var notes: [String] {
        get { box.fields.notes }
        set { unique(); box.fields.notes = newValue }
        _modify { unique(); yield &box.fields.notes }
    }
    /// The Terraform address of the resource (`alicloud_instance.web[0]`), when a Terraform plan manages it.
    public var terraformAddress: String? {
        get { box.fields.terraformAddress }
        set { unique(); box.fields.terraformAddress = newValue }
        _modify { unique(); yield &box.fields.terraformAddress }
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool { lhs.box === rhs.box || lhs.box.fields == rhs.box.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
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

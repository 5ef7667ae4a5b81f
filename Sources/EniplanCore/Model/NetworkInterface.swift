import EniplanYAML

/// An elastic network interface and everything it carries.
public struct NetworkInterface: Sendable, Hashable {
    public enum InterfaceType: String, Sendable, Hashable, CaseIterable {
        case primary
        case secondary
    }

    /// Whether an ENI is attached (`InUse` in the API) or not (`Available`); the plan's snapshots say it.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case inUse = "inuse"
        case available
    }

    /// The keys of an ENI in a manifest, in the order its schema lists them; `zone` and `vpc` are a
    /// standalone ENI's only (an attached one has its instance's), `type` an attached ENI's only.
    public enum Field: String, ResourceField {
        case id, name, type, deleteOnRelease, vswitch, privateIpv4, ipv4Prefixes, ipv6, ipv6Prefixes, ipv6Bandwidth, eip, eips,
             securityGroups, tags, zone, vpc, serviceManaged
    }

    /// An EIP associated with the ENI. An ENI carries one EIP (`eip`), or, in NAT mode, one EIP per private
    /// IPv4 address (`eips`, each naming the address it is bound to).
    public struct EIPBinding: Sendable, Hashable {
        /// The keys of an entry of `eips`.
        public enum Field: String, ResourceField {
            case id, privateIp
        }

        /// Allocation id (eip-...).
        public var id: String
        /// The ENI's private IPv4 address the EIP is bound to; nil when the input does not say (the `eip` form).
        public var privateIp: String?
        /// The entry of `eips` that binds it; nil for the `eip` form, which `fields[.eip]` locates.
        public var range: SourceRange?

        public init(id: String, privateIp: String? = nil, range: SourceRange? = nil) {
            self.id = id
            self.privateIp = privateIp
            self.range = range
        }
    }

    /// Created and attached by another cloud service (DescribeNetworkInterfaces `ServiceManaged`, or InUse with no
    /// instance): that service owns it, so a plan never deletes it.
    public var serviceManaged: Bool {
        get { box.fields.serviceManaged }
        set { unique(); box.fields.serviceManaged = newValue }
    }

    public init(id: String? = nil, name: String? = nil, type: InterfaceType = .secondary,
                deleteOnRelease: DeleteOnRelease = .defaulted, vswitch: String? = nil, zone: String? = nil,
                vpc: String? = nil, privateIpv4: [String] = [], ipv4Prefixes: [String] = [], ipv6: [String] = [],
                ipv6Prefixes: [String] = [], ipv6Bandwidth: Int? = nil, eips: [EIPBinding] = [], securityGroups: [String] = [],
                tags: [String: String] = [:], range: SourceRange, fields: FieldRanges<Field> = FieldRanges()) {
        box = Box(Fields(id: id, name: name, type: type, deleteOnRelease: deleteOnRelease, vswitch: vswitch, zone: zone, vpc: vpc,
                         privateIpv4: privateIpv4, ipv4Prefixes: ipv4Prefixes, ipv6: ipv6, ipv6Prefixes: ipv6Prefixes, ipv6Bandwidth: ipv6Bandwidth,
                         eips: eips, securityGroups: securityGroups, tags: tags, range: range, fields: fields))
    }

    public var identity: String { id ?? name ?? "(unnamed)" }

    /// The fields, in one shared box: a copy is one reference, not one per string and array (copy on write keeps
    /// this a value).
    private struct Fields: Hashable {
        var id: String?
        var name: String?
        var type: InterfaceType
        var deleteOnRelease: DeleteOnRelease
        var vswitch: String?
        var zone: String?
        var vpc: String?
        var privateIpv4: [String]
        var ipv4Prefixes: [String]
        var ipv6: [String]
        var ipv6Prefixes: [String]
        var ipv6Bandwidth: Int?
        var eips: [EIPBinding]
        var securityGroups: [String]
        var tags: [String: String]
        var range: SourceRange
        var fields: FieldRanges<Field>
        var serviceManaged = false
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

    public var id: String? {
        get { box.fields.id }
        set { unique(); box.fields.id = newValue }
        _modify { unique(); yield &box.fields.id }
    }
    public var name: String? {
        get { box.fields.name }
        set { unique(); box.fields.name = newValue }
        _modify { unique(); yield &box.fields.name }
    }
    public var type: InterfaceType {
        get { box.fields.type }
        set { unique(); box.fields.type = newValue }
        _modify { unique(); yield &box.fields.type }
    }
    public var deleteOnRelease: DeleteOnRelease {
        get { box.fields.deleteOnRelease }
        set { unique(); box.fields.deleteOnRelease = newValue }
        _modify { unique(); yield &box.fields.deleteOnRelease }
    }
    public var vswitch: String? {
        get { box.fields.vswitch }
        set { unique(); box.fields.vswitch = newValue }
        _modify { unique(); yield &box.fields.vswitch }
    }
    /// Zone and VPC: given for standalone ENIs; for attached ones, those of the instance.
    public var zone: String? {
        get { box.fields.zone }
        set { unique(); box.fields.zone = newValue }
        _modify { unique(); yield &box.fields.zone }
    }
    public var vpc: String? {
        get { box.fields.vpc }
        set { unique(); box.fields.vpc = newValue }
        _modify { unique(); yield &box.fields.vpc }
    }
    /// The first is the primary private IP.
    public var privateIpv4: [String] {
        get { box.fields.privateIpv4 }
        set { unique(); box.fields.privateIpv4 = newValue }
        _modify { unique(); yield &box.fields.privateIpv4 }
    }
    public var ipv4Prefixes: [String] {
        get { box.fields.ipv4Prefixes }
        set { unique(); box.fields.ipv4Prefixes = newValue }
        _modify { unique(); yield &box.fields.ipv4Prefixes }
    }
    public var ipv6: [String] {
        get { box.fields.ipv6 }
        set { unique(); box.fields.ipv6 = newValue }
        _modify { unique(); yield &box.fields.ipv6 }
    }
    public var ipv6Prefixes: [String] {
        get { box.fields.ipv6Prefixes }
        set { unique(); box.fields.ipv6Prefixes = newValue }
        _modify { unique(); yield &box.fields.ipv6Prefixes }
    }
    /// Mbit/s of IPv6 Internet bandwidth; nil or 0 means none.
    public var ipv6Bandwidth: Int? {
        get { box.fields.ipv6Bandwidth }
        set { unique(); box.fields.ipv6Bandwidth = newValue }
        _modify { unique(); yield &box.fields.ipv6Bandwidth }
    }
    /// The EIPs associated with the ENI, in input order: none, one (`eip`), or several (`eips`).
    public var eips: [EIPBinding] {
        get { box.fields.eips }
        set { unique(); box.fields.eips = newValue }
        _modify { unique(); yield &box.fields.eips }
    }
    public var securityGroups: [String] {
        get { box.fields.securityGroups }
        set { unique(); box.fields.securityGroups = newValue }
        _modify { unique(); yield &box.fields.securityGroups }
    }
    public var tags: [String: String] {
        get { box.fields.tags }
        set { unique(); box.fields.tags = newValue }
        _modify { unique(); yield &box.fields.tags }
    }
    public var range: SourceRange {
        get { box.fields.range }
        set { unique(); box.fields.range = newValue }
        _modify { unique(); yield &box.fields.range }
    }
    public var fields: FieldRanges<Field> {
        get { box.fields.fields }
        set { unique(); box.fields.fields = newValue }
        _modify { unique(); yield &box.fields.fields }
    }

    public static func == (lhs: NetworkInterface, rhs: NetworkInterface) -> Bool { lhs.box === rhs.box || lhs.box.fields == rhs.box.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}

/// An ENI's "Delete on instance release" flag, as far as the inputs tell it.
public enum DeleteOnRelease: Sendable, Hashable {
    /// Written in the input.
    case explicit(Bool)
    /// Not written in a manifest: Alibaba Cloud's default, true, applies.
    case defaulted
    /// The input cannot tell (a state without the flag, or API state without an ENI call); the reason says why.
    case unknown(reason: String)

    /// The flag in force, or nil when unknown.
    public var value: Bool? {
        switch self {
        case .explicit(let flag): return flag
        case .defaulted: return true
        case .unknown: return nil
        }
    }
}

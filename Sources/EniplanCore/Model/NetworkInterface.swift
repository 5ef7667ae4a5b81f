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
        get { storage.value.serviceManaged }
        set { storage.value.serviceManaged = newValue }
    }

    public init(id: String? = nil, name: String? = nil, type: InterfaceType = .secondary,
                deleteOnRelease: DeleteOnRelease = .defaulted, vswitch: String? = nil, zone: String? = nil,
                vpc: String? = nil, privateIpv4: [String] = [], ipv4Prefixes: [String] = [], ipv6: [String] = [],
                ipv6Prefixes: [String] = [], ipv6Bandwidth: Int? = nil, eips: [EIPBinding] = [], securityGroups: [String] = [],
                tags: [String: String] = [:], range: SourceRange, fields: FieldRanges<Field> = FieldRanges()) {
        storage = CopyOnWrite(Fields(id: id, name: name, type: type, deleteOnRelease: deleteOnRelease, vswitch: vswitch, zone: zone, vpc: vpc,
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

    private var storage: CopyOnWrite<Fields>

    public var id: String? {
        get { storage.value.id }
        set { storage.value.id = newValue }
        _modify { yield &storage.value.id }
    }
    public var name: String? {
        get { storage.value.name }
        set { storage.value.name = newValue }
        _modify { yield &storage.value.name }
    }
    public var type: InterfaceType {
        get { storage.value.type }
        set { storage.value.type = newValue }
        _modify { yield &storage.value.type }
    }
    public var deleteOnRelease: DeleteOnRelease {
        get { storage.value.deleteOnRelease }
        set { storage.value.deleteOnRelease = newValue }
        _modify { yield &storage.value.deleteOnRelease }
    }
    public var vswitch: String? {
        get { storage.value.vswitch }
        set { storage.value.vswitch = newValue }
        _modify { yield &storage.value.vswitch }
    }
    /// Zone and VPC: given for standalone ENIs; for attached ones, those of the instance.
    public var zone: String? {
        get { storage.value.zone }
        set { storage.value.zone = newValue }
        _modify { yield &storage.value.zone }
    }
    public var vpc: String? {
        get { storage.value.vpc }
        set { storage.value.vpc = newValue }
        _modify { yield &storage.value.vpc }
    }
    /// The first is the primary private IP.
    public var privateIpv4: [String] {
        get { storage.value.privateIpv4 }
        set { storage.value.privateIpv4 = newValue }
        _modify { yield &storage.value.privateIpv4 }
    }
    public var ipv4Prefixes: [String] {
        get { storage.value.ipv4Prefixes }
        set { storage.value.ipv4Prefixes = newValue }
        _modify { yield &storage.value.ipv4Prefixes }
    }
    public var ipv6: [String] {
        get { storage.value.ipv6 }
        set { storage.value.ipv6 = newValue }
        _modify { yield &storage.value.ipv6 }
    }
    public var ipv6Prefixes: [String] {
        get { storage.value.ipv6Prefixes }
        set { storage.value.ipv6Prefixes = newValue }
        _modify { yield &storage.value.ipv6Prefixes }
    }
    /// Mbit/s of IPv6 Internet bandwidth; nil or 0 means none.
    public var ipv6Bandwidth: Int? {
        get { storage.value.ipv6Bandwidth }
        set { storage.value.ipv6Bandwidth = newValue }
        _modify { yield &storage.value.ipv6Bandwidth }
    }
    /// The EIPs associated with the ENI, in input order: none, one (`eip`), or several (`eips`).
    public var eips: [EIPBinding] {
        get { storage.value.eips }
        set { storage.value.eips = newValue }
        _modify { yield &storage.value.eips }
    }
    public var securityGroups: [String] {
        get { storage.value.securityGroups }
        set { storage.value.securityGroups = newValue }
        _modify { yield &storage.value.securityGroups }
    }
    public var tags: [String: String] {
        get { storage.value.tags }
        set { storage.value.tags = newValue }
        _modify { yield &storage.value.tags }
    }
    public var range: SourceRange {
        get { storage.value.range }
        set { storage.value.range = newValue }
        _modify { yield &storage.value.range }
    }
    public var fields: FieldRanges<Field> {
        get { storage.value.fields }
        set { storage.value.fields = newValue }
        _modify { yield &storage.value.fields }
    }
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

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

    public var id: String?
    public var name: String?
    public var type: InterfaceType
    public var deleteOnRelease: DeleteOnRelease
    public var vswitch: String?
    /// Zone and VPC: given for standalone ENIs; for attached ones, those of the instance.
    public var zone: String?
    public var vpc: String?
    /// The first is the primary private IP.
    public var privateIpv4: [String]
    public var ipv4Prefixes: [String]
    public var ipv6: [String]
    public var ipv6Prefixes: [String]
    /// Mbit/s of IPv6 Internet bandwidth; nil or 0 means none.
    public var ipv6Bandwidth: Int?
    /// The EIPs associated with the ENI, in input order: none, one (`eip`), or several (`eips`).
    public var eips: [EIPBinding]
    public var securityGroups: [String]
    public var tags: [String: String]
    /// Created and attached by another cloud service (DescribeNetworkInterfaces `ServiceManaged`, or InUse with no
    /// instance): that service owns it, so a plan never deletes it.
    public var serviceManaged = false
    public var range: SourceRange
    public var fields: FieldRanges<Field>

    public init(id: String? = nil, name: String? = nil, type: InterfaceType = .secondary,
                deleteOnRelease: DeleteOnRelease = .defaulted, vswitch: String? = nil, zone: String? = nil,
                vpc: String? = nil, privateIpv4: [String] = [], ipv4Prefixes: [String] = [], ipv6: [String] = [],
                ipv6Prefixes: [String] = [], ipv6Bandwidth: Int? = nil, eips: [EIPBinding] = [], securityGroups: [String] = [],
                tags: [String: String] = [:], range: SourceRange, fields: FieldRanges<Field> = FieldRanges()) {
        self.id = id
        self.name = name
        self.type = type
        self.deleteOnRelease = deleteOnRelease
        self.vswitch = vswitch
        self.zone = zone
        self.vpc = vpc
        self.privateIpv4 = privateIpv4
        self.ipv4Prefixes = ipv4Prefixes
        self.ipv6 = ipv6
        self.ipv6Prefixes = ipv6Prefixes
        self.ipv6Bandwidth = ipv6Bandwidth
        self.eips = eips
        self.securityGroups = securityGroups
        self.tags = tags
        self.range = range
        self.fields = fields
    }

    public var identity: String { id ?? name ?? "(unnamed)" }
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

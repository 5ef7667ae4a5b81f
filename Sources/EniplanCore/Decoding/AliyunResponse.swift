import EniplanYAML

/// What one API response file says, before the join: partial records of each resource it
/// mentions, every field located. ``AliyunStateMerger`` joins the records of all files into one state.
struct AliyunResponse: Sendable {
    /// An ECS instance as one response describes it.
    struct InstanceRecord: AliyunRecord {
        var id: String
        var call: AliyunCall
        /// The instance's object.
        var range: SourceRange
        var idRange: SourceRange
        var name: AliyunField<String>?
        var region: AliyunField<String>?
        var zone: AliyunField<String>?
        var vpc: AliyunField<String>?
        var status: AliyunField<Instance.Status>?
        var deletionProtection: AliyunField<Bool>?
        var chargeType: AliyunField<Instance.ChargeType>?
        var expiredTime: AliyunField<String>?
        /// True where the response says the subscription has expired; absent otherwise.
        var expired: AliyunField<Bool>?
        var publicIp: AliyunField<String>?
        /// The EIP bound to the instance itself; a nil value says it has none.
        var eip: AliyunField<String?>?
        var tags: AliyunField<[String: String]>?
    }

    /// An ENI as one response describes it.
    struct InterfaceRecord: AliyunRecord {
        var id: String
        var call: AliyunCall
        /// The ENI's object.
        var range: SourceRange
        var idRange: SourceRange
        var name: AliyunField<String>?
        var type: AliyunField<NetworkInterface.InterfaceType>?
        var deleteOnRelease: AliyunField<Bool>?
        var serviceManaged: AliyunField<Bool>?
        /// The instance it is attached to; a nil value says none (the ENI is Available).
        var instance: AliyunField<String?>?
        var zone: AliyunField<String>?
        var vpc: AliyunField<String>?
        var vswitch: AliyunField<String>?
        /// The primary private IPv4 address, which some responses give on its own.
        var primaryIpv4: AliyunField<String>?
        var privateIpv4: AliyunField<[String]>?
        var ipv4Prefixes: AliyunField<[String]>?
        var ipv6: AliyunField<[String]>?
        var ipv6Prefixes: AliyunField<[String]>?
        /// The EIP associated with the ENI; a nil value says it has none.
        var eip: AliyunField<String?>?
        /// Where the ENI has several EIPs (NAT mode, one per private IP address): all of them, `eip` the first.
        var eipBindings: [EIPBinding] = []
        var securityGroups: AliyunField<[String]>?
        var tags: AliyunField<[String: String]>?
        /// Mbit/s of IPv6 Internet bandwidth, summed over the ENI's addresses (DescribeIpv6Addresses); located at the first.
        var ipv6Bandwidth: AliyunField<Int>?
    }

    /// One EIP of an ENI that has several, and the private IP address it is bound to where the response says.
    struct EIPBinding: Hashable, Sendable {
        var id: String
        var privateIp: String?
        var range: SourceRange
    }

    /// An EIP and what it is bound to.
    struct EIPRecord: AliyunRecord {
        enum Target: Hashable, Sendable {
            case networkInterface(String)
            case instance(String)
        }

        var id: String
        var call: AliyunCall
        var range: SourceRange
        var address: AliyunField<String>?
        var chargeType: AliyunField<String>?
        var region: AliyunField<String>?
        /// The ENI or instance the EIP is bound to (InstanceType NetworkInterface or EcsInstance).
        var target: AliyunField<Target>?
        /// The private IP address of the ENI the EIP is bound to (`PrivateIpAddress`).
        var privateIp: AliyunField<String>?
    }

    /// An IPv6 address of DescribeIpv6Addresses, what it is bound to, and its Internet bandwidth.
    struct Ipv6AddressRecord: AliyunRecord {
        var id: String
        var call: AliyunCall
        var range: SourceRange
        var address: AliyunField<String>?
        /// The ENI or instance the address is assigned to (AssociatedInstanceType NetworkInterface or EcsInstance).
        var target: AliyunField<EIPRecord.Target>?
        /// Mbit/s of the address's IPv6 Internet bandwidth (`Ipv6InternetBandwidth.Bandwidth`); nil when it has none.
        var bandwidth: AliyunField<Int>?
    }

    struct RouteTableRecord: AliyunRecord {
        var id: String
        var call: AliyunCall
        var range: SourceRange
        var vpc: AliyunField<String>?
    }

    /// A route entry whose next hop is an ENI or an instance; an entry with several such next
    /// hops (ECMP) gives one record per next hop.
    struct RouteEntryRecord: AliyunRecord {
        var table: String
        var destination: String
        var nextHop: String
        var call: AliyunCall
        var range: SourceRange
        var id: AliyunField<String>?
        var destinationRange: SourceRange
        var nextHopRange: SourceRange
    }

    var call: AliyunCall
    var file: String
    /// The response's root object.
    var range: SourceRange
    var instances: [InstanceRecord] = []
    var interfaces: [InterfaceRecord] = []
    var eips: [EIPRecord] = []
    var ipv6Addresses: [Ipv6AddressRecord] = []
    var routeTables: [RouteTableRecord] = []
    var routeEntries: [RouteEntryRecord] = []
    /// The ids of the items of the call's own list, to check that no page is missing.
    var itemIDs: [String] = []
    /// How many items the call has in all, where the page says it (`TotalCount`).
    var totalCount: AliyunField<Int>?
    /// `NextToken`: nil when the response has none (the `--pager` form), empty on the last page.
    var nextToken: AliyunField<String>?
}

/// A record of one resource from one response: which call wrote it, and where.
protocol AliyunRecord: Sendable {
    var call: AliyunCall { get }
    var range: SourceRange { get }
}

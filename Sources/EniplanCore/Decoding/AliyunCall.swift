/// The Alibaba Cloud API calls whose response bodies eniplan reads as current state, each
/// recognised by the key that holds its list (or, for the one flat response, by its id key).
public enum AliyunCall: String, Sendable, Hashable, CaseIterable, Comparable {
    case describeInstances = "DescribeInstances"
    case describeNetworkInterfaces = "DescribeNetworkInterfaces"
    case describeNetworkInterfaceAttribute = "DescribeNetworkInterfaceAttribute"
    case describeEipAddresses = "DescribeEipAddresses"
    case describeRouteEntryList = "DescribeRouteEntryList"
    case describeRouteTables = "DescribeRouteTables"
    case describeIpv6Addresses = "DescribeIpv6Addresses"

    /// The call's name as the API and the `aliyun` CLI spell it.
    public var name: String { rawValue }

    /// The top-level key that identifies the response body.
    var shapeKey: String {
        switch self {
        case .describeInstances: return "Instances"
        case .describeNetworkInterfaces: return "NetworkInterfaceSets"
        case .describeNetworkInterfaceAttribute: return "NetworkInterfaceId"
        case .describeEipAddresses: return "EipAddresses"
        case .describeRouteEntryList: return "RouteEntrys"
        case .describeRouteTables: return "RouteTables"
        case .describeIpv6Addresses: return "Ipv6Addresses"
        }
    }

    /// The list inside ``shapeKey``'s object (`Instances.Instance`); nil for the flat response.
    var listKey: String? {
        switch self {
        case .describeInstances: return "Instance"
        case .describeNetworkInterfaces: return "NetworkInterfaceSet"
        case .describeNetworkInterfaceAttribute: return nil
        case .describeEipAddresses: return "EipAddress"
        case .describeRouteEntryList: return "RouteEntry"
        case .describeRouteTables: return "RouteTable"
        case .describeIpv6Addresses: return "Ipv6Address"
        }
    }

    /// How the shape reads in messages: `DescribeInstances (Instances.Instance[])`.
    var shapeDescription: String {
        if let listKey { return "\(name) (\(shapeKey).\(listKey)[])" }
        return "\(name) (a flat object with \(shapeKey))"
    }

    /// The order in which records of several calls are merged: the first call to give a field
    /// provides its location.
    public static func < (lhs: AliyunCall, rhs: AliyunCall) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .describeInstances: return 0
        case .describeNetworkInterfaces: return 1
        case .describeNetworkInterfaceAttribute: return 2
        case .describeEipAddresses: return 3
        case .describeRouteEntryList: return 4
        case .describeRouteTables: return 5
        case .describeIpv6Addresses: return 6
        }
    }
}

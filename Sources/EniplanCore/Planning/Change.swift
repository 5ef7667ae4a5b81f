import EniplanYAML

/// The kinds of resource a plan speaks of.
public enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case instance
    case networkInterface
    case eip
    case securityGroup
    case routeEntry
    /// Findings only: a region a manifest names.
    case region
    /// Findings only: an inline or config suppression.
    case suppression
}

/// What the change does to a resource. Instances use create, keep, update, release; ENIs all but
/// `unknown`'s absence: `unknown` says the inputs cannot tell whether the ENI is released or retained.
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    case create, keep, update, attach, detach, release, retain, reuse, delete, unknown
}

/// One resource's fate in a plan.
public struct Change: Sendable, Hashable {
    public var kind: ResourceKind
    public var id: String
    public var name: String?
    public var action: Action
    /// Why; its raw value is the stable snake_case code of the JSON plan (`delete_on_release_false`, ...).
    public var reason: ChangeReason
    public var before: ResourceSnapshot?
    public var after: ResourceSnapshot?
    public var location: SourceRange?
    public var effects: [Effect]
    /// For an ENI: the instance whose change caused this one, for grouping in reports.
    public var parentInstance: String?

    public init(kind: ResourceKind, id: String, name: String? = nil, action: Action, reason: ChangeReason,
                before: ResourceSnapshot? = nil, after: ResourceSnapshot? = nil, location: SourceRange? = nil,
                effects: [Effect] = [], parentInstance: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.action = action
        self.reason = reason
        self.before = before
        self.after = after
        self.location = location
        self.effects = effects
        self.parentInstance = parentInstance
    }
}

/// A resource's attributes before or after the change, as far as they matter to the plan.
public struct ResourceSnapshot: Sendable, Hashable {
    /// An instance's status or an ENI's.
    public enum Status: Sendable, Hashable {
        /// Nil when the inputs do not say it.
        case instance(Instance.Status?)
        case networkInterface(NetworkInterface.Status)

        public static let inUse = Status.networkInterface(.inUse)
        public static let available = Status.networkInterface(.available)

        /// As the JSON plan writes it: `running`, `stopped`, ... or `unknown` for instances; `inuse`, `available` for ENIs.
        public var code: String {
            switch self {
            case .instance(let status): return status?.rawValue ?? "unknown"
            case .networkInterface(let status): return status.rawValue
            }
        }
    }

    public var type: NetworkInterface.InterfaceType?
    public var status: Status
    /// The instance an ENI is attached to; nil when Available. Not used for instances.
    public var instance: String?
    public var deleteOnRelease: Bool?

    public init(type: NetworkInterface.InterfaceType? = nil, status: Status, instance: String? = nil, deleteOnRelease: Bool? = nil) {
        self.type = type
        self.status = status
        self.instance = instance
        self.deleteOnRelease = deleteOnRelease
    }
}

/// What happens to one thing an ENI or instance carries.
public struct Effect: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case privateIpv4, ipv4Prefix, ipv6, ipv6Prefix, ipv6Bandwidth, eip, securityGroup, routeEntry

        /// What people call it in a sentence.
        public var noun: String {
            switch self {
            case .privateIpv4: return "private IPv4"
            case .ipv4Prefix: return "IPv4 prefix"
            case .ipv6: return "IPv6"
            case .ipv6Prefix: return "IPv6 prefix"
            case .ipv6Bandwidth: return "IPv6 Internet bandwidth"
            case .eip: return "EIP"
            case .securityGroup: return "security group"
            case .routeEntry: return "route"
            }
        }
    }

    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case released, retained, dissociated, deleted, unknown
    }

    public var kind: Kind
    /// Addresses, prefixes and bandwidth (in Mbit/s) are named by value.
    public var value: String?
    /// EIPs (allocation id), security groups and route entries (where the state knows it) by id.
    public var id: String?
    public var routeTable: String?
    public var destination: String?
    public var outcome: Outcome
    /// Why the outcome is unknown, when it is: a sentence for the reader, not a ``ChangeReason`` code.
    public var reason: String?

    public init(kind: Kind, value: String? = nil, id: String? = nil, routeTable: String? = nil, destination: String? = nil,
                outcome: Outcome, reason: String? = nil) {
        self.kind = kind
        self.value = value
        self.id = id
        self.routeTable = routeTable
        self.destination = destination
        self.outcome = outcome
        self.reason = reason
    }
}

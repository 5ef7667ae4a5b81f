import EniplanYAML

/// One resource's fate in a plan.
///
/// A plan holds hundreds of thousands of these and the reporters walk them several times: the fields live in one
/// shared box, so that a copy is one reference, not one per string and array (copy on write keeps it a value).
public struct Change: Sendable, Hashable {
    private struct Fields: Hashable {
        var kind: ResourceKind
        var id: String
        var name: String?
        var action: Action
        var reason: ChangeReason
        var before: ResourceSnapshot?
        var after: ResourceSnapshot?
        var location: SourceRange?
        var effects: [Effect]
        var parentInstance: String?
        var refused = false
    }

    private var storage: CopyOnWrite<Fields>

    public var kind: ResourceKind {
        get { storage.value.kind }
        set { storage.value.kind = newValue }
    }
    public var id: String {
        get { storage.value.id }
        set { storage.value.id = newValue }
    }
    public var name: String? {
        get { storage.value.name }
        set { storage.value.name = newValue }
    }
    public var action: Action {
        get { storage.value.action }
        set { storage.value.action = newValue }
    }
    /// Why; its raw value is the stable snake_case code of the JSON plan (`delete_on_release_false`, ...).
    public var reason: ChangeReason {
        get { storage.value.reason }
        set { storage.value.reason = newValue }
    }
    public var before: ResourceSnapshot? {
        get { storage.value.before }
        set { storage.value.before = newValue }
    }
    public var after: ResourceSnapshot? {
        get { storage.value.after }
        set { storage.value.after = newValue }
    }
    public var location: SourceRange? {
        get { storage.value.location }
        set { storage.value.location = newValue }
    }
    public var effects: [Effect] {
        get { storage.value.effects }
        set { storage.value.effects = newValue }
    }
    /// For an ENI: the instance whose change caused this one, for grouping in reports.
    public var parentInstance: String? {
        get { storage.value.parentInstance }
        set { storage.value.parentInstance = newValue }
    }
    /// The cloud refuses the release this change belongs to (deletion protection, say): what it describes does
    /// not happen, and no summary counts it.
    public var refused: Bool {
        get { storage.value.refused }
        set { storage.value.refused = newValue }
    }

    public init(kind: ResourceKind, id: String, name: String? = nil, action: Action, reason: ChangeReason,
                before: ResourceSnapshot? = nil, after: ResourceSnapshot? = nil, location: SourceRange? = nil,
                effects: [Effect] = [], parentInstance: String? = nil) {
        storage = CopyOnWrite(Fields(kind: kind, id: id, name: name, action: action, reason: reason, before: before, after: after, location: location,
                         effects: effects, parentInstance: parentInstance))
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
    /// Nil for a route entry, which has no status of its own.
    public var status: Status?
    /// The instance an ENI is attached to; nil when Available. Not used for instances.
    public var instance: String?
    public var deleteOnRelease: Bool?
    /// An instance's or standalone ENI's zone, given only when the change moves it (which the cloud cannot do).
    public var zone: String?
    /// A route entry's next hop (an ENI or instance id).
    public var nextHop: String?

    public init(type: NetworkInterface.InterfaceType? = nil, status: Status? = nil, instance: String? = nil, deleteOnRelease: Bool? = nil,
                zone: String? = nil, nextHop: String? = nil) {
        self.type = type
        self.status = status
        self.instance = instance
        self.deleteOnRelease = deleteOnRelease
        self.zone = zone
        self.nextHop = nextHop
    }
}

/// What happens to one thing an ENI or instance carries.
public struct Effect: Sendable, Hashable {
    public typealias Kind = EffectKind
    public typealias Outcome = EffectOutcome

    public var kind: Kind
    /// Addresses, prefixes and bandwidth (in Mbit/s) are named by value.
    public var value: String?
    /// EIPs (allocation id), security groups and route entries (where the state knows it) by id.
    public var id: String?
    public var routeTable: String?
    public var destination: String?
    /// For an EIP bound to one of several private IP addresses of its ENI (NAT mode): that address.
    public var privateIp: String?
    /// For an EIP dissociated here: the ENI or instance the desired state binds it to instead. It is moved, not
    /// left unbound and billing.
    public var reassociatedTo: String?
    public var outcome: Outcome
    /// Why the outcome is unknown, when it is: a sentence for the reader, not a ``ChangeReason`` code.
    public var reason: String?

    public init(kind: Kind, value: String? = nil, id: String? = nil, routeTable: String? = nil, destination: String? = nil,
                privateIp: String? = nil, outcome: Outcome, reason: String? = nil) {
        self.kind = kind
        self.value = value
        self.id = id
        self.routeTable = routeTable
        self.destination = destination
        self.privateIp = privateIp
        self.outcome = outcome
        self.reason = reason
    }
}

import EniplanYAML

/// An ECS instance and the ENIs attached to it.
public struct Instance: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case running
        case stopped
        case starting
        case stopping
        case pending
    }

    /// How the instance is billed (API: `InstanceChargeType`). A subscription instance that has not expired cannot
    /// be released with DeleteInstance.
    public enum ChargeType: String, Sendable, Hashable, CaseIterable {
        case postPaid = "PostPaid"
        case prePaid = "PrePaid"
    }

    /// The keys of an instance in a manifest, in the order its schema lists them.
    public enum Field: String, ResourceField {
        case id, name, zone, vpc, status, deletionProtection, chargeType, expiredTime, expired, publicIp, networkInterfaces,
             networkInterfacesComplete, eip, tags
    }

    /// Nil for an instance the manifest creates and names only.
    public var id: String?
    public var name: String?
    public var zone: String?
    public var vpc: String?
    public var status: Status?
    public var deletionProtection: Bool?
    public var chargeType: ChargeType?
    /// When a subscription expires (API: `ExpiredTime`), as the input writes it. Shown, never compared with the clock:
    /// the same inputs plan the same whenever they are planned.
    public var expiredTime: String?
    /// Whether the inputs say the subscription has expired (API: `Status` Expired, or an `OperationLocks` LockReason
    /// `financial`): DeleteInstance releases an expired subscription instance. Nil or false: not known to have expired.
    public var expired: Bool?
    /// The static public IP address the instance was given (not an EIP): reclaimed with it for good.
    public var publicIp: String?
    public var networkInterfaces: [NetworkInterface]
    /// False for an instance the inputs know only through some of its ENIs (an ENI call without DescribeInstances):
    /// its other ENIs, its primary one among them unless listed, are unknown, and so is their fate on its release.
    public var networkInterfacesComplete = true
    /// An EIP bound to the instance itself (API: EIP `InstanceType` EcsInstance), not to an ENI.
    public var eip: String?
    public var tags: [String: String]
    /// The instance's entry in its file (the `- id:` item).
    public var range: SourceRange
    public var fields: FieldRanges<Field>

    public init(id: String? = nil, name: String? = nil, zone: String? = nil, vpc: String? = nil, status: Status? = nil,
                deletionProtection: Bool? = nil, networkInterfaces: [NetworkInterface] = [], eip: String? = nil,
                tags: [String: String] = [:], range: SourceRange, fields: FieldRanges<Field> = FieldRanges()) {
        self.id = id
        self.name = name
        self.zone = zone
        self.vpc = vpc
        self.status = status
        self.deletionProtection = deletionProtection
        self.networkInterfaces = networkInterfaces
        self.eip = eip
        self.tags = tags
        self.range = range
        self.fields = fields
    }

    /// The id, or the name of an instance that has none yet.
    public var identity: String { id ?? name ?? "(unnamed)" }

    /// The primary ENI, if the instance lists one.
    public var primaryNetworkInterface: NetworkInterface? { networkInterfaces.first { $0.type == .primary } }
}

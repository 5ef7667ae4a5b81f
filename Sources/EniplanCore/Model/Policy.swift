import EniplanYAML

/// A user's rules, written as data (`kind: Policy`): a match on resources and a requirement on their
/// fields or on their planned outcomes.
public struct Policy: Sendable {
    public var file: String
    public var rules: [PolicyRule]

    public init(file: String, rules: [PolicyRule]) {
        self.file = file
        self.rules = rules
    }
}

/// One declarative rule.
public struct PolicyRule: Sendable {
    /// What a field must satisfy to match.
    public enum Condition: Sendable {
        case equals(String)
        case oneOf([String])
        case exists(Bool)
        /// The pattern is found somewhere in the value (`PolicyPattern`).
        case matches(PolicyPattern)
    }

    /// A field of a resource a policy can test, as text (`deleteOnRelease` is `true` or `false`; unknown flags
    /// are absent). The raw value is the name a policy writes.
    public enum Field: String, ResourceField {
        case id, name, type, deleteOnRelease, vswitch, zone, vpc, eip, ipv6Bandwidth, securityGroups, privateIpv4
        /// An attached ENI's instance.
        case instance
        case status, deletionProtection

        /// Where the manifest writes this field of an instance.
        var instanceField: Instance.Field? {
            switch self {
            case .id: return .id
            case .name: return .name
            case .zone: return .zone
            case .vpc: return .vpc
            case .status: return .status
            case .deletionProtection: return .deletionProtection
            case .eip: return .eip
            case .type, .deleteOnRelease, .vswitch, .ipv6Bandwidth, .securityGroups, .privateIpv4, .instance: return nil
            }
        }

        /// Where the manifest writes this field of an ENI.
        var interfaceField: NetworkInterface.Field? {
            switch self {
            case .id: return .id
            case .name: return .name
            case .type: return .type
            case .deleteOnRelease: return .deleteOnRelease
            case .vswitch: return .vswitch
            case .zone: return .zone
            case .vpc: return .vpc
            case .eip: return .eip
            case .ipv6Bandwidth: return .ipv6Bandwidth
            case .securityGroups: return .securityGroups
            case .privateIpv4: return .privateIpv4
            case .instance, .status, .deletionProtection: return nil
            }
        }
    }

    public struct FieldCondition: Sendable {
        public var field: Field
        public var condition: Condition
    }

    /// A planned outcome the matched resource must avoid: no effect of `effect` may be `outcome`.
    public struct OutcomeRequirement: Sendable {
        public var effect: EffectKind
        public var forbidden: [EffectOutcome]
    }

    public var id: String
    public var severity: Severity
    public var message: String
    public var kind: ResourceKind
    public var tags: [String: String]
    public var regions: [String]
    public var conditions: [FieldCondition]
    /// Field name to required value (`deleteOnRelease: false`).
    public var requiredFields: [(field: Field, value: String, range: SourceRange)]
    public var outcomes: [OutcomeRequirement]
    /// Forbidden actions on the matched resource (`release`).
    public var forbiddenActions: [Action]
    public var range: SourceRange
}

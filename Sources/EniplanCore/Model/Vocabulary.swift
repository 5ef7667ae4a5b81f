// The words of the public contract, shared by every layer: the JSON plan, SARIF, policies and baselines
// spell them by their raw values.

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

/// A thing an ENI or instance carries, as an effect of a change names it.
public enum EffectKind: String, Sendable, Hashable, Codable, CaseIterable {
    case publicIpv4, privateIpv4, ipv4Prefix, ipv6, ipv6Prefix, ipv6Bandwidth, eip, securityGroup, routeEntry
    /// An instance's ENIs the inputs do not list (an instance known only through some of its ENIs): their fate
    /// on its release is `unknown`, and the effect's reason names the input that settles it.
    case networkInterface

    /// What people call it in a sentence.
    public var noun: String {
        switch self {
        case .publicIpv4: return "static public IPv4"
        case .privateIpv4: return "private IPv4"
        case .ipv4Prefix: return "IPv4 prefix"
        case .ipv6: return "IPv6"
        case .ipv6Prefix: return "IPv6 prefix"
        case .ipv6Bandwidth: return "IPv6 Internet bandwidth"
        case .eip: return "EIP"
        case .securityGroup: return "security group"
        case .routeEntry: return "route"
        case .networkInterface: return "ENI"
        }
    }
}

/// What happens to an effect's thing. `added`: an address or prefix assigned, a security group joined, an EIP
/// associated, a route entry added; `repointed`: a route entry given another next hop.
public enum EffectOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case released, retained, dissociated, deleted, unknown, added, repointed
}

/// How much a finding matters. Ordered: a note is below a warning, a warning below an error.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The resource a finding is about.
public struct ResourceReference: Sendable, Hashable, Codable {
    public var kind: ResourceKind
    public var id: String

    public init(kind: ResourceKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

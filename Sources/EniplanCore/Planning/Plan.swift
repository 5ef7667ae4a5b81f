/// Everything a run predicts: a change per resource, in a stable order.
public struct Plan: Sendable, Hashable {
    public var region: String?
    public var regionCatalog: RegionCatalog
    public var changes: [Change]

    public init(region: String?, regionCatalog: RegionCatalog, changes: [Change]) {
        self.region = region
        self.regionCatalog = regionCatalog
        self.changes = changes
    }

    /// How many resources of each kind meet each action, for the summary line.
    public var summary: [ResourceKind: [Action: Int]] {
        var counts: [ResourceKind: [Action: Int]] = [:]
        for change in changes where !change.refused { counts[change.kind, default: [:]][change.action, default: 0] += 1 }
        return counts
    }

    /// Whether anything changes at all (every action but keep).
    public var hasChanges: Bool { changes.contains { $0.action != .keep } }

    /// The releases the cloud refuses: shown, not counted.
    public var refusedReleases: Int { changes.count { $0.kind == .instance && $0.refused } }

    /// The effects of the changes that happen, refused releases left out.
    public var effectsThatHappen: [Effect] { changes.filter { !$0.refused }.flatMap(\.effects) }

    /// How many ENIs the inputs cannot tell the fate of: a gate is not green on what it cannot see.
    public var unknownFates: Int { changes.count { $0.kind == .networkInterface && $0.action == .unknown && !$0.refused } }
    /// How many released instances have ENIs the inputs do not list, whose fate is unknown (not counting refused releases).
    public var instancesWithUnknownInterfaces: Int {
        changes.count { change in
            change.kind == .instance && !change.refused && change.effects.contains { $0.kind == .networkInterface && $0.outcome == .unknown }
        }
    }
}

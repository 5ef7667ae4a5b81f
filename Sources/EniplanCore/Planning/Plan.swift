/// Everything a run predicts: a change per resource, in a stable order.
public struct Plan: Sendable, Hashable {
    public var region: String?
    public var regionCatalog: RegionCatalog
    public var changes: [Change]
    /// The indexes the planner built, for the rules of the same run to reuse; not part of the plan's value.
    var indexes: PlanIndexes?

    public init(region: String?, regionCatalog: RegionCatalog, changes: [Change]) {
        self.region = region
        self.regionCatalog = regionCatalog
        self.changes = changes
    }

    /// How many resources of each kind meet each action, for the summary line.
    public var summary: [ResourceKind: [Action: Int]] {
        var counts: [ResourceKind: [Action: Int]] = [:]
        for change in changes { counts[change.kind, default: [:]][change.action, default: 0] += 1 }
        return counts
    }

    /// Whether anything changes at all (every action but keep).
    public var hasChanges: Bool { changes.contains { $0.action != .keep } }
}

/// Both sides' indexes as the planner built them, and the very manifest arrays they index: the rules
/// reuse them only when they are given those same arrays (the same storage, so the same manifests).
/// A cache: two plans are equal whatever their indexes.
final class PlanIndexes: Sendable, Hashable {
    private let currentManifests: [Manifest]
    private let desiredManifests: [Manifest]
    let current: StateIndex
    let desired: StateIndex

    init(current currentManifests: [Manifest], desired desiredManifests: [Manifest], current: StateIndex, desired: StateIndex) {
        self.currentManifests = currentManifests
        self.desiredManifests = desiredManifests
        self.current = current
        self.desired = desired
    }

    /// Whether these indexes are of exactly `current` and `desired`.
    func index(current: [Manifest], desired: [Manifest]) -> Bool {
        Self.sameStorage(current, currentManifests) && Self.sameStorage(desired, desiredManifests)
    }

    private static func sameStorage(_ a: [Manifest], _ b: [Manifest]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { first in b.withUnsafeBufferPointer { second in first.baseAddress == second.baseAddress } }
    }

    static func == (lhs: PlanIndexes, rhs: PlanIndexes) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

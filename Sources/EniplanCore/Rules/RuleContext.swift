import EniplanYAML

/// Everything a rule may look at: the plan, the files it came from, and the region catalogue.
public struct RuleContext: Sendable {
    public enum Mode: Sendable, Hashable {
        /// `eniplan plan`: a current state and a desired state.
        case plan
        /// `eniplan check`: manifests alone, with a preview of each instance's release.
        case check
    }

    public let mode: Mode
    public let plan: Plan
    /// The desired manifests (plan) or the checked files (check): what static rules read.
    public let subjects: [Manifest]
    public let catalog: RegionCatalog
    let current: StateIndex
    let desired: StateIndex
    /// The plan's ENI changes, found once for every rule that reads them.
    let interfaceChanges: [Change]
    /// The position in `plan.changes` of each resource's change (the first, were two of one kind and id).
    private let changePositions: [ResourceReference: Int]
    /// Reused or attached ENIs: the change, the ENI's zone and VPC today, and the instance it goes to.
    private(set) var movedInterfaces: [MovedInterface]

    /// A reused or attached ENI.
    struct MovedInterface {
        var change: Change
        var zone: String?
        var vpc: String?
        var target: Instance
    }

    /// The context over both sides' indexes, which the pipeline built once for the planner and the rules.
    init(mode: Mode, plan: Plan, current: StateIndex, desired: StateIndex, subjects: [Manifest], catalog: RegionCatalog) {
        self.mode = mode
        self.plan = plan
        self.subjects = subjects
        self.catalog = catalog
        self.current = current
        self.desired = desired
        interfaceChanges = plan.changes.filter { $0.kind == .networkInterface }
        changePositions = Dictionary(plan.changes.indices.map { (ResourceReference(kind: plan.changes[$0].kind, id: plan.changes[$0].id), $0) },
                                     uniquingKeysWith: { first, _ in first })
        movedInterfaces = []
        movedInterfaces = findMovedInterfaces()
    }

    /// The plan's change of the resource of `kind` and `id`.
    func change(of kind: ResourceKind, _ id: String) -> Change? {
        changePositions[ResourceReference(kind: kind, id: id)].map { plan.changes[$0] }
    }

    /// The ENI as the desired state writes it, else as the current state does.
    func interface(_ id: String) -> NetworkInterface? {
        desired.interfaces[id]?.eni ?? current.interfaces[id]?.eni
    }

    /// The instance as the desired state writes it, else as the current state does.
    func instance(_ identity: String) -> Instance? {
        desired.instance(identity) ?? current.instance(identity)
    }

    /// An EIP's address, where some input lists it.
    func eipAddress(_ id: String) -> String? {
        (desired.eips[id] ?? current.eips[id])?.address
    }

    /// Where a route entry is written: in the desired state, where it lists the entry, else in the current state.
    func routeEntry(table: String, destination: String, nextHop: String) -> RouteEntry? {
        let key = RouteEntry.Key(table: table, destination: destination, nextHop: nextHop)
        return desired.routeEntries[key] ?? current.routeEntries[key]
    }
}

extension RuleContext {
    /// "will be" for a plan, "would be" for a release preview.
    var willBe: String { mode == .plan ? "will be" : "would be" }
    /// "when ... is released" for a plan, "if ... were released" for a release preview.
    func whenReleased(_ instance: String) -> String {
        mode == .plan ? "when '\(DisplayText.quoted(instance))' is released" : "if '\(DisplayText.quoted(instance))' were released"
    }
}

/// Short manifests for rule examples.
enum ExampleYAML {
    /// A manifest (or state) in `region` with the given instance lines under `instances:`.
    static func manifest(kind: String = "Manifest", region: String = "cn-hangzhou", _ body: String) -> String {
        "apiVersion: eniplan/v1\nkind: \(kind)\nregion: \(region)\n" + body
    }

    /// One instance, `i-1` (or `name`), with `attributes` lines and the ENIs written as flow mappings.
    static func instance(_ interfaces: [String], id: String = "id: i-1", attributes: [String] = []) -> String {
        "instances:\n  - \(id)\n" + attributes.map { "    \($0)\n" }.joined() + "    networkInterfaces:\n"
            + interfaces.map { "      - \(flowMapping($0))\n" }.joined()
    }

    /// `{fields}`; fields that start with ``RuleExample/marker`` mark the whole mapping, so the marker goes before the `{`.
    static func flowMapping(_ fields: String) -> String {
        fields.first == RuleExample.marker ? "\(RuleExample.marker){\(fields.dropFirst())}" : "{\(fields)}"
    }

    /// The current state: instance `i-1` with `interfaces`, then `extra` top-level lines.
    static func state(_ interfaces: [String], attributes: [String] = [], extra: String = "") -> String {
        manifest(kind: "State", instance(interfaces, attributes: attributes) + extra + "\n")
    }

    /// `i-1` released: its state against a desired manifest with no instances.
    static func release(_ interfaces: [String], attributes: [String] = [], extra: String = "", desired: String = "instances: []\n") -> RuleExample {
        RuleExample(current: state(interfaces, attributes: attributes, extra: extra), desired: manifest(desired))
    }

    /// A new instance `web-2` in the desired state, with `attributes` and `interfaces`.
    static func newInstance(_ interfaces: [String], attributes: [String] = []) -> String {
        manifest(instance(interfaces, id: "name: web-2", attributes: attributes) + "\n")
    }

    /// A route table `vtb-1` whose one entry goes to `nextHop`; `marked`, the entry's nextHop is where a finding lands.
    static func routeTable(nextHop: String, marked: Bool = false) -> String {
        "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, \(marked ? "↓" : "")nextHop: \(nextHop)}\n"
    }

    /// An Available ENI `eni-1` in zone `cn-hangzhou-h` and VPC `vpc-1`.
    static let availableInterface = manifest(kind: "State", """
        networkInterfaces:
          - {id: eni-1, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}

        """)
}

extension Rule {
    /// A finding for each reused or attached ENI whose `place` (zone, VPC) differs from its target instance's,
    /// at the instance's field: an ENI can only be attached in its own zone and VPC.
    func movedAcross(_ place: String, _ context: RuleContext, from own: KeyPath<RuleContext.MovedInterface, String?>,
                     to target: KeyPath<Instance, String?>, field: Instance.Field) -> [Finding] {
        context.movedInterfaces.compactMap { moved in
            guard let value = moved[keyPath: own], let targetValue = moved.target[keyPath: target], value != targetValue else { return nil }
            return finding(
                "ENI '\(DisplayText.quoted(moved.change.id))' is in \(place) '\(DisplayText.quoted(value))' but '\(DisplayText.quoted(moved.target.identity))' is in \(place) '\(DisplayText.quoted(targetValue))'; an ENI can only be attached in its own \(place)",
                about: ResourceReference(kind: .networkInterface, id: moved.change.id),
                at: moved.target.fields[field] ?? moved.change.location ?? moved.target.range)
        }
    }
}

/// ENI005 and ENI006 share how they find where a reused ENI lives today.
extension RuleContext {
    /// Reused or attached ENIs: the change, the ENI as it is today, and the instance it goes to.
    func findMovedInterfaces() -> [MovedInterface] {
        interfaceChanges.compactMap { change in
            guard change.action == .reuse || change.action == .attach, let targetId = change.after?.instance,
                  let target = desired.instance(targetId), let existing = current.interfaces[change.id]
            else { return nil }
            switch existing.placement {
            case .standalone:
                return MovedInterface(change: change, zone: existing.eni.zone, vpc: existing.eni.vpc, target: target)
            case .attached(let owner):
                let instance = current.instance(owner)
                return MovedInterface(change: change, zone: instance?.zone, vpc: instance?.vpc, target: target)
            }
        }
    }
}

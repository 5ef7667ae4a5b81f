import EniplanYAML

/// ENI003: a release deletes route entries whose next hop is the released ENI or instance.
struct RouteEntriesDeletedRule: Rule {
    static let description = RuleDescription(
        id: "ENI003", slug: "route-entries-deleted", severity: .warning,
        summary: "route entries will be deleted with a released ENI or instance (traffic to that destination is dropped)",
        rationale: """
            A VPC route entry whose next hop is an ENI is deleted when that ENI is released ("Virtual Private Cloud (VPC) \
            route table that points to the ENI: Deleted"); it is retained with a retained ENI. A route entry whose next hop \
            is an instance is deleted when the instance is released, whatever its ENIs' deleteOnRelease says. Until a new \
            route exists, traffic to the destination has nowhere to go.
            """,
        fixHint: "if the next hop is an ENI, \(interfaceNextHopFix); if it is an instance, \(instanceNextHopFix)",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], extra: routes(nextHop: "eni-1", marked: true)),
                     ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"], extra: routes(nextHop: "i-1", marked: true))],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"], extra: routes(nextHop: "eni-1"))])

    /// The fix for a route whose next hop is the released ENI: the flag keeps the ENI, and the route with it.
    static let interfaceNextHopFix = "retain the ENI (deleteOnRelease: false) to keep its routes, or add replacement route entries in the same change"
    /// The fix for a route whose next hop is the released instance: no flag keeps it.
    static let instanceNextHopFix = """
        point the route at an ENI that is retained, or at another instance, before the release, or add a replacement \
        route entry in the same change: a route to the instance itself is deleted whatever deleteOnRelease says
        """

    /// A route table whose one entry goes to `nextHop`; `marked`, the entry's nextHop is where the finding lands.
    private static func routes(nextHop: String, marked: Bool = false) -> String {
        "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, \(marked ? "↓" : "")nextHop: \(nextHop)}\n"
    }

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for change in context.plan.changes {
            for effect in change.effects where effect.kind == .routeEntry && effect.outcome == .deleted {
                guard let table = effect.routeTable, let destination = effect.destination else { continue }
                let entry = context.routeEntry(table: table, destination: destination, nextHop: change.id)
                let isInstance = change.kind == .instance
                var found = finding(
                    "route to '\(DisplayText.quoted(destination))' in '\(DisplayText.quoted(table))' \(context.willBe) deleted with \(isInstance ? "instance" : "ENI") '\(DisplayText.quoted(change.id))': traffic to it is dropped",
                    about: ResourceReference(kind: .routeEntry, id: "\(table):\(destination)"),
                    at: entry?.fields[.nextHop] ?? entry?.range ?? change.location ?? .startOfFile(""))
                found.fixHint = isInstance ? Self.instanceNextHopFix : Self.interfaceNextHopFix
                findings.append(found)
            }
        }
        return findings
    }
}

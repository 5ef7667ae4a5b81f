/// ENI003: a release deletes route entries whose next hop is the released ENI or instance.
struct RouteEntriesDeletedRule: Rule {
    static let description = RuleDescription(
        id: "ENI003", slug: "route-entries-deleted", severity: .warning,
        summary: "route entries will be deleted with a released ENI or instance (traffic to that destination is dropped)",
        rationale: """
            A VPC route entry whose next hop is an ENI is deleted when that ENI is released ("Virtual Private Cloud (VPC) \
            route table that points to the ENI: Deleted"); it is retained with a retained ENI. Until a new route exists, \
            traffic to the destination has nowhere to go.
            """,
        fixHint: "retain the ENI (deleteOnRelease: false) to keep its routes, or add replacement route entries in the same change",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], extra: "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, nextHop: eni-1}\n")],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"], extra: "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, nextHop: eni-1}\n")])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for change in context.plan.changes {
            for effect in change.effects where effect.kind == .routeEntry && effect.outcome == .deleted {
                guard let table = effect.routeTable, let destination = effect.destination else { continue }
                let entry = context.routeEntry(table: table, destination: destination, nextHop: change.id)
                let what = change.kind == .instance ? "instance" : "ENI"
                findings.append(finding(
                    "route to '\(destination)' in '\(table)' \(context.willBe) deleted with \(what) '\(change.id)': traffic to it is dropped",
                    about: ResourceReference(kind: .routeEntry, id: "\(table):\(destination)"),
                    at: entry?.fields["nextHop"] ?? entry?.range ?? change.location ?? .startOfFile("")))
            }
        }
        return findings
    }
}

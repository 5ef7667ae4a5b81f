import EniplanYAML

/// ENI003: a release deletes route entries whose next hop is the released ENI.
struct RouteEntriesDeletedRule: Rule {
    static let description = RuleDescription(
        id: "ENI003", slug: "route-entries-deleted", severity: .warning,
        summary: "route entries will be deleted with a released ENI (traffic to that destination is dropped)",
        rationale: """
            A VPC route entry whose next hop is an ENI is deleted when that ENI is released ("Virtual Private Cloud (VPC) \
            route table that points to the ENI: Deleted"); it is retained with a retained ENI. Until a new route exists, \
            traffic to the destination has nowhere to go. (A route entry whose next hop is the instance itself is not \
            deleted: it makes the release fail, ENI018.)
            """,
        fixHint: "retain the ENI (deleteOnRelease: false) to keep its routes, or add replacement route entries in the same change",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], extra: ExampleYAML.routeTable(nextHop: "eni-1", marked: true))],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"], extra: ExampleYAML.routeTable(nextHop: "eni-1")),
                        // The desired state deletes the route first: the released ENI takes nothing with it.
                        ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], extra: ExampleYAML.routeTable(nextHop: "eni-1"),
                                            desired: "instances: []\nrouteTables:\n  - id: vtb-1\n    entries: []\n")])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // A released ENI's routes; a route the desired state removes on purpose is a change of its own, and a
        // route to an instance refuses the release instead (ENI018).
        for change in context.interfaceChanges where !change.refused {
            for effect in change.effects where effect.kind == .routeEntry && effect.outcome == .deleted {
                guard let table = effect.routeTable, let destination = effect.destination else { continue }
                let entry = context.routeEntry(table: table, destination: destination, nextHop: change.id)
                findings.append(finding(
                    "route to '\(DisplayText.quoted(destination))' in '\(DisplayText.quoted(table))' \(context.willBe) deleted with ENI '\(DisplayText.quoted(change.id))': traffic to it is dropped",
                    about: ResourceReference(kind: .routeEntry, id: "\(table):\(destination)"),
                    at: entry?.fields[.nextHop] ?? entry?.range ?? change.location ?? .startOfFile("")))
            }
        }
        return findings
    }
}

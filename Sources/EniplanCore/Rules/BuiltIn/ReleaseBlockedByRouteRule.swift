import EniplanYAML

/// ENI018: the plan releases an instance that a route entry uses as its next hop, which DeleteInstance refuses.
struct ReleaseBlockedByRouteRule: Rule {
    static let description = RuleDescription(
        id: "ENI018", slug: "release-blocked-by-route", severity: .error,
        summary: "releasing an instance that a route entry uses as its next hop (DeleteInstance refuses it)",
        rationale: """
            DeleteInstance's API reference lists the error DependencyViolation.RouteEntry, "Specified instance is used by \
            route entry.": a VPC route entry whose next hop is the instance (next hop type Instance) is not deleted with \
            it, it makes the release fail. The plan's release, and everything that depends on it (reusing its retained \
            ENIs, say), does not happen. A route whose next hop is an ENI is different: it is deleted with a released ENI \
            (ENI003).
            """,
        fixHint: "re-point the route at another next hop, or delete the route entry, before the release (in the desired state's route table)",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], extra: ExampleYAML.routeTable(nextHop: "i-1", marked: true))],
        nonTriggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"], extra: ExampleYAML.routeTable(nextHop: "eni-1")),
            // The desired state deletes the route first: nothing is left to refuse the release.
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], extra: ExampleYAML.routeTable(nextHop: "i-1"),
                                desired: "instances: []\nrouteTables:\n  - id: vtb-1\n    entries: []\n"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.mode == .plan else { return [] }
        var findings: [Finding] = []
        for change in context.plan.changes where change.kind == .instance && change.action == .release {
            for effect in change.effects where effect.kind == .routeEntry {
                guard let table = effect.routeTable, let destination = effect.destination else { continue }
                let entry = context.routeEntry(table: table, destination: destination, nextHop: change.id)
                findings.append(finding(
                    "route to '\(DisplayText.quoted(destination))' in '\(DisplayText.quoted(table))' has instance '\(DisplayText.quoted(change.id))' as its next hop: DeleteInstance refuses to release the instance while the route exists (DependencyViolation.RouteEntry)",
                    about: ResourceReference(kind: .routeEntry, id: "\(table):\(destination)"),
                    at: entry?.fields[.nextHop] ?? entry?.range ?? change.location ?? .startOfFile("")))
            }
        }
        return findings
    }
}

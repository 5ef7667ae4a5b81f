import EniplanYAML

/// ENI004: a release dissociates an ENI's security groups; their rules stay behind.
struct SecurityGroupsDissociatedRule: Rule {
    static let description = RuleDescription(
        id: "ENI004", slug: "security-groups-dissociated", severity: .note,
        summary: "security groups dissociated by a release: their rules stay behind",
        rationale: """
            A released ENI leaves its security groups ("Dissociated (related security group rules are not automatically \
            deleted)"). Rules that referenced its addresses, and groups that now protect nothing, remain until someone \
            removes them.
            """,
        fixHint: "review the groups' rules after the release, or retain the ENI to keep its memberships",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true, ↓securityGroups: [sg-1]"])],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false, securityGroups: [sg-1]"])])

    func check(_ context: RuleContext) -> [Finding] {
        // A release's doing, not a membership the desired state changes on purpose (the plan shows that as an update).
        context.interfaceChanges.compactMap { change in
            guard change.action == .release || change.action == .delete, !change.refused else { return nil }
            let groups = change.effects.filter { $0.kind == .securityGroup && $0.outcome == .dissociated }.compactMap(\.id)
            guard !groups.isEmpty else { return nil }
            let list = DisplayText.quotedList(groups)
            return finding(
                "ENI '\(DisplayText.quoted(change.id))' \(context.willBe) dissociated from security group\(groups.count == 1 ? "" : "s") \(list); the groups' rules stay",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: SourceRangeLookup.interface(change.id, .securityGroups).range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

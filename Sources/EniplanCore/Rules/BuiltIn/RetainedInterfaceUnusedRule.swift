import EniplanYAML

/// ENI009: a release retains an ENI that nothing in the desired state uses.
struct RetainedInterfaceUnusedRule: Rule {
    static let description = RuleDescription(
        id: "ENI009", slug: "retained-eni-unused", severity: .warning,
        summary: "a retained ENI that nothing in the desired state uses (left Available, keeping its IPs and EIP)",
        rationale: """
            A retained ENI stays behind as an Available secondary ENI with its private IPs, IPv6 addresses, EIP \
            association, security groups and routes. If no instance reuses it and the desired state does not list it, it \
            is forgotten: addresses stay taken and an associated EIP keeps billing.
            """,
        fixHint: "list the ENI under networkInterfaces in the desired manifest to keep it on purpose, reuse it, or let it be released (deleteOnRelease: true)",
        triggering: [ExampleYAML.release(["↓id: eni-1, type: primary, deleteOnRelease: false"])],
        nonTriggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"],
                                desired: "instances: []\nnetworkInterfaces:\n  - {id: eni-1, deleteOnRelease: false}\n"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.mode == .plan else { return [] }
        return context.interfaceChanges.filter { $0.action == .retain && !$0.refused && !context.desired.interfaces.contains($0.id) }.map { change in
            finding(
                "ENI '\(DisplayText.quoted(change.id))' is retained when '\(DisplayText.quoted(change.parentInstance ?? "its instance"))' is released, but nothing in the desired state uses it: it stays Available with its addresses",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: change.location ?? .startOfFile(""))
        }
    }
}

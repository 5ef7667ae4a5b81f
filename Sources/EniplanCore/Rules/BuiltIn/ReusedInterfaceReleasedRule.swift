import EniplanYAML

/// ENI007: the desired state reuses or keeps an ENI that the plan releases first.
struct ReusedInterfaceReleasedRule: Rule {
    static let description = RuleDescription(
        id: "ENI007", slug: "reused-eni-released", severity: .error,
        summary: "an ENI the manifest reuses or keeps that the plan releases",
        rationale: """
            An ENI whose deleteOnRelease is true (the default) is released with its instance, with its addresses, routes \
            and memberships. A manifest that goes on to attach it to another instance, or keep it Available, asks for \
            something that will no longer exist.
            """,
        fixHint: "set deleteOnRelease: false on the ENI in the desired manifest (it is applied before the release) or on the instance beforehand",
        triggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: true"]),
                        desired: ExampleYAML.newInstance(["↓id: eni-1, type: primary"])),
        ],
        nonTriggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: true"]),
                        desired: ExampleYAML.newInstance(["id: eni-1, type: primary, deleteOnRelease: false"])),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.interfaceChanges.filter { $0.reason == .releasedBeforeReuse }.map { change in
            finding(
                "the desired state uses ENI '\(DisplayText.quoted(change.id))', but it is released with '\(DisplayText.quoted(change.parentInstance ?? "its instance"))' first (deleteOnRelease is \(change.before?.deleteOnRelease == false ? "false" : "true"))",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: change.location ?? .startOfFile(""))
        }
    }
}

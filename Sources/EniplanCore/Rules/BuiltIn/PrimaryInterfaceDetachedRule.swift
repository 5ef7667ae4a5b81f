import EniplanYAML

/// ENI011: the change would detach a primary ENI, which Alibaba Cloud refuses.
struct PrimaryInterfaceDetachedRule: Rule {
    static let description = RuleDescription(
        id: "ENI011", slug: "primary-eni-detached", severity: .error,
        summary: "a primary ENI that the change would detach",
        rationale: """
            A primary ENI cannot be detached from a running or stopped instance: DetachNetworkInterface refuses it. A \
            primary ENI leaves its instance only when the instance is released (and it is retained), after which it can be \
            the primary ENI of a new instance.
            """,
        fixHint: "keep the primary ENI on its instance, or release the instance with deleteOnRelease: false on the ENI and reuse it",
        triggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false", "id: eni-2, type: secondary, deleteOnRelease: false"]),
                        desired: ExampleYAML.manifest(ExampleYAML.instance(["id: eni-2, type: primary, deleteOnRelease: false"], id: "↓id: i-1"))),
            // Swapping the roles of two ENIs would need the primary one detached too.
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false", "id: eni-2, type: secondary, deleteOnRelease: false"]),
                        desired: ExampleYAML.manifest(ExampleYAML.instance(["↓id: eni-1, type: secondary, deleteOnRelease: false",
                                                                           "id: eni-2, type: primary, deleteOnRelease: false"]))),
        ],
        nonTriggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false", "id: eni-2, type: secondary, deleteOnRelease: false"]),
                        desired: ExampleYAML.manifest(ExampleYAML.instance(["id: eni-1, type: primary, deleteOnRelease: false"]))),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var seen: Set<String> = []
        return context.interfaceChanges.filter { $0.reason == .primaryENICannotBeDetached && seen.insert($0.id).inserted }.map { change in
            finding(
                "the change detaches primary ENI '\(DisplayText.quoted(change.id))' from '\(DisplayText.quoted(change.before?.instance ?? change.parentInstance ?? "its instance"))', but a primary ENI cannot be detached",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: change.location ?? .startOfFile(""))
        }
    }
}

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
            unretainableExample,
        ],
        nonTriggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: true"]),
                        desired: ExampleYAML.newInstance(["id: eni-1, type: primary, deleteOnRelease: false"])),
        ])

    /// A region where primary ENIs are not retained: the flag, already off, is not the fix.
    static let unretainableExample = RuleExample(
        current: ExampleYAML.manifest(kind: "State", region: "me-east-1", ExampleYAML.instance(["id: eni-1, type: primary, deleteOnRelease: false"],
                                                                                                attributes: ["zone: me-east-1a"]) + "\n"),
        desired: ExampleYAML.manifest(region: "me-east-1", ExampleYAML.instance(["↓id: eni-1, type: primary, deleteOnRelease: false"], id: "name: web-2",
                                                                                attributes: ["zone: me-east-1a"]) + "\n"))

    func check(_ context: RuleContext) -> [Finding] {
        context.interfaceChanges.filter { $0.reason == .releasedBeforeReuse }.map { change in
            let instance = DisplayText.quoted(change.parentInstance ?? "its instance")
            // The flag is already off where the region releases primary ENIs anyway: setting it again fixes nothing.
            let flagOff = change.before?.deleteOnRelease == false || context.interface(change.id)?.deleteOnRelease == .explicit(false)
            let region = context.plan.region
            if flagOff, change.before?.type == .primary, let region, context.catalog.lookup(region) == .secondaryOnly {
                var unretainable = finding(
                    "the desired state uses ENI '\(DisplayText.quoted(change.id))', but it is released with '\(instance)' first: its deleteOnRelease is false, but '\(DisplayText.quoted(region))' does not retain primary ENIs",
                    about: ResourceReference(kind: .networkInterface, id: change.id),
                    at: change.location ?? .startOfFile(""))
                unretainable.fixHint = "in this region only secondary ENIs are retained: move what must survive to a secondary ENI before the release, or run the instance in a region that retains primary ENIs (see `eniplan regions`)"
                return unretainable
            }
            return finding(
                "the desired state uses ENI '\(DisplayText.quoted(change.id))', but it is released with '\(instance)' first (deleteOnRelease is \(change.before?.deleteOnRelease == false ? "false" : "true"))",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: change.location ?? .startOfFile(""))
        }
    }
}

import EniplanYAML

/// ENI021: the desired state puts a kept instance, or an Available ENI, in another zone.
struct InstanceZoneChangedRule: Rule {
    static let description = RuleDescription(
        id: "ENI021", slug: "zone-changed", severity: .error,
        summary: "a kept instance or Available ENI whose zone the desired state changes (neither can move: it is a replacement)",
        rationale: """
            An ECS instance runs in the zone it was created in, and an ENI belongs to a vSwitch, which lives in one zone: \
            "After an instance is released, retained ENIs remain available in the same zone" ("Retain and reuse an ENI"), \
            and an ENI is attached only to instances in its own zone. No API call moves either to another zone, so a desired state that keeps the same id in another zone describes nothing the cloud \
            can do: the real change is a new instance (or ENI) in the new zone and the release of the old one, with all \
            that a release does to its ENIs.
            """,
        fixHint: "keep the zone, or describe the replacement: the new instance (or ENI) in the new zone with a name and no id, and the old one left out, to be released (or deleted)",
        triggering: [RuleExample(
            current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["zone: cn-hangzhou-h"]),
            desired: ExampleYAML.manifest(ExampleYAML.instance(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["↓zone: cn-hangzhou-i"])))],
        nonTriggering: [RuleExample(
            current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["zone: cn-hangzhou-h"]),
            desired: ExampleYAML.manifest(ExampleYAML.instance(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["zone: cn-hangzhou-h"])))])

    func check(_ context: RuleContext) -> [Finding] {
        context.plan.changes.compactMap { change in
            guard change.reason == .zoneChanged, let from = change.before?.zone, let to = change.after?.zone else { return nil }
            let what = change.kind == .instance ? "instance" : "ENI"
            let field: SourceRangeLookup = change.kind == .instance ? .instance(change.id, .zone) : .interface(change.id, .zone)
            return finding(
                "\(what) '\(DisplayText.quoted(change.id))' is in zone '\(DisplayText.quoted(from))', but the desired state puts it in '\(DisplayText.quoted(to))': \(what == "ENI" ? "an ENI" : "an instance") cannot change zone, only be replaced",
                about: ResourceReference(kind: change.kind, id: change.id),
                at: field.range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

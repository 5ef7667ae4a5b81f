import EniplanYAML

/// ENI005 and ENI006 share how they find where a reused ENI lives today.
extension RuleContext {
    /// Reused or attached ENIs: the change, the ENI as it is today, and the instance it goes to.
    func findMovedInterfaces() -> [(change: Change, zone: String?, vpc: String?, target: Instance)] {
        interfaceChanges.compactMap { change in
            guard change.action == .reuse || change.action == .attach, let targetId = change.after?.instance,
                  let target = desired.instance(targetId), let existing = current.interfaces[change.id]
            else { return nil }
            switch existing.placement {
            case .standalone:
                return (change, existing.eni.zone, existing.eni.vpc, target)
            case .attached(let owner):
                let instance = current.instance(owner)
                return (change, instance?.zone, instance?.vpc, target)
            }
        }
    }
}

/// ENI005: a retained ENI is reused by an instance in another zone.
struct ReuseAcrossZonesRule: Rule {
    static let description = RuleDescription(
        id: "ENI005", slug: "reuse-across-zones", severity: .error,
        summary: "an ENI reused in another zone than its own",
        rationale: """
            "After an instance is released, retained ENIs remain available in the same zone." An ENI can only be attached \
            to an instance in its own zone (and VPC), so the attach or RunInstances call fails.
            """,
        fixHint: "create the new instance in the ENI's zone, or give it a new ENI",
        triggering: [
            RuleExample(current: ExampleYAML.availableInterface, desired: ExampleYAML.newInstance(
                ["id: eni-1, type: primary, deleteOnRelease: false"], attributes: ["↓zone: cn-hangzhou-i", "vpc: vpc-1"])),
        ],
        nonTriggering: [
            RuleExample(current: ExampleYAML.availableInterface, desired: ExampleYAML.newInstance(
                ["id: eni-1, type: primary, deleteOnRelease: false"], attributes: ["zone: cn-hangzhou-h", "vpc: vpc-1"])),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.movedInterfaces.compactMap { moved in
            guard let zone = moved.zone, let targetZone = moved.target.zone, zone != targetZone else { return nil }
            return finding(
                "ENI '\(DisplayText.quoted(moved.change.id))' is in zone '\(DisplayText.quoted(zone))' but '\(DisplayText.quoted(moved.target.identity))' is in zone '\(DisplayText.quoted(targetZone))'; an ENI can only be attached in its own zone",
                about: ResourceReference(kind: .networkInterface, id: moved.change.id),
                at: moved.target.fields[.zone] ?? moved.change.location ?? moved.target.range)
        }
    }
}

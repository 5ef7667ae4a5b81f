import EniplanYAML

/// ENI006: a retained ENI is reused by an instance in another VPC.
struct ReuseAcrossVPCsRule: Rule {
    static let description = RuleDescription(
        id: "ENI006", slug: "reuse-across-vpcs", severity: .error,
        summary: "an ENI reused in another VPC than its own",
        rationale: """
            An ENI belongs to a vSwitch and so to one VPC; it can only be attached to an instance in the same VPC \
            (and zone). Reusing it elsewhere fails.
            """,
        fixHint: "create the new instance in the ENI's VPC, or give it a new ENI",
        triggering: [
            RuleExample(current: ExampleYAML.availableInterface, desired: ExampleYAML.newInstance(
                ["id: eni-1, type: primary, deleteOnRelease: false"], attributes: ["zone: cn-hangzhou-h", "↓vpc: vpc-2"])),
        ],
        nonTriggering: [
            RuleExample(current: ExampleYAML.availableInterface, desired: ExampleYAML.newInstance(
                ["id: eni-1, type: primary, deleteOnRelease: false"], attributes: ["zone: cn-hangzhou-h", "vpc: vpc-1"])),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.movedInterfaces.compactMap { moved in
            guard let vpc = moved.vpc, let targetVPC = moved.target.vpc, vpc != targetVPC else { return nil }
            return finding(
                "ENI '\(DisplayText.quoted(moved.change.id))' is in VPC '\(DisplayText.quoted(vpc))' but '\(DisplayText.quoted(moved.target.identity))' is in VPC '\(DisplayText.quoted(targetVPC))'; an ENI can only be attached in its own VPC",
                about: ResourceReference(kind: .networkInterface, id: moved.change.id),
                at: moved.target.fields[.vpc] ?? moved.change.location ?? moved.target.range)
        }
    }
}

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
        movedAcross("VPC", context, from: \.vpc, to: \.vpc, field: .vpc)
    }
}

import EniplanYAML

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
        movedAcross("zone", context, from: \.zone, to: \.zone, field: .zone)
    }
}

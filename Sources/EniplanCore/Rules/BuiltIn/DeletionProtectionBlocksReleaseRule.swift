import EniplanYAML

/// ENI015: the plan releases an instance whose deletion protection is on.
struct DeletionProtectionBlocksReleaseRule: Rule {
    static let description = RuleDescription(
        id: "ENI015", slug: "deletion-protection-blocks-release", severity: .error,
        summary: "releasing an instance that has deletion protection on (the release will fail)",
        rationale: """
            An instance with deletion protection cannot be released until the protection is turned off. The plan's \
            release, and everything that depends on it (reusing its retained ENIs, say), fails.
            """,
        fixHint: "turn deletion protection off first (deletionProtection: false in the state, ModifyInstanceAttribute), or keep the instance",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["↓deletionProtection: true"])],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["deletionProtection: false"])])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.mode == .plan else { return [] }
        return context.plan.changes.filter { $0.kind == .instance && $0.reason == .deletionProtectionBlocksRelease }.map { change in
            finding(
                "instance '\(DisplayText.quoted(change.id))' is released by this plan, but its deletion protection is on: the release will fail",
                about: ResourceReference(kind: .instance, id: change.id),
                at: SourceRangeLookup.instance(change.id, .deletionProtection).range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

import EniplanYAML

/// ENI019: the plan releases a subscription instance, which DeleteInstance refuses until it expires.
struct SubscriptionReleaseRefusedRule: Rule {
    static let description = RuleDescription(
        id: "ENI019", slug: "subscription-release-refused", severity: .error,
        summary: "releasing a subscription (PrePaid) instance, which DeleteInstance refuses before it expires",
        rationale: """
            Alibaba Cloud's DeleteInstance "deletes or releases a pay-as-you-go Elastic Compute Service (ECS) instance or an \
            expired subscription ECS instance". A subscription (InstanceChargeType PrePaid) instance that has not expired \
            cannot be released that way, so the plan's release, and everything that depends on it (reusing its retained \
            ENIs, say), fails. eniplan does not read ExpiredTime: a PrePaid instance is taken as not expired.
            """,
        fixHint: "convert the instance to pay-as-you-go first (ModifyInstanceChargeType to PostPaid), wait for it to expire, or keep it",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["↓chargeType: PrePaid"])],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["chargeType: PostPaid"])])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.mode == .plan else { return [] }
        return context.plan.changes.filter { $0.kind == .instance && $0.reason == .subscriptionBlocksRelease }.map { change in
            finding(
                "instance '\(DisplayText.quoted(change.id))' is released by this plan, but it is a subscription (PrePaid) instance: DeleteInstance refuses to release it before it expires",
                about: ResourceReference(kind: .instance, id: change.id),
                at: SourceRangeLookup.instance(change.id, .chargeType).range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

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
            ENIs, say), fails. A PrePaid instance counts as expired only where the inputs say so (DescribeInstances' \
            Status Expired or an OperationLocks LockReason financial; expired: true in a state). Its ExpiredTime \
            (expiredTime) is named, never compared with the clock: the same inputs give the same plan whenever they are \
            planned, and a plan made just before the expiry is not silently wrong just after it.
            """,
        fixHint: "convert the instance to pay-as-you-go first (ModifyInstanceChargeType to PostPaid), or wait for it to expire and plan again from DescribeInstances output that shows it expired, or keep it",
        triggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["↓chargeType: PrePaid"]),
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["↓chargeType: PrePaid", "expiredTime: 2020-01-01T00:00Z"]),
        ],
        nonTriggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["chargeType: PostPaid"]),
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["chargeType: PrePaid", "expired: true"]),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.mode == .plan else { return [] }
        return context.plan.changes.filter { $0.kind == .instance && $0.reason == .subscriptionBlocksRelease }.map { change in
            let expiry = context.instance(change.id)?.expiredTime.map {
                " (its ExpiredTime is '\(DisplayText.quoted($0))'; eniplan does not compare it with the clock, and no input says it has expired)"
            } ?? ""
            return finding(
                "instance '\(DisplayText.quoted(change.id))' is released by this plan, but it is a subscription (PrePaid) instance: DeleteInstance refuses to release it before it expires\(expiry)",
                about: ResourceReference(kind: .instance, id: change.id),
                at: SourceRangeLookup.instance(change.id, .chargeType).range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

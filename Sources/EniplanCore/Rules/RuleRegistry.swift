/// Every built-in rule, sorted by id. A test checks that it is complete and has no duplicate ids.
package enum RuleRegistry {
    static let rules: [any Rule] = [
        PrimaryRetentionUnsupportedRegionRule(),
        EIPLeftUnboundRule(),
        RouteEntriesDeletedRule(),
        SecurityGroupsDissociatedRule(),
        ReuseAcrossZonesRule(),
        ReuseAcrossVPCsRule(),
        ReusedInterfaceReleasedRule(),
        InterfaceStillInUseRule(),
        RetainedInterfaceUnusedRule(),
        DeleteOnReleaseNotSetRule(),
        PrimaryInterfaceDetachedRule(),
        IPv6BandwidthReleasedRule(),
        UnknownRegionOrZoneRule(),
        DanglingReferenceRule(),
        DeletionProtectionBlocksReleaseRule(),
        OutcomeUnknownRule(),
        StaticPublicIPReclaimedRule(),
        ReleaseBlockedByRouteRule(),
        SubscriptionReleaseRefusedRule(),
        EIPFeeAfterRetentionRule(),
        InstanceZoneChangedRule(),
    ]

    /// The documentation of every built-in rule, in id order.
    package static var descriptions: [RuleDescription] { rules.map { type(of: $0).description } }

    /// A rule's description by id (`ENI002`) or slug (`eip-left-unbound`), case-insensitive.
    package static func description(of name: String) -> RuleDescription? {
        descriptions.first { $0.id.lowercased() == name.lowercased() || $0.slug == name.lowercased() }
    }
}

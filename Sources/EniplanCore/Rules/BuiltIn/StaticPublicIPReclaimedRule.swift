import EniplanYAML

/// ENI017: the plan releases an instance with a static public IP address, which is gone for good.
struct StaticPublicIPReclaimedRule: Rule {
    static let description = RuleDescription(
        id: "ENI017", slug: "static-public-ip-reclaimed", severity: .warning,
        summary: "releasing an instance reclaims its static (non-EIP) public IP address for good",
        rationale: """
            "Static public IP addresses are the public IP addresses that are automatically assigned to ECS instances" \
            (ConvertNatPublicIpToEip). Unlike an EIP, such an address belongs to its instance: DeleteInstance recycles \
            the instance's resources, and "relevant data is erased and cannot be restored". Allowlists, DNS records and \
            partners that know the address lose it. ConvertNatPublicIpToEip turns it into an EIP that outlives the instance.
            """,
        fixHint: "convert the address to an EIP before the release (ConvertNatPublicIpToEip), or keep the instance",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["↓publicIp: 203.0.113.5"])],
        nonTriggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"]),
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"], attributes: ["publicIp: 203.0.113.5", "deletionProtection: true"]),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.plan.changes.compactMap { change in
            guard change.kind == .instance, change.action == .release, !change.refused,
                  let address = change.effects.first(where: { $0.kind == .publicIpv4 })?.value else { return nil }
            return finding(
                "instance '\(DisplayText.quoted(change.id))' has the static public IP address \(address.displaySafe), not an EIP: it \(context.willBe) reclaimed for good with the instance",
                about: ResourceReference(kind: .instance, id: change.id),
                at: SourceRangeLookup.instance(change.id, .publicIp).range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

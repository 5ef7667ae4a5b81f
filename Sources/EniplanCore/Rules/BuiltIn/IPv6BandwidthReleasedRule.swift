import EniplanYAML

/// ENI012: a release takes an ENI's IPv6 Internet bandwidth with it.
struct IPv6BandwidthReleasedRule: Rule {
    static let description = RuleDescription(
        id: "ENI012", slug: "ipv6-bandwidth-released", severity: .note,
        summary: "IPv6 Internet bandwidth released with an ENI",
        rationale: """
            "Private IPv6 addresses, IPv6 prefixes, and IPv6 Internet bandwidth" are released with a released ENI. Public \
            IPv6 reachability through that bandwidth ends, and buying it again gives a new allocation.
            """,
        fixHint: "retain the ENI (deleteOnRelease: false) if its IPv6 Internet access must survive",
        triggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true, ipv6: [\"2408:4005::1\"], ↓ipv6Bandwidth: 10"])],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true, ipv6: [\"2408:4005::1\"]"])])

    func check(_ context: RuleContext) -> [Finding] {
        context.interfaceChanges.compactMap { change in
            guard !change.refused, let effect = change.effects.first(where: { $0.kind == .ipv6Bandwidth && $0.outcome == .released }) else { return nil }
            return finding(
                "ENI '\(DisplayText.quoted(change.id))' \(context.willBe) released with its \(effect.value ?? "?") Mbit/s of IPv6 Internet bandwidth",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: SourceRangeLookup.interface(change.id, .ipv6Bandwidth).range(in: context) ?? change.location ?? .startOfFile(""))
        }
    }
}

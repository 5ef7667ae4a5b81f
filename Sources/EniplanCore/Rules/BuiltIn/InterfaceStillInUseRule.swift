import EniplanYAML

/// ENI008: an ENI is attached to an instance while another instance still holds it.
struct InterfaceStillInUseRule: Rule {
    static let description = RuleDescription(
        id: "ENI008", slug: "eni-still-in-use", severity: .error,
        summary: "an ENI attached to two instances, or attached while still in use",
        rationale: """
            An ENI can be attached to one instance at a time, and only when its status is Available. Reuse needs the ENI \
            released from its old instance first; if that instance is not released (out of scope, or its release fails \
            because deletion protection is on), the attach fails.
            """,
        fixHint: "release or detach the ENI from its current instance in the same change, or attach a different ENI",
        triggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false"], attributes: ["deletionProtection: true"]),
                        desired: ExampleYAML.newInstance(["↓id: eni-1, type: primary, deleteOnRelease: false"])),
        ],
        nonTriggering: [
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false"]),
                        desired: ExampleYAML.newInstance(["id: eni-1, type: primary, deleteOnRelease: false"])),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.mode == .plan else { return [] }
        let blocked = Dictionary(context.plan.changes.filter { $0.kind == .instance && $0.refused }.map { ($0.id, $0.reason) },
                                 uniquingKeysWith: { first, _ in first })
        let changed = Set(context.plan.changes.filter { $0.kind == .instance }.map(\.id))
        var findings: [Finding] = []
        for instance in context.desired.instances {
            for eni in instance.networkInterfaces {
                guard let id = eni.id, case .attached(let owner)? = context.current.interfaces.placement(of: id), owner != instance.identity
                else { continue }
                if let refusal = blocked[owner] {
                    let why: String
                    switch refusal {
                    case .subscriptionBlocksRelease: why = "a subscription that has not expired"
                    case .routeEntryBlocksRelease: why = "a route entry whose next hop is the instance"
                    default: why = "deletion protection"
                    }
                    findings.append(finding(
                        "ENI '\(DisplayText.quoted(id))' is attached to '\(DisplayText.quoted(instance.identity))', but it stays in use by '\(DisplayText.quoted(owner))', whose release is refused: \(why)",
                        about: ResourceReference(kind: .networkInterface, id: id), at: eni.range))
                } else if !changed.contains(owner) {
                    findings.append(finding(
                        "ENI '\(DisplayText.quoted(id))' is attached to '\(DisplayText.quoted(instance.identity))', but it is in use by '\(DisplayText.quoted(owner))', which this plan neither releases nor changes",
                        about: ResourceReference(kind: .networkInterface, id: id), at: eni.range))
                }
            }
        }
        return findings
    }
}

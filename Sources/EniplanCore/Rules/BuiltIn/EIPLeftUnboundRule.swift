import EniplanYAML

/// ENI002: a release dissociates an EIP and leaves it allocated, unbound and billing.
struct EIPLeftUnboundRule: Rule {
    static let description = RuleDescription(
        id: "ENI002", slug: "eip-left-unbound", severity: .warning,
        summary: "an EIP will be dissociated by a release and left unbound, still billing",
        rationale: """
            When an ENI is released with its instance, the EIP associated with it is dissociated, not released: "the EIP \
            must be manually released or attached to another resource". Until then it stays allocated to the account and \
            keeps billing. An EIP bound to the instance itself is dissociated the same way.
            """,
        fixHint: "set deleteOnRelease: false on the ENI to keep the association, or release or re-associate the EIP as part of the change",
        triggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true, ↓eip: eip-1"],
                                extra: "eips:\n  - {id: eip-1, address: 203.0.113.10}\n"),
            ExampleYAML.release([
                "id: eni-1, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.4, 10.0.0.5], "
                    + "eips: [↓{id: eip-1, privateIp: 10.0.0.4}, ↓{id: eip-2, privateIp: 10.0.0.5}]",
            ]),
        ],
        nonTriggering: [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false, eip: eip-1"])])

    /// The fix when the desired state itself takes the EIP off a kept ENI: no flag keeps it there.
    static let updateFix = "bind the EIP to another ENI or instance in the desired state, keep it where it is, or release it (ReleaseEipAddress) in the same change"

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for change in context.plan.changes {
            // A refused release dissociates nothing, and an EIP the desired state binds elsewhere is moved, not left.
            for effect in change.effects where effect.kind == .eip && effect.outcome == .dissociated && effect.reassociatedTo == nil && !change.refused {
                // An EIP the desired state releases in the same change bills no more.
                guard let eip = effect.id, !context.desired.releasedEIPs.contains(eip) else { continue }
                let address = context.eipAddress(eip).map { " (\($0))" } ?? ""
                let instance = change.kind == .instance ? change.id : (change.parentInstance ?? change.id)
                let location: SourceRange?
                if change.kind == .instance {
                    location = SourceRangeLookup.instance(change.id, .eip).range(in: context)
                } else {
                    location = SourceRangeLookup.eip(interface: change.id, id: eip).range(in: context)
                }
                let binding = effect.privateIp.map { " from \($0.displaySafe)" } ?? ""
                // An update that takes the EIP off a kept ENI leaves it unbound just the same.
                let when: String
                switch change.action {
                case .update: when = "from ENI '\(DisplayText.quoted(change.id))' by this change"
                // An ENI the desired state drops from an instance it keeps is deleted, not released with the instance.
                case .delete: when = "when this change deletes ENI '\(DisplayText.quoted(change.id))'"
                default: when = context.whenReleased(instance)
                }
                var found = finding(
                    "EIP '\(DisplayText.quoted(eip))'\(address) \(context.willBe) dissociated\(binding) \(when) and keeps billing until released or re-associated",
                    about: ResourceReference(kind: .eip, id: eip),
                    at: location ?? change.location ?? .startOfFile(""))
                if change.action == .update || change.action == .delete { found.fixHint = Self.updateFix }
                findings.append(found)
            }
        }
        return findings
    }
}

import EniplanYAML

/// ENI020: a release retains a primary ENI with an EIP; the ENI becomes a secondary ENI, whose EIP is charged.
struct EIPFeeAfterRetentionRule: Rule {
    static let description = RuleDescription(
        id: "ENI020", slug: "eip-fee-after-retention", severity: .note,
        summary: "a retained primary ENI becomes a secondary ENI, and the EIP it keeps starts to be charged an instance fee",
        rationale: """
            "A retained primary ENI becomes a secondary ENI", and it keeps its EIP association ("Attachment retained"). \
            Elastic IP Address's "Billing overview" (https://www.alibabacloud.com/help/doc-detail/122035.htm) says: "After \
            an EIP is associated with an ECS instance in a VPC, the EIP is free from the instance fee. If the EIP is \
            associated with a NAT Gateway, Server Load Balancer (SLB) instance, secondary Elastic Network Interface \
            (ENI), or High-Availability Virtual IP Address (HaVip), the instance fee is charged and billed." An EIP that \
            cost no instance fee on the instance's primary ENI starts to cost one when the release leaves it on the \
            retained ENI, and goes on costing while another instance reuses the ENI as a secondary ENI; reused as the \
            primary ENI of a new instance, it is on an instance again.
            """,
        fixHint: "reuse the ENI as the primary ENI of a new instance, move the EIP to an instance, or release the EIP if nothing needs it",
        triggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false, ↓eip: eip-1"],
                                extra: "eips:\n  - {id: eip-1, address: 203.0.113.10}\n"),
            ExampleYAML.release([
                "id: eni-1, type: primary, deleteOnRelease: false, privateIpv4: [10.0.0.4, 10.0.0.5], "
                    + "eips: [↓{id: eip-1, privateIp: 10.0.0.4}, ↓{id: eip-2, privateIp: 10.0.0.5}]",
            ]),
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false, ↓eip: eip-1"]),
                        desired: ExampleYAML.newInstance(["name: web-2-eth0, type: primary",
                                                          "id: eni-1, type: secondary, deleteOnRelease: false"])),
        ],
        nonTriggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"]),
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true, eip: eip-1"]),
            ExampleYAML.release(["id: eni-1, type: primary", "id: eni-2, type: secondary, deleteOnRelease: false, eip: eip-1"]),
            RuleExample(current: ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: false, eip: eip-1"]),
                        desired: ExampleYAML.newInstance(["id: eni-1, type: primary, deleteOnRelease: false"])),
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false, eip: eip-1"], attributes: ["deletionProtection: true"]),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for change in context.interfaceChanges where change.action == .retain || change.action == .reuse {
            guard !change.refused, change.before?.type == .primary, change.after?.type == .secondary else { continue }
            let instance = change.parentInstance ?? change.id
            let becomes = change.action == .reuse
                ? "a secondary ENI of '\(DisplayText.quoted(change.after?.instance ?? "?"))'" : "a secondary ENI"
            for effect in change.effects where effect.kind == .eip && effect.outcome == .retained {
                guard let eip = effect.id else { continue }
                let address = context.eipAddress(eip).map { " (\($0.displaySafe))" } ?? ""
                findings.append(finding(
                    "EIP '\(DisplayText.quoted(eip))'\(address) stays on primary ENI '\(DisplayText.quoted(change.id))', which \(context.willBe) \(becomes) \(context.whenReleased(instance)): an EIP on a secondary ENI is charged an instance fee, one on an instance is not",
                    about: ResourceReference(kind: .eip, id: eip),
                    at: SourceRangeLookup.eip(interface: change.id, id: eip, currentFirst: true).range(in: context) ?? change.location ?? .startOfFile("")))
            }
        }
        return findings
    }
}

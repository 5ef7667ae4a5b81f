import EniplanYAML

/// ENI016: a release whose effect on an ENI the inputs cannot tell.
struct OutcomeUnknownRule: Rule {
    static let description = RuleDescription(
        id: "ENI016", slug: "outcome-unknown", severity: .warning,
        summary: "an ENI whose fate on its instance's release the inputs cannot tell (no DeleteOnRelease, no region, or an instance known only through some of its ENIs)",
        rationale: """
            "When you release an ECS instance, all attached ENIs -- both primary and secondary -- are released by \
            default", unless DeleteOnRelease is off, and a primary ENI is retained only in the regions that support it. \
            An input without the flag (DescribeInstances does not report it; a state file may not record it) or without a \
            known region leaves the ENI's fate, and with it its addresses, EIP binding and routes, unknown. A gate that \
            passed in silence there would be greener for knowing less: the same release with the flag on gives findings. \
            So does an instance that the inputs know only through some of its ENIs (an ENI call's output without \
            DescribeInstances; networkInterfacesComplete: false in a state): its other ENIs are released or retained \
            unseen.
            """,
        fixHint: "give the input that settles it: DescribeNetworkInterfaces output for the flag, DescribeInstances output for an instance's other ENIs, or the region",
        triggering: [
            ExampleYAML.release(["↓id: eni-1, type: primary"]),
            RuleExample(current: ExampleYAML.manifest(kind: "State", region: "xx-nowhere-1", """
                instances:
                  - id: i-1
                    networkInterfaces:
                      - ↓{id: eni-1, type: primary, deleteOnRelease: false}

                """), desired: ExampleYAML.manifest(region: "xx-nowhere-1", "instances: []\n")),
            RuleExample(current: ExampleYAML.manifest(kind: "State", """
                instances:
                  - ↓id: i-1
                    networkInterfacesComplete: false
                    networkInterfaces:
                      - {id: eni-2, type: secondary, deleteOnRelease: true}

                """), desired: ExampleYAML.manifest("instances: []\n")),
        ],
        nonTriggering: [
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: true"]),
            ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: false"]),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        interfaceFindings(context) + unlistedInterfaceFindings(context)
    }

    /// Instances released with ENIs the inputs do not list.
    private func unlistedInterfaceFindings(_ context: RuleContext) -> [Finding] {
        context.plan.changes.compactMap { change in
            guard change.kind == .instance, !change.refused,
                  let effect = change.effects.first(where: { $0.kind == .networkInterface && $0.outcome == .unknown }) else { return nil }
            return finding(
                "what releasing instance '\(DisplayText.quoted(change.id))' does to its other ENIs is unknown: \((effect.reason ?? "the inputs do not list them").displaySafe)",
                about: ResourceReference(kind: .instance, id: change.id),
                at: change.location ?? .startOfFile(""))
        }
    }

    private func interfaceFindings(_ context: RuleContext) -> [Finding] {
        context.interfaceChanges.compactMap { change in
            // A release the cloud refuses leaves the ENI as it is: nothing about it is unknown.
            guard change.action == .unknown, !change.refused else { return nil }
            var detail = change.effects.first { $0.outcome == .unknown }?.reason ?? change.reason.phrase ?? "the inputs do not tell"
            if change.reason == .deleteOnReleaseUnknown, case .unknown(let reason)? = context.interface(change.id)?.deleteOnRelease {
                detail = reason
            }
            let settle: String
            switch change.reason {
            case .regionUnknown:
                settle = "name the region (region: in the manifest, RegionId in the API responses) or add it to the region catalogue"
            default:
                settle = detail.contains("add the output of") ? ""
                    : "give the output of DescribeNetworkInterfaces (or DescribeNetworkInterfaceAttribute) for it, or record deleteOnRelease in the state"
            }
            let instance = change.parentInstance ?? "its instance"
            return finding(
                "whether ENI '\(DisplayText.quoted(change.id))' is released or retained \(context.whenReleased(instance)) is unknown: \(detail.displaySafe)"
                    + (settle.isEmpty ? "" : "; \(settle)"),
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: change.location ?? .startOfFile(""))
        }
    }
}

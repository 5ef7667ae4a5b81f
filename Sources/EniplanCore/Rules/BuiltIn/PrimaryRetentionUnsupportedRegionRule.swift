import EniplanYAML

/// ENI001: a primary ENI asks to be retained where the region cannot retain primary ENIs.
struct PrimaryRetentionUnsupportedRegionRule: Rule {
    static let description = RuleDescription(
        id: "ENI001", slug: "primary-retention-unsupported-region", severity: .error,
        summary: "a primary ENI with deleteOnRelease: false in a region where primary ENI retention is unsupported",
        rationale: """
            Alibaba Cloud retains a primary ENI on instance release only in the regions listed under "Region availability \
            for primary ENI retention" (23 regions as of 2026-02-28). Elsewhere the primary ENI is released with its \
            instance whatever its flag says, and with it its private IPs, IPv6 addresses and routes. Secondary ENIs can be \
            retained in every region.
            """,
        fixHint: "move what must survive to a secondary ENI, or run the instance in a region that retains primary ENIs (see `eniplan regions`)",
        triggering: [
            RuleExample(ExampleYAML.manifest(region: "me-east-1", """
                instances:
                  - id: i-1
                    zone: me-east-1a
                    networkInterfaces:
                      - {id: eni-1, type: primary, ↓deleteOnRelease: false}

                """)),
            // The desired state keeps the instance and names no region: the current state's holds.
            RuleExample(current: ExampleYAML.manifest(kind: "State", region: "me-east-1",
                                                      ExampleYAML.instance(["id: eni-1, type: primary, deleteOnRelease: true"])),
                        desired: "apiVersion: eniplan/v1\nkind: Manifest\n"
                            + ExampleYAML.instance(["id: eni-1, type: primary, ↓deleteOnRelease: false"])),
        ],
        nonTriggering: [
            RuleExample(ExampleYAML.manifest(region: "cn-hangzhou", """
                instances:
                  - id: i-1
                    zone: cn-hangzhou-h
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: false}

                """)),
            RuleExample(ExampleYAML.manifest(region: "me-east-1", """
                instances:
                  - id: i-1
                    zone: me-east-1a
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true}
                      - {id: eni-2, type: secondary, deleteOnRelease: false}

                """)),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        var flagged: Set<String> = []
        // A release in this plan: the current state asks for a retention the region cannot give.
        for change in context.interfaceChanges where change.reason == .primaryRetentionUnsupportedInRegion {
            flagged.insert(change.id)
            findings.append(finding(
                "primary ENI '\(DisplayText.quoted(change.id))' asks to be retained, but '\(DisplayText.quoted(context.plan.region ?? "?"))' does not support primary ENI retention: it \(context.willBe) released with '\(DisplayText.quoted(change.parentInstance ?? "its instance"))'",
                about: ResourceReference(kind: .networkInterface, id: change.id),
                at: SourceRangeLookup.interface(change.id, .deleteOnRelease).range(in: context) ?? change.location ?? .startOfFile("")))
        }
        // A primary ENI the desired state keeps, or a new instance's: the request is wrong whether or not this change
        // releases it. A file that names no region is in the plan's.
        for manifest in context.subjects {
            guard let region = manifest.region ?? context.plan.region, context.catalog.lookup(region) == .secondaryOnly else { continue }
            for instance in manifest.instances {
                for eni in instance.networkInterfaces
                where eni.type == .primary && eni.deleteOnRelease == .explicit(false) && !flagged.contains(eni.identity) {
                    // An ENI this plan releases before its reuse goes with the instance it is on today.
                    let released = context.change(of: .networkInterface, eni.identity).flatMap { $0.action == .release ? $0 : nil }
                    let releasedWith = released?.parentInstance ?? instance.identity
                    let fate = released != nil ? "it \(context.willBe) released with '\(DisplayText.quoted(releasedWith))'"
                        : "it would be released with '\(DisplayText.quoted(releasedWith))' whenever that instance is released"
                    findings.append(finding(
                        "primary ENI '\(DisplayText.quoted(eni.identity))' asks to be retained, but '\(DisplayText.quoted(region))' does not support primary ENI retention: \(fate)",
                        about: ResourceReference(kind: .networkInterface, id: eni.identity),
                        at: eni.fields[.deleteOnRelease] ?? eni.range))
                }
            }
        }
        return findings
    }
}

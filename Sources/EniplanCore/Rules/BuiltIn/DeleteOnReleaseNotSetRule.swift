import EniplanYAML

/// ENI010: an ENI in a manifest leaves deleteOnRelease to the default.
struct DeleteOnReleaseNotSetRule: Rule {
    static let description = RuleDescription(
        id: "ENI010", slug: "delete-on-release-not-set", severity: .warning,
        summary: "deleteOnRelease not set: the default releases the ENI and everything on it",
        rationale: """
            "When you release an ECS instance, all attached ENIs -- both primary and secondary -- are released by \
            default." Writing the flag says the release behaviour was chosen, not inherited.
            """,
        fixHint: "write deleteOnRelease: true or deleteOnRelease: false on the ENI",
        triggering: [
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    networkInterfaces:
                      - ↓{id: eni-1, type: primary}

                """)),
        ],
        nonTriggering: [
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true}

                """)),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for manifest in context.subjects where manifest.kind == .manifest {
            let interfaces = manifest.instances.flatMap(\.networkInterfaces) + manifest.networkInterfaces
            for eni in interfaces where eni.deleteOnRelease == .defaulted {
                findings.append(finding(
                    "ENI '\(DisplayText.quoted(eni.identity))' does not set deleteOnRelease: the default, true, releases it and everything on it with its instance",
                    about: ResourceReference(kind: .networkInterface, id: eni.identity), at: eni.range))
            }
        }
        return findings
    }
}

import EniplanYAML

/// ENI013: a region the catalogue does not know, or a zone outside the manifest's region.
struct UnknownRegionOrZoneRule: Rule {
    static let description = RuleDescription(
        id: "ENI013", slug: "unknown-region-or-zone", severity: .error,
        summary: "unknown region, or a zone that is not in the resource's region",
        rationale: """
            Whether a primary ENI can be retained depends on the region, so eniplan must know it: a typo ('cn-hangzou') \
            would otherwise silently turn every primary ENI's fate into 'unknown'. Zones belong to one region, and an ENI \
            stays in its zone.
            """,
        fixHint: "correct the region or zone id; if Alibaba Cloud added a region, update the catalogue with --regions FILE",
        triggering: [
            RuleExample("apiVersion: eniplan/v1\nkind: Manifest\n↓region: cn-hangzou\ninstances: []\n"),
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    ↓zone: cn-shanghai-b
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true}

                """)),
        ],
        nonTriggering: [
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    zone: cn-hangzhou-h
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true}

                """)),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for manifest in context.subjects {
            guard let region = manifest.region else { continue }
            if case .unknown(let suggestion) = context.catalog.lookup(region) {
                let hint = suggestion.map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? " (update the catalogue with --regions FILE if it is new)"
                findings.append(finding(
                    "region '\(DisplayText.quoted(region))' is not in the region catalogue \(context.catalog.version)\(hint)",
                    about: ResourceReference(kind: .region, id: region),
                    at: manifest.regionRange ?? manifest.range))
                continue
            }
            for instance in manifest.instances {
                if let zone = instance.zone, !RegionCatalog.zone(zone, belongsTo: region) {
                    findings.append(finding(
                        "zone '\(DisplayText.quoted(zone))' of instance '\(DisplayText.quoted(instance.identity))' is not in region '\(DisplayText.quoted(region))'",
                        about: ResourceReference(kind: .instance, id: instance.identity),
                        at: instance.fields[.zone] ?? instance.range))
                }
            }
            for eni in manifest.networkInterfaces {
                if let zone = eni.zone, !RegionCatalog.zone(zone, belongsTo: region) {
                    findings.append(finding(
                        "zone '\(DisplayText.quoted(zone))' of ENI '\(DisplayText.quoted(eni.identity))' is not in region '\(DisplayText.quoted(region))'",
                        about: ResourceReference(kind: .networkInterface, id: eni.identity),
                        at: eni.fields[.zone] ?? eni.range))
                }
            }
        }
        return findings
    }
}

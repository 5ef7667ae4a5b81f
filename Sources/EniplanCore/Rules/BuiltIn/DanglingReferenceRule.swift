import EniplanYAML

/// ENI014: a reference to a resource no input has.
struct DanglingReferenceRule: Rule {
    static let description = RuleDescription(
        id: "ENI014", slug: "dangling-reference", severity: .error,
        summary: "a reference to something that does not exist (a route's next hop, an ENI; an EIP where the inputs list EIPs)",
        rationale: """
            eniplan predicts release effects by following references: a route's next hop to its ENI or instance, an ENI to \
            its EIP. A reference to nothing is a typo or stale data, and the prediction for it would be silently wrong.
            """,
        fixHint: "correct the id, or add the missing resource to the state",
        triggering: [
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true}
                routeTables:
                  - id: vtb-1
                    entries:
                      - {destination: 10.1.0.0/16, ↓nextHop: eni-9}

                """)),
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true, ↓eip: eip-9}
                eips:
                  - {id: eip-1}

                """)),
        ],
        nonTriggering: [
            RuleExample(ExampleYAML.manifest("""
                instances:
                  - id: i-1
                    networkInterfaces:
                      - {id: eni-1, type: primary, deleteOnRelease: true, eip: eip-9}
                routeTables:
                  - id: vtb-1
                    entries:
                      - {destination: 10.1.0.0/16, nextHop: i-1}

                """)),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        // In check mode the checked files are the current state; in plan mode both sides count.
        let known = { (id: String) -> Bool in
            context.current.interfaces.contains(id) || context.desired.interfaces.contains(id)
                || context.current.instance(id) != nil || context.desired.instance(id) != nil
        }
        let listedEIPs = Set(context.current.eips.keys).union(context.desired.eips.keys)
        // "Did you mean": made only once a reference dangles, each bounded in the comparisons it makes.
        lazy var resources = SuggestionIndex(Array(context.current.interfaces.ids) + Array(context.desired.interfaces.ids)
            + (context.current.instances + context.desired.instances).compactMap(\.id))
        lazy var eips = SuggestionIndex(listedEIPs)
        lazy var currentInterfaces = SuggestionIndex(context.current.interfaces.ids)
        func hint(_ suggestion: String?) -> String {
            suggestion.map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
        }
        var findings: [Finding] = []
        for manifest in context.subjects {
            for table in manifest.routeTables {
                for entry in table.entries where !known(entry.nextHop) {
                    findings.append(finding(
                        "route to '\(DisplayText.quoted(entry.destination))' in '\(DisplayText.quoted(table.id))' has next hop '\(DisplayText.quoted(entry.nextHop))', which no input defines\(hint(resources.closest(to: entry.nextHop)))",
                        about: ResourceReference(kind: .routeEntry, id: "\(table.id):\(entry.destination)"),
                        at: entry.fields[.nextHop] ?? entry.range))
                }
            }
            guard !listedEIPs.isEmpty else { continue }
            for interfaces in manifest.instances.map(\.networkInterfaces) + [manifest.networkInterfaces] {
                for eni in interfaces {
                    for binding in eni.eips where !listedEIPs.contains(binding.id) {
                        findings.append(finding(
                            "ENI '\(DisplayText.quoted(eni.identity))' refers to EIP '\(DisplayText.quoted(binding.id))', which is not among the listed EIPs\(hint(eips.closest(to: binding.id)))",
                            about: ResourceReference(kind: .networkInterface, id: eni.identity),
                            at: binding.range ?? eni.fields[.eip] ?? eni.range))
                    }
                }
            }
        }
        if context.mode == .plan {
            for instance in context.desired.instances {
                for eni in instance.networkInterfaces {
                    guard let id = eni.id, !context.current.interfaces.contains(id) else { continue }
                    findings.append(finding(
                        "ENI '\(DisplayText.quoted(id))' of '\(DisplayText.quoted(instance.identity))' has an id, but the current state has no such ENI (a new ENI has only a name)\(hint(currentInterfaces.closest(to: id)))",
                        about: ResourceReference(kind: .networkInterface, id: id),
                        at: eni.fields[.id] ?? eni.range))
                }
            }
        }
        return findings
    }
}

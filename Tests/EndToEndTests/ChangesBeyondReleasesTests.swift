import Foundation
import Testing

/// What a desired state changes besides releases, through the real binary: route entries added, removed or
/// re-pointed, what a kept ENI gains and loses, a zone that cannot change, a route that refuses a release, and
/// the verdict that opens every human plan.
@Suite("changes beyond releases")
struct ChangesBeyondReleasesTests {
    static let current = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - id: eni-1
                type: primary
                deleteOnRelease: true
                privateIpv4: [10.0.0.4, 10.0.0.5]
                ipv6: ["2408:4005::1"]
                securityGroups: [sg-1, sg-2]
                eip: eip-1
          - id: i-2
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - {id: eni-2, type: primary, deleteOnRelease: true}
        networkInterfaces:
          - {id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}
        routeTables:
          - id: vtb-1
            entries:
              - {destination: 10.1.0.0/16, nextHop: eni-1}
              - {destination: 10.2.0.0/16, nextHop: eni-1}
              - {destination: 10.3.0.0/16, nextHop: i-2}

        """

    /// The desired state for `current`, with `instance1` as i-1's lines and `routes` as vtb-1's entries.
    static func desired(eni: String = "{id: eni-1, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.4, 10.0.0.5], ipv6: [\"2408:4005::1\"], securityGroups: [sg-1, sg-2], eip: eip-1}",
                        zone: String = "cn-hangzhou-h", keepsI2: Bool = true, routes: String? = nil, spareZone: String = "cn-hangzhou-h") -> String {
        var text = """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            instances:
              - id: i-1
                zone: \(zone)
                vpc: vpc-1
                networkInterfaces:
                  - \(eni)

            """
        if keepsI2 {
            text += "  - id: i-2\n    zone: cn-hangzhou-h\n    vpc: vpc-1\n    networkInterfaces:\n      - {id: eni-2, type: primary, deleteOnRelease: true}\n"
        }
        text += "networkInterfaces:\n  - {id: eni-spare, zone: \(spareZone), vpc: vpc-1, deleteOnRelease: false}\n"
        if let routes { text += "routeTables:\n  - id: vtb-1\n    entries:\n" + routes }
        return text
    }

    private func plan(_ desired: String, format: String = "json") throws -> (RunResult, [String: Any]?) {
        let folder = try ScratchFolder()
        _ = try folder.write("current.yaml", Self.current)
        _ = try folder.write("desired.yaml", desired)
        let result = try EniplanRunner.run(["plan", "--format", format, "--current", "current.yaml", "desired.yaml"], in: folder.url)
        guard format == "json" else { return (result, nil) }
        return (result, try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func changes(_ plan: [String: Any]?) -> [[String: Any]] { plan?["changes"] as? [[String: Any]] ?? [] }

    private func effects(_ change: [String: Any]?) -> [String] {
        (change?["effects"] as? [[String: Any]] ?? []).map { effect in
            let name = effect["value"] as? String ?? effect["id"] as? String ?? effect["destination"] as? String ?? "?"
            return "\(effect["kind"] as? String ?? "?") \(name) \(effect["outcome"] as? String ?? "?")"
        }
    }

    private func findings(_ plan: [String: Any]?) -> [String] {
        (plan?["findings"] as? [[String: Any]] ?? []).map { finding in
            let location = finding["location"] as? [String: Any]
            return "\(finding["ruleId"] as? String ?? "?") \(location?["line"] as? Int ?? 0):\(location?["column"] as? Int ?? 0)"
        }
    }

    @Test func anUnchangedDesiredStateChangesNothing() throws {
        let routes = "      - {destination: 10.1.0.0/16, nextHop: eni-1}\n      - {destination: 10.2.0.0/16, nextHop: eni-1}\n      - {destination: 10.3.0.0/16, nextHop: i-2}\n"
        let (result, json) = try plan(Self.desired(routes: routes))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(changes(json).allSatisfy { $0["action"] as? String == "keep" })
        let (text, _) = try plan(Self.desired(routes: routes), format: "text")
        #expect(text.stdout.hasPrefix("No changes. Every resource is kept as it is.\n") && !text.stdout.contains("route"), "\(text.stdout)")
    }

    @Test func routeEntriesAddedRemovedAndRepointedAreChangesOfTheirOwn() throws {
        // 10.1 re-pointed, 10.2 removed, 10.3 kept, 10.4 added.
        let routes = "      - {destination: 10.1.0.0/16, nextHop: eni-2}\n      - {destination: 10.3.0.0/16, nextHop: i-2}\n      - {destination: 10.4.0.0/16, nextHop: eni-1}\n"
        let (result, json) = try plan(Self.desired(routes: routes))
        #expect(result.status == 0, "\(result.stdout)")
        let routeChanges = changes(json).filter { $0["kind"] as? String == "routeEntry" }
        let summary = routeChanges.map { change -> String in
            let before = (change["before"] as? [String: Any])?["nextHop"] as? String ?? "-"
            let after = (change["after"] as? [String: Any])?["nextHop"] as? String ?? "-"
            return "\(change["id"] as? String ?? "?") \(change["action"] as? String ?? "?") \(change["reason"] as? String ?? "?") \(before)->\(after)"
        }
        #expect(summary == ["vtb-1:10.1.0.0/16 update route_entry_repointed eni-1->eni-2",
                            "vtb-1:10.4.0.0/16 create route_entry_added -->eni-1",
                            "vtb-1:10.2.0.0/16 delete route_entry_removed eni-1->-"])
        #expect(routeChanges.map { effects($0) } == [["routeEntry 10.1.0.0/16 repointed"], ["routeEntry 10.4.0.0/16 added"], ["routeEntry 10.2.0.0/16 deleted"]])
        // The re-pointed and added entries point at their next hop in the desired file; the removed one at its table.
        let lines = routeChanges.map { ($0["location"] as? [String: Any])?["line"] as? Int ?? 0 }
        #expect(lines == [20, 22, 18])
        let summaryCounts = (json?["summary"] as? [String: Any])?["effects"] as? [String: [String: Int]]
        #expect(summaryCounts?["routeEntry"] == ["repointed": 1, "added": 1, "deleted": 1])

        let (text, _) = try plan(Self.desired(routes: routes), format: "text")
        #expect(text.stdout.contains("~ route 10.1.0.0/16 in vtb-1 will be re-pointed from eni-1 to eni-2  [desired.yaml:20:36]\n"), "\(text.stdout)")
        #expect(text.stdout.contains("+ route 10.4.0.0/16 in vtb-1 to eni-1 will be added  [desired.yaml:22:36]\n"), "\(text.stdout)")
        #expect(text.stdout.contains("- route 10.2.0.0/16 in vtb-1 to eni-1 will be removed: traffic to it is dropped  [desired.yaml:18:5]\n"), "\(text.stdout)")
        #expect(text.stdout.hasPrefix("Verdict: nothing blocks at --fail-on error; lost: 1 route entry deleted\n"), "\(text.stdout)")
        let (markdown, _) = try plan(Self.desired(routes: routes), format: "markdown")
        #expect(markdown.stdout.contains("| route table `vtb-1` | route `10.1.0.0/16` in `vtb-1` | re-pointed from `eni-1` to `eni-2` |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| route entries | 1 | 1 | 1 |"), "\(markdown.stdout)")
    }

    @Test func aKeptENIShowsEachAddressGroupAndEIPItGainsOrLoses() throws {
        let eni = "{id: eni-1, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.4, 10.0.0.6], ipv6: [], securityGroups: [sg-2, sg-3], eip: eip-9}"
        let (result, json) = try plan(Self.desired(eni: eni))
        let change = changes(json).first { $0["id"] as? String == "eni-1" }
        #expect(change?["action"] as? String == "update")
        #expect(effects(change) == ["privateIpv4 10.0.0.5 released", "privateIpv4 10.0.0.6 added", "ipv6 2408:4005::1 released",
                                    "eip eip-1 dissociated", "eip eip-9 added", "securityGroup sg-1 dissociated", "securityGroup sg-3 added"])
        // The EIP taken off the ENI keeps billing (ENI002); the group left on purpose is no release's doing (no ENI004).
        #expect(findings(json).contains("ENI002 9:134"), "\(findings(json))")
        #expect(!findings(json).contains { $0.hasPrefix("ENI004") })
        #expect(result.status == 0)
        let (text, _) = try plan(Self.desired(eni: eni), format: "text")
        for line in ["        - private IPv4 10.0.0.5 released\n", "        + private IPv4 10.0.0.6 added\n", "        $ EIP eip-1 dissociated: stays allocated",
                     "        + EIP eip-9 associated\n", "        + security group sg-3 joined\n"] {
            #expect(text.stdout.contains(line), "\(line) in \(text.stdout)")
        }
        #expect(text.stdout.contains("warning[ENI002] EIP 'eip-1' will be dissociated from ENI 'eni-1' by this change"), "\(text.stdout)")
    }

    @Test func aListTheDesiredStateLeavesOutIsNotEmptied() throws {
        let (_, json) = try plan(Self.desired(eni: "{id: eni-1, type: primary, deleteOnRelease: true, eip: eip-1}"))
        let change = changes(json).first { $0["id"] as? String == "eni-1" }
        #expect(change?["action"] as? String == "keep")
        #expect(effects(change).isEmpty)
    }

    @Test func theBeforeOfAFlagFlipIsTheFlagInForceToday() throws {
        let (_, json) = try plan(Self.desired(eni: "{id: eni-1, type: primary, deleteOnRelease: false, privateIpv4: [10.0.0.4, 10.0.0.5], ipv6: [\"2408:4005::1\"], securityGroups: [sg-1, sg-2], eip: eip-1}"))
        let change = changes(json).first { $0["id"] as? String == "eni-1" }
        #expect((change?["before"] as? [String: Any])?["deleteOnRelease"] as? Bool == true)
        #expect((change?["after"] as? [String: Any])?["deleteOnRelease"] as? Bool == false)
        // Released after the flip: before is still today's flag, the reason the one that decides.
        let flipped = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\nnetworkInterfaces:\n  - {id: eni-2, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}\n"
        let (_, released) = try plan(flipped)
        let eni2 = changes(released).first { $0["id"] as? String == "eni-2" }
        #expect(eni2?["action"] as? String == "retain")
        #expect(eni2?["reason"] as? String == "delete_on_release_false")
        #expect((eni2?["before"] as? [String: Any])?["deleteOnRelease"] as? Bool == true)
    }

    @Test func anInstanceOrAvailableENIMovedToAnotherZoneIsAnError() throws {
        let (result, json) = try plan(Self.desired(zone: "cn-hangzhou-i", spareZone: "cn-hangzhou-j"))
        #expect(result.status == 3)
        let instance = changes(json).first { $0["id"] as? String == "i-1" }
        #expect(instance?["action"] as? String == "update" && instance?["reason"] as? String == "zone_changed")
        #expect((instance?["before"] as? [String: Any])?["zone"] as? String == "cn-hangzhou-h")
        #expect((instance?["after"] as? [String: Any])?["zone"] as? String == "cn-hangzhou-i")
        let spare = changes(json).first { $0["id"] as? String == "eni-spare" }
        #expect(spare?["reason"] as? String == "zone_changed")
        #expect(findings(json).filter { $0.hasPrefix("ENI021") } == ["ENI021 6:5", "ENI021 16:21"], "\(findings(json))")
        let (text, _) = try plan(Self.desired(zone: "cn-hangzhou-i"), format: "text")
        #expect(text.stdout.contains("~ instance i-1 will be updated, but moves from zone 'cn-hangzhou-h' to 'cn-hangzhou-i': an instance cannot change zone, only be replaced  [desired.yaml:5:5]"), "\(text.stdout)")
        #expect(text.stdout.contains("desired.yaml:6:5: error[ENI021] instance 'i-1' is in zone 'cn-hangzhou-h', but the desired state puts it in 'cn-hangzhou-i'"), "\(text.stdout)")
    }

    @Test func aRouteToTheInstanceRefusesItsRelease() throws {
        let (result, json) = try plan(Self.desired(keepsI2: false))
        #expect(result.status == 3)
        let instance = changes(json).first { $0["id"] as? String == "i-2" }
        #expect(instance?["reason"] as? String == "route_entry_blocks_release")
        #expect(instance?["refused"] as? Bool == true)
        #expect(effects(instance) == ["routeEntry 10.3.0.0/16 retained"])
        #expect(findings(json) == ["ENI018 28:36"], "\(findings(json))")
        let (text, _) = try plan(Self.desired(keepsI2: false), format: "text")
        #expect(text.stdout.hasPrefix("Verdict: 1 blocking finding at --fail-on error; 1 release refused; nothing is lost\n"), "\(text.stdout)")
        #expect(text.stdout.contains("- instance i-2 will be released, but a route entry's next hop is the instance: the release will be refused  [current.yaml:16:5]\n    refused: none of what follows happens while the release is refused\n    = route 10.3.0.0/16 in vtb-1 retained\n"), "\(text.stdout)")
        #expect(text.stdout.contains("current.yaml:28:36: error[ENI018] route to '10.3.0.0/16' in 'vtb-1' has instance 'i-2' as its next hop: DeleteInstance refuses to release the instance while the route exists (DependencyViolation.RouteEntry)"), "\(text.stdout)")
        let (markdown, _) = try plan(Self.desired(keepsI2: false), format: "markdown")
        #expect(markdown.stdout.hasPrefix("### ❌ eniplan plan: 1 blocking finding at `--fail-on error`; 1 release refused; nothing is lost\n"), "\(markdown.stdout)")

        // The desired state re-points the route first: the release goes ahead, and nothing refuses it.
        let repointed = "      - {destination: 10.1.0.0/16, nextHop: eni-1}\n      - {destination: 10.2.0.0/16, nextHop: eni-1}\n      - {destination: 10.3.0.0/16, nextHop: eni-1}\n"
        let (freed, freedJSON) = try plan(Self.desired(keepsI2: false, routes: repointed))
        #expect(freed.status == 0, "\(freed.stdout)")
        let released = changes(freedJSON).first { $0["id"] as? String == "i-2" }
        #expect(released?["action"] as? String == "release" && released?["refused"] == nil)
        #expect(!findings(freedJSON).contains { $0.hasPrefix("ENI018") })
    }

    @Test func theVerdictSaysWhatIsLost() throws {
        let (text, _) = try plan(Self.desired(keepsI2: false, routes: "      - {destination: 10.1.0.0/16, nextHop: eni-1}\n      - {destination: 10.2.0.0/16, nextHop: eni-1}\n"), format: "text")
        // i-2 goes (its route is removed first): the removed route is lost, as is nothing else it carried.
        #expect(text.stdout.hasPrefix("Verdict: nothing blocks at --fail-on error; lost: 1 route entry deleted\nPlan: "), "\(text.stdout)")
        let everything = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n  - id: i-2\n    zone: cn-hangzhou-h\n    vpc: vpc-1\n    networkInterfaces:\n      - {id: eni-2, type: primary, deleteOnRelease: true}\nnetworkInterfaces:\n  - {id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}\n"
        let (gone, _) = try plan(everything, format: "text")
        #expect(gone.stdout.hasPrefix("Verdict: nothing blocks at --fail-on error; lost: 3 addresses released, 1 EIP left billing, 2 route entries deleted\n"), "\(gone.stdout)")
        let (markdown, _) = try plan(everything, format: "markdown")
        #expect(markdown.stdout.hasPrefix("### ✅ eniplan plan: nothing blocks at `--fail-on error`; lost: 3 addresses released, 1 EIP left billing, 2 route entries deleted\n"), "\(markdown.stdout)")
    }

    /// Every plan these scenarios give is valid against the plan schema: the new outcomes, route entry changes
    /// and their snapshots, zones, and the route entry counts of the summary.
    @Test func everyScenarioMatchesThePlanSchema() throws {
        let folder = try ScratchFolder()
        let scenarios = [
            Self.desired(routes: "      - {destination: 10.1.0.0/16, nextHop: eni-2}\n      - {destination: 10.3.0.0/16, nextHop: i-2}\n      - {destination: 10.4.0.0/16, nextHop: eni-1}\n"),
            Self.desired(eni: "{id: eni-1, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.4, 10.0.0.6], ipv6: [], securityGroups: [sg-2, sg-3], eip: eip-9}"),
            Self.desired(zone: "cn-hangzhou-i", spareZone: "cn-hangzhou-j"),
            Self.desired(keepsI2: false),
        ]
        var files: [String] = []
        for (index, desired) in scenarios.enumerated() {
            let (result, json) = try plan(desired)
            #expect(json != nil, "\(result.stderr)")
            files.append(try folder.write("plan-\(index).json", result.stdout))
        }
        let verdict = try SchemaValidator.validate(files, against: "plan")
        #expect(verdict.isValid, "\(verdict.errors)")
        let (_, routes) = try plan(scenarios[0])
        #expect((routes?["summary"] as? [String: Any])?["routeEntries"] as? [String: Int] == ["create": 1, "update": 1, "delete": 1])
    }

    @Test func aDesiredRouteTableWithoutEntriesLeavesItsEntriesAlone() throws {
        let desired = Self.desired() + "routeTables:\n  - id: vtb-1\n    vpc: vpc-1\n"
        let (result, json) = try plan(desired)
        #expect(result.status == 0)
        #expect(!changes(json).contains { $0["kind"] as? String == "routeEntry" }, "\(result.stdout)")
        // An empty list is a list: it removes them all.
        let (_, emptied) = try plan(Self.desired() + "routeTables:\n  - id: vtb-1\n    entries: []\n")
        #expect(changes(emptied).filter { $0["kind"] as? String == "routeEntry" }.count == 3)
    }

    @Test func multipathRoutesAreOneChangeANextHop() throws {
        // 10.1 gains a second next hop, then loses its first: two changes with ids of their own.
        let (_, json) = try plan(Self.desired(routes: "      - {destination: 10.1.0.0/16, nextHop: eni-2}\n      - {destination: 10.1.0.0/16, nextHop: i-2}\n      - {destination: 10.2.0.0/16, nextHop: eni-1}\n      - {destination: 10.3.0.0/16, nextHop: i-2}\n"))
        let ids = changes(json).filter { $0["kind"] as? String == "routeEntry" }.map { "\($0["id"] as? String ?? "?") \($0["action"] as? String ?? "?")" }
        #expect(ids == ["vtb-1:10.1.0.0/16:eni-1 delete", "vtb-1:10.1.0.0/16:eni-2 create", "vtb-1:10.1.0.0/16:i-2 create"], "\(ids)")
    }

    @Test func anEIPTheDesiredStateBindsElsewhereIsMovedNotLeftBilling() throws {
        // eip-1 moves from eni-1 (kept) to eni-spare; i-2 goes.
        let desired = Self.desired(eni: "{id: eni-1, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.4, 10.0.0.5], ipv6: [\"2408:4005::1\"], securityGroups: [sg-1, sg-2]}")
            .replacingOccurrences(of: "{id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}",
                                  with: "{id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false, eip: eip-1}")
        let (result, json) = try plan(desired)
        let eni = changes(json).first { $0["id"] as? String == "eni-1" }
        let effect = (eni?["effects"] as? [[String: Any]])?.first { $0["kind"] as? String == "eip" }
        #expect(effect?["outcome"] as? String == "dissociated" && effect?["reassociatedTo"] as? String == "eni-spare")
        #expect(!findings(json).contains { $0.hasPrefix("ENI002") }, "\(findings(json))")
        let (text, _) = try plan(desired, format: "text")
        #expect(text.stdout.contains("        ~ EIP eip-1 dissociated: then associated with eni-spare, as the desired state binds it\n"), "\(text.stdout)")
        #expect(!text.stdout.contains("left billing"), "\(text.stdout)")
        #expect(result.status == 0)
    }

    @Test func aRefusedReleaseWarnsOfNothingItWouldHaveDone() throws {
        // i-1 goes, but a route to it refuses the release: its EIP, groups and routes stay, and no rule says otherwise.
        let routes = "      - {destination: 10.1.0.0/16, nextHop: eni-1}\n      - {destination: 10.2.0.0/16, nextHop: eni-1}\n      - {destination: 10.3.0.0/16, nextHop: i-2}\n      - {destination: 10.9.0.0/16, nextHop: i-1}\n"
        let desired = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n  - id: i-2\n    zone: cn-hangzhou-h\n    vpc: vpc-1\n    networkInterfaces:\n      - {id: eni-2, type: primary, deleteOnRelease: true}\nnetworkInterfaces:\n  - {id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}\nrouteTables:\n  - id: vtb-1\n    entries:\n" + routes
        let (result, json) = try plan(desired)
        #expect(result.status == 3)
        #expect(findings(json).map { String($0.prefix(6)) } == ["ENI018"], "\(findings(json))")
        let (markdown, _) = try plan(desired, format: "markdown")
        #expect(markdown.stdout.hasPrefix("### ❌ eniplan plan: 1 blocking finding at `--fail-on error`; 1 release refused; nothing is lost\n"), "\(markdown.stdout)")
    }

    /// An ENI reused from an instance whose release is refused stays where it is, and ENI008 says why it is refused.
    @Test func anENIReusedFromARefusedReleaseSaysWhyItIsRefused() throws {
        // i-2 goes, but the route 10.3.0.0/16 to it refuses its release; a new instance takes its ENI all the same.
        let fixed = """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            instances:
              - id: i-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                networkInterfaces:
                  - {id: eni-1, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.4, 10.0.0.5], ipv6: ["2408:4005::1"], securityGroups: [sg-1, sg-2], eip: eip-1}
              - name: new-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                networkInterfaces:
                  - {id: eni-2, type: primary, deleteOnRelease: true}
            networkInterfaces:
              - {id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: false}

            """
        let (text, _) = try plan(fixed, format: "text")
        #expect(text.stdout.contains("error[ENI008] ENI 'eni-2' is attached to 'new-1', but it stays in use by 'i-2', whose release is refused: a route entry whose next hop is the instance"), "\(text.stdout)")
    }
}

import Foundation
import Testing

/// The seed document's table, row by row, read from the JSON plan of the real binary.
@Suite("the seed's release table")
struct SeedTableTests {
    struct Outcome: Hashable, CustomStringConvertible {
        var eni: String
        var kind: String
        var outcome: String
        var description: String { "\(eni) \(kind) \(outcome)" }
    }

    private func plan(_ folder: String) throws -> [String: Any] {
        let base = "Examples/\(folder)/"
        let result = try EniplanRunner.run(["plan", "--format", "json", "--current", base + "current.yaml", base + "desired.yaml"])
        #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func changes(_ plan: [String: Any]) -> [[String: Any]] { plan["changes"] as? [[String: Any]] ?? [] }

    private func outcomes(_ plan: [String: Any]) -> Set<Outcome> {
        var result: Set<Outcome> = []
        for change in changes(plan) where change["kind"] as? String == "networkInterface" {
            for effect in change["effects"] as? [[String: Any]] ?? [] {
                result.insert(Outcome(eni: change["id"] as? String ?? "", kind: effect["kind"] as? String ?? "",
                                      outcome: effect["outcome"] as? String ?? ""))
            }
        }
        return result
    }

    @Test func releasedENIReleasesAddressesDissociatesEIPAndGroupsAndDeletesRoutes() throws {
        let all = outcomes(try plan("retained-primary"))
        let released = Set(["privateIpv4", "ipv4Prefix", "ipv6", "ipv6Prefix", "ipv6Bandwidth"].map { Outcome(eni: "eni-web1b", kind: $0, outcome: "released") })
        #expect(released.isSubset(of: all))
        #expect(all.contains(Outcome(eni: "eni-web1b", kind: "eip", outcome: "dissociated")))
        #expect(all.contains(Outcome(eni: "eni-web1b", kind: "securityGroup", outcome: "dissociated")))
        #expect(all.contains(Outcome(eni: "eni-web1b", kind: "routeEntry", outcome: "deleted")))
    }

    @Test func retainedENIRetainsEverything() throws {
        let all = outcomes(try plan("retained-primary")).filter { $0.eni == "eni-web1" }
        #expect(Set(all.map(\.kind)) == ["privateIpv4", "ipv6", "ipv6Prefix", "ipv6Bandwidth", "eip", "securityGroup", "routeEntry"])
        #expect(all.allSatisfy { $0.outcome == "retained" })
    }

    @Test func retainedPrimaryBecomesAnAvailableSecondary() throws {
        let change = try #require(changes(try plan("retained-primary")).first { $0["id"] as? String == "eni-web1" })
        #expect(change["action"] as? String == "retain")
        let before = try #require(change["before"] as? [String: Any])
        let after = try #require(change["after"] as? [String: Any])
        #expect(before["type"] as? String == "primary")
        #expect(after["type"] as? String == "secondary")
        #expect(after["status"] as? String == "available")
        #expect(after["instance"] is NSNull)
    }

    @Test func primaryRetentionIsNotARetentionWhereTheRegionLacksIt() throws {
        let all = changes(try plan("unsupported-region-primary"))
        let primary = try #require(all.first { $0["id"] as? String == "eni-dxb1p" })
        #expect(primary["action"] as? String == "release")
        #expect(primary["reason"] as? String == "primary_retention_unsupported_in_region")
        let secondary = try #require(all.first { $0["id"] as? String == "eni-dxb1s" })
        #expect(secondary["action"] as? String == "retain")
    }

    @Test func retainedENIIsReusedByTheNewInstance() throws {
        let all = changes(try plan("reuse-retained-eni"))
        let eni = try #require(all.first { $0["id"] as? String == "eni-app" })
        #expect(eni["action"] as? String == "reuse")
        let after = try #require(eni["after"] as? [String: Any])
        #expect(after["instance"] as? String == "app-new")
        #expect(after["type"] as? String == "primary")
        #expect(all.contains { $0["id"] as? String == "app-new" && $0["action"] as? String == "create" })
    }

    /// The example's desired state removes the route whose next hop is the instance, which would refuse the release:
    /// the removal is a change of its own, and the release goes ahead.
    @Test func aRouteToTheInstanceIsRemovedBeforeTheRelease() throws {
        let all = changes(try plan("route-entries-deleted"))
        let instance = try #require(all.first { $0["id"] as? String == "i-gw" })
        #expect(instance["action"] as? String == "release" && instance["refused"] == nil)
        let route = try #require(all.first { $0["id"] as? String == "vtb-sz:0.0.0.0/0" })
        #expect(route["kind"] as? String == "routeEntry" && route["action"] as? String == "delete")
        #expect(route["reason"] as? String == "route_entry_removed")
        #expect((route["before"] as? [String: Any])?["nextHop"] as? String == "i-gw")
    }

    @Test func aMissingFlagIsUnknownNotAGuess() throws {
        let eni = try #require(changes(try plan("route-entries-deleted")).first { $0["id"] as? String == "eni-gw-p" })
        #expect(eni["action"] as? String == "unknown")
        #expect(eni["reason"] as? String == "delete_on_release_unknown")
        let effects = eni["effects"] as? [[String: Any]] ?? []
        #expect(!effects.isEmpty && effects.allSatisfy { $0["outcome"] as? String == "unknown" && $0["reason"] != nil })
    }

    @Test func aFlagFlippedInTheDesiredStateIsAppliedBeforeTheRelease() throws {
        let result = try EniplanRunner.run(["plan", "--format", "json", "--current", "Examples/pull-request/base.yaml", "Examples/pull-request/head.yaml"])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let eni = try #require(changes(plan).first { $0["id"] as? String == "eni-pay1" })
        #expect(eni["action"] as? String == "retain")
        let dropped = try #require(changes(plan).first { $0["id"] as? String == "eni-pay2-data" })
        #expect(dropped["action"] as? String == "delete")
    }
}

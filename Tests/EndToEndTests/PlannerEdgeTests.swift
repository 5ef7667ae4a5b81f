import Foundation
import Testing

/// Plans at the edges of the seed's rules, read from the JSON plan of the real binary: regions that
/// disagree, an EIP bound to the instance, primary and secondary swapped, a flag left out.
@Suite("planner edges")
struct PlannerEdgeTests {
    private static func state(region: String = "cn-hangzhou", zone: String = "cn-hangzhou-h", instanceEIP: String? = nil,
                              _ interfaces: [String]) -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: \(region)
        instances:
          - id: i-1
            zone: \(zone)
            vpc: vpc-1
            status: running
        \(instanceEIP.map { "    eip: \($0)\n" } ?? "")    networkInterfaces:
        \(interfaces.map { "      - {\($0)}" }.joined(separator: "\n"))

        """
    }

    private static func manifest(region: String = "cn-hangzhou", _ interfaces: [String]?) -> String {
        let header = "apiVersion: eniplan/v1\nkind: Manifest\nregion: \(region)\n"
        guard let interfaces else { return header + "instances: []\n" }
        return header + """
            instances:
              - id: i-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                status: running
                networkInterfaces:
            \(interfaces.map { "      - {\($0)}" }.joined(separator: "\n"))

            """
    }

    private func plan(current: String, desired: String) throws -> (result: RunResult, json: [String: Any]?) {
        let folder = try ScratchFolder()
        let currentPath = try folder.write("current.yaml", current)
        let desiredPath = try folder.write("desired.yaml", desired)
        let result = try EniplanRunner.run(["plan", "--format", "json", "--current", currentPath, desiredPath])
        let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, json)
    }

    private func change(_ json: [String: Any]?, _ id: String) throws -> [String: Any] {
        let changes = json?["changes"] as? [[String: Any]] ?? []
        return try #require(changes.first { $0["id"] as? String == id }, "no change for \(id)")
    }

    private func ruleIds(_ json: [String: Any]?) -> [String] {
        (json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
    }

    @Test func aDesiredStateInAnotherRegionThanTheCurrentOneIsALocatedError() throws {
        let folder = try ScratchFolder()
        let current = try folder.write("current.yaml", Self.state(region: "me-east-1", zone: "me-east-1a", ["id: eni-p, type: primary, deleteOnRelease: false"]))
        let desired = try folder.write("desired.yaml", Self.manifest(region: "cn-hangzhou", nil))
        let result = try EniplanRunner.run(["plan", "--current", current, desired])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(desired):3:1: error: region 'cn-hangzhou' of the desired state differs from region 'me-east-1' of the current state; plan one region at a time
            \(current):3:1: note: the current state is in 'me-east-1' here

            """)
    }

    @Test func anEIPBoundToTheInstanceIsUnknownWhenThePrimaryENIIsRetained() throws {
        let retained = try plan(current: Self.state(instanceEIP: "eip-inst", ["id: eni-p, type: primary, deleteOnRelease: false"]),
                                desired: Self.manifest(nil))
        let instance = try change(retained.json, "i-1")
        let effect = try #require((instance["effects"] as? [[String: Any]])?.first { $0["id"] as? String == "eip-inst" })
        #expect(effect["outcome"] as? String == "unknown")
        #expect((effect["reason"] as? String)?.contains("primary ENI 'eni-p' is retained") == true)
        #expect(!ruleIds(retained.json).contains("ENI002"))

        let released = try plan(current: Self.state(instanceEIP: "eip-inst", ["id: eni-p, type: primary, deleteOnRelease: true"]),
                                desired: Self.manifest(nil))
        let releasedEffect = try #require((try change(released.json, "i-1")["effects"] as? [[String: Any]])?.first { $0["id"] as? String == "eip-inst" })
        #expect(releasedEffect["outcome"] as? String == "dissociated")
        #expect(releasedEffect["reason"] == nil)
        #expect(ruleIds(released.json).contains("ENI002"))
    }

    @Test func swappingPrimaryAndSecondaryOnAKeptInstanceIsNotUnchanged() throws {
        let (result, json) = try plan(
            current: Self.state(["id: eni-k, type: primary, deleteOnRelease: false", "id: eni-k2, type: secondary, deleteOnRelease: false"]),
            desired: Self.manifest(["id: eni-k, type: secondary, deleteOnRelease: false", "id: eni-k2, type: primary, deleteOnRelease: false"]))
        #expect(result.status == 3, "stderr: \(result.stderr)")
        // Neither can happen: the plan says so, and shows both ENIs as they stay.
        let demoted = try change(json, "eni-k")
        #expect(demoted["action"] as? String == "detach")
        #expect(demoted["reason"] as? String == "primary_eni_cannot_be_detached")
        #expect((demoted["after"] as? [String: Any])?["type"] as? String == "primary")
        let promoted = try change(json, "eni-k2")
        #expect(promoted["action"] as? String == "keep")
        #expect(promoted["reason"] as? String == "secondary_eni_cannot_become_primary")
        #expect((promoted["after"] as? [String: Any])?["type"] as? String == "secondary")
        #expect(ruleIds(json).contains("ENI011"))

        let folder = try ScratchFolder()
        let current = try folder.write("current.yaml", Self.state(["id: eni-k, type: primary, deleteOnRelease: false",
                                                                   "id: eni-k2, type: secondary, deleteOnRelease: false"]))
        let desired = try folder.write("desired.yaml", Self.manifest(["id: eni-k, type: secondary, deleteOnRelease: false",
                                                                      "id: eni-k2, type: primary, deleteOnRelease: false"]))
        let text = try EniplanRunner.run(["plan", "--current", current, desired])
        #expect(text.stdout.contains("ENI eni-k2 secondary: kept (the desired state makes it primary, but an instance's primary ENI is the one it was created with)"),
                "\(text.stdout)")
        let markdown = try EniplanRunner.run(["plan", "--format", "markdown", "--current", current, desired])
        #expect(!markdown.stdout.contains("ENIs that move"), "a refused detach is not a move")
    }

    @Test func aFlagLeftOutOfTheManifestIsSetEvenWhenTheCurrentOneIsUnknown() throws {
        // A state without the flag cannot say; the manifest, written or not, sets it: both read the same.
        let (_, json) = try plan(current: Self.state(["id: eni-1, type: primary", "id: eni-2, type: secondary"]),
                                 desired: Self.manifest(["id: eni-1, type: primary, deleteOnRelease: true", "id: eni-2, type: secondary"]))
        for id in ["eni-1", "eni-2"] {
            let eni = try change(json, id)
            #expect(eni["action"] as? String == "update", "\(id)")
            #expect(eni["reason"] as? String == "delete_on_release_changed", "\(id)")
            #expect((eni["before"] as? [String: Any])?["deleteOnRelease"] is NSNull, "\(id)")
            #expect((eni["after"] as? [String: Any])?["deleteOnRelease"] as? Bool == true, "\(id)")
        }
    }

    @Test func aFlagLeftOutOfTheManifestMeansTrueAndChangesARetainedENI() throws {
        let (result, json) = try plan(current: Self.state(["id: eni-1, type: primary, deleteOnRelease: false"]),
                                      desired: Self.manifest(["id: eni-1, type: primary"]))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let eni = try change(json, "eni-1")
        #expect(eni["action"] as? String == "update")
        #expect(eni["reason"] as? String == "delete_on_release_changed")
        #expect((eni["before"] as? [String: Any])?["deleteOnRelease"] as? Bool == false)
        #expect((eni["after"] as? [String: Any])?["deleteOnRelease"] as? Bool == true)
        #expect(ruleIds(json).contains("ENI010"))
    }

    @Test func valuesComeOutWithTheBytesTheyWereWrittenWith() throws {
        // The same security group spelt in two Unicode forms (é, and e with a combining acute accent):
        // equal as Swift strings, but each ENI's effect must name its own bytes.
        let composed = "sg-caf\u{E9}-production-1", decomposed = "sg-cafe\u{301}-production-1"
        let (result, _) = try plan(current: Self.state(["id: eni-1, type: primary, securityGroups: [\(composed)]",
                                                        "id: eni-2, type: secondary, securityGroups: [\(decomposed)]"]),
                                   desired: Self.manifest(nil))
        let output = Array(result.stdout.utf8)
        for spelling in [composed, decomposed] {
            let bytes = Array(spelling.utf8)
            let found = output.indices.contains { start in output[start...].starts(with: bytes) }
            #expect(found, "\(bytes) missing from the plan")
        }
    }

    @Test func aFlagLeftOutOfTheManifestIsAppliedBeforeTheRelease() throws {
        // The instance is released and its ENI reused elsewhere, but the manifest leaves the flag out:
        // the default, true, is set first, so the release destroys the ENI the manifest wants.
        let current = Self.state(["id: eni-1, type: primary, deleteOnRelease: false"])
        let desired = """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            instances:
              - name: new-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                status: running
                networkInterfaces:
                  - {id: eni-1, type: primary}

            """
        let (_, json) = try plan(current: current, desired: desired)
        let eni = try change(json, "eni-1")
        #expect(eni["action"] as? String == "release")
        #expect(eni["reason"] as? String == "released_before_reuse")
        #expect(ruleIds(json).contains("ENI007"))
    }
}

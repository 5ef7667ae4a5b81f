import Foundation
import Testing

/// Releases the cloud refuses are shown as refused, and a subscription instance's is one (ENI019).
@Suite("refused releases")
struct RefusedReleaseTests {
    static func state(_ attribute: String) -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            \(attribute)
            networkInterfaces:
              - {id: eni-1, type: primary, deleteOnRelease: true}

        """
    }

    static let empty = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n"

    @Test func aSubscriptionInstanceIsRefusedAtItsChargeType() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state("chargeType: PrePaid"))
        let desired = try folder.write("desired.yaml", Self.empty)
        let result = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(result.status == 3)
        #expect(result.stdout.hasPrefix("Verdict: 1 blocking finding at --fail-on error; 1 release refused; nothing is lost\nPlan: 1 release refused\n"), "\(result.stdout)")
        #expect(result.stdout.contains("- instance i-1 will be released, but it is a subscription (PrePaid) instance: the release will be refused  ["), "\(result.stdout)")
        #expect(result.stdout.contains("state.yaml:5:5]\n    refused: none of what follows happens while the release is refused\n"), "\(result.stdout)")
        #expect(result.stdout.contains("state.yaml:7:5: error[ENI019] instance 'i-1' is released by this plan, but it is a subscription (PrePaid) instance"), "\(result.stdout)")
        let json = try EniplanRunner.run(["plan", "--format", "json", "--current", state, desired], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(plan["changes"] as? [[String: Any]])
        #expect(changes.first?["reason"] as? String == "subscription_blocks_release")
        #expect(changes.allSatisfy { $0["refused"] as? Bool == true })
        // Pay-as-you-go is released as always.
        let postPaid = try folder.write("postpaid.yaml", Self.state("chargeType: PostPaid"))
        let released = try EniplanRunner.run(["plan", "--current", postPaid, desired], in: folder.url)
        #expect(released.status == 0 && released.stdout.hasPrefix("Verdict: nothing blocks at --fail-on error; nothing is lost\nPlan: instance: 1 to release; ENI: 1 to release\n"), "\(released.stdout)")
    }

    @Test func aWrongChargeTypeIsALocatedError() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state("chargeType: Monthly"))
        let result = try EniplanRunner.run(["validate", state], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("state.yaml:7:17: error: chargeType must be"), "\(result.stderr)")
    }

    @Test func describeInstancesGivesTheChargeType() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/aliyun/DescribeInstances.json")
        let folder = try ScratchFolder()
        let text = try String(contentsOf: fixture, encoding: .utf8)
        let prePaid = try folder.write("DescribeInstances.json", text.replacingOccurrences(of: "\"InstanceChargeType\": \"PostPaid\"", with: "\"InstanceChargeType\": \"PrePaid\""))
        let imported = try EniplanRunner.run(["state", "import", prePaid], in: folder.url)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("chargeType: PrePaid"), "\(imported.stdout)")
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances: []\n")
        let result = try EniplanRunner.run(["plan", "--current", prePaid, desired], in: folder.url)
        #expect(result.stdout.contains("error[ENI019]"), "\(result.stdout)")
        #expect(result.stdout.contains("releases refused"), "\(result.stdout)")
    }
}

/// Messages that must not mislead: where a region releases primary ENIs whatever the flag, ENI007 does not tell
/// the user to set the flag that is already set.
@Suite("misleading messages")
struct MisleadingMessageTests {
    @Test func reusingAPrimaryTheRegionReleasesDoesNotAskForTheFlagAgain() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", """
            apiVersion: eniplan/v1
            kind: State
            region: me-east-1
            instances:
              - id: i-1
                zone: me-east-1a
                networkInterfaces:
                  - {id: eni-1, type: primary, deleteOnRelease: false}

            """)
        let desired = try folder.write("desired.yaml", """
            apiVersion: eniplan/v1
            kind: Manifest
            region: me-east-1
            instances:
              - name: web-2
                zone: me-east-1a
                networkInterfaces:
                  - {id: eni-1, type: primary, deleteOnRelease: false}

            """)
        let result = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(result.status == 3)
        #expect(result.stdout.contains("desired.yaml:8:9: error[ENI007] the desired state uses ENI 'eni-1', but it is released with 'i-1' first: its deleteOnRelease is false, but 'me-east-1' does not retain primary ENIs\n"
            + "      fix: in this region only secondary ENIs are retained"), "\(result.stdout)")
        #expect(!result.stdout.contains("fix: set deleteOnRelease: false"), "\(result.stdout)")
    }
}

/// A static public IP address is reclaimed for good with its instance (ENI017), read from a manifest and from
/// DescribeInstances.
@Suite("static public IP addresses")
struct StaticPublicIPTests {
    @Test func aReleasedInstancesStaticPublicIPIsReclaimed() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", RefusedReleaseTests.state("publicIp: 203.0.113.5"))
        let desired = try folder.write("desired.yaml", RefusedReleaseTests.empty)
        let result = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(result.stdout.contains("    - static public IPv4 203.0.113.5 released: reclaimed for good; convert it to an EIP first to keep it\n"), "\(result.stdout)")
        #expect(result.stdout.contains("state.yaml:7:5: warning[ENI017] instance 'i-1' has the static public IP address 203.0.113.5, not an EIP: it will be reclaimed for good with the instance"), "\(result.stdout)")
        let json = try EniplanRunner.run(["plan", "--format", "json", "--current", state, desired], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let effects = try #require((plan["changes"] as? [[String: Any]])?.first?["effects"] as? [[String: Any]])
        #expect(effects.contains { $0["kind"] as? String == "publicIpv4" && $0["value"] as? String == "203.0.113.5" && $0["outcome"] as? String == "released" })
        let bad = try folder.write("bad.yaml", RefusedReleaseTests.state("publicIp: 300.1.1.1"))
        #expect(try EniplanRunner.run(["validate", bad], in: folder.url).status == 1)
    }

    @Test func describeInstancesGivesTheStaticPublicIP() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/aliyun/DescribeInstances.json")
        let folder = try ScratchFolder()
        var text = try String(contentsOf: fixture, encoding: .utf8)
        if let range = text.range(of: "\"IpAddress\": []") { text.replaceSubrange(range, with: "\"IpAddress\": [\"198.51.100.20\"]") }
        let path = try folder.write("DescribeInstances.json", text)
        let imported = try EniplanRunner.run(["state", "import", path], in: folder.url)
        #expect(imported.stdout.contains("publicIp: 198.51.100.20"), "\(imported.stdout)\(imported.stderr)")
    }
}

import Foundation
import Testing

/// ENI020 through the real binary: a retained primary ENI becomes a secondary ENI, and each EIP it keeps starts to
/// be charged; reused as another instance's primary ENI, it does not.
@Suite("EIP fee after retention")
struct EIPFeeAfterRetentionTests {
    static let current = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-old
            networkInterfaces:
              - id: eni-app
                type: primary
                deleteOnRelease: false
                privateIpv4: [10.0.0.4, 10.0.0.5]
                eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2, privateIp: 10.0.0.5}]

        """

    static func desired(reusedAs type: String?) -> String {
        var text = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n"
        guard let type else { return text + "  []\n" }
        text += "  - name: app-new\n    networkInterfaces:\n"
        if type == "secondary" { text += "      - {name: app-new-eth0, type: primary}\n" }
        return text + "      - {id: eni-app, type: \(type), deleteOnRelease: false}\n"
    }

    static func findings(_ arguments: [String], in folder: ScratchFolder) throws -> [[String: Any]] {
        let result = try EniplanRunner.run(arguments + ["--format", "json"], in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (plan["findings"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == "ENI020" }
    }

    @Test func aRetainedPrimaryENIsEIPsAreEachNotedAtTheirEntry() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("current.yaml", Self.current)
        let desired = try folder.write("desired.yaml", Self.desired(reusedAs: nil))
        let text = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("current.yaml:11:16: note[ENI020] EIP 'eip-1' stays on primary ENI 'eni-app', which will be a secondary ENI when 'i-old' is released: an EIP on a secondary ENI is charged an instance fee, one on an instance is not\n"), "\(text.stdout)")
        #expect(text.stdout.contains("current.yaml:11:50: note[ENI020] EIP 'eip-2' stays on primary ENI 'eni-app'"), "\(text.stdout)")
        let found = try Self.findings(["plan", "--current", state, desired], in: folder)
        #expect(found.compactMap { ($0["resource"] as? [String: Any])?["id"] as? String } == ["eip-1", "eip-2"])
        #expect(found.allSatisfy { $0["severity"] as? String == "note" && $0["slug"] as? String == "eip-fee-after-retention" })
    }

    @Test func reusedAsASecondaryENIItIsNotedAndAsAPrimaryENIItIsNot() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("current.yaml", Self.current)
        let secondary = try folder.write("secondary.yaml", Self.desired(reusedAs: "secondary"))
        let asSecondary = try Self.findings(["plan", "--current", state, secondary], in: folder)
        #expect(asSecondary.count == 2)
        #expect((asSecondary.first?["message"] as? String)?.contains("which will be a secondary ENI of 'app-new' when 'i-old' is released") == true,
                "\(asSecondary)")
        let primary = try folder.write("primary.yaml", Self.desired(reusedAs: "primary"))
        #expect(try Self.findings(["plan", "--current", state, primary], in: folder).isEmpty)
    }

    @Test func theNATModeAPISamplesNoteTheRetainedPrimarysTwoEIPs() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n")
        let files = ["DescribeNetworkInterfaces.json", "DescribeEipAddresses.json"].flatMap { ["--current", MultipleEIPTests.fixture($0)] }
        let found = try Self.findings(["plan"] + files + [desired], in: folder)
        #expect(found.compactMap { ($0["resource"] as? [String: Any])?["id"] as? String } == ["eip-bp1natp1", "eip-bp1natp2"])
        let check = try EniplanRunner.run(["check"] + ["DescribeNetworkInterfaces.json", "DescribeEipAddresses.json"].map(MultipleEIPTests.fixture), in: folder.url)
        #expect(check.stdout.contains("note[ENI020] EIP 'eip-bp1natp1' (203.0.113.21) stays on primary ENI 'eni-bp1nat1p', which would be a secondary ENI if 'i-bp1nat1' were released"), "\(check.stdout)\(check.stderr)")
    }
}

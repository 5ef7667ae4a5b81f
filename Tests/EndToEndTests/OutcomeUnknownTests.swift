import Foundation
import Testing

/// Knowing less must not make the gate greener: an ENI whose fate the inputs cannot tell is a finding (ENI016),
/// and no verdict reads as all clear while one is unknown.
@Suite("unknown outcomes")
struct OutcomeUnknownTests {
    static func state(flag: String, region: String = "cn-hangzhou") -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: \(region)
        instances:
          - id: i-1
            zone: \(region)-h
            networkInterfaces:
              - {id: eni-1, type: primary\(flag)}

        """
    }

    static func empty(region: String = "cn-hangzhou") -> String { "apiVersion: eniplan/v1\nkind: Manifest\nregion: \(region)\ninstances: []\n" }

    @Test func aStateWithoutTheFlagIsAWarningAtTheENI() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state(flag: ""))
        let desired = try folder.write("desired.yaml", Self.empty())
        let result = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("state.yaml:8:9: warning[ENI016] whether ENI 'eni-1' is released or retained when 'i-1' is released is unknown: the state file does not record deleteOnRelease for this ENI; give the output of DescribeNetworkInterfaces"), "\(result.stdout)")
        #expect(result.stdout.contains("nothing blocks at --fail-on error, but the fate of 1 ENI is unknown"))
        // The gate at warning blocks on it: knowing less no longer passes.
        #expect(try EniplanRunner.run(["plan", "--fail-on", "warning", "--current", state, desired], in: folder.url).status == 3)
    }

    @Test func theMarkdownVerdictIsNotGreenWhileAFateIsUnknown() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state(flag: ""))
        let desired = try folder.write("desired.yaml", Self.empty())
        let markdown = try EniplanRunner.run(["plan", "--format", "markdown", "--current", state, desired], in: folder.url).stdout
        #expect(markdown.hasPrefix("### ⚠️ eniplan plan: nothing blocks at `--fail-on error`; the fate of 1 ENI is unknown; "), "\(markdown)")
        #expect(!markdown.contains("✅"))
        let retained = try folder.write("retained.yaml", Self.state(flag: ", deleteOnRelease: false"))
        let green = try EniplanRunner.run(["plan", "--format", "markdown", "--current", retained, desired], in: folder.url).stdout
        #expect(green.hasPrefix("### ✅ eniplan plan: nothing blocks at `--fail-on error`; "), "\(green)")
    }

    @Test func anUnknownRegionNamesWhatSettlesIt() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state(flag: ", deleteOnRelease: false", region: "xx-nowhere-1"))
        let desired = try folder.write("desired.yaml", Self.empty(region: "xx-nowhere-1"))
        let result = try EniplanRunner.run(["plan", "--format", "json", "--current", state, desired], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(plan["findings"] as? [[String: Any]])
        let unknown = try #require(findings.first { $0["ruleId"] as? String == "ENI016" })
        #expect((unknown["message"] as? String)?.contains("the region is unknown, so primary ENI retention cannot be predicted") == true)
        #expect((unknown["message"] as? String)?.hasSuffix("name the region (region: in the manifest, RegionId in the API responses) or add it to the region catalogue") == true)
    }

    @Test func describeInstancesAloneIsUnknownForEveryENI() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/aliyun/DescribeInstances.json").path
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances: []\n")
        let result = try EniplanRunner.run(["plan", "--current", fixture, desired], in: folder.url)
        #expect(result.stdout.contains("warning[ENI016]"), "\(result.stdout)")
        #expect(result.stdout.contains("DescribeInstances does not report DeleteOnRelease; add the output of DescribeNetworkInterfaces"))
    }
}

import Foundation
import Testing

/// Every scenario in Examples/ runs through the real binary and must print exactly its recorded
/// output. Re-record on purpose with `ENIPLAN_RECORD=1 swift test --filter ExamplesTests`.
@Suite("examples")
struct ExamplesTests {
    struct Scenario: CustomTestStringConvertible, Sendable {
        var folder: String
        var current: String
        var desired: String
        var testDescription: String { folder }
    }

    static let scenarios: [Scenario] = {
        let root = EniplanRunner.packageRoot.appendingPathComponent("Examples")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return folders.sorted().compactMap { folder in
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
            for (current, desired) in [("current.yaml", "desired.yaml"), ("base.yaml", "head.yaml")]
            where files.contains(current) && files.contains(desired) {
                return Scenario(folder: folder, current: current, desired: desired)
            }
            return nil
        }
    }()

    static var recording: Bool { ProcessInfo.processInfo.environment["ENIPLAN_RECORD"] == "1" }

    @Test func thereAreAtLeastSixScenarios() {
        #expect(Self.scenarios.count >= 6)
    }

    @Test(arguments: scenarios, ["text", "json"])
    func planMatchesItsRecordedOutput(_ scenario: Scenario, format: String) throws {
        let base = "Examples/\(scenario.folder)/"
        let result = try EniplanRunner.run(["plan", "--format", format, "--current", base + scenario.current, base + scenario.desired])
        #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        try compare(result.stdout, with: base + "plan.\(format == "text" ? "txt" : "json")")
        try compare("\(result.status)\n", with: base + "plan.exitcode")
    }

    @Test(arguments: scenarios)
    func checkPreviewMatchesItsRecordedOutput(_ scenario: Scenario) throws {
        let base = "Examples/\(scenario.folder)/"
        let result = try EniplanRunner.run(["check", base + scenario.current])
        #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
        try compare(result.stdout, with: base + "check.txt")
        try compare("\(result.status)\n", with: base + "check.exitcode")
    }

    @Test(arguments: scenarios)
    func outputIsDeterministic(_ scenario: Scenario) throws {
        let base = "Examples/\(scenario.folder)/"
        let arguments = ["plan", "--format", "json", "--current", base + scenario.current, base + scenario.desired]
        let first = try EniplanRunner.run(arguments)
        let second = try EniplanRunner.run(arguments)
        #expect(first.stdout == second.stdout)
    }

    @Test(arguments: scenarios)
    func detailedExitCodeSaysChangesArePresent(_ scenario: Scenario) throws {
        let base = "Examples/\(scenario.folder)/"
        let result = try EniplanRunner.run(["plan", "--detailed-exitcode", "--current", base + scenario.current, base + scenario.desired])
        // Blocking findings (3) take precedence over "changes present" (2).
        let recorded = try String(contentsOf: EniplanRunner.packageRoot.appendingPathComponent(base + "plan.exitcode"), encoding: .utf8)
        #expect(result.status == (recorded == "3\n" ? 3 : 2))
    }

    private func compare(_ output: String, with relativePath: String) throws {
        let url = EniplanRunner.packageRoot.appendingPathComponent(relativePath)
        if Self.recording {
            try output.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output == expected, "output differs from \(relativePath); re-record with ENIPLAN_RECORD=1 if the change is intended")
    }

    /// The README shows what its first command prints: the recorded plan of that example, byte for byte.
    @Test func theReadmeShowsWhatItsFirstCommandPrints() throws {
        let readme = try String(contentsOf: EniplanRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## What it prints"))
        let open = try #require(readme.range(of: "```text\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```\n", range: open.upperBound..<readme.endIndex))
        let recorded = try String(contentsOf: EniplanRunner.packageRoot.appendingPathComponent("Examples/retained-primary/plan.txt"), encoding: .utf8)
        #expect(String(readme[open.upperBound..<close.lowerBound]) == recorded, "README.md's output is stale; copy Examples/retained-primary/plan.txt into it")
    }
}

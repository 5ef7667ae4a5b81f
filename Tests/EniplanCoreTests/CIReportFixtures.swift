import Foundation
import Testing
import EniplanYAML
@testable import EniplanCore

/// Analyses built in-process for the SARIF and JUnit reporter tests: every scenario under `Examples/`
/// (planned, and its current file checked alone), and an annotated scenario with inline and config
/// suppressions, an expired one, malformed and unused ones, a policy and a baseline. Locations name files
/// relative to the package root, which is both the root and the working folder of `options`.
enum CIReportFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let today = "2026-11-26"

    static func options(failOn: Severity = .error, usedBaseline: Bool = false) -> ReportOptions {
        ReportOptions(failOn: failOn, usedBaseline: usedBaseline, rootDirectory: packageRoot.path, workingDirectory: packageRoot.path)
    }

    /// One run over an example folder.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var folder: String
        /// Paths relative to the package root.
        var current: String
        var desired: String
        var mode: RuleContext.Mode
        var withPolicies = false

        var testDescription: String {
            "\(folder) \(mode == .plan ? "plan" : "check")\(withPolicies ? " with Examples/policies" : "")"
        }
    }

    /// Folders with `current.yaml` and `desired.yaml` (or `base.yaml` and `head.yaml`), sorted.
    static let exampleFolders: [(folder: String, current: String, desired: String)] = {
        let examples = packageRoot.appendingPathComponent("Examples")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return folders.sorted().compactMap { folder in
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: examples.appendingPathComponent(folder).path)) ?? [])
            for (current, desired) in [("current.yaml", "desired.yaml"), ("base.yaml", "head.yaml")]
            where files.contains(current) && files.contains(desired) {
                return (folder, "Examples/\(folder)/\(current)", "Examples/\(folder)/\(desired)")
            }
            return nil
        }
    }()

    /// Every example planned, planned with the example policies, and its current file checked alone.
    static let scenarios: [Scenario] = exampleFolders.flatMap { example in
        [Scenario(folder: example.folder, current: example.current, desired: example.desired, mode: .plan),
         Scenario(folder: example.folder, current: example.current, desired: example.desired, mode: .plan, withPolicies: true),
         Scenario(folder: example.folder, current: example.current, desired: example.current, mode: .check)]
    }

    /// `text` decoded as a manifest that claims to come from `file`.
    static func manifest(_ text: String, file: String) throws -> Manifest {
        try ManifestDecoder.decode(try YAMLLoader.load(bytes: Array(text.utf8), file: file))
    }

    /// A file under the package root, decoded with its root-relative path in every location.
    static func manifest(at relativePath: String) throws -> Manifest {
        try manifest(try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8), file: relativePath)
    }

    static func examplePolicies() throws -> [Policy] {
        try ["Examples/policies/no-unbound-eips.yaml", "Examples/policies/production-enis-retained.yaml"].map { file in
            let bytes = Array(try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8).utf8)
            return try PolicyDecoder.decode(try YAMLLoader.load(bytes: bytes, file: file), known: InputLoader.knownRules)
        }
    }

    static func analysis(_ scenario: Scenario) throws -> Analysis {
        let catalog = try RegionCatalogDecoder.builtIn()
        let policies = scenario.withPolicies ? try examplePolicies() : []
        switch scenario.mode {
        case .plan:
            let current = try manifest(at: scenario.current)
            let desired = try manifest(at: scenario.desired)
            return try Pipeline.run(PipelineInputs(mode: .plan, current: [current], subjects: [desired], catalog: catalog, policies: policies, today: today))
        case .check:
            let checked = try manifest(at: scenario.desired)
            return try Pipeline.run(PipelineInputs(mode: .check, subjects: [checked], catalog: catalog, policies: policies, today: today))
        }
    }

    // MARK: The annotated scenario

    static let annotatedCurrent = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-web1
            name: web-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            status: running
            networkInterfaces:
              - id: eni-web1
                type: primary
                deleteOnRelease: true
                vswitch: vsw-1
                privateIpv4: [10.0.0.4]
                eip: eip-1  # eniplan:ignore ENI002 reason="released by the billing job" expires=2027-01-31
                securityGroups: [sg-1]
              - id: eni-web1b
                type: secondary
                deleteOnRelease: true
                vswitch: vsw-1
                privateIpv4: [10.0.0.6]
                # eniplan:ignore ENI012 reason="bandwidth is bought again" expires=2020-01-31
                ipv6Bandwidth: 5
                eip: eip-2
                securityGroups: [sg-2]
        eips:
          - {id: eip-1, address: 203.0.113.10}
          - {id: eip-2, address: 203.0.113.11}

        """

    static let annotatedDesired = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        # eniplan:ignore ENI010
        # eniplan:ignore ENI0X1 reason="a typo"
        instances: []

        """

    /// The annotated scenario's files live in `annotated/`; `linesAbove` blank comment lines move every line down.
    /// With `baseline`, ENI004 on 'eni-web1b' is in the baseline and one baseline entry is fixed.
    static func annotatedAnalysis(baseline: Bool = false, linesAbove: Int = 0) throws -> Analysis {
        let padding = String(repeating: "# moved down\n", count: linesAbove)
        let catalog = try RegionCatalogDecoder.builtIn()
        let current = try manifest(padding + annotatedCurrent, file: "annotated/current.yaml")
        let desired = try manifest(padding + annotatedDesired, file: "annotated/desired.yaml")
        var configuration = Configuration()
        configuration.file = ".eniplan.yaml"
        configuration.suppressions = [
            Configuration.Suppression(rule: "ENI004", resource: "eni-web1", reason: "sg-1 is shared with the fleet", expires: nil,
                                      range: range(".eniplan.yaml", line: 3, from: 5, to: 80)),
            Configuration.Suppression(rule: "ENI005", resource: "eni-gone", reason: "left over", expires: nil,
                                      range: range(".eniplan.yaml", line: 4, from: 5, to: 60)),
        ]
        var inputs = PipelineInputs(mode: .plan, current: [current], subjects: [desired], catalog: catalog, configuration: configuration,
                                    policies: try examplePolicies(), today: today)
        if baseline {
            let first = try Pipeline.run(inputs)
            var recorded = Baseline(findings: first.findings.filter { $0.ruleId == "ENI004" && $0.resource.id == "eni-web1b" })
            recorded.entries.append(Baseline.Entry(fingerprint: "00000000000000ff", ruleId: "ENI003",
                                                   resource: ResourceReference(kind: .routeEntry, id: "vtb-1:10.9.0.0/16"),
                                                   message: "route to '10.9.0.0/16' in 'vtb-1' will be deleted with ENI 'eni-old'"))
            inputs.baseline = recorded
        }
        return try Pipeline.run(inputs)
    }

    static func range(_ file: String, line: Int, from column: Int, to endColumn: Int) -> SourceRange {
        SourceRange(file: file, start: SourcePosition(line: line, column: column, offset: 0),
                    end: SourcePosition(line: line, column: endColumn, offset: 0))
    }

    /// A one-finding analysis: `message` and `resourceID` as given, at `file` (possibly empty), over an empty plan.
    static func singleFindingAnalysis(message: String, resourceID: String = "eni-1", file: String = "odd/manifest.yaml",
                                      ruleId: String = "ENI010") throws -> Analysis {
        let finding = Finding(ruleId: ruleId, slug: "delete-on-release-not-set", severity: .error, message: message,
                              resource: ResourceReference(kind: .networkInterface, id: resourceID),
                              location: range(file, line: 2, from: 3, to: 9), fixHint: "set deleteOnRelease & mind <this>")
        let plan = Plan(region: "cn-hangzhou", regionCatalog: try RegionCatalogDecoder.builtIn(), changes: [])
        return Analysis(plan: plan, findings: [finding], fixed: [], mode: .check, rules: RuleCatalog())
    }

    // MARK: python3

    /// Python or one of its modules is missing, or a script crashed: a failure with the cause, never a skip.
    struct PythonFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 -c script arguments...`; stdout and stderr go through files so that neither pipe can fill up.
    static func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try String(contentsOf: outURL, encoding: .utf8)
        let stderr = try String(contentsOf: errURL, encoding: .utf8)
        if process.terminationStatus == 127 {
            throw PythonFailure(description: "python3 is not on PATH; these tests need python3 with jsonschema (.ci/run installs it)")
        }
        if let missing = stderr.firstMatch(of: /No module named '([^']+)'/)?.1 {
            throw PythonFailure(description: "python3 has no module '\(missing)'; install it with 'python3 -m pip install jsonschema pyyaml' (.ci/run does)")
        }
        return (process.terminationStatus, stdout, stderr)
    }

    /// Writes `text` to a fresh file and returns its path; the caller's folder is removed with `removeScratch`.
    static func writeScratch(_ text: String, name: String) throws -> URL {
        let folder = try scratchFolder()
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func removeScratch(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    private static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eniplan-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    // MARK: Golden files

    static var recording: Bool { ProcessInfo.processInfo.environment["ENIPLAN_RECORD"] == "1" }

    /// Compares `output` with the file at `relativePath` (under the package root), or writes it when recording.
    static func compare(_ output: String, withGolden relativePath: String) throws {
        let url = packageRoot.appendingPathComponent(relativePath)
        if recording {
            try output.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard output != expected else { return }
        // The first differing line, rather than two whole reports.
        let outputLines = output.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        let common = min(outputLines.count, expectedLines.count)
        let line = (0..<common).first { outputLines[$0] != expectedLines[$0] } ?? common
        let got = line < outputLines.count ? outputLines[line] : "(end of output)"
        let wanted = line < expectedLines.count ? expectedLines[line] : "(end of file)"
        Issue.record("""
            output differs from \(relativePath) at line \(line + 1); re-record with ENIPLAN_RECORD=1 if the change is intended
              recorded: \(wanted)
              now:      \(got)
            """)
    }
}

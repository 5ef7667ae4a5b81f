import Foundation
import Testing

/// The bad-input corpus, fuzz regressions, bounded time and memory, and determinism in every format.
@Suite("robustness")
struct RobustnessTests {
    // MARK: Every manifest field with a wrong value

    struct FieldCase: CustomTestStringConvertible, Sendable {
        var field: String
        var yaml: String
        /// `line:column` of the wrong value.
        var location: String
        var testDescription: String { field }
    }

    /// A manifest with one line replaced: `FIELD_LINE` stands for the line under test.
    static func manifest(instanceLine: String = "", eniLine: String = "", standaloneLine: String = "", eipLine: String = "",
                         tableLine: String = "", entryLine: String = "", topLine: String = "") -> String {
        """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        \(topLine.isEmpty ? "# top" : topLine)
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            \(instanceLine.isEmpty ? "# instance" : instanceLine)
            networkInterfaces:
              - id: eni-1
                type: primary
                \(eniLine.isEmpty ? "# eni" : eniLine)
        networkInterfaces:
          - id: eni-2
            \(standaloneLine.isEmpty ? "# standalone" : standaloneLine)
        eips:
          - id: eip-1
            \(eipLine.isEmpty ? "# eip" : eipLine)
        routeTables:
          - id: vtb-1
            \(tableLine.isEmpty ? "# table" : tableLine)
            entries:
              - destination: 10.0.0.0/8
                nextHop: eni-1
                \(entryLine.isEmpty ? "# entry" : entryLine)

        """
    }

    static let fieldCases: [FieldCase] = {
        var cases: [FieldCase] = []
        let wrong: [String: String] = [
            "deletionProtection": "maybe", "deleteOnRelease": "yes", "status": "Running", "type": "primry", "ipv6Bandwidth": "-1",
            "privateIpv4": "[999.0.0.1]", "ipv4Prefixes": "[10.0.0.0/99]", "ipv6": "[\"zz::1\"]", "ipv6Prefixes": "[\"::/200\"]",
            "securityGroups": "sg-1", "tags": "[a]", "address": "not-an-ip", "destination": "10.0.0.0", "entries": "{}",
            "vpcs": "vpc-1", "scope": "[x]", "instances": "{}", "networkInterfaces": "x", "eips": "x", "routeTables": "x",
        ]
        func value(_ field: String) -> String { wrong[field] ?? "{nested: map}" }
        cases.append(FieldCase(field: "instance.zone", yaml: manifest().replacingOccurrences(of: "zone: cn-hangzhou-h", with: "zone: {a: b}"),
                               location: "7:11"))
        for field in ["name", "vpc", "status", "deletionProtection", "eip", "tags"] {
            cases.append(FieldCase(field: "instance.\(field)", yaml: manifest(instanceLine: "\(field): \(value(field))"),
                                   location: "8:\(7 + field.count)"))
        }
        for field in ["name", "deleteOnRelease", "vswitch", "privateIpv4", "ipv4Prefixes", "ipv6", "ipv6Prefixes", "ipv6Bandwidth",
                      "eip", "securityGroups", "tags"] {
            let column = field == "privateIpv4" || field.hasSuffix("Prefixes") || field == "ipv6" ? 12 + field.count : 11 + field.count
            cases.append(FieldCase(field: "eni.\(field)", yaml: manifest(eniLine: "\(field): \(value(field))"), location: "12:\(column)"))
        }
        for field in ["zone", "vpc", "deleteOnRelease"] {
            cases.append(FieldCase(field: "standalone.\(field)", yaml: manifest(standaloneLine: "\(field): \(value(field))"),
                                   location: "15:\(7 + field.count)"))
        }
        for field in ["address", "chargeType"] {
            cases.append(FieldCase(field: "eip.\(field)", yaml: manifest(eipLine: "\(field): \(value(field))"), location: "18:\(7 + field.count)"))
        }
        cases.append(FieldCase(field: "routeTable.vpc", yaml: manifest(tableLine: "vpc: {a: b}"), location: "21:10"))
        cases.append(FieldCase(field: "routeEntry.id", yaml: manifest(entryLine: "id: [x]"), location: "25:13"))
        cases.append(FieldCase(field: "scope", yaml: manifest(topLine: "scope: [x]"), location: "4:8"))
        cases.append(FieldCase(field: "scope.vpcs", yaml: manifest(topLine: "scope: {vpcs: vpc-1}"), location: "4:15"))
        cases.append(FieldCase(field: "region", yaml: manifest().replacingOccurrences(of: "region: cn-hangzhou", with: "region: [a]"), location: "3:9"))
        return cases
    }()

    @Test(arguments: fieldCases)
    func everyFieldRejectsAWrongValue(_ testCase: FieldCase) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", testCase.yaml)
        let result = try EniplanRunner.run(["check", "--format", "text", "--format", "sarif=out.sarif", "m.yaml"], in: folder.url)
        #expect(result.status == 1, "stdout: \(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("m.yaml:\(testCase.location): error: "), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out.sarif").path), "a partial report was written")
    }

    @Test func theTemplateItselfIsValid() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest())
        let result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.status == 0 || result.status == 3, "\(result.stderr)")
    }

    // MARK: Large and hostile inputs, bounded

    /// Runs the binary under a 2 GiB address-space limit and reports the wall time.
    private func boundedRun(_ arguments: [String], in folder: ScratchFolder) throws -> (RunResult, Duration) {
        let quoted = ([EniplanRunner.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let clock = ContinuousClock()
        let start = clock.now
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -v 2097152; exec \(quoted) >stdout 2>stderr"]
        process.currentDirectoryURL = folder.url
        try process.run()
        process.waitUntilExit()
        let result = RunResult(status: process.terminationStatus,
                               stdout: (try? String(contentsOf: folder.url.appendingPathComponent("stdout"), encoding: .utf8)) ?? "",
                               stderr: (try? String(contentsOf: folder.url.appendingPathComponent("stderr"), encoding: .utf8)) ?? "")
        return (result, clock.now - start)
    }

    @Test func aFileOneByteOverTheLimitIsRefusedBeforeItIsRead() throws {
        let folder = try ScratchFolder()
        let path = folder.url.appendingPathComponent("big.yaml").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(64 * 1024 * 1024 + 1))
        try handle.close()
        let (result, elapsed) = try boundedRun(["check", "big.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "big.yaml:1:1: error: the file is 67108865 bytes, over the limit of 64 MiB (67108864 bytes); raise it with --max-file-size\n")
        #expect(elapsed < .seconds(10))
    }

    @Test func aHundredMegabyteScalarFailsWithinBounds() throws {
        let folder = try ScratchFolder()
        var bytes = Array("apiVersion: eniplan/v1\nkind: Manifest\nregion: ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100_000_000)
        bytes += Array("\n".utf8)
        try folder.write("huge.yaml", bytes)
        let (result, elapsed) = try boundedRun(["check", "--max-file-size", "200MiB", "huge.yaml"], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("huge.yaml:3:9: error: this scalar is 95.3 MiB long, over the limit of 1 MiB"))
        #expect(elapsed < .seconds(60))
    }

    @Test func billionLaughsAndMillionBracketsFailWithinBounds() throws {
        let folder = try ScratchFolder()
        try folder.write("brackets.yaml", String(repeating: "[", count: 1_000_000))
        let laughs = EniplanRunner.packageRoot.appendingPathComponent("Fuzz/regressions/billion-laughs.yaml").path
        for (file, message) in [("brackets.yaml", "nesting is deeper than the limit of 128 levels"), (laughs, "aliases expand to more than 100000 nodes")] {
            let (result, elapsed) = try boundedRun(["validate", "--max-alias-expansion", "100000", file], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(elapsed < .seconds(20))
        }
    }

    // MARK: Fuzz regressions

    @Test func fuzzRegressionsReplayWithoutACrash() throws {
        let folder = EniplanRunner.packageRoot.appendingPathComponent("Fuzz/regressions")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        #expect(!inputs.isEmpty)
        let replay = Process()
        replay.executableURL = EniplanRunner.binary.deletingLastPathComponent().appendingPathComponent("eniplan-fuzz")
        replay.arguments = inputs
        let pipe = Pipe()
        replay.standardOutput = pipe
        try replay.run()
        let output = String(decoding: try pipe.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        replay.waitUntilExit()
        #expect(replay.terminationStatus == 0)
        #expect(output == "replayed \(inputs.count) inputs without a crash\n")
        for input in inputs {
            for arguments in [["check", input], ["plan", "--current", input, input]] {
                let result = try EniplanRunner.run(arguments)
                #expect([0, 1, 3].contains(result.status), "\(arguments): \(result.status) \(result.stderr)")
                #expect(!result.stderr.contains("Fatal error"))
                if result.status == 1 {
                    #expect(result.stderr.contains("error: "))
                    #expect(result.stdout.isEmpty)
                }
            }
        }
    }

    // MARK: Determinism

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func everyExampleIsByteIdenticalTwiceInEveryFormat(_ format: String) throws {
        for scenario in ExamplesTests.scenarios {
            let base = "Examples/\(scenario.folder)/"
            for arguments in [["plan", "--format", format, "--current", base + scenario.current, base + scenario.desired],
                              ["check", "--format", format, base + scenario.current]] {
                let first = try EniplanRunner.run(arguments)
                let second = try EniplanRunner.run(arguments)
                #expect(first.stdout == second.stdout, "\(arguments)")
                #expect(!first.stdout.isEmpty || format == "github", "\(arguments)")
            }
        }
    }
}

import Foundation
import Testing

/// Outputs that would destroy inputs, outputs that cannot be written, and runs stopped by a signal: the input
/// stays byte-identical, the failure is said and gives exit code 1 (64 for a usage error), and no temporary
/// file is left behind.
@Suite("hostile output paths")
struct HostileOutputPathTests {
    static let fixtures = EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/hostile/outputs").path
    static let aliyun = EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/aliyun").path

    /// The fixtures copied into a scratch folder (the config as `.eniplan.yaml`), where a run may try to write
    /// over them.
    final class World {
        let folder: ScratchFolder
        let original: [String: Data]
        var url: URL { folder.url }

        init() throws {
            folder = try ScratchFolder()
            var original: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: HostileOutputPathTests.fixtures) {
                let data = try Data(contentsOf: URL(fileURLWithPath: HostileOutputPathTests.fixtures).appendingPathComponent(name))
                let local = name == "eniplan-config.yaml" ? ".eniplan.yaml" : name
                try data.write(to: folder.url.appendingPathComponent(local))
                original[local] = data
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: HostileOutputPathTests.aliyun) where name.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: HostileOutputPathTests.aliyun).appendingPathComponent(name))
                try data.write(to: folder.url.appendingPathComponent(name))
                original[name] = data
            }
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("sub"), withIntermediateDirectories: false)
            self.original = original
        }

        /// The inputs whose bytes differ from the fixtures'.
        func changedInputs() throws -> [String] {
            try original.keys.sorted().filter { try Data(contentsOf: url.appendingPathComponent($0)) != original[$0] }
        }

        /// Temporary files left anywhere in the folder.
        func temporaries() throws -> [String] {
            let names = FileManager.default.enumerator(atPath: url.path)?.allObjects.compactMap { $0 as? String } ?? []
            return names.filter { $0.hasSuffix(".tmp") }.sorted()
        }

        /// `name` written as `form` names it, creating the link the form needs.
        func path(to name: String, as form: PathForm) throws -> String {
            switch form {
            case .direct: return name
            case .dotSlash: return "./" + name
            case .parent: return "sub/../" + name
            case .symbolicLink:
                try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("link-" + name).path, withDestinationPath: name)
                return "link-" + name
            case .hardLink:
                try FileManager.default.linkItem(atPath: url.appendingPathComponent(name).path, toPath: url.appendingPathComponent("hard-" + name).path)
                return "hard-" + name
            }
        }
    }

    enum PathForm: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case direct, dotSlash, parent, symbolicLink, hardLink
        var testDescription: String { rawValue }
    }

    /// One input of `plan`: the file, the flags that make plan read it, and how the message names it.
    struct PlanInput: CustomTestStringConvertible, Sendable {
        var file: String
        var flags: [String]
        var role: String
        var testDescription: String { file }
    }

    static let planInputs: [PlanInput] = [
        PlanInput(file: "current.yaml", flags: [], role: "the current state 'current.yaml'"),
        PlanInput(file: "desired.yaml", flags: [], role: "the desired manifest 'desired.yaml'"),
        PlanInput(file: ".eniplan.yaml", flags: [], role: "the config '.eniplan.yaml'"),
        PlanInput(file: "named-config.yaml", flags: ["--config", "named-config.yaml"], role: "the config 'named-config.yaml'"),
        PlanInput(file: "config-policy.yaml", flags: [], role: "the policy file './config-policy.yaml'"),
        PlanInput(file: "flag-policy.yaml", flags: ["--policy", "flag-policy.yaml"], role: "the policy file 'flag-policy.yaml'"),
        PlanInput(file: "config-regions.yaml", flags: [], role: "the region catalogue './config-regions.yaml'"),
        PlanInput(file: "flag-regions.yaml", flags: ["--regions", "flag-regions.yaml"], role: "the region catalogue 'flag-regions.yaml'"),
        PlanInput(file: "config-baseline.json", flags: [], role: "the baseline './config-baseline.json'"),
        PlanInput(file: "flag-baseline.json", flags: ["--baseline", "flag-baseline.json"], role: "the baseline 'flag-baseline.json'"),
    ]

    static let plan = ["plan", "--current", "current.yaml", "desired.yaml"]

    // MARK: Outputs that name inputs

    @Test func everyInputCanBeReadWithTheFlagsOfTheCases() throws {
        // The cases below fail for the output alone: the same runs with a fresh output succeed.
        let world = try World()
        for input in Self.planInputs {
            let result = try EniplanRunner.run(Self.plan + input.flags + ["--format", "json=fresh.json"], in: world.url)
            #expect(result.status == 0, "\(input.file): \(result.stderr)")
        }
        #expect(try world.changedInputs().isEmpty)
    }

    @Test(arguments: planInputs, PathForm.allCases)
    func aReportOverAnInputIsAUsageError(input: PlanInput, form: PathForm) throws {
        let world = try World()
        let output = try world.path(to: input.file, as: form)
        let result = try EniplanRunner.run(Self.plan + input.flags + ["--format", "text=report.txt", "--format", "json=" + output], in: world.url)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: --format json=\(output) and \(input.role) name the same file; eniplan never writes over its inputs: give the report another file\n"),
                "\(result.stderr)")
        #expect(try world.changedInputs().isEmpty)
        #expect(try world.temporaries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: world.url.appendingPathComponent("report.txt").path))
        if form == .symbolicLink {
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: world.url.appendingPathComponent(output).path) == input.file)
        }
    }

    @Test(arguments: [
        (["desired.yaml"], "desired.yaml", "the manifest 'desired.yaml'"),
        (["--current", "current.yaml", "desired.yaml"], "current.yaml", "the current state 'current.yaml'"),
        (["desired.yaml"], ".eniplan.yaml", "the config '.eniplan.yaml'"),
        (["desired.yaml"], "config-policy.yaml", "the policy file './config-policy.yaml'"),
        (["--policy", "flag-policy.yaml", "desired.yaml"], "flag-policy.yaml", "the policy file 'flag-policy.yaml'"),
        (["desired.yaml"], "config-regions.yaml", "the region catalogue './config-regions.yaml'"),
        (["--regions", "flag-regions.yaml", "desired.yaml"], "flag-regions.yaml", "the region catalogue 'flag-regions.yaml'"),
    ], PathForm.allCases)
    func aBaselineOverAnInputIsAUsageError(arguments: (flags: [String], file: String, role: String), form: PathForm) throws {
        let world = try World()
        let output = try world.path(to: arguments.file, as: form)
        let result = try EniplanRunner.run(["baseline", "write", output] + arguments.flags, in: world.url)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: the baseline file '\(output)' and \(arguments.role) name the same file; eniplan never writes over its inputs: give the baseline another file\n"),
                "\(result.stderr)")
        #expect(try world.changedInputs().isEmpty)
        #expect(try world.temporaries().isEmpty)
    }

    @Test func baselineWriteReplacesTheBaselineItDoesNotRead() throws {
        // The config's baseline and --baseline are not read by baseline write: refreshing one is its job.
        let world = try World()
        for output in ["config-baseline.json", "flag-baseline.json"] {
            let result = try EniplanRunner.run(["baseline", "write", output, "--baseline", "flag-baseline.json", "--current", "current.yaml", "desired.yaml"], in: world.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "wrote 7 findings to \(output)\n")
        }
    }

    @Test(arguments: PathForm.allCases)
    func aStateOverAnAPIResponseIsAUsageError(form: PathForm) throws {
        let world = try World()
        let output = try world.path(to: "DescribeNetworkInterfaces.json", as: form)
        let result = try EniplanRunner.run(["state", "import", "DescribeInstances.json", "DescribeNetworkInterfaces.json", "-o", output], in: world.url)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: -o \(output) and the API response 'DescribeNetworkInterfaces.json' name the same file; eniplan never writes over its inputs: give the state another file\n"),
                "\(result.stderr)")
        #expect(try world.changedInputs().isEmpty)
        #expect(try world.temporaries().isEmpty)
    }

    @Test func anInputGivenAsStandardInputIsKnownByItsFile() throws {
        // /dev/stdin redirected from desired.yaml is that file.
        let world = try World()
        let process = Process()
        process.executableURL = EniplanRunner.binary
        process.arguments = Self.plan.dropLast() + ["/dev/stdin", "--format", "json=desired.yaml"]
        process.currentDirectoryURL = world.url
        process.standardInput = try FileHandle(forReadingFrom: world.url.appendingPathComponent("desired.yaml"))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        #expect(try world.changedInputs().isEmpty)
    }

    @Test func hardLinksOfOneReportAreOneFile() throws {
        let world = try World()
        try world.folder.write("plan.json", "old\n")
        let other = try world.path(to: "plan.json", as: .hardLink)
        let result = try EniplanRunner.run(Self.plan + ["--format", "json=plan.json", "--format", "sarif=" + other], in: world.url)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --format json=plan.json and --format sarif=hard-plan.json name the same file; give each report its own\n"), "\(result.stderr)")
    }

    @Test(arguments: [
        (plan + ["--format", "json=loop-a"], "loop-a:1:1: error: cannot write the json report: Too many levels of symbolic links\n"),
        (["state", "import", "DescribeInstances.json", "-o", "loop-a"], "loop-a:1:1: error: cannot write the state: Too many levels of symbolic links\n"),
        (["baseline", "write", "loop-a", "desired.yaml"], "loop-a:1:1: error: cannot write the baseline: Too many levels of symbolic links\n"),
    ])
    func aSymbolicLinkLoopIsNotReplaced(arguments: [String], message: String) throws {
        let world = try World()
        try FileManager.default.createSymbolicLink(atPath: world.url.appendingPathComponent("loop-a").path, withDestinationPath: "loop-b")
        try FileManager.default.createSymbolicLink(atPath: world.url.appendingPathComponent("loop-b").path, withDestinationPath: "loop-a")
        let result = try EniplanRunner.run(arguments, in: world.url)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: world.url.appendingPathComponent("loop-a").path) == "loop-b")
        #expect(try world.temporaries().isEmpty)
    }

    // MARK: Standard output that cannot be written

    /// Runs eniplan with standard output on `/dev/full`, whose every write fails with ENOSPC.
    static func runOnFullDisk(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = EniplanRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let errors = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: errors, encoding: .utf8))
    }

    @Test(arguments: [
        plan, plan + ["--format", "json"], plan + ["--format", "sarif=plan.sarif", "--format", "markdown"],
        ["check", "desired.yaml"], ["state", "import", "DescribeInstances.json"], ["rules"], ["rules", "--format", "json"],
        ["explain", "ENI001"], ["regions"], ["validate", "desired.yaml"], ["--help"], ["plan", "--help"], ["help", "plan"], ["--version"],
    ])
    func standardOutputOnAFullDiskFailsTheRun(arguments: [String]) throws {
        let world = try World()
        let result = try Self.runOnFullDisk(arguments, in: world.url)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write to standard output: No space left on device\n")
    }

    @Test func reportsInFilesNeedNoStandardOutput() throws {
        let world = try World()
        let result = try Self.runOnFullDisk(Self.plan + ["--format", "json=plan.json"], in: world.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    // MARK: GitHub's step summary

    static let manyFindings: String = {
        // Twelve ENIs without deleteOnRelease: twelve ENI010 warnings, two more than GitHub shows.
        var text = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n  - id: i-1\n    zone: cn-hangzhou-h\n    networkInterfaces:\n"
        for index in 0..<12 { text += "      - {id: eni-\(index), type: \(index == 0 ? "primary" : "secondary")}\n" }
        return text
    }()

    @Test(arguments: [
        ("/dev/full", "No space left on device"), ("sub", "Is a directory"), ("missing/summary.md", "No such file or directory"),
    ])
    func aStepSummaryThatCannotBeWrittenIsAWarningAndNotClaimed(summary: String, reason: String) throws {
        let world = try World()
        try world.folder.write("many.yaml", Self.manyFindings)
        let result = try EniplanRunner.run(["check", "--config", "named-config.yaml", "--format", "github", "many.yaml"], in: world.url,
                                           environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 0)
        #expect(result.stderr == "eniplan: warning: cannot write the step summary to '\(summary)' (GITHUB_STEP_SUMMARY): \(reason)\n")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(lines.last == "eniplan: 2 more findings were not annotated (GitHub shows at most 10 per level); no job summary lists them, as it could not be written")
    }

    @Test func withoutAStepSummaryNoneIsClaimed() throws {
        let world = try World()
        try world.folder.write("many.yaml", Self.manyFindings)
        let result = try EniplanRunner.run(["check", "--config", "named-config.yaml", "--format", "github", "many.yaml"], in: world.url)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").last == "eniplan: 2 more findings were not annotated (GitHub shows at most 10 per level); no job summary lists them, as GITHUB_STEP_SUMMARY is not set")
    }

    @Test func aStepSummaryOnAFullDiskDoesNotCrash() throws {
        let world = try World()
        try world.folder.write("many.yaml", Self.manyFindings)
        // Both the annotations and the summary on a full disk: the summary warns, standard output fails.
        let result = try Self.runOnFullDisk(["check", "--config", "named-config.yaml", "--format", "github", "many.yaml"], in: world.url,
                                            environment: ["GITHUB_STEP_SUMMARY": "/dev/full"])
        #expect(result.status == 1)
        #expect(result.stderr == "eniplan: warning: cannot write the step summary to '/dev/full' (GITHUB_STEP_SUMMARY): No space left on device\n"
                + "error: cannot write to standard output: No space left on device\n")
    }

    // MARK: Signals

    /// A current state of `count` instances that the desired manifest releases: its JSON plan takes a while to write.
    static func largeState(_ count: Int) -> String {
        var text = "apiVersion: eniplan/v1\nkind: State\nregion: cn-hangzhou\ninstances:\n"
        for index in 0..<count {
            text += "  - {id: i-\(index), zone: cn-hangzhou-h, vpc: vpc-1, status: running, networkInterfaces: [{id: eni-\(index), type: primary, deleteOnRelease: true, vswitch: vsw-1, privateIpv4: [10.0.0.4]}]}\n"
        }
        return text
    }

    /// Starts `eniplan` in `folder` with both outputs thrown away.
    static func start(_ arguments: [String], in folder: URL, standardOutput: Any = FileHandle.nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = EniplanRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = standardOutput
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP, SIGPIPE])
    func aSignalDuringAWriteRemovesTheTemporaryFiles(signal: Int32) throws {
        let world = try World()
        try world.folder.write("large.yaml", Self.largeState(10_000))
        try world.folder.write("plan.json", "old\n")
        let process = try Self.start(["plan", "--current", "large.yaml", "--config", "named-config.yaml", "desired.yaml",
                                      "--format", "json=plan.json", "--format", "sarif=plan.sarif"], in: world.url)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Wait until the plan is being written, then stop the run there, so the signal lands mid-write.
        let deadline = Date().addingTimeInterval(120)
        while try world.temporaries().isEmpty && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGSTOP)
        let staged = try world.temporaries()
        try #require(!staged.isEmpty, "the run ended before its report was being written")
        kill(process.processIdentifier, signal)
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(try world.temporaries().isEmpty)
        #expect(try String(contentsOf: world.url.appendingPathComponent("plan.json"), encoding: .utf8) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: world.url.appendingPathComponent("plan.sarif").path))
    }

    @Test func aSignalTheRunWasStartedIgnoringStaysIgnored() throws {
        // nohup: a hangup does not stop the run.
        let world = try World()
        try world.folder.write("large.yaml", Self.largeState(10_000))
        let script = "trap '' HUP; exec \"$0\" plan --current large.yaml --config named-config.yaml desired.yaml --format json=plan.json"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script, EniplanRunner.binary.path]
        shell.currentDirectoryURL = world.url
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        defer { if shell.isRunning { kill(shell.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(120)
        while try world.temporaries().isEmpty && shell.isRunning && Date() < deadline { usleep(2_000) }
        kill(shell.processIdentifier, SIGSTOP)
        try #require(!world.temporaries().isEmpty, "the run ended before its report was being written")
        kill(shell.processIdentifier, SIGHUP)
        kill(shell.processIdentifier, SIGCONT)
        shell.waitUntilExit()
        #expect(shell.terminationReason == .exit)
        #expect(shell.terminationStatus == 0)
        #expect(try String(contentsOf: world.url.appendingPathComponent("plan.json"), encoding: .utf8).hasPrefix("{"))
    }

    @Test func aReaderThatGoesAwayEndsTheRunQuietlyAsSIGPIPEDoes() throws {
        // `eniplan plan --format json | head -c 10`
        let world = try World()
        try world.folder.write("large.yaml", Self.largeState(2_000))
        let pipe = Pipe()
        let errors = world.url.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = EniplanRunner.binary
        process.arguments = ["plan", "--current", "large.yaml", "--config", "named-config.yaml", "desired.yaml", "--format", "json"]
        process.currentDirectoryURL = world.url
        process.standardOutput = pipe
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var head = Data()
        while head.count < 10, let chunk = try pipe.fileHandleForReading.read(upToCount: 10 - head.count), !chunk.isEmpty { head += chunk }
        try pipe.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(head == Data("{\n  \"chang".utf8))
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGPIPE)
        #expect(try String(contentsOf: errors, encoding: .utf8).isEmpty)
        #expect(try world.temporaries().isEmpty)
    }
}

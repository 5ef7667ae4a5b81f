import Foundation
import Testing

/// Inputs built to exhaust eniplan or to leak what it reads: aliases that name long scalars, nesting
/// tens of thousands deep, and configs (which may come with a pull request) naming files outside the
/// repository or files that hold a token.
@Suite("hostile loading")
struct HostileLoadingTests {
    /// Runs eniplan with its address space capped (`ulimit -v`), so that a regression that asks for
    /// gigabytes fails the test instead of taking the machine down.
    static func guardedRun(_ arguments: [String], in folder: ScratchFolder, memoryKiB: Int = 2 * 1024 * 1024) throws -> (RunResult, Duration) {
        var result: RunResult?
        let elapsed = try ContinuousClock().measure { result = try EniplanRunner.run(arguments, in: folder.url, memoryKiB: memoryKiB) }
        return (try #require(result), elapsed)
    }

    // MARK: Aliases of long scalars

    /// A manifest whose first instance anchors a 1 MiB name and whose `count` other instances name it by
    /// alias: about 1 MiB on disk, `count` MiB once every name is read. Instance `n` (from 0) has its alias
    /// on line `11 + 6 * n`, column 11.
    static func amplifyingManifest(aliases count: Int) -> [UInt8] {
        var text = "apiVersion: eniplan/v1\nkind: Manifest\ninstances:\n  - id: i-anchor\n    name: &long "
        text += String(repeating: "x", count: 1024 * 1024)
        text += "\n    networkInterfaces: [{id: eni-anchor, type: primary}]\n"
        for index in 0..<count {
            text += "  - id: i-\(index)\n    networkInterfaces:\n      - id: eni-\(index)\n        type: primary\n    name: *long\n    zone: z\n"
        }
        return Array(text.utf8)
    }

    @Test func eightThousandAliasesOfAMebibyteScalarFailFastAtTheAliasThatCrossesTheBudget() throws {
        let folder = try ScratchFolder()
        let manifest = Self.amplifyingManifest(aliases: 8000)
        #expect(manifest.count < 2 * 1024 * 1024)
        try folder.write("amplified.yaml", manifest)
        // The same bytes as JSON-shaped flow YAML, as an API response could be written.
        var json = "{\"Instances\": {\"Instance\": [{\"InstanceId\": &long \"" + String(repeating: "x", count: 1024 * 1024) + "\"}"
        json += String(repeating: ",\n{\"InstanceId\": *long}", count: 8000) + "]}}\n"
        try folder.write("amplified.json", json)
        // 16 aliases of 1 MiB reach the 16 MiB budget; the 17th (instance 16) crosses it.
        let expected = "amplified.yaml:\(11 + 6 * 16):11: error: aliases expand to more than 16 MiB of scalar text (this alias names 1 MiB); raise the limit with --max-alias-bytes if this is intended\n"
        for command in [["check", "amplified.yaml"], ["validate", "amplified.yaml"], ["validate", "--tree", "amplified.yaml"],
                        ["plan", "--current", "amplified.yaml", "amplified.yaml"]] {
            let (result, elapsed) = try Self.guardedRun(command, in: folder)
            #expect(result.status == 1, "\(command): \(result.stderr.prefix(500))")
            #expect(result.stderr == expected)
            #expect(result.stdout.isEmpty)
            #expect(elapsed < .seconds(10))
        }
        let (result, elapsed) = try Self.guardedRun(["state", "import", "amplified.json"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("amplified.json:18:16: error: aliases expand to more than 16 MiB of scalar text"), "\(result.stderr.prefix(500))")
        #expect(elapsed < .seconds(10))
    }

    @Test func aRaisedAliasByteLimitReadsAModerateCase() throws {
        let folder = try ScratchFolder()
        try folder.write("forty.yaml", Self.amplifyingManifest(aliases: 40))
        let (refused, _) = try Self.guardedRun(["validate", "forty.yaml"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("forty.yaml:\(11 + 6 * 16):11: error: aliases expand to more than 16 MiB of scalar text"))
        let (result, elapsed) = try Self.guardedRun(["validate", "--max-alias-bytes", "64MiB", "forty.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        #expect(result.stdout == "forty.yaml: ok, 1 document, \(7 + 12 + 40 * 14) nodes, 0 comments\n")
        #expect(elapsed < .seconds(30))
    }

    @Test func theAliasByteLimitSaysItsExactSizeWhenRoundingWouldHideIt() throws {
        let folder = try ScratchFolder()
        try folder.write("a.yaml", "a: &x \(String(repeating: "x", count: 1000))\nb: [*x, *x]\n")
        let (result, _) = try Self.guardedRun(["validate", "--tree", "--max-alias-bytes", "1025", "a.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "a.yaml:2:9: error: aliases expand to more than 1 KiB (1025 bytes) of scalar text (this alias names 1000 bytes); raise the limit with --max-alias-bytes if this is intended\n")
        let (small, _) = try Self.guardedRun(["validate", "--tree", "--max-alias-bytes", "999", "a.yaml"], in: folder)
        #expect(small.stderr == "a.yaml:2:5: error: aliases expand to more than 999 bytes of scalar text (this alias names 1000 bytes); raise the limit with --max-alias-bytes if this is intended\n")
        let (enough, _) = try Self.guardedRun(["validate", "--tree", "--max-alias-bytes", "2000", "a.yaml"], in: folder)
        #expect(enough.status == 0, "\(enough.stderr)")
    }

    @Test func doublingAliasesUnderTheLargestLimitsCountWithoutOverflow() throws {
        let folder = try ScratchFolder()
        // 2^79 nodes and bytes once expanded: more than Int.max, which the counts must stop at, not trap on.
        var text = "a0: &a0 xy\n"
        for level in 1..<80 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        try folder.write("doubling.yaml", text)
        let largest = String(Int.max)
        let (result, elapsed) = try Self.guardedRun(["validate", "--tree", "--max-alias-expansion", largest, "--max-alias-bytes", largest, "doubling.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        #expect(result.stdout.hasSuffix("        - alias -> 79:6 80:18-80:22\n"))
        #expect(elapsed < .seconds(10))
        let (refused, _) = try Self.guardedRun(["validate", "--tree", "--max-alias-expansion", largest, "doubling.yaml"], in: folder)
        #expect(refused.stderr == "doubling.yaml:24:12: error: aliases expand to more than 16 MiB of scalar text (this alias names 8 MiB); raise the limit with --max-alias-bytes if this is intended\n")
    }

    // MARK: Deep nesting

    @Test func aTreeFiftyThousandLevelsDeepPrintsInOutputProportionalToItsInput() throws {
        let folder = try ScratchFolder()
        let depth = 50_000
        try folder.write("deep.yaml", String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        let (result, elapsed) = try Self.guardedRun(["validate", "--tree", "--max-depth", "1000000", "deep.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == depth + 3)
        // Indentation stops at 64 levels (128 spaces); deeper lines say their depth.
        let indent = String(repeating: " ", count: 128)
        #expect(lines[2] == "  sequence flow 1:1-1:100001")
        #expect(lines[65] == indent + "- sequence flow 1:64-1:99938")
        #expect(lines[66] == indent + "(depth 65) - sequence flow 1:65-1:99937")
        #expect(lines[depth + 1] == indent + "(depth 50000) - sequence flow 1:50000-1:50002")
        // Linear: under 200 bytes a level, where the old indentation needed 50,000 on average.
        #expect(result.stdout.utf8.count < 200 * depth)
        #expect(elapsed < .seconds(120))
    }

    @Test func everyCommandSurvivesFiftyThousandLevelsWithARaisedDepthLimit() throws {
        let folder = try ScratchFolder()
        let nested = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        try folder.write("deep.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances:\n  - id: i-1\n    tags: {a: \(nested)}\n")
        try folder.write("policy.yaml", "apiVersion: eniplan/v1\nkind: Policy\nrules: \(nested)\n")
        for (command, message) in [
            (["check", "deep.yaml"], "deep.yaml:5:15: error: 'a' in tags must be text, not a list"),
            (["check", "--policy", "policy.yaml", "deep.yaml"], "policy.yaml:3:9: error: a policy rule must be a mapping, not a list"),
        ] {
            let (result, elapsed) = try Self.guardedRun(command + ["--max-depth", "1000000"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix(message), "\(result.stderr.prefix(500))")
            #expect(elapsed < .seconds(120))
        }
    }

    @Test func anOrdinaryTreePrintsAsItAlwaysDid() throws {
        let folder = try ScratchFolder()
        try folder.write("small.yaml", "a: &x !!str hi # c\nb:\n  - *x\n  - {k: \"t\\tq\"}\n")
        let (result, _) = try Self.guardedRun(["validate", "--tree", "small.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == """
            small.yaml
            document 1
              mapping block 1:1-5:1
                key scalar plain "a" 1:1-1:2
                  value scalar plain tag=tag:yaml.org,2002:str "hi" 1:4-1:15
                key scalar plain "b" 2:1-2:2
                  value sequence block 3:3-5:1
                    - alias -> 1:4 3:5-3:7
                    - mapping flow 4:5-4:16
                      key scalar plain "k" 4:6-4:7
                        value scalar doubleQuoted "t\\tq" 4:9-4:15
            comment 1:16 # c

            """)
    }

    // MARK: Paths a config names

    struct PathCase: CustomTestStringConvertible, Sendable {
        var key: String
        var entry: String
        var flag: String
        /// Where the value of `key` starts in `KEY: VALUE` or `policies: [VALUE]`.
        var column: Int
        var testDescription: String { key }
    }

    static let pathCases = [
        PathCase(key: "policies", entry: "the policy", flag: "--policy", column: 12),
        PathCase(key: "baseline", entry: "the baseline", flag: "--baseline", column: 11),
        PathCase(key: "regions", entry: "the regions", flag: "--regions", column: 10),
    ]

    /// A repository folder holding a manifest, beside an `outside` folder with a file of each kind
    /// and a link from the repository to it.
    static func repository(_ folder: ScratchFolder) throws -> (repo: URL, outside: URL) {
        let repo = folder.url.appendingPathComponent("repo"), outside = folder.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("apiVersion: eniplan/v1\nkind: Manifest\n".utf8).write(to: repo.appendingPathComponent("m.yaml"))
        let policy = try String(contentsOf: EniplanRunner.packageRoot.appendingPathComponent("Examples/policies/no-unbound-eips.yaml"), encoding: .utf8)
        try Data(policy.utf8).write(to: outside.appendingPathComponent("policies"))
        try Data(#"{"findings": [], "formatVersion": "1.0", "tool": "eniplan"}"#.utf8).write(to: outside.appendingPathComponent("baseline"))
        let regions = try Data(contentsOf: EniplanRunner.packageRoot.appendingPathComponent("Sources/EniplanCore/Resources/regions.yaml"))
        try regions.write(to: outside.appendingPathComponent("regions"))
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("link").path, withDestinationPath: "../outside")
        return (repo, outside)
    }

    @Test(arguments: pathCases)
    func aConfigPathLeavingTheRepositoryIsRefusedAtItsEntryWhileTheFlagMayPointAnywhere(_ testCase: PathCase) throws {
        let folder = try ScratchFolder()
        let (repo, outside) = try Self.repository(folder)
        let target = outside.appendingPathComponent(testCase.key).path
        let rule = "paths in a config must stay within its folder (a flag such as \(testCase.flag) may point anywhere)"
        for (written, problem) in [
            (target, "is absolute"),
            ("../outside/\(testCase.key)", "leads outside the config's folder"),
            ("link/\(testCase.key)", "leads outside the config's folder through a symbolic link"),
        ] {
            let value = testCase.key == "policies" ? "[\"\(written)\"]" : "\"\(written)\""
            try Data("\(testCase.key): \(value)\n".utf8).write(to: repo.appendingPathComponent(".eniplan.yaml"))
            let result = try EniplanRunner.run(["check", "m.yaml"], in: repo)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == ".eniplan.yaml:1:\(testCase.column): error: \(testCase.entry) path '\(written)' \(problem); \(rule)\n")
        }
        // The same file given on the command line is the operator's choice.
        try Data("failOn: error\n".utf8).write(to: repo.appendingPathComponent(".eniplan.yaml"))
        let flagged = try EniplanRunner.run(["check", testCase.flag, target, "m.yaml"], in: repo)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        // A path that stays inside, even through a link, is read.
        try FileManager.default.copyItem(atPath: target, toPath: repo.appendingPathComponent("inside").path)
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("alias").path, withDestinationPath: "inside")
        let value = testCase.key == "policies" ? "[./alias]" : "./alias"
        try Data("\(testCase.key): \(value)\n".utf8).write(to: repo.appendingPathComponent(".eniplan.yaml"))
        let inside = try EniplanRunner.run(["check", "m.yaml"], in: repo)
        #expect(inside.status == 0, "\(inside.stderr)")
    }

    @Test func aDanglingLinkInTheConfigIsRefused() throws {
        let folder = try ScratchFolder()
        let (repo, _) = try Self.repository(folder)
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("dangling").path, withDestinationPath: "/nonexistent/baseline.json")
        try Data("baseline: dangling\n".utf8).write(to: repo.appendingPathComponent(".eniplan.yaml"))
        let result = try EniplanRunner.run(["check", "m.yaml"], in: repo)
        #expect(result.status == 1)
        #expect(result.stderr == ".eniplan.yaml:1:11: error: the baseline path 'dangling' goes through a symbolic link that dangles or loops; paths in a config must stay within its folder (a flag such as --baseline may point anywhere)\n")
    }

    // MARK: Files of the wrong kind

    static let token = "ghp_FAKE0123456789abcdefghijABCDEFGHIJ"

    @Test func aFileHoldingATokenIsNeverEchoed() throws {
        let folder = try ScratchFolder()
        let (repo, _) = try Self.repository(folder)
        let files = [
            "url.txt": "https://user:\(Self.token)@github.com\n", "quoted.json": "\"\(Self.token)\"\n",
            "list.yaml": "- \(Self.token)\n", "netrc": "machine github.com login x password \(Self.token)\n",
            "kind.yaml": "apiVersion: eniplan/v1\nkind: \(Self.token)\n", "version.yaml": "apiVersion: \(Self.token)\nkind: Policy\n",
            "keys.yaml": "\(Self.token): 1\n", "docker.json": "{\"auths\": {\"ghcr.io\": {\"auth\": \"\(Self.token)\"}}}\n",
        ]
        for (name, content) in files { try Data(content.utf8).write(to: repo.appendingPathComponent(name)) }
        var runs: [[String]] = []
        for name in files.keys.sorted() {
            runs += [["check", name], ["validate", name], ["plan", "--current", name, "m.yaml"], ["state", "import", name],
                     ["check", "--policy", name, "m.yaml"], ["check", "--config", name, "m.yaml"],
                     ["check", "--baseline", name, "m.yaml"], ["check", "--regions", name, "m.yaml"]]
        }
        for name in files.keys.sorted() {
            for key in ["baseline", "regions", "policies"] {
                let value = key == "policies" ? "[\(name)]" : name
                try Data("\(key): \(value)\n".utf8).write(to: repo.appendingPathComponent("c-\(key)-\(name).yaml"))
                runs.append(["check", "--config", "c-\(key)-\(name).yaml", "m.yaml"])
            }
        }
        for arguments in runs {
            let result = try EniplanRunner.run(arguments, in: repo)
            #expect(result.status == 1, "\(arguments)")
            #expect(!result.stdout.contains("ghp_") && !result.stderr.contains("ghp_"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aFileOfTheWrongKindSaysWhatItIs() throws {
        let folder = try ScratchFolder()
        let (repo, _) = try Self.repository(folder)
        try Data("https://user:\(Self.token)@github.com\n".utf8).write(to: repo.appendingPathComponent("token.txt"))
        try Data("token: \(Self.token)\n".utf8).write(to: repo.appendingPathComponent("secrets.yaml"))
        try Data("apiVersion: \(Self.token)\nkind: \(Self.token)\nrules: []\n".utf8).write(to: repo.appendingPathComponent("odd.yaml"))
        let instances = try Data(contentsOf: EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/aliyun/DescribeInstances.json"))
        try instances.write(to: repo.appendingPathComponent("instances.json"))
        try Data("baseline: token.txt\n".utf8).write(to: repo.appendingPathComponent("c.yaml"))
        for (arguments, expected) in [
            (["check", "--config", "c.yaml", "m.yaml"], "./token.txt:1:1: error: the baseline must be a mapping, not a scalar\n"),
            (["check", "--policy", "token.txt", "m.yaml"], "token.txt:1:1: error: the policy must be a mapping, not a scalar\n"),
            (["check", "--regions", "secrets.yaml", "m.yaml"],
             "secrets.yaml:1:1: error: 'secrets.yaml' is not an eniplan region catalogue: it is a mapping of none of eniplan's kinds, with none of apiVersion, kind, version, source, regions\n"),
            (["check", "--policy", "instances.json", "m.yaml"],
             "instances.json:1:1: error: 'instances.json' is not an eniplan policy: it is an Alibaba Cloud DescribeInstances response, with none of apiVersion, kind, rules\n"),
            (["check", "--config", "m.yaml", "m.yaml"], "m.yaml:1:1: error: 'm.yaml' is not an eniplan config: it is a manifest (kind: Manifest)\n"),
            (["check", "--policy", "odd.yaml", "m.yaml"],
             "odd.yaml:1:13: error: apiVersion must be 'eniplan/v1', not an API version\nodd.yaml:2:7: error: kind must be Policy, not a kind eniplan knows\n"),
        ] {
            let result = try EniplanRunner.run(arguments, in: repo)
            #expect(result.status == 1)
            #expect(result.stderr == expected, "\(arguments)")
        }
    }
}

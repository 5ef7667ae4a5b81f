import Foundation
import Testing

/// A plan a reviewer reads in ten seconds, through the real binary: what is unchanged is hidden, outcomes are marked
/// by what they cost, findings come worst first with their fixes, colour is asked for, and typos get a suggestion.
@Suite("a plan a reviewer reads")
struct ReviewerReadingTests {
    static let current = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-keep
            zone: cn-hangzhou-h
            networkInterfaces:
              - {id: eni-keep, type: primary, deleteOnRelease: true}
          - id: i-gone
            zone: cn-hangzhou-h
            networkInterfaces:
              - {id: eni-gone, type: primary, deleteOnRelease: true, privateIpv4: [10.0.0.9], eip: eip-1, securityGroups: [sg-1]}
        routeTables:
          - id: vtb-1
            entries:
              - {destination: 10.1.0.0/16, nextHop: eni-gone}

        """

    static let desired = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-keep
            zone: cn-hangzhou-h
            networkInterfaces:
              - {id: eni-keep, type: primary, deleteOnRelease: true}

        """

    private func run(_ arguments: [String], desired: String = Self.desired, environment: [String: String] = [:]) throws -> RunResult {
        let folder = try ScratchFolder()
        _ = try folder.write("current.yaml", Self.current)
        _ = try folder.write("desired.yaml", desired)
        return try EniplanRunner.run(arguments, in: folder.url, environment: environment)
    }

    @Test func unchangedResourcesAreCountedNotListedUnlessAskedFor() throws {
        let plain = try run(["plan", "--current", "current.yaml", "desired.yaml"])
        #expect(!plain.stdout.contains("i-keep"), "\(plain.stdout)")
        #expect(plain.stdout.contains("\n2 unchanged resources not shown (--show-unchanged shows them)\n"), "\(plain.stdout)")
        let shown = try run(["plan", "--show-unchanged", "--current", "current.yaml", "desired.yaml"])
        #expect(shown.stdout.contains("= instance i-keep is kept  [desired.yaml:5:5]\n    = ENI eni-keep primary: kept  [desired.yaml:8:9]\n"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("not shown"))
        // Nothing changes: one line, unless asked.
        let unchanged = try run(["plan", "--current", "desired.yaml", "desired.yaml"])
        #expect(unchanged.stdout == "No changes. Every resource is kept as it is.\n\nNo findings.\n", "\(unchanged.stdout)")
    }

    @Test func eachOutcomeIsMarkedByWhatItCosts() throws {
        let text = try run(["plan", "--current", "current.yaml", "desired.yaml"]).stdout
        for line in ["        - private IPv4 10.0.0.9 released\n",
                     "        $ EIP eip-1 dissociated: stays allocated and keeps billing until released or re-associated\n",
                     "        . security group sg-1 dissociated: the group's rules stay\n",
                     "        ! route 10.1.0.0/16 in vtb-1 deleted: traffic to it is dropped\n"] {
            #expect(text.contains(line), "\(line) in \(text)")
        }
        let markdown = try run(["plan", "--format", "markdown", "--current", "current.yaml", "desired.yaml"]).stdout
        for cell in ["| 🗑️ released |", "| 💸 dissociated, keeps billing |", "| dissociated, rules stay |", "| 🚧 deleted |",
                     "| `eni-gone` primary | **ENI** (deleteOnRelease: true) | **release** |"] {
            #expect(markdown.contains(cell), "\(cell) in \(markdown)")
        }
        #expect(!markdown.contains("delete_on_release_true"))
    }

    @Test func findingsComeWorstFirstWithTheirFixes() throws {
        let markdown = try run(["plan", "--format", "markdown", "--current", "current.yaml", "desired.yaml"]).stdout
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ❌") || $0.hasPrefix("| ⚠️ warning") || $0.hasPrefix("| ℹ️") }
        let severities = rows.map { $0.hasPrefix("| ❌") ? 2 : $0.hasPrefix("| ⚠️") ? 1 : 0 }
        #expect(!severities.isEmpty && severities == severities.sorted(by: >), "\(rows)")
        #expect(markdown.contains("<br>**fix:** set deleteOnRelease: false on the ENI to keep the association"), "\(markdown)")
        let text = try run(["plan", "--current", "current.yaml", "desired.yaml"]).stdout
        let findings = text.split(separator: "\n").filter { $0.hasPrefix("  current.yaml:") }
        let order = findings.map { $0.contains(": warning[") ? 1 : $0.contains(": note[") ? 0 : 2 }
        #expect(order == order.sorted(by: >), "\(findings)")
    }

    @Test(arguments: [
        (arguments: ["--color", "always"], environment: ["NO_COLOR": "1"], colored: true),
        (arguments: ["--color", "never"], environment: [:], colored: false),
        (arguments: ["--color", "auto"], environment: [:], colored: false),
        (arguments: [], environment: ["NO_COLOR": "1"], colored: false),
    ])
    func colourIsAskedFor(arguments: [String], environment: [String: String], colored: Bool) throws {
        let result = try run(["plan"] + arguments + ["--current", "current.yaml", "desired.yaml"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\u{1B}[") == colored, "\(result.stdout)")
    }

    @Test func aWrongColourIsAUsageError() throws {
        let result = try run(["plan", "--color", "sometimes", "--current", "current.yaml", "desired.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("'sometimes'"), "\(result.stderr)")
    }

    @Test func aMistypedCurrentIsNamed() throws {
        let result = try run(["plan", "--curent", "current.yaml", "desired.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: unknown option '--curent'; did you mean '--current'?"), "\(result.stderr)")
        let format = try run(["check", "--formt", "json", "desired.yaml"])
        #expect(format.status == 64 && format.stderr.contains("Did you mean '--format'?"), "\(format.stderr)")
    }

    @Test func anIdThatNamesNothingGetsTheClosestOne() throws {
        let desired = Self.desired + "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, nextHop: eni-kep}\n"
        let result = try run(["plan", "--current", "current.yaml", "desired.yaml"], desired: desired)
        #expect(result.stdout.contains("desired.yaml:12:36: error[ENI014] route to '10.1.0.0/16' in 'vtb-1' has next hop 'eni-kep', which no input defines; did you mean 'eni-keep'?"), "\(result.stdout)")
        let far = Self.desired + "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, nextHop: nothing-like-it}\n"
        let none = try run(["plan", "--current", "current.yaml", "desired.yaml"], desired: far)
        #expect(none.stdout.contains("'nothing-like-it', which no input defines\n"), "\(none.stdout)")
    }

    @Test func eniplansOwnReportsAreNotInputs() throws {
        let folder = try ScratchFolder()
        _ = try folder.write("current.yaml", Self.current)
        _ = try folder.write("desired.yaml", Self.desired)
        let plan = try EniplanRunner.run(["plan", "--format", "json=plan.json", "--format", "sarif=report.sarif", "--current", "current.yaml", "desired.yaml"], in: folder.url)
        #expect(plan.status == 0, "\(plan.stderr)")
        for (file, what) in [("plan.json", "a plan eniplan wrote (its JSON report)"), ("report.sarif", "a SARIF log, a report of findings")] {
            let expected = "\(file):1:1: error: '\(file)' is \(what), not an input: give the manifests and the current state it was made from\n"
            for arguments in [["validate", file], ["check", file], ["plan", "--current", file, "desired.yaml"]] {
                let result = try EniplanRunner.run(arguments, in: folder.url)
                #expect(result.status == 1)
                #expect(result.stderr == expected, "\(arguments): \(result.stderr)")
            }
        }
    }

    /// The outline writes a comment with its marker: a comment whose text starts with "#[" must not become "##[".
    @Test func aCommentMarkerDoesNotFormALegacyCommand() throws {
        let folder = try ScratchFolder()
        _ = try folder.write("c.yaml", "a: 1 ##[add-mask]x\n")
        let result = try EniplanRunner.run(["validate", "--tree", "c.yaml"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("comment 1:6 #\\u{23}[add-mask]x\n") && !result.stdout.contains("##["), "\(result.stdout)")
    }
}

import Foundation
import Testing

@Suite("command line")
struct CommandLineTests {
    @Test func versionPrintsTheVersion() throws {
        let result = try EniplanRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func helpListsTheExitCodes() throws {
        let result = try EniplanRunner.run(["--help"])
        #expect(result.status == 0)
        for line in ["0   success", "1   eniplan could not do its job", "2   changes present", "3   blocking findings", "64  usage error"] {
            #expect(result.stdout.contains(line))
        }
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try EniplanRunner.run(["validate", "--no-such-flag", "x.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let result = try EniplanRunner.run(["frobnicate"])
        #expect(result.status == 64)
    }

    @Test func badLimitValueIsAUsageError() throws {
        let result = try EniplanRunner.run(["validate", "--max-file-size", "lots", "x.yaml"])
        #expect(result.status == 64)
    }

    @Test(arguments: ["2027-02-30", "2027-02-29", "2026-13-01", "26-01-01"])
    func aDateThatIsNotOnTheCalendarIsAUsageError(_ date: String) throws {
        let result = try EniplanRunner.run(["check", "--today", date, "Examples/retained-primary/desired.yaml"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--today must be a date written YYYY-MM-DD"))
    }

    @Test func theLargestLimitsAreAcceptedWithoutOverflow() throws {
        let largest = String(Int.max)
        for command in [["validate", "Examples/retained-primary/desired.yaml"],
                        ["plan", "--current", "Examples/retained-primary/current.yaml", "Examples/retained-primary/desired.yaml"]] {
            let result = try EniplanRunner.run(command + ["--max-file-size", largest, "--max-depth", largest,
                                                          "--max-alias-expansion", largest, "--max-scalar-size", largest])
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
        }
    }

    @Test func validFileSummary() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("ok.yaml", "# header\napiVersion: eniplan/v1\nkind: Manifest  # the kind\n")
        let result = try EniplanRunner.run(["validate", path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "\(path): ok, 1 document, 5 nodes, 2 comments\n")
    }

    @Test func treeShowsPositionsStylesAndComments() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("tree.yaml", "a: 'x'  # note\nb:\n  - |\n    text # not a comment\n")
        let result = try EniplanRunner.run(["validate", "--tree", path])
        #expect(result.status == 0)
        #expect(result.stdout == """
            \(path)
            document 1
              mapping block 1:1-5:1
                key scalar plain "a" 1:1-1:2
                  value scalar singleQuoted "x" 1:4-1:7
                key scalar plain "b" 2:1-2:2
                  value sequence block 3:3-5:1
                    - scalar literal "text # not a comment\\n" 3:5-5:1
            comment 1:9 # note

            """)
    }
}

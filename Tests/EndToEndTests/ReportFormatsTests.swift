import Foundation
import Testing

/// Every CI surface from one run, through the real binary.
@Suite("report formats")
struct ReportFormatsTests {
    static let base = "Examples/retained-primary/"

    @Test func oneRunWritesEveryFormat() throws {
        let folder = try ScratchFolder()
        let files = ["json": "plan.json", "sarif": "eniplan.sarif", "junit": "junit.xml", "markdown": "comment.md", "github": "annotations.txt"]
        var arguments = ["plan", "--format", "text"]
        for (format, file) in files.sorted(by: { $0.key < $1.key }) { arguments += ["--format", "\(format)=\(folder.url.appendingPathComponent(file).path)"] }
        arguments += ["--current", Self.base + "current.yaml", Self.base + "desired.yaml"]
        let result = try EniplanRunner.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Verdict: ") && result.stdout.contains("\nPlan: "))
        for file in files.values {
            let text = try String(contentsOf: folder.url.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.isEmpty, "\(file) is empty")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func anUnwritableReportFailsTheRunAndWritesNothingToStdout() throws {
        let result = try EniplanRunner.run(["plan", "--format", "text", "--format", "sarif=/nonexistent/folder/out.sarif",
                                            "--current", Self.base + "current.yaml", Self.base + "desired.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("/nonexistent/folder/out.sarif:1:1: error: cannot write the sarif report"))
    }

    /// Whichever comes first on the command line, a report that cannot be written means no report is written:
    /// a new file does not appear, an existing one keeps its content, and no temporary file is left behind.
    @Test(arguments: [false, true])
    func oneUnwritableReportMeansNoReportIsWritten(unwritableFirst: Bool) throws {
        let folder = try ScratchFolder()
        let fresh = folder.url.appendingPathComponent("ok.sarif").path
        let existing = try folder.write("old.md", "the previous run's comment\n")
        var formats = [["--format", "sarif=\(fresh)"], ["--format", "markdown=\(existing)"]]
        let unwritable = ["--format", "json=/nonexistent/dir/x.json"]
        if unwritableFirst { formats.insert(unwritable, at: 0) } else { formats.append(unwritable) }
        let result = try EniplanRunner.run(["plan"] + formats.flatMap { $0 } + ["--current", Self.base + "current.yaml", Self.base + "desired.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("/nonexistent/dir/x.json:1:1: error: cannot write the json report: No such file or directory\n"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "the previous run's comment\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["old.md"])
    }

    @Test func aReportPathThatIsAFolderMeansNoReportIsWritten() throws {
        let folder = try ScratchFolder()
        let fresh = folder.url.appendingPathComponent("ok.sarif").path
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out.json"), withIntermediateDirectories: false)
        let result = try EniplanRunner.run(["plan", "--format", "sarif=\(fresh)", "--format", "json=out.json",
                                            "--current", Self.base + "current.yaml", Self.base + "desired.yaml"].map {
            $0.hasPrefix("Examples/") ? EniplanRunner.packageRoot.appendingPathComponent($0).path : $0 }, in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("out.json:1:1: error: cannot write the json report: "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.json"])
    }

    /// `check` previews releases: a deletion-protected instance reads like every other preview ("if released",
    /// "would"), even when it is the only instance.
    @Test func checkWordsADeletionProtectedInstanceAsAPreview() throws {
        let folder = try ScratchFolder()
        try folder.write("state.yaml", """
            apiVersion: eniplan/v1
            kind: State
            region: cn-hangzhou
            instances:
              - id: i-1
                zone: cn-hangzhou-h
                deletionProtection: true
                networkInterfaces:
                  - {id: eni-1, type: primary, deleteOnRelease: true}

            """)
        let text = try EniplanRunner.run(["check", "state.yaml"], in: folder.url)
        #expect(text.status == 0)
        // Refused, so nothing is counted as released.
        #expect(text.stdout.hasPrefix("Verdict: nothing blocks at --fail-on error; 1 release would be refused; nothing is lost\n"
            + "Release preview (what releasing each instance would do): 1 release would be refused\n"), "\(text.stdout)")
        #expect(text.stdout.contains("\n- instance i-1 if released, but deletion protection is on: the release would fail  [state.yaml:5:5]\n"
            + "    refused: none of what follows would happen while the release is refused\n"), "\(text.stdout)")
        let json = try EniplanRunner.run(["check", "--format", "json", "state.yaml"], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(plan["changes"] as? [[String: Any]])
        #expect(changes.count == 2 && changes.allSatisfy { $0["refused"] as? Bool == true }, "\(json.stdout)")
        let summary = try #require(plan["summary"] as? [String: Any])
        #expect((summary["instances"] as? [String: Int])?.isEmpty == true && (summary["networkInterfaces"] as? [String: Int])?.isEmpty == true, "\(summary)")
        #expect(!text.stdout.contains("will"), "\(text.stdout)")
        let markdown = try EniplanRunner.run(["check", "--format", "markdown", "state.yaml"], in: folder.url)
        #expect(markdown.stdout.contains("#### If released: `i-1` — **deletion protection is on: the release would fail**"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("will"), "\(markdown.stdout)")
    }

    @Test func twoReportsInOneFileAreAUsageError() throws {
        let folder = try ScratchFolder()
        let result = try EniplanRunner.run(["check", "--format", "json=out.json", "--format", "sarif=./out.json",
                                            "Examples/retained-primary/desired.yaml"].map { $0.hasPrefix("Examples/") ? EniplanRunner.packageRoot.path + "/" + $0 : $0 },
                                           in: folder.url)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--format json=out.json and --format sarif=./out.json name the same file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out.json").path))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try EniplanRunner.run(["check", "--format", "yaml", Self.base + "current.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format"))
    }

    @Test(arguments: ["github", "markdown"])
    func recordedReportsOfAnExample(_ format: String) throws {
        let result = try EniplanRunner.run(["plan", "--format", format, "--current", Self.base + "current.yaml", Self.base + "desired.yaml"])
        #expect(result.status == 0)
        let golden = EniplanRunner.packageRoot.appendingPathComponent(Self.base + (format == "github" ? "report.github.txt" : "report.md"))
        if ProcessInfo.processInfo.environment["ENIPLAN_RECORD"] == "1" {
            try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOf: golden, encoding: .utf8)), "re-record with ENIPLAN_RECORD=1 if intended")
    }

    // MARK: GitHub annotations

    /// A manifest whose ENIs all leave deleteOnRelease unset: one ENI010 warning each, plus one ENI013 error.
    static func manyFindings(_ count: Int, id: (Int) -> String = { "eni-\($0)" }) -> String {
        var text = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n  - id: i-1\n    zone: cn-shanghai-b\n    networkInterfaces:\n"
        for index in 0..<count {
            text += "      - {id: \"\(id(index))\", type: \(index == 0 ? "primary" : "secondary")}\n"
        }
        return text
    }

    @Test func annotationsAreCappedMostSevereFirstWithASummary() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manyFindings(12))
        let summary = folder.url.appendingPathComponent("summary.md").path
        let result = try EniplanRunner.run(["check", "--format", "github", "m.yaml"], in: folder.url, environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 3)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("::error file=m.yaml,line=6,col=5,endLine=6,endColumn=24,title=ENI013 unknown-region-or-zone::zone 'cn-shanghai-b'") == true,
                "\(lines.first ?? "")")
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(lines.last == "eniplan: 2 more findings were not annotated (GitHub shows at most 10 per level); the job summary lists all 13")
        let table = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("| warning | ENI010 |") }.count == 12)
    }

    @Test func annotationsEscapeWorkflowCommandSyntax() throws {
        let folder = try ScratchFolder()
        try folder.write("a,b:c.yaml", Self.manyFindings(1, id: { _ in "eni-50%,x:y" }).replacingOccurrences(of: "cn-shanghai-b", with: "cn-hangzhou-h"))
        let result = try EniplanRunner.run(["check", "--fail-on", "error", "--format", "github", "a,b:c.yaml"], in: folder.url)
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix("::warning file=a%2Cb%3Ac.yaml,line=8,"), "\(line)")
        #expect(line.contains("::ENI 'eni-50%25,x:y' does not set deleteOnRelease"))
        #expect(line.contains("%0Afix: write deleteOnRelease"))
        #expect(!line.contains("\n"))
    }

    // MARK: Markdown

    @Test func markdownHasVerdictTablesFindingsAndMermaid() throws {
        let result = try EniplanRunner.run(["plan", "--format", "markdown", "--current", "Examples/reuse-retained-eni/current.yaml",
                                            "Examples/reuse-retained-eni/desired.yaml"])
        let text = result.stdout
        #expect(text.hasPrefix("### ✅ eniplan plan: nothing blocks at `--fail-on error`; "), "\(text)")
        #expect(text.contains("#### Released: `i-old` (app-old)"))
        #expect(text.contains("| `eni-app` primary | **ENI** (deleteOnRelease: false) | **reuse** |"))
        let mermaid = try #require(text.range(of: "```mermaid\nflowchart LR\n"))
        let block = text[mermaid.upperBound...].prefix { _ in true }
        #expect(block.contains("i_i_old[\"i-old (released)\"] -->|retained| eni_eni_app([\"ENI eni-app\"])"))
        #expect(block.contains("eni_eni_app -->|reused| i_app_new[\"app-new\"]"))
        // Every table row has the same number of cells as its header.
        var columns: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { columns = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let expected = columns { #expect(cells == expected, "\(line)") } else { columns = cells }
        }
    }

    @Test func markdownFoldsLongFindingLists() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manyFindings(14))
        let result = try EniplanRunner.run(["check", "--format", "markdown", "m.yaml"], in: folder.url)
        #expect(result.stdout.hasPrefix("### ❌ eniplan release preview: 1 blocking finding at `--fail-on error`"))
        #expect(result.stdout.contains("<details><summary>and 5 more findings</summary>"))
    }
}

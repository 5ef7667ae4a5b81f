import EniplanCore
import EniplanYAML
import Foundation
import Testing

/// Values from a stranger's manifest, API response, policy, config, baseline or region catalogue must not act on
/// whoever reads eniplan's output: no raw control or bidirectional character in any human format or on standard
/// error, no line a value starts (GitHub Actions runs `::command::` lines), no live Markdown; JSON and SARIF keep
/// the exact value. Every run goes through the real binary and through `humanOutputViolations`.
@Suite("untrusted values in output")
struct HostileOutputTests {
    static let folder = "Tests/Fixtures/hostile/display/"
    static let state = folder + "state.yaml"
    static let desired = folder + "desired.yaml"
    /// The instance id of `state.yaml`, as the YAML spells it: a line break, a workflow command, a terminal escape.
    static let instanceID = "i-web1\n::add-mask::secret\u{1B}[2J"
    static let escapedInstanceID = #"i-web1\u{A}::add-mask::secret\u{1B}[2J"#
    static let interfaceID = "eni-``a|b`"

    static func expectClean(_ result: RunResult, _ format: ReportFormat, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(humanOutputViolations(result.stdout, format: format) == [], "\(result.stdout.prefix(3000))", sourceLocation: sourceLocation)
        #expect(humanOutputViolations(result.stderr, format: .text) == [], "\(result.stderr)", sourceLocation: sourceLocation)
    }

    // MARK: Reports

    @Test(arguments: ReportFormat.allCases)
    func planInEveryFormat(_ format: ReportFormat) throws {
        let result = try EniplanRunner.run(["plan", "--format", format.rawValue, "--current", Self.state, Self.desired])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        Self.expectClean(result, format)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch format {
        case .text:
            #expect(lines.contains("- instance \(Self.escapedInstanceID) (web-1\\u{202E} <!-- @octocat ![t](https://t.example/p.png) # *x*) will be released  [\(Self.state):7:5]"))
            #expect(lines.contains(#"        = security group sg-2\u{2066}\u{7F}\u{9B}\u{0} retained"#))
            #expect(lines.contains(#"        = EIP eip-1\u{D}\u{A}::error file=x,line=1::owned retained"#))
        case .json:
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let changes = try #require(plan["changes"] as? [[String: Any]])
            #expect(changes.contains { $0["id"] as? String == Self.instanceID })
            #expect(changes.contains { $0["name"] as? String == "web-1\u{202E} <!-- @octocat ![t](https://t.example/p.png) # *x*" })
            #expect(changes.contains { $0["id"] as? String == Self.interfaceID })
        case .sarif:
            let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let runs = try #require(log["runs"] as? [[String: Any]])
            let results = try #require(runs.first?["results"] as? [[String: Any]])
            let names = results.flatMap { ($0["locations"] as? [[String: Any]] ?? []).flatMap { ($0["logicalLocations"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } } }
            #expect(names.contains(Self.interfaceID))
        case .junit:
            #expect(result.stdout.contains("name=\"instance \(Self.escapedInstanceID)\""))
        case .github:
            let command: String = "::warning file=\(Self.state),line=15,col=9,endLine=22,endColumn=1,title=ENI009 retained-eni-unused::"
                + "ENI 'eni-``a|b`' is retained when '\(Self.escapedInstanceID)' is released, but nothing in the desired state uses it: "
                + "it stays Available with its addresses%0Afix: list the ENI under networkInterfaces in the desired manifest to keep it on "
                + "purpose, reuse it, or let it be released (deleteOnRelease: true)"
            #expect(lines.first == command)
        case .markdown:
            #expect(lines.contains("#### Released: `\(Self.escapedInstanceID)` (web-1\\\\u{202E} &lt;\\!-- @\u{2060}octocat \\!\\[t\\](https\u{2060}://t.example/p.png) \\# \\*x\\*)"))
            #expect(lines.contains("| ``` eni-``a\\|b` ``` | security group `sg-2\\u{2066}\\u{7F}\\u{9B}\\u{0}` | retained |"))
            #expect(lines.contains("| ``` eni-``a\\|b` ``` | route `10.1.0.0/16` in `vtb-1\\u{2029}` | retained |"))
            #expect(!result.stdout.contains("<!--"))
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func checkInEveryFormat(_ format: ReportFormat) throws {
        let result = try EniplanRunner.run(["check", "--format", format.rawValue, Self.state])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, format)
        switch format {
        case .text, .junit, .markdown: #expect(result.stdout.contains(Self.escapedInstanceID))
        case .json: #expect(result.stdout.contains(#""id" : "i-web1\n::add-mask::secret\u001b[2J""#))
        case .sarif, .github: break
        }
    }

    /// The job summary (`GITHUB_STEP_SUMMARY`) is Markdown too; it is written when more findings than GitHub
    /// annotates come up.
    @Test func jobSummary() throws {
        let folder = try ScratchFolder()
        var yaml = "apiVersion: eniplan/v1\nkind: State\nregion: cn-hangzhou\ninstances:\n"
        for number in 0..<12 {
            yaml += """
              - id: "i-\(number)`<!--\\n::error::x"
                zone: cn-hangzhou-h
                vpc: v
                status: running
                networkInterfaces:
                  - {id: "eni-\(number)\\u202E|`", type: primary, deleteOnRelease: false, vswitch: s, privateIpv4: [10.0.0.1]}

            """
        }
        try folder.write("current.yaml", yaml)
        try folder.write("desired.yaml", Self.empty)
        let summary = folder.url.appendingPathComponent("summary.md").path
        let result = try EniplanRunner.run(["plan", "--format", "github", "--current", "current.yaml", "desired.yaml"], in: folder.url,
                                           environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, .github)
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning ") }.count == 10)
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(humanOutputViolations(markdown, format: .markdown) == [], "\(markdown)")
        #expect(markdown.contains(#"ENI 'eni-0\\u{202E}\|\`' is retained when 'i-0\`&lt;\!--\\u{A}::error::x' is released"#), "\(markdown)")
    }

    // MARK: Errors of every input kind

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var arguments: [String]
        var stderr: String
        var testDescription: String { name }
    }

    static let manifestKey = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\n\"bad\\e[31mkey\\n::error::x\": 1\ninstances: []\n"
    static let badStatus = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: v
            status: "runnin\\u202E"
            networkInterfaces: [{id: e, type: primary, deleteOnRelease: true, vswitch: s, privateIpv4: [10.0.0.1]}]

        """
    static let empty = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n"

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "manifest: unknown key", files: ["m.yaml": manifestKey], arguments: ["check", "m.yaml"],
                  stderr: #"m.yaml:4:1: error: unknown key 'bad\u{1B}[31mkey\u{A}::error::x' in the manifest; expected one of apiVersion, kind, region, scope, instances, networkInterfaces, eips, routeTables"#),
        ErrorCase(name: "manifest: value not among the choices", files: ["m.yaml": badStatus], arguments: ["check", "m.yaml"],
                  stderr: #"m.yaml:8:13: error: status must be one of running, stopped, starting, stopping, pending, not 'runnin\u{202E}'; did you mean 'running'?"#),
        ErrorCase(name: "YAML: duplicate key", files: ["m.yaml": "\"a\\u2028\": 1\n\"a\\u2028\": 2\n"], arguments: ["validate", "m.yaml"],
                  stderr: "m.yaml:2:1: error: duplicate key 'a\\u{2028}' in this mapping\nm.yaml:1:1: note: 'a\\u{2028}' is first defined here"),
        ErrorCase(name: "policy: unknown key", files: ["m.yaml": badStatus, "p.yaml": "apiVersion: eniplan/v1\nkind: Policy\nrules:\n  - id: P1\n    severity: error\n    message: m\n    match: {kind: instance}\n    require: {fields: {a: b}, \"fiel\\x9bd\\n::x\": y}\n"],
                  arguments: ["check", "--policy", "p.yaml", "m.yaml"],
                  stderr: #"p.yaml:8:31: error: unknown key 'fiel\u{9B}d\u{A}::x' in require; expected one of fields, outcomes, actions"#),
        ErrorCase(name: "config: unknown rule", files: ["m.yaml": empty, "c.yaml": "apiVersion: eniplan/v1\nkind: Config\nrules:\n  \"ENI00\\a\\r\\n::add-mask::x\": {enabled: false}\n"],
                  arguments: ["check", "--config", "c.yaml", "m.yaml"],
                  stderr: #"c.yaml:4:3: error: unknown rule 'ENI00\u{7}\u{D}\u{A}::add-mask::x' (policy rules are configured in their policy file)"#),
        ErrorCase(name: "API response: an error body", files: ["m.yaml": empty, "api.json": "{\"RequestId\": \"r\", \"Code\": \"Forbidden\\n::add-mask::x\", \"Message\": \"\\u001b[2J\\u2066denied\"}\n"],
                  arguments: ["plan", "--current", "api.json", "m.yaml"],
                  stderr: #"api.json:1:1: error: this is an Alibaba Cloud API error response (Code 'Forbidden\u{A}::add-mask::x': \u{1B}[2J\u{2066}denied), not data; fix the call and save its response again"#),
        ErrorCase(name: "state import: an error body", files: ["api.json": "{\"RequestId\": \"r\", \"Code\": \"Forbidden\\n::add-mask::x\", \"Message\": \"\\u001b[2J\\u2066denied\"}\n"],
                  arguments: ["state", "import", "api.json"],
                  stderr: #"api.json:1:1: error: this is an Alibaba Cloud API error response (Code 'Forbidden\u{A}::add-mask::x': \u{1B}[2J\u{2066}denied), not data; fix the call and save its response again"#),
        ErrorCase(name: "baseline: unsupported format", files: ["m.yaml": empty, "b.yaml": "formatVersion: \"1\\n::warning::x\"\ntool: eniplan\nfindings: []\n"],
                  arguments: ["check", "--baseline", "b.yaml", "m.yaml"],
                  stderr: #"b.yaml:1:16: error: baseline format '1\u{A}::warning::x' is not supported (expected 1.x); write the baseline again with this eniplan"#),
        ErrorCase(name: "region catalogue: a region listed twice", files: ["m.yaml": empty, "r.yaml": "apiVersion: eniplan/v1\nkind: RegionCatalog\nversion: \"2026\\e]0;t\\a\"\nsource: s\nregions:\n  - {id: \"r-1\\u202D\", name: a, primaryEniRetention: true}\n  - {id: \"r-1\\u202D\", name: b, primaryEniRetention: true}\n"],
                  arguments: ["check", "--regions", "r.yaml", "m.yaml"],
                  stderr: "r.yaml:7:5: error: region 'r-1\\u{202D}' is listed twice\nr.yaml:6:5: note: first listed here"),
    ]

    @Test(arguments: errorCases)
    func errorMessagesEscapeTheValue(_ errorCase: ErrorCase) throws {
        let folder = try ScratchFolder()
        for (name, text) in errorCase.files { try folder.write(name, text) }
        let result = try EniplanRunner.run(errorCase.arguments, in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr.contains(errorCase.stderr + "\n"), "\(result.stderr)")
        Self.expectClean(result, .text)
    }

    @Test func aFileNamedLikeAWorkflowCommandDoesNotStartALine() throws {
        let folder = try ScratchFolder()
        try folder.write("::error::x.yaml", "a: [\n")
        let result = try EniplanRunner.run(["validate", "::error::x.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("./::error::x.yaml:2:1: error: "), "\(result.stderr)")
        Self.expectClean(result, .text)
    }

    // MARK: validate

    @Test(arguments: [false, true])
    func validate(tree: Bool) throws {
        let result = try EniplanRunner.run(["validate"] + (tree ? ["--tree"] : []) + [Self.state])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, .text)
        if tree {
            #expect(result.stdout.contains(#"value scalar doubleQuoted "i-web1\n::add-mask::secret\u{1B}[2J" 7:9-7:42"#), "\(result.stdout)")
            #expect(result.stdout.contains(#"value scalar doubleQuoted "ops\u{85}""#), "\(result.stdout)")
            #expect(result.stdout.contains(#"- scalar doubleQuoted "sg-2\u{2066}\u{7F}\u{9B}\0""#), "\(result.stdout)")
        } else {
            #expect(result.stdout.hasPrefix("\(Self.state): ok, 1 document"))
        }
    }

    // MARK: 1 MiB values

    static let huge = String(repeating: "x", count: 1 << 20 - 200)
    static let cutQuote = "'" + String(repeating: "x", count: 80) + "…'"

    /// The manifest for each case is made in the test, so that a failure names the case, not 1 MiB of it.
    static func hugeManifest(_ what: String) -> String {
        switch what {
        case "region": "apiVersion: eniplan/v1\nkind: Manifest\nregion: \(huge)\ninstances: []\n"
        case "unknown key": "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\n? \(huge)\n: 1\ninstances: []\n"
        case "kind": "apiVersion: eniplan/v1\nkind: \(huge)\nregion: cn-hangzhou\ninstances: []\n"
        default: "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n  - id: \(huge)\n    zone: cn-hangzhou-h\n    networkInterfaces: [{id: \(huge), type: primary}]\n"
        }
    }

    /// A kind eniplan does not know is never quoted (the file may be anything); the other values are cut.
    @Test(arguments: [
        ("region", 3 as Int32, cutQuote),
        ("unknown key", 1, cutQuote),
        ("kind", 1, "m.yaml:2:7: error: kind must be Manifest or State, not a kind eniplan knows\n"),
        ("id", 0, cutQuote),
    ])
    func hugeValuesAreQuotedCutAndFast(_ what: String, _ status: Int32, _ expected: String) throws {
        let yaml = Self.hugeManifest(what)
        let folder = try ScratchFolder()
        try folder.write("m.yaml", yaml)
        let clock = ContinuousClock()
        var result: RunResult?
        let elapsed = try clock.measure { result = try EniplanRunner.run(["check", "--format", "junit", "m.yaml"], in: folder.url) }
        let run = try #require(result)
        // A guard against the minutes a quadratic suggestion took; the real figure is well under a second.
        #expect(elapsed < .seconds(10), "\(what) took \(elapsed)")
        #expect(run.status == status, "\(what): \(run.stderr.prefix(500))")
        let messages = run.stderr + run.stdout
        #expect(messages.contains(expected), "\(what): \(messages.prefix(2000))")
        #expect(run.stderr.utf8.count < 4096)
        Self.expectClean(run, .junit)
    }

    // MARK: The pieces

    @Test(arguments: [
        ("plain", "plain"),
        ("tab\tstays", "tab\tstays"),
        ("a\u{1B}[2Jb", #"a\u{1B}[2Jb"#),
        ("\u{0}\u{7}\r\n\u{7F}", #"\u{0}\u{7}\u{D}\u{A}\u{7F}"#),
        ("\u{80}\u{85}\u{9F}\u{A0}", #"\u{80}\u{85}\u{9F}"# + "\u{A0}"),
        ("\u{2028}\u{2029}\u{202A}\u{202E}\u{202F}", #"\u{2028}\u{2029}\u{202A}\u{202E}"# + "\u{202F}"),
        ("\u{2065}\u{2066}\u{2069}\u{206A}", "\u{2065}" + #"\u{2066}\u{2069}"# + "\u{206A}"),
        (#"back\slash \u{1B}"#, #"back\slash \u{1B}"#),
    ])
    func displayTextEscapes(_ input: String, _ expected: String) {
        #expect(DisplayText.escaped(input) == expected)
        #expect(DisplayText.escaped(expected) == expected, "escaping twice changes nothing")
    }

    @Test func quotingCutsOnACharacterBoundaryBeforeEscaping() {
        #expect(DisplayText.quoted(String(repeating: "a", count: 80)) == String(repeating: "a", count: 80))
        #expect(DisplayText.quoted(String(repeating: "a", count: 81)) == String(repeating: "a", count: 80) + "…")
        // 79 letters, then CR LF (one character): the escape is whole, and nothing follows it but the ellipsis.
        #expect(DisplayText.quoted(String(repeating: "a", count: 79) + "\r\nzz") == String(repeating: "a", count: 79) + #"\u{D}\u{A}…"#)
        let flag = "🇯🇵"
        #expect(DisplayText.quoted(String(repeating: flag, count: 81)) == String(repeating: flag, count: 80) + "…")
        // One grapheme cluster of a million combining marks is cut too.
        let zalgo = "e" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(DisplayText.quoted(zalgo).unicodeScalars.count == 4 * DisplayText.quoteLimit + 1)
        #expect(DisplayText.quotedList((1...12).map(String.init)) == "'1', '2', '3', '4', '5', '6', '7', '8', '9', '10', … and 2 more")
    }

    @Test(arguments: [
        ("eni-1", "`eni-1`"),
        ("a`b", "``a`b``"),
        ("``x", "``` ``x ```"),
        ("x`", "`` x` ``"),
        (" lead", "`  lead `"),
        ("   ", "`   `"),
        // CommonMark strips one space from each side when both have one: the value keeps its own.
        ("", "(empty)"),
        ("<!--", "`<!--`"),
        ("a\nb", #"`a\u{A}b`"#),
    ])
    func codeSpans(_ value: String, _ expected: String) {
        #expect(MarkdownText.code(value) == expected)
        #expect(humanOutputViolations("x " + expected + " y\n", format: .markdown) == [])
    }

    @Test func markdownText() {
        #expect(MarkdownText.cell("a|b <i>&</i> @bob ![x](y) # *_~`\\") == "a\\|b &lt;i&gt;&amp;&lt;/i&gt; @\u{2060}bob \\!\\[x\\](y) \\# \\*\\_\\~\\`\\\\")
        #expect(MarkdownText.codeCell("a|b") == "`a\\|b`")
        // A pipe under a combining mark is one character but still ends a cell: escaped by scalar.
        #expect(MarkdownText.cell("a|\u{301}b").unicodeScalars.starts(with: "a\\|".unicodeScalars))
        #expect(MarkdownText.codeCell("a|\u{301}b").utf8.starts(with: "`a\\|".utf8))
        #expect(MarkdownText.text("web-1 (ok), 'quoted': fine.") == "web-1 (ok), 'quoted': fine.")
    }

    /// The oracle finds what it is for, so a test that passes through it means something.
    @Test(arguments: [
        ("a\u{1B}[2J\n", ReportFormat.text, "raw U+1B in the output"),
        ("ok\n::add-mask::x\n", .text, "line 2 starts with '::': '::add-mask::x'"),
        ("  ::warning::x\n", .junit, "line 1 starts with '::': '  ::warning::x'"),
        ("::error file=a,line=1::forged\n", .github, "line 1 starts with '::': '::error file=a,line=1::forged'"),
        ("a \u{202E}b\n", .markdown, "raw U+202E in the output"),
        ("#### Released: `a`b` c\n", .markdown, "line 1: a backtick run at column 20 closes no code span"),
        ("x <!-- hidden\n", .markdown, "line 1: raw '<' at column 3 outside a code span"),
        ("look ![t](p.png)\n", .markdown, "line 1: an image at column 6"),
        ("hi @octocat\n", .markdown, "line 1: an @mention at column 4"),
        ("| a | b |\n|---|---|\n| `x|y` | z |\n", .markdown, "line 3: table row has 4 cells, its header 3"),
    ])
    func oracleFindsViolations(_ text: String, _ format: ReportFormat, _ violation: String) {
        #expect(humanOutputViolations(text, format: format) == [violation])
    }

    @Test func oracleAcceptsEniplansOwnOutput() {
        #expect(humanOutputViolations("::error file=a.yaml,line=1,col=1,endLine=1,endColumn=2,title=ENI001 x::m ::x\n", format: .github) == [])
        #expect(humanOutputViolations("<details><summary>2 more</summary>\n\n| a |\n|---|\n| `x\\|y` |\n\n</details>\n", format: .markdown) == [])
        #expect(humanOutputViolations("{\"id\": \"\u{202E}\"}\n", format: .json) == [])
    }
}

import EniplanCore
import EniplanYAML
import Foundation
import Testing

/// What the GitHub Actions runner and GitHub's Markdown act on beyond a line that starts with `::`: a legacy
/// `##[command]` anywhere in a line, `::command::` behind any whitespace (a file name's no-break space included),
/// URLs and addresses GitHub links by itself, and Mermaid nodes that two ENIs would share.
@Suite("untrusted values: legacy commands, file names, autolinks, diagram nodes")
struct HostileOutputCommandTests {
    static let folder = "Tests/Fixtures/hostile/output-holes/"
    static let state = folder + "state.yaml"
    static let desired = folder + "desired.yaml"

    static func expectClean(_ result: RunResult, _ format: ReportFormat, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(humanOutputViolations(result.stdout, format: format) == [], "\(result.stdout.prefix(3000))", sourceLocation: sourceLocation)
        #expect(humanOutputViolations(result.stderr, format: .text) == [], "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stdout.contains("##["), sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("##["), sourceLocation: sourceLocation)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    // MARK: ##[command]

    @Test(arguments: [ReportFormat.text, .junit, .github, .markdown])
    func legacyCommandsInEveryHumanFormat(_ format: ReportFormat) throws {
        let result = try EniplanRunner.run(["plan", "--format", format.rawValue, "--current", Self.state, Self.desired])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, format)
        let lines = Self.lines(result.stdout)
        switch format {
        case .text:
            #expect(lines.contains(##"- instance i-1 #\u{23}[add-mask]eniplan (#\u{23}[stop-commands]tok visit http://evil.example/p or www.evil.example, mailto:x) will be released  [\##(Self.state):7:5]"##))
            #expect(lines.contains(##"      suppressed (inline): #\u{23}[warning]forged, see www.evil.example"##))
        case .junit:
            #expect(lines.contains(##"      <skipped message="suppressed: #\u{23}[warning]forged, see www.evil.example"/>"##))
            #expect(result.stdout.contains(##"name="instance i-1 #\u{23}[add-mask]eniplan""##))
        case .github:
            #expect(lines.first?.hasSuffix(##"::ENI 'eni-a.b#\u{23}[error]forged' is retained when 'i-1 #\u{23}[add-mask]eniplan' is released, but nothing in the desired state uses it: it stays Available with its addresses%0Afix: list the ENI under networkInterfaces in the desired manifest to keep it on purpose, reuse it, or let it be released (deleteOnRelease: true)"##) == true, "\(lines.first ?? "")")
        case .markdown:
            #expect(lines.contains(##"| `eni-a.b#\u{23}[error]forged` primary | **ENI** (deleteOnRelease: false) | **retain** |"##))
            #expect(lines.contains(##"  i_i_1____add_mask_eniplan["i-1 #\u{23}[add-mask]eniplan (released)"] -->|retained| eni_eni_a_b___error_forged(["ENI eni-a.b#\u{23}[error]forged"])"##))
        default: break
        }
    }

    @Test(arguments: ["text", "markdown"])
    func aBaselineFindingsMessageInFixedSinceTheBaseline(_ format: String) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n")
        try folder.write("b.json", ##"{"findings": [{"fingerprint": "0000000000000000", "message": "gone ##[add-mask]x", "resource": {"id": "eni-gone##[error]x", "kind": "networkInterface"}, "ruleId": "ENI009"}], "formatVersion": "1.0", "tool": "eniplan"}"##)
        let result = try EniplanRunner.run(["check", "--format", format, "--baseline", "b.json", "m.yaml"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, format == "text" ? .text : .markdown)
        let expected = format == "text" ? ##"  ENI009 networkInterface 'eni-gone#\u{23}[error]x': gone #\u{23}[add-mask]x"##
            : ##"- ENI009 networkInterface `eni-gone#\u{23}[error]x`: gone \#\\u{23}\[add-mask\]x"##
        #expect(Self.lines(result.stdout).contains(expected), "\(result.stdout)")
    }

    @Test func anAPIErrorBodysMessageOnStandardError() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n")
        try folder.write("api.json", ##"{"RequestId": "r", "Code": "Forbidden", "Message": "denied ##[add-mask]x"}"##)
        let result = try EniplanRunner.run(["plan", "--current", "api.json", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == ##"api.json:1:1: error: this is an Alibaba Cloud API error response (Code 'Forbidden': denied #\u{23}[add-mask]x), not data; fix the call and save its response again"## + "\n")
        Self.expectClean(result, .text)
    }

    @Test func aUsageErrorQuotingAnArgument() throws {
        let result = try EniplanRunner.run(["check", "--format", "##[error]x", "m.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(##"Error: The value '#\u{23}[error]x' is invalid for '--format <format[=file]>'."##), "\(result.stderr)")
        Self.expectClean(result, .text)
    }

    // MARK: File names

    static let unknownKey = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\nbad: 1\ninstances: []\n"

    /// A file name that starts with a space, a tab or a no-break space before `::`, or with `::` itself.
    @Test(arguments: [" ::error::sp.yaml", "\t::warning::tab.yaml", "\u{A0}::error::nbsp.yaml", "\u{3000}::error::ideographic.yaml", "::stop-commands::tok.yaml"])
    func aFileNameBehindWhitespaceStartsNoCommand(_ name: String) throws {
        let folder = try ScratchFolder()
        try folder.write(name, Self.unknownKey)
        let result = try EniplanRunner.run(["check", name], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("./\(name):4:1: error: unknown key 'bad' in the manifest"), "\(result.stderr)")
        Self.expectClean(result, .text)
    }

    /// The text findings list indents each location by two spaces; JUnit's details say `at` and the path.
    @Test(arguments: [ReportFormat.text, .junit, .markdown, .github])
    func aFileNameInTheFindings(_ format: ReportFormat) throws {
        let folder = try ScratchFolder()
        let name = "::stop-commands::tok.yaml"
        try FileManager.default.copyItem(atPath: EniplanRunner.packageRoot.appendingPathComponent(Self.state).path,
                                         toPath: folder.url.appendingPathComponent(name).path)
        let desired = EniplanRunner.packageRoot.appendingPathComponent(Self.desired).path
        let result = try EniplanRunner.run(["plan", "--format", format.rawValue, "--current", name, desired], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, format)
        let lines = Self.lines(result.stdout)
        switch format {
        case .text:
            #expect(lines.contains { $0.hasPrefix("  ./::stop-commands::tok.yaml:13:9: warning[ENI009] ") }, "\(result.stdout)")
            #expect(lines.contains { $0.hasSuffix("  [./::stop-commands::tok.yaml:7:5]") }, "\(result.stdout)")
            #expect(lines.contains { $0.hasPrefix("  ./::stop-commands::tok.yaml:19:9: warning[ENI009] ") }, "a suppressed finding: \(result.stdout)")
        case .junit:
            #expect(lines.contains("  at ./::stop-commands::tok.yaml:13:9"), "\(result.stdout)")
        case .markdown:
            #expect(result.stdout.contains("| `./::stop-commands::tok.yaml:13` |"), "\(result.stdout)")
        default:
            // The annotation's file property stays the real path, so GitHub attaches it to the file.
            #expect(lines.first?.hasPrefix("::warning file=%3A%3Astop-commands%3A%3Atok.yaml,line=13,") == true, "\(lines.first ?? "")")
        }
    }

    @Test(arguments: [false, true])
    func validatePrintsAFileNameThatCannotStartACommand(tree: Bool) throws {
        let folder = try ScratchFolder()
        let name = "\u{A0}::error::x.yaml"
        try folder.write(name, "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n")
        let result = try EniplanRunner.run(["validate"] + (tree ? ["--tree"] : []) + [name], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("./\(name)" + (tree ? "\n" : ": ok, 1 document")), "\(result.stdout)")
        Self.expectClean(result, .text)
    }

    @Test(arguments: [
        ("m.yaml", "m.yaml"),
        ("Examples/a.yaml", "Examples/a.yaml"),
        ("/abs/::x.yaml", "/abs/::x.yaml"),
        ("../x.yaml", "../x.yaml"),
        ("_x.yaml", "_x.yaml"),
        ("-x.yaml", "-x.yaml"),
        ("9.yaml", "9.yaml"),
        ("é.yaml", "é.yaml"),
        ("::x.yaml", "./::x.yaml"),
        (" ::x.yaml", "./ ::x.yaml"),
        ("\u{A0}::x.yaml", "./\u{A0}::x.yaml"),
        ("\n::x.yaml", ##"./\u{A}::x.yaml"##),
        ("##[error]x.yaml", ##"./#\u{23}[error]x.yaml"##),
        ("", ""),
    ])
    func displayPath(_ file: String, _ expected: String) {
        #expect(DisplayText.path(file) == expected)
        #expect(DisplayText.path(expected) == expected, "a displayed path is displayed as it is")
    }

    // MARK: Autolinks

    @Test func markdownLinksNoURLOrAddress() throws {
        let result = try EniplanRunner.run(["plan", "--format", "markdown", "--current", Self.state, Self.desired])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectClean(result, .markdown)
        #expect(Self.lines(result.stdout).contains(
            ##"#### Released: `i-1 #\u{23}[add-mask]eniplan` (\#\\u{23}\[stop-commands\]tok visit http"## + "\u{2060}"
                + "://evil.example/p or www\u{2060}.evil.example, mailto\u{2060}:x)"), "\(result.stdout)")
        // Inside a code span GitHub links nothing: the value stays as it is.
        #expect(result.stdout.contains("security group `sg-1 https://evil.example/x`"))
        #expect(result.stdout.contains(##"_(suppressed: \#\\u{23}\[warning\]forged, see www"## + "\u{2060}.evil.example)_"), "\(result.stdout)")
    }

    @Test(arguments: [
        ("see http://e.example/x", "see http\u{2060}://e.example/x"),
        ("HTTPS://E.example", "HTTPS\u{2060}://E.example"),
        ("ftp://f.example", "ftp\u{2060}://f.example"),
        ("www.e.example and WWW.E.example", "www\u{2060}.e.example and WWW\u{2060}.E.example"),
        ("mailto:a@b.example xmpp:c@d.example", "mailto\u{2060}:a@\u{2060}b.example xmpp\u{2060}:c@\u{2060}d.example"),
        ("fix: the route (deleteOnRelease: false)", "fix: the route (deleteOnRelease: false)"),
        ("wwwx.example, www", "wwwx.example, www"),
    ])
    func markdownTextBreaksAutolinks(_ value: String, _ expected: String) {
        #expect(MarkdownText.text(value) == expected)
        #expect(humanOutputViolations(expected + "\n", format: .markdown) == [])
    }

    // MARK: Mermaid

    @Test func diagramNodesAreOneEachPerResource() throws {
        let result = try EniplanRunner.run(["plan", "--format", "markdown", "--current", Self.state, Self.desired])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.lines(result.stdout)
        let start = try #require(lines.firstIndex(of: "```mermaid"))
        let diagram = Array(lines[start...].prefix { $0 != "```" || $0 == "```mermaid" }.dropFirst())
        #expect(diagram == [
            "flowchart LR",
            ##"  i_i_1____add_mask_eniplan["i-1 #\u{23}[add-mask]eniplan (released)"] -->|retained| eni_eni_a_b___error_forged(["ENI eni-a.b#\u{23}[error]forged"])"##,
            "  eni_eni_a_b___error_forged --> available{{\"Available\"}}",
            ##"  i_i_1____add_mask_eniplan -->|retained| eni_eni_a_b___error_forged_2(["ENI eni-a_b#\u{23}[error]forged"])"##,
            "  eni_eni_a_b___error_forged_2 --> available",
        ])
    }

    @Test func diagramIdentifiersSkipOnesAlreadyTaken() {
        var identifiers = MarkdownReporter.MermaidIdentifiers()
        #expect(identifiers.identifier(for: "eni_a.b") == ("eni_a_b", true))
        #expect(identifiers.identifier(for: "eni_a_b") == ("eni_a_b_2", true))
        // An id whose own identifier is a suffixed one already given gets the next free number.
        #expect(identifiers.identifier(for: "eni_a_b_2") == ("eni_a_b_2_2", true))
        #expect(identifiers.identifier(for: "eni_a-b") == ("eni_a_b_3", true))
        #expect(identifiers.identifier(for: "eni_a.b") == ("eni_a_b", false))
        #expect(identifiers.identifier(for: "eni_a_b") == ("eni_a_b_2", false))
    }

    // MARK: The pieces

    @Test(arguments: [
        ("##[add-mask]x", ##"#\u{23}[add-mask]x"##),
        ("a ##[error]b ##[warning]c", ##"a #\u{23}[error]b #\u{23}[warning]c"##),
        ("###[x", ##"##\u{23}[x"##),
        ("#[x ## [x #x[ ##", "#[x ## [x #x[ ##"),
        ("##\u{1B}[", ##"##\u{1B}["##),
        ("# heading #1", "# heading #1"),
    ])
    func displayTextEscapesLegacyCommands(_ input: String, _ expected: String) {
        #expect(DisplayText.escaped(input) == expected)
        #expect(DisplayText.escaped(expected) == expected, "escaping twice changes nothing")
        #expect(!DisplayText.containsLegacyCommand(DisplayText.escaped(input)))
    }

    /// The oracle finds what it is for, so a test that passes through it means something.
    @Test(arguments: [
        // The oracle quotes the line as eniplan quotes any value: escaped.
        ("name (##[add-mask]x)\n", ReportFormat.text, ##"line 1 holds '##[': 'name (#\u{23}[add-mask]x)'"##),
        ("<testcase name=\"##[error]x\"/>\n", .junit, ##"line 1 holds '##[': '<testcase name="#\u{23}[error]x"/>'"##),
        ("\u{A0}::error::x\n", .text, "line 1 starts with '::': '\u{A0}::error::x'"),
        ("\u{3000}\u{2003}::warning::x\n", .junit, "line 1 starts with '::': '\u{3000}\u{2003}::warning::x'"),
        ("see http://e.example\n", .markdown, "line 1: an autolink 'http:' at column 5"),
        ("see www.e.example\n", .markdown, "line 1: an autolink 'www.' at column 5"),
        ("| a |\n|---|\n| Mailto:x |\n", .markdown, "line 3: an autolink 'Mailto:' at column 3"),
    ])
    func oracleFindsViolations(_ text: String, _ format: ReportFormat, _ violation: String) {
        #expect(humanOutputViolations(text, format: format) == [violation])
    }

    @Test func oracleAcceptsWhatIsNotLinkedOrRun() {
        #expect(humanOutputViolations("a `http://e.example www.e.example` b, fix: x (y: z)\n", format: .markdown) == [])
        #expect(humanOutputViolations("a #\\u{23}[error]x, # [x, #[x\n", format: .text) == [])
        #expect(humanOutputViolations("  ./::x.yaml:1:1: warning[ENI009] m\n", format: .text) == [])
    }
}

import Foundation
import Testing
import EniplanYAML
@testable import EniplanCore

/// `--format junit`: every example's JUnit XML is read back with a real XML parser (python3's
/// xml.etree.ElementTree, which refuses what XML 1.0 forbids), and its counts, names, failures and
/// skips agree with the analysis.
@Suite("JUnit reporter")
struct JUnitReporterTests {
    typealias Fixtures = CIReportFixtures

    /// An element as python's parser read it.
    struct Element: Decodable {
        var tag: String
        var attrib: [String: String]
        var text: String
        var children: [Element]

        func children(_ tag: String) -> [Element] { children.filter { $0.tag == tag } }
        func child(_ tag: String) -> Element? { children.first { $0.tag == tag } }
        func count(_ attribute: String) -> Int? { attrib[attribute].flatMap { Int($0) } }
    }

    static let parserScript = """
        import json, sys
        import xml.etree.ElementTree as ET
        def convert(element):
            return {"tag": element.tag, "attrib": dict(element.attrib), "text": element.text or "",
                    "children": [convert(child) for child in element]}
        print(json.dumps(convert(ET.parse(sys.argv[1]).getroot())))
        """

    /// `xml` parsed by a strict XML 1.0 parser; a parse error throws with the parser's complaint.
    static func parse(_ xml: String) throws -> Element {
        let file = try Fixtures.writeScratch(xml, name: "junit.xml")
        defer { Fixtures.removeScratch(file) }
        let run = try Fixtures.python(parserScript, [file.path])
        guard run.status == 0 else { throw Fixtures.PythonFailure(description: "the JUnit XML does not parse:\n\(run.stderr)\n\(xml)") }
        return try JSONDecoder().decode(Element.self, from: Data(run.stdout.utf8))
    }

    /// Every testcase as `suite | classname | name | outcome`, outcome being failure, skipped or passed.
    static func outline(_ root: Element) -> [String] {
        root.children("testsuite").flatMap { suite in
            suite.children("testcase").map { testCase in
                let outcome = testCase.child("failure") != nil ? "failure" : testCase.child("skipped") != nil ? "skipped" : "passed"
                return "\(suite.attrib["name"] ?? "") | \(testCase.attrib["classname"] ?? "") | \(testCase.attrib["name"] ?? "") | \(outcome)"
            }
        }
    }

    static func testCase(_ root: Element, named name: String) throws -> Element {
        let cases = root.children("testsuite").flatMap { $0.children("testcase") }.filter { $0.attrib["name"] == name }
        try #require(cases.count == 1, "\(cases.count) testcases named '\(name)' in:\n\(outline(root).joined(separator: "\n"))")
        return cases[0]
    }

    // MARK: Every example

    @Test(arguments: Fixtures.scenarios)
    func exampleParsesAndAgreesWithTheAnalysis(_ scenario: Fixtures.Scenario) throws {
        let analysis = try Fixtures.analysis(scenario)
        try expectConsistent(JUnitReporter.render(analysis, options: Fixtures.options()), with: analysis, failOn: .error)
    }

    @Test(arguments: [Severity.error, .warning, .note], [false, true])
    func annotatedScenarioParsesAndAgreesWithTheAnalysis(failOn: Severity, baseline: Bool) throws {
        let analysis = try Fixtures.annotatedAnalysis(baseline: baseline)
        let xml = JUnitReporter.render(analysis, options: Fixtures.options(failOn: failOn, usedBaseline: baseline))
        try expectConsistent(xml, with: analysis, failOn: failOn)
    }

    /// Counts add up, suites are the files, and each (file, rule, resource) and each clean resource is one testcase
    /// whose outcome follows from its findings, computed here independently of the reporter.
    private func expectConsistent(_ xml: String, with analysis: Analysis, failOn: Severity) throws {
        let root = try Self.parse(xml)
        #expect(root.tag == "testsuites")
        let suites = root.children("testsuite")
        let suiteNames = suites.compactMap { $0.attrib["name"] }
        #expect(suiteNames == suiteNames.sorted() && Set(suiteNames).count == suiteNames.count, "\(suiteNames)")

        var expected: [String: String] = [:]
        for finding in analysis.findings {
            let key = "\(finding.location.file) | ENI-CLASS | \(finding.ruleId) \(finding.resource.kind.rawValue) \(finding.resource.id)"
            let outcome = finding.isActive && finding.severity >= failOn ? "failure" : finding.isActive ? "passed" : "skipped"
            let rank = ["skipped": 0, "passed": 1, "failure": 2]
            if let previous = expected[key], rank[previous, default: 0] >= rank[outcome, default: 0] { continue }
            expected[key] = outcome
        }
        let withFindings = Set(analysis.findings.map(\.resource))
        var clean: Set<ResourceReference> = []
        for change in analysis.plan.changes {
            let resource = ResourceReference(kind: change.kind, id: change.id)
            guard !withFindings.contains(resource), clean.insert(resource).inserted else { continue }
            expected["\(change.location?.file ?? "") | ENI-CLASS | \(change.kind.rawValue) \(change.id)"] = "passed"
        }
        let actual = Self.outline(root).map { line in
            // The classname is checked below; here it is the same for every testcase of a suite.
            let parts = line.components(separatedBy: " | ")
            return "\(parts[0]) | ENI-CLASS | \(parts[2]) | \(parts[3])"
        }
        #expect(actual.sorted() == expected.map { "\($0.key) | \($0.value)" }.sorted())

        var totals = (tests: 0, failures: 0, skipped: 0)
        for suite in suites {
            let cases = suite.children("testcase")
            let failures = cases.filter { $0.child("failure") != nil }.count
            let skipped = cases.filter { $0.child("skipped") != nil }.count
            #expect(suite.count("tests") == cases.count && suite.count("failures") == failures && suite.count("skipped") == skipped)
            #expect(suite.count("errors") == 0)
            #expect(!cases.isEmpty)
            totals = (totals.tests + cases.count, totals.failures + failures, totals.skipped + skipped)
            let name = suite.attrib["name"] ?? ""
            let classname = "eniplan." + name.split(separator: "/").map { $0.replacingOccurrences(of: ".", with: "_") }.joined(separator: ".")
            for testCase in cases {
                #expect(testCase.attrib["classname"] == classname)
                #expect(testCase.attrib["file"] == name)
                if let failure = testCase.child("failure") {
                    #expect(Severity(rawValue: failure.attrib["type"] ?? "") != nil)
                    #expect(failure.attrib["message"]?.isEmpty == false)
                    #expect(failure.text.contains(" at \(name):"))
                }
            }
        }
        #expect(root.count("tests") == totals.tests && root.count("failures") == totals.failures && root.count("skipped") == totals.skipped)
        #expect(root.count("errors") == 0)
        // Names and classnames are identities, never message text.
        for finding in analysis.findings {
            for line in Self.outline(root) { #expect(!line.contains(finding.message)) }
        }
    }

    // MARK: Outcomes

    @Test func suppressedFindingsAreSkippedWithTheirReason() throws {
        let root = try Self.parse(JUnitReporter.render(try Fixtures.annotatedAnalysis(), options: Fixtures.options()))
        let inline = try Self.testCase(root, named: "ENI002 eip eip-1")
        #expect(inline.child("skipped")?.attrib["message"] == "suppressed: released by the billing job")
        #expect(inline.child("failure") == nil)
        #expect(inline.child("system-out")?.text.contains("suppressed (inline until 2027-01-31): released by the billing job") == true)
        let config = try Self.testCase(root, named: "ENI004 networkInterface eni-web1")
        #expect(config.child("skipped")?.attrib["message"] == "suppressed: sg-1 is shared with the fleet")
    }

    @Test func blockingFindingsFailWithMessageLocationAndFix() throws {
        let analysis = try Fixtures.annotatedAnalysis()
        let root = try Self.parse(JUnitReporter.render(analysis, options: Fixtures.options()))
        let policy = try Self.testCase(root, named: "COST001 networkInterface eni-web1b")
        let finding = try #require(analysis.findings.first { $0.ruleId == "COST001" && $0.resource.id == "eni-web1b" })
        let failure = try #require(policy.child("failure"))
        #expect(failure.attrib["type"] == "error")
        #expect(failure.attrib["message"] == finding.message)
        #expect(failure.text.contains("error[COST001] \(finding.message)"))
        #expect(failure.text.contains("at annotated/current.yaml:\(finding.location.start.line):\(finding.location.start.column)"))

        let malformed = try #require(analysis.findings.first { $0.ruleId == "SUP001" })
        let sup = try Self.testCase(root, named: "SUP001 suppression \(malformed.resource.id)")
        #expect(sup.child("failure")?.attrib["type"] == "error")
        #expect(sup.attrib["file"] == "annotated/desired.yaml" && sup.attrib["line"] == "\(malformed.location.start.line)")
    }

    /// Failures are what the gate blocks on: an active warning passes at --fail-on error (its details in
    /// system-out) and fails at --fail-on warning, with the fix.
    @Test func failuresFollowTheThreshold() throws {
        let analysis = try Fixtures.annotatedAnalysis()
        let atError = try Self.parse(JUnitReporter.render(analysis, options: Fixtures.options(failOn: .error)))
        let passing = try Self.testCase(atError, named: "ENI002 eip eip-2")
        #expect(passing.child("failure") == nil && passing.child("skipped") == nil)
        #expect(passing.child("system-out")?.text.contains("warning[ENI002] EIP 'eip-2'") == true)

        let atWarning = try Self.parse(JUnitReporter.render(analysis, options: Fixtures.options(failOn: .warning)))
        let failing = try #require(try Self.testCase(atWarning, named: "ENI002 eip eip-2").child("failure"))
        #expect(failing.attrib["type"] == "warning")
        #expect(failing.text.contains("fix: "))

        // The expired suppression no longer applies: a note, failing only at --fail-on note, and it says why.
        let atNote = try Self.parse(JUnitReporter.render(analysis, options: Fixtures.options(failOn: .note)))
        let expired = try #require(try Self.testCase(atNote, named: "ENI012 networkInterface eni-web1b").child("failure"))
        #expect(expired.attrib["type"] == "note")
        #expect(expired.text.contains("expired on 2020-01-31"))
    }

    @Test func baselinedFindingsAreSkipped() throws {
        let root = try Self.parse(JUnitReporter.render(try Fixtures.annotatedAnalysis(baseline: true), options: Fixtures.options(usedBaseline: true)))
        let baselined = try Self.testCase(root, named: "ENI004 networkInterface eni-web1b")
        #expect(baselined.child("skipped")?.attrib["message"] == "baselined: accepted in the baseline")
        #expect(baselined.child("system-out")?.text.contains("in the baseline") == true)
    }

    @Test func aCleanPlanIsPassingTestcases() throws {
        let scenario = try #require(Fixtures.scenarios.first { $0.folder == "reuse-retained-eni" && $0.mode == .plan && !$0.withPolicies })
        let analysis = try Fixtures.analysis(scenario)
        try #require(analysis.findings.isEmpty, "reuse-retained-eni is expected to be clean: \(analysis.findings.map(\.message))")
        let root = try Self.parse(JUnitReporter.render(analysis, options: Fixtures.options()))
        #expect(root.count("tests") == analysis.plan.changes.count && root.count("failures") == 0)
        #expect(Self.outline(root).contains("Examples/reuse-retained-eni/desired.yaml | eniplan.Examples.reuse-retained-eni.desired_yaml | networkInterface eni-app | passed"))
    }

    // MARK: Names, escaping, determinism

    @Test func namesAndClassnamesSurviveMovedLines() throws {
        // SUP findings are about a suppression comment, whose identity is where it is written.
        func outline(_ linesAbove: Int) throws -> [String] {
            let xml = JUnitReporter.render(try Fixtures.annotatedAnalysis(linesAbove: linesAbove), options: Fixtures.options())
            return Self.outline(try Self.parse(xml)).filter { !$0.contains(" | SUP") }
        }
        let before = try outline(0)
        let after = try outline(4)
        #expect(before.sorted() == after.sorted())
        #expect(!before.isEmpty)
    }

    @Test func specialCharactersAreEscapedAndForbiddenOnesReplaced() throws {
        let message = "ENI '<eni>' & \"quoted\" 'single' \u{1}\u{B}\u{1F} two\nlines\r\tend ]]> \u{FFFF}"
        let xml = JUnitReporter.render(try Fixtures.singleFindingAnalysis(message: message, resourceID: "eni-<&>\""), options: Fixtures.options())
        let root = try Self.parse(xml)
        let testCase = try Self.testCase(root, named: "ENI010 networkInterface eni-<&>\"")
        let failure = try #require(testCase.child("failure"))
        // Controls are escaped as display text first (no value starts a line); XML then replaces what it cannot carry.
        let replaced = "ENI '<eni>' & \"quoted\" 'single' \\u{1}\\u{B}\\u{1F} two\\u{A}lines\\u{D}\tend ]]> \u{FFFD}"
        #expect(failure.attrib["message"] == replaced)
        #expect(failure.text.contains("error[ENI010] \(replaced)"))
        #expect(failure.text.contains("fix: set deleteOnRelease & mind <this>"))
        #expect(testCase.attrib["classname"] == "eniplan.odd.manifest_yaml")
    }

    @Test(arguments: [
        ("plain", "plain", "plain"),
        ("a&b<c>d", "a&amp;b&lt;c&gt;d", "a&amp;b&lt;c&gt;d"),
        ("\"'", "&quot;&apos;", "\"'"),
        ("a\nb\tc\rd", "a&#10;b&#9;c&#13;d", "a\nb\tc&#13;d"),
        ("\u{0}\u{8}\u{B}\u{C}\u{E}\u{1F}", String(repeating: "\u{FFFD}", count: 6), String(repeating: "\u{FFFD}", count: 6)),
        ("\u{FFFE}\u{FFFF}\u{7F}é😀", "\u{FFFD}\u{FFFD}\u{7F}é😀", "\u{FFFD}\u{FFFD}\u{7F}é😀"),
    ])
    func escaping(_ input: String, attribute: String, text: String) {
        #expect(JUnitReporter.escaped(input) == attribute)
        #expect(JUnitReporter.escaped(input, inAttribute: false) == text)
    }

    @Test(arguments: Fixtures.scenarios.filter { $0.mode == .plan })
    func twoRunsAreByteIdentical(_ scenario: Fixtures.Scenario) throws {
        let first = JUnitReporter.render(try Fixtures.analysis(scenario), options: Fixtures.options())
        let second = JUnitReporter.render(try Fixtures.analysis(scenario), options: Fixtures.options())
        #expect(first == second)
    }

    @Test func retainedPrimaryMatchesItsRecordedJUnit() throws {
        let scenario = try #require(Fixtures.scenarios.first { $0.folder == "retained-primary" && $0.mode == .plan && !$0.withPolicies })
        let xml = JUnitReporter.render(try Fixtures.analysis(scenario), options: Fixtures.options())
        _ = try Self.parse(xml)
        try Fixtures.compare(xml, withGolden: "Examples/retained-primary/report.junit.xml")
    }
}

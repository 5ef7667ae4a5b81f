import Foundation
import Testing
import EniplanYAML
@testable import EniplanCore

/// Every rule's documented examples are its tests: each triggering example must raise the rule,
/// each non-triggering one must not.
@Suite("rule examples")
struct RuleExamplesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: RuleDescription
        var example: RuleExample
        var triggers: Bool
        var number: Int
        var testDescription: String { "\(rule.id) \(triggers ? "triggers" : "does not trigger") on example \(number)" }
    }

    static let cases: [Case] = RuleRegistry.descriptions.flatMap { rule in
        rule.triggering.enumerated().map { Case(rule: rule, example: $1, triggers: true, number: $0 + 1) }
            + rule.nonTriggering.enumerated().map { Case(rule: rule, example: $1, triggers: false, number: $0 + 1) }
    }

    static func findings(for example: RuleExample) throws -> [Finding] {
        try findings(current: example.current, desired: example.desired)
    }

    static func findings(current currentText: String?, desired desiredText: String) throws -> [Finding] {
        func manifest(_ text: String, _ file: String) throws -> Manifest {
            try ManifestDecoder.decode(try YAMLLoader.load(bytes: Array(text.utf8), file: file))
        }
        let catalog = try RegionCatalogDecoder.builtIn()
        let desired = try manifest(desiredText, currentText == nil ? "manifest.yaml" : "desired.yaml")
        if let currentText {
            let current = try manifest(currentText, "current.yaml")
            return try Pipeline.run(PipelineInputs(mode: .plan, current: [current], subjects: [desired], catalog: catalog, today: "2026-11-26")).findings
        }
        return try Pipeline.run(PipelineInputs(mode: .check, subjects: [desired], catalog: catalog, today: "2026-11-26")).findings
    }

    /// Where a finding starts: file, 1-based line, 1-based column in Unicode code points.
    struct Place: Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var description: String { "\(file):\(line):\(column)" }
    }

    /// The places of the markers in `marked` (`↓` right before a node), counted in the text without them.
    static func markedPlaces(_ marked: String, file: String) -> [Place] {
        var places: [Place] = []
        var line = 1, column = 1
        for scalar in marked.unicodeScalars {
            if Character(scalar) == RuleExample.marker {
                places.append(Place(file: file, line: line, column: column))
            } else if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return places
    }

    /// The same example written another way: lines and columns must follow.
    enum Variant: CaseIterable, CustomStringConvertible {
        case asWritten
        /// Every line ending CR LF: same lines, same columns.
        case crlf
        /// A comment with multibyte characters as the first line: every line one down, columns the same (code points, not bytes).
        case multibyteLineAbove

        func apply(_ text: String) -> String {
            switch self {
            case .asWritten: text
            case .crlf: text.replacingOccurrences(of: "\n", with: "\r\n")
            case .multibyteLineAbove: "# ünïcödé ✓\n" + text
            }
        }

        var description: String {
            switch self {
            case .asWritten: "as written"
            case .crlf: "with CRLF line endings"
            case .multibyteLineAbove: "under a multibyte line"
            }
        }
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let example = testCase.example
        var messagesAsWritten: [String]?
        for variant in Variant.allCases {
            let current = example.markedCurrent.map(variant.apply), desired = variant.apply(example.markedDesired)
            let raised = try Self.findings(current: current.map(RuleExample.unmarked), desired: RuleExample.unmarked(desired))
                .filter { $0.ruleId == testCase.rule.id }
            let marked = Set(current.map { Self.markedPlaces($0, file: "current.yaml") } ?? [])
                .union(Self.markedPlaces(desired, file: current == nil ? "manifest.yaml" : "desired.yaml"))
            let found = raised.map { Place(file: $0.location.file, line: $0.location.start.line, column: $0.location.start.column) }
            // The same findings, only at the shifted places.
            if let messagesAsWritten { #expect(raised.map(\.message) == messagesAsWritten, "\(variant)") } else { messagesAsWritten = raised.map(\.message) }
            guard testCase.triggers else {
                #expect(raised.isEmpty, "\(testCase.rule.id) triggered \(variant): \(raised.map(\.message))")
                #expect(marked.isEmpty, "a non-triggering example marks \(marked.sorted(by: { $0.description < $1.description }))")
                continue
            }
            #expect(!marked.isEmpty, "the example marks no place (\(RuleExample.marker)) for its findings, which land at \(found)")
            // Each finding lands on a marker, and each marker gets a finding.
            #expect(Set(found) == marked && found.allSatisfy(marked.contains),
                    "\(variant): findings at \(found), markers at \(marked.sorted(by: { $0.description < $1.description }))")
            for finding in raised {
                // Messages start lowercase; an acronym (ENI, EIP) keeps its capitals.
                let firstWord = finding.message.prefix { $0 != " " }
                #expect(firstWord.first?.isLowercase == true || firstWord.allSatisfy(\.isUppercase), "\(finding.message)")
                #expect(finding.message.last != ".")
            }
        }
    }

    /// `eniplan explain`, docs, SARIF help and the rules JSON print the examples without their markers.
    @Test func printedExamplesCarryNoMarkers() {
        for rule in RuleRegistry.descriptions {
            for example in rule.triggering + rule.nonTriggering {
                #expect(!example.desired.contains(RuleExample.marker) && example.current?.contains(RuleExample.marker) != true, "\(rule.id)")
            }
        }
        let rules = RuleRegistry.descriptions
        let explained: String = rules.map { RuleHelp.text($0) }.joined()
        let helpMarkdown: String = rules.map { RuleHelp.markdown($0) }.joined()
        let catalogue: String = RuleCatalogReporter.markdown(rules) + RuleCatalogReporter.json(rules)
        #expect(!(explained + helpMarkdown + catalogue).contains(RuleExample.marker))
    }

    @Test func everyRuleHasBothKindsOfExample() {
        for rule in RuleRegistry.descriptions {
            #expect(!rule.triggering.isEmpty && !rule.nonTriggering.isEmpty, "\(rule.id)")
            #expect(!rule.rationale.isEmpty && !rule.fixHint.isEmpty && !rule.summary.isEmpty, "\(rule.id)")
        }
    }

    @Test func registryIsCompleteSortedAndUnique() throws {
        let ids = RuleRegistry.descriptions.map(\.id)
        #expect(ids == (1...21).map { String(format: "ENI%03d", $0) })
        #expect(Set(RuleRegistry.descriptions.map(\.slug)).count == ids.count)
        for slug in RuleRegistry.descriptions.map(\.slug) {
            #expect(slug.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(slug)")
        }
        // Every rule file in the package's sources is in the registry, and the registry holds nothing else.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/EniplanCore/Rules/BuiltIn")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        let written = Set(files.map { String($0.dropLast(".swift".count)) })
        let registered = RuleRegistry.rules.map { String(describing: type(of: $0)) }
        #expect(!written.isEmpty)
        #expect(written.subtracting(registered).isEmpty, "rule files missing from RuleRegistry: \(written.subtracting(registered).sorted())")
        #expect(Set(registered) == written && registered.count == written.count, "registered: \(registered)")
    }

    @Test func rulesAreFoundByIdOrSlug() {
        #expect(RuleRegistry.description(of: "eni002")?.slug == "eip-left-unbound")
        #expect(RuleRegistry.description(of: "eip-left-unbound")?.id == "ENI002")
        #expect(RuleRegistry.description(of: "ENI099") == nil)
    }

    @Test func fingerprintsIgnoreLocations() throws {
        let base = ExampleYAML.manifest("instances:\n  - id: i-1\n    networkInterfaces:\n      - {id: eni-1, type: primary}\n")
        let moved = ExampleYAML.manifest("\n\n# moved down\ninstances:\n  - id: i-1\n    networkInterfaces:\n\n      - {id: eni-1, type: primary}\n")
        let first = try Self.findings(for: RuleExample(base)).filter { $0.ruleId == "ENI010" }
        let second = try Self.findings(for: RuleExample(moved)).filter { $0.ruleId == "ENI010" }
        #expect(first.count == 1 && second.count == 1)
        #expect(first.map(\.fingerprint) == second.map(\.fingerprint))
        #expect(first.map(\.location.start.line) != second.map(\.location.start.line))
    }

    /// A route to an ENI is deleted with the released ENI (ENI003); a route to the instance itself refuses the release
    /// whatever the flag says (ENI018, in a plan only: a release preview is no release), and is never ENI003's.
    @Test(arguments: [
        (nextHop: "eni-1", flag: "true", planned: ["ENI003"], previewed: ["ENI003"]),
        (nextHop: "eni-1", flag: "false", planned: [], previewed: []),
        (nextHop: "i-1", flag: "true", planned: ["ENI018"], previewed: []),
        (nextHop: "i-1", flag: "false", planned: ["ENI018"], previewed: []),
    ])
    func aRouteToTheInstanceRefusesTheReleaseARouteToTheENIIsDeleted(nextHop: String, flag: String, planned: [String], previewed: [String]) throws {
        let routes = "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, nextHop: \(nextHop)}\n"
        let rules: Set<String> = ["ENI003", "ENI018"]
        let plan = try Self.findings(for: ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: \(flag)"], extra: routes))
        #expect(plan.map(\.ruleId).filter(rules.contains) == planned)
        let preview = try Self.findings(for: RuleExample(ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: \(flag)"], extra: routes)))
        #expect(preview.map(\.ruleId).filter(rules.contains) == previewed)
        if let route = plan.first(where: { $0.ruleId == "ENI003" }) {
            #expect(route.fixHint == "retain the ENI (deleteOnRelease: false) to keep its routes, or add replacement route entries in the same change")
        }
    }
}

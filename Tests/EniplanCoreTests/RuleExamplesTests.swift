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
        func manifest(_ text: String, _ file: String) throws -> Manifest {
            try ManifestDecoder.decode(try YAMLLoader.load(bytes: Array(text.utf8), file: file))
        }
        let catalog = try RegionCatalogDecoder.builtIn()
        let desired = try manifest(example.desired, example.current == nil ? "manifest.yaml" : "desired.yaml")
        if let currentText = example.current {
            let current = try manifest(currentText, "current.yaml")
            return try Pipeline.run(PipelineInputs(mode: .plan, current: [current], subjects: [desired], catalog: catalog, today: "2026-11-26")).findings
        }
        return try Pipeline.run(PipelineInputs(mode: .check, subjects: [desired], catalog: catalog, today: "2026-11-26")).findings
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let raised = try Self.findings(for: testCase.example).filter { $0.ruleId == testCase.rule.id }
        if testCase.triggers {
            #expect(!raised.isEmpty, "\(testCase.rule.id) did not trigger")
            for finding in raised {
                #expect(finding.location.start.line >= 1 && finding.location.file.hasSuffix(".yaml"))
                // Messages start lowercase; an acronym (ENI, EIP) keeps its capitals.
                let firstWord = finding.message.prefix { $0 != " " }
                #expect(firstWord.first?.isLowercase == true || firstWord.allSatisfy(\.isUppercase), "\(finding.message)")
                #expect(finding.message.last != ".")
            }
        } else {
            #expect(raised.isEmpty, "\(testCase.rule.id) triggered: \(raised.map(\.message))")
        }
    }

    @Test func everyRuleHasBothKindsOfExample() {
        for rule in RuleRegistry.descriptions {
            #expect(!rule.triggering.isEmpty && !rule.nonTriggering.isEmpty, "\(rule.id)")
            #expect(!rule.rationale.isEmpty && !rule.fixHint.isEmpty && !rule.summary.isEmpty, "\(rule.id)")
        }
    }

    @Test func registryIsCompleteSortedAndUnique() {
        let ids = RuleRegistry.descriptions.map(\.id)
        #expect(ids == (1...15).map { String(format: "ENI%03d", $0) })
        #expect(Set(RuleRegistry.descriptions.map(\.slug)).count == ids.count)
        for slug in RuleRegistry.descriptions.map(\.slug) {
            #expect(slug.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(slug)")
        }
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

    /// ENI003's fix depends on the route's next hop: deleteOnRelease keeps a route to a retained ENI, but a route to
    /// the released instance itself is deleted whatever the flag says.
    static let instanceNextHopFix = "point the route at an ENI that is retained, or at another instance, before the release, or add a replacement route entry in the same change: a route to the instance itself is deleted whatever deleteOnRelease says"

    @Test(arguments: [
        (nextHop: "eni-1", flag: "true", fix: "retain the ENI (deleteOnRelease: false) to keep its routes, or add replacement route entries in the same change"),
        (nextHop: "i-1", flag: "true", fix: Self.instanceNextHopFix),
        (nextHop: "i-1", flag: "false", fix: Self.instanceNextHopFix),
    ])
    func routeEntriesDeletedFixDependsOnTheNextHop(nextHop: String, flag: String, fix: String) throws {
        let routes = "routeTables:\n  - id: vtb-1\n    entries:\n      - {destination: 10.1.0.0/16, nextHop: \(nextHop)}\n"
        for example in [ExampleYAML.release(["id: eni-1, type: primary, deleteOnRelease: \(flag)"], extra: routes),
                        RuleExample(ExampleYAML.state(["id: eni-1, type: primary, deleteOnRelease: \(flag)"], extra: routes))] {
            let raised = try Self.findings(for: example).filter { $0.ruleId == "ENI003" }
            #expect(raised.count == 1)
            #expect(raised.first?.fixHint == fix)
            #expect(!(raised.first?.fixHint ?? "").contains("deleteOnRelease: false") || nextHop.hasPrefix("eni-"))
        }
    }
}

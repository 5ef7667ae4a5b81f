import Foundation
import Testing
import EniplanYAML
@testable import EniplanCore

/// `--format sarif`: every example's SARIF validates against the official SARIF 2.1.0 schema
/// (`Tests/Fixtures/schemas/sarif-schema-2.1.0.json`, with python3's jsonschema), and the parts GitHub code
/// scanning reads are right: rules and rule indices, locations, fingerprints, suppressions, baseline state.
@Suite("SARIF reporter")
struct SARIFReporterTests {
    typealias Fixtures = CIReportFixtures

    static let schemaPath = Fixtures.packageRoot
        .appendingPathComponent("Tests/Fixtures/schemas/sarif-schema-2.1.0.json").path

    /// Validates with the validator the schema's `$schema` names, formats checked where jsonschema can.
    static let validatorScript = """
        import json, sys
        from jsonschema.validators import validator_for
        with open(sys.argv[1], encoding="utf-8") as f: schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f: document = json.load(f)
        cls = validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// Empty when `sarif` is valid SARIF 2.1.0; otherwise one line per error.
    static func schemaErrors(_ sarif: String) throws -> String {
        let file = try Fixtures.writeScratch(sarif, name: "report.sarif")
        defer { Fixtures.removeScratch(file) }
        let run = try Fixtures.python(validatorScript, [schemaPath, file.path])
        if run.status != 0 && run.stdout.isEmpty {
            throw Fixtures.PythonFailure(description: "the SARIF validator failed to run:\n\(run.stderr)")
        }
        return run.status == 0 ? "" : run.stdout
    }

    static func object(_ sarif: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    }

    static func run(_ sarif: String) throws -> [String: Any] {
        let runs = try #require(try object(sarif)["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        return runs[0]
    }

    static func rules(_ run: [String: Any]) throws -> [[String: Any]] {
        let tool = try #require(run["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        return try #require(driver["rules"] as? [[String: Any]])
    }

    static func results(_ run: [String: Any]) throws -> [[String: Any]] {
        try #require(run["results"] as? [[String: Any]])
    }

    static func firstResult(_ sarif: String) throws -> [String: Any] {
        try #require(try results(try run(sarif)).first)
    }

    static func region(_ result: [String: Any]) -> [String: Int]? {
        let locations = result["locations"] as? [[String: Any]]
        let physical = locations?.first?["physicalLocation"] as? [String: Any]
        return physical?["region"] as? [String: Int]
    }

    static func artifactLocation(_ result: [String: Any]) -> [String: Any]? {
        let locations = result["locations"] as? [[String: Any]]
        let physical = locations?.first?["physicalLocation"] as? [String: Any]
        return physical?["artifactLocation"] as? [String: Any]
    }

    // MARK: Every example

    @Test func thereAreExamples() {
        #expect(Fixtures.exampleFolders.count >= 6)
    }

    @Test(arguments: Fixtures.scenarios)
    func exampleValidatesAgainstTheOfficialSchema(_ scenario: Fixtures.Scenario) throws {
        let analysis = try Fixtures.analysis(scenario)
        let sarif = SARIFReporter.render(analysis, options: Fixtures.options())
        let errors = try Self.schemaErrors(sarif)
        #expect(errors.isEmpty, "SARIF of \(scenario.testDescription) is not valid SARIF 2.1.0:\n\(errors)")
        try expectConsistent(sarif, with: analysis)
    }

    @Test(arguments: [false, true])
    func annotatedScenarioValidatesAgainstTheOfficialSchema(baseline: Bool) throws {
        let analysis = try Fixtures.annotatedAnalysis(baseline: baseline)
        let sarif = SARIFReporter.render(analysis, options: Fixtures.options(usedBaseline: baseline))
        let errors = try Self.schemaErrors(sarif)
        #expect(errors.isEmpty, "SARIF of the annotated scenario is not valid SARIF 2.1.0:\n\(errors)")
        try expectConsistent(sarif, with: analysis)
    }

    /// What GitHub code scanning relies on, checked result by result against the analysis.
    private func expectConsistent(_ sarif: String, with analysis: Analysis) throws {
        let run = try Self.run(sarif)
        let rules = try Self.rules(run)
        let results = try Self.results(run)
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "duplicate rule ids: \(ids)")
        let builtIn = RuleRegistry.descriptions.map(\.id) + ["SUP001", "SUP002", "SUP003"]
        #expect(Array(ids.prefix(builtIn.count)) == builtIn)
        for rule in analysis.rules.rules { #expect(ids.contains(rule.id), "rule \(rule.id) is not described") }
        for rule in rules {
            #expect((rule["name"] as? String)?.isEmpty == false)
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let help = rule["help"] as? [String: Any]
            #expect((help?["text"] as? String)?.isEmpty == false && (help?["markdown"] as? String)?.isEmpty == false)
            let properties = rule["properties"] as? [String: Any]
            #expect((properties?["tags"] as? [String])?.isEmpty == false && properties?["precision"] as? String == "very-high")
        }

        let artifacts = try #require(run["artifacts"] as? [[String: Any]])
        try #require(results.count == analysis.findings.count)
        for (result, finding) in zip(results, analysis.findings) {
            #expect(result["ruleId"] as? String == finding.ruleId)
            let index = try #require(result["ruleIndex"] as? Int)
            try #require(rules.indices.contains(index))
            #expect(rules[index]["id"] as? String == finding.ruleId, "ruleIndex \(index) of a \(finding.ruleId) result")
            #expect(result["level"] as? String == finding.severity.rawValue)
            #expect((result["message"] as? [String: Any])?["text"] as? String
                    == ([finding.message] + finding.notes.map { "note: \($0)" }).joined(separator: "\n"))
            #expect((result["partialFingerprints"] as? [String: String]) == ["eniplanFingerprint/v1": finding.fingerprint])
            let artifact = try #require(Self.artifactLocation(result))
            #expect(artifact["uri"] as? String == finding.location.file, "the examples' paths are already relative to the root")
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect(Self.region(result) == ["startLine": finding.location.start.line, "startColumn": finding.location.start.column,
                                            "endLine": finding.location.end.line, "endColumn": finding.location.end.column])
            #expect((result["suppressions"] != nil) == (finding.suppression != nil))
            // Every index names the artifact with the same URI, the suppression's location included.
            let suppressionLocation = ((result["suppressions"] as? [[String: Any]])?.first?["location"] as? [String: Any])?["physicalLocation"]
            for location in [artifact, (suppressionLocation as? [String: Any])?["artifactLocation"] as? [String: Any]].compactMap({ $0 }) {
                let index = try #require(location["index"] as? Int, "\(location) has no artifact index")
                try #require(artifacts.indices.contains(index))
                #expect(((artifacts[index]["location"] as? [String: Any])?["uri"] as? String) == location["uri"] as? String)
            }
        }
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        #expect((run["automationDetails"] as? [String: String])?["id"] == "eniplan/")
        let base = (run["originalUriBaseIds"] as? [String: [String: String]])?["%SRCROOT%"]?["uri"]
        #expect(base == SARIFReporter.rootURI(Fixtures.packageRoot.path))
        #expect(base?.hasPrefix("file:///") == true && base?.hasSuffix("/") == true)
    }

    // MARK: Suppressions and baselines

    @Test func suppressedFindingsCarrySuppressions() throws {
        let analysis = try Fixtures.annotatedAnalysis()
        let results = try Self.results(try Self.run(SARIFReporter.render(analysis, options: Fixtures.options())))
        func suppression(_ ruleId: String, _ resource: String) throws -> [String: Any] {
            let index = try #require(analysis.findings.firstIndex { $0.ruleId == ruleId && $0.resource.id == resource },
                                     "no \(ruleId) finding about \(resource): \(analysis.findings.map { "\($0.ruleId) \($0.resource.id)" })")
            let suppressions = try #require(results[index]["suppressions"] as? [[String: Any]])
            try #require(suppressions.count == 1)
            return suppressions[0]
        }
        let inline = try suppression("ENI002", "eip-1")
        #expect(inline["kind"] as? String == "inSource")
        #expect(inline["status"] as? String == "accepted")
        #expect(inline["justification"] as? String == "released by the billing job")
        #expect((inline["properties"] as? [String: String])?["expires"] == "2027-01-31")
        let inlineLocation = ((inline["location"] as? [String: Any])?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        #expect(inlineLocation?["uri"] as? String == "annotated/current.yaml")

        let config = try suppression("ENI004", "eni-web1")
        #expect(config["kind"] as? String == "external")
        #expect(config["justification"] as? String == "sg-1 is shared with the fleet")

        // Expired: not suppressed, and the message says why.
        let expiredIndex = try #require(analysis.findings.firstIndex { $0.ruleId == "ENI012" })
        #expect(results[expiredIndex]["suppressions"] == nil)
        let text = try #require((results[expiredIndex]["message"] as? [String: Any])?["text"] as? String)
        #expect(text.contains("expired on 2020-01-31"))

        // Problems with the suppressions themselves are results of SUP rules.
        let ruleIds = Set(analysis.findings.map(\.ruleId))
        #expect(ruleIds.isSuperset(of: ["SUP001", "SUP002", "SUP003", "COST001"]), "\(ruleIds.sorted())")
    }

    @Test func baselineStateIsNewOrUnchanged() throws {
        let analysis = try Fixtures.annotatedAnalysis(baseline: true)
        let run = try Self.run(SARIFReporter.render(analysis, options: Fixtures.options(usedBaseline: true)))
        let results = try Self.results(run)
        var states: Set<String> = []
        for (result, finding) in zip(results, analysis.findings) {
            let state = result["baselineState"] as? String
            switch finding.baseline {
            case .baselined: #expect(state == "unchanged")
            case .new: #expect(state == "new")
            case nil: #expect(state == nil && finding.suppression != nil)
            }
            if let state { states.insert(state) }
            // A baseline records debt; it does not dismiss the alert.
            if finding.suppression == nil { #expect(result["suppressions"] == nil) }
        }
        #expect(states == ["new", "unchanged"])
        let fixed = try #require((run["properties"] as? [String: Any])?["fixedSinceBaseline"] as? [[String: Any]])
        #expect(fixed.map { $0["fingerprint"] as? String } == ["00000000000000ff"])
        // Without a baseline, no result claims a baseline state.
        let plain = try Self.results(try Self.run(SARIFReporter.render(try Fixtures.annotatedAnalysis(), options: Fixtures.options())))
        #expect(plain.allSatisfy { $0["baselineState"] == nil })
    }

    @Test func fingerprintsAndRuleIndicesSurviveMovedLines() throws {
        func summary(_ linesAbove: Int) throws -> [String] {
            let results = try Self.results(try Self.run(SARIFReporter.render(try Fixtures.annotatedAnalysis(linesAbove: linesAbove),
                                                                                options: Fixtures.options())))
            // SUP findings are about a suppression comment, whose identity is where it is written.
            return results.filter { ($0["ruleId"] as? String)?.hasPrefix("SUP") == false }
                .map { "\($0["ruleId"] ?? "") \($0["ruleIndex"] ?? "") \(($0["partialFingerprints"] as? [String: String]) ?? [:])" }
                .sorted()
        }
        #expect(try summary(0) == summary(3))
    }

    // MARK: Rules

    @Test func everyRuleIsDescribedWithExamples() throws {
        let analysis = try Fixtures.analysis(Fixtures.Scenario(folder: "retained-primary", current: "Examples/retained-primary/current.yaml",
                                                               desired: "Examples/retained-primary/desired.yaml", mode: .plan, withPolicies: true))
        let rules = try Self.rules(try Self.run(SARIFReporter.render(analysis, options: Fixtures.options())))
        #expect(rules.compactMap { $0["id"] as? String }
                == RuleRegistry.descriptions.map(\.id) + ["SUP001", "SUP002", "SUP003", "COST001", "COST002", "PROD001"])
        let eni002 = try #require(rules.first { $0["id"] as? String == "ENI002" })
        #expect(eni002["name"] as? String == "eip-left-unbound")
        #expect((eni002["defaultConfiguration"] as? [String: String])?["level"] == "warning")
        let help = try #require(eni002["help"] as? [String: String])
        let description = try #require(RuleRegistry.description(of: "ENI002"))
        #expect(help["text"] == RuleCatalogReporter.explanation(description), "help text is what 'eniplan explain' prints")
        #expect(help["markdown"]?.contains("**Fix:** \(description.fixHint).") == true)
        #expect(help["markdown"]?.contains("```yaml") == true)
        // Config keys and inline suppressions do not reach SUP findings, so their help does not offer them.
        let sup001 = try #require(rules.first { $0["id"] as? String == "SUP001" }?["help"] as? [String: String])
        for text in [sup001["text"], sup001["markdown"]] {
            #expect(text?.contains(RuleHelp.suppressionCheckNote) == true)
            #expect(text?.contains("eniplan:ignore SUP001") == false && text?.contains("rules.SUP001") == false)
            #expect(text?.contains("# eniplan:ignore ENI010\n") == true, "the triggering example")
        }
        let policy = try #require(rules.first { $0["id"] as? String == "PROD001" })
        #expect((policy["shortDescription"] as? [String: String])?["text"] == "production ENIs must be retained on instance release")
        #expect((policy["fullDescription"] as? [String: String])?["text"]?.contains("'Examples/policies/production-enis-retained.yaml'") == true)
        #expect((policy["defaultConfiguration"] as? [String: String])?["level"] == "error")
        let driver = try #require((try Self.run(SARIFReporter.render(analysis, options: Fixtures.options()))["tool"] as? [String: Any])?["driver"]
                                  as? [String: Any])
        #expect(driver["name"] as? String == "eniplan")
        #expect(driver["version"] as? String == EniplanVersion.current && driver["semanticVersion"] as? String == EniplanVersion.current)
        #expect(driver["informationUri"] as? String == "https://eniplan.dev")
    }

    /// SUP001-SUP003 are documented like built-in rules, and their examples are their tests too.
    @Test(arguments: Suppressions.ruleDescriptions.map(\.id))
    func suppressionRuleExamplesTriggerAsDocumented(_ id: String) throws {
        let rule = try #require(Suppressions.ruleDescriptions.first { $0.id == id })
        #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && !rule.fixHint.isEmpty)
        for (examples, triggers) in [(rule.triggering, true), (rule.nonTriggering, false)] {
            try #require(!examples.isEmpty)
            for example in examples {
                let raised = try RuleExamplesTests.findings(for: example).filter { $0.ruleId == id }
                #expect(raised.isEmpty != triggers, "\(id) \(triggers ? "did not trigger" : "triggered") on:\n\(example.desired)")
                #expect(raised.allSatisfy { $0.severity == rule.severity && $0.slug == rule.slug })
            }
        }
    }

    // MARK: Odd inputs

    @Test func findingWithoutAFileStillGivesValidSARIF() throws {
        let analysis = try Fixtures.singleFindingAnalysis(message: "no file", file: "")
        let sarif = SARIFReporter.render(analysis, options: Fixtures.options())
        let errors = try Self.schemaErrors(sarif)
        #expect(errors.isEmpty, "\(errors)\n\(sarif)")
        let result = try Self.firstResult(sarif)
        let location = try #require((result["locations"] as? [[String: Any]])?.first)
        #expect(location["physicalLocation"] == nil)
        let logical = try #require((location["logicalLocations"] as? [[String: String]])?.first)
        #expect(logical == ["name": "eni-1", "fullyQualifiedName": "networkInterface/eni-1", "kind": "resource"])
        #expect((try Self.run(sarif)["artifacts"] as? [Any])?.isEmpty == true)
    }

    @Test func pathsBecomeValidURIs() throws {
        #expect(SARIFReporter.percentEncoded("Examples/a b/ü#1%.yaml") == "Examples/a%20b/%C3%BC%231%25.yaml")
        #expect(SARIFReporter.percentEncoded("c:/x?y") == "c%3A/x%3Fy")
        #expect(SARIFReporter.rootURI("/work/my repo/") == "file:///work/my%20repo/")
        #expect(SARIFReporter.rootURI("/") == "file:///")

        let analysis = try Fixtures.singleFindingAnalysis(message: "odd path", file: "dir with space/ü.yaml")
        let sarif = SARIFReporter.render(analysis, options: Fixtures.options())
        #expect(try Self.schemaErrors(sarif).isEmpty)
        let artifact = try #require(Self.artifactLocation(try Self.firstResult(sarif)))
        #expect(artifact["uri"] as? String == "dir%20with%20space/%C3%BC.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        #expect(artifact["index"] as? Int == 0)

        // A file outside the repository root has an absolute URI and no base.
        let outside = try Fixtures.singleFindingAnalysis(message: "outside", file: "/elsewhere/manifest.yaml")
        let outsideSARIF = SARIFReporter.render(outside, options: Fixtures.options())
        #expect(try Self.schemaErrors(outsideSARIF).isEmpty)
        let absolute = try #require(Self.artifactLocation(try Self.firstResult(outsideSARIF)))
        #expect(absolute["uri"] as? String == "file:///elsewhere/manifest.yaml")
        #expect(absolute["uriBaseId"] == nil)
    }

    @Test func textIsEscapedAsJSON() throws {
        let message = "ENI '<eni>' & \"quoted\" 'single' \u{1} tab\tend\\ / done"
        let analysis = try Fixtures.singleFindingAnalysis(message: message, resourceID: "eni-<&>")
        let sarif = SARIFReporter.render(analysis, options: Fixtures.options())
        #expect(try Self.schemaErrors(sarif).isEmpty)
        let result = try Self.firstResult(sarif)
        #expect((result["message"] as? [String: Any])?["text"] as? String == message)
        #expect(!sarif.contains("\u{1}"))
    }

    @Test func categoryIsTheAutomationDetailsId() throws {
        var options = Fixtures.options()
        options.category = "eniplan/pull-request"
        let run = try Self.run(SARIFReporter.render(try Fixtures.annotatedAnalysis(), options: options))
        #expect((run["automationDetails"] as? [String: String])?["id"] == "eniplan/pull-request")
    }

    // MARK: Determinism and the recorded example

    @Test(arguments: Fixtures.scenarios.filter { $0.mode == .plan })
    func twoRunsAreByteIdentical(_ scenario: Fixtures.Scenario) throws {
        let first = SARIFReporter.render(try Fixtures.analysis(scenario), options: Fixtures.options())
        let second = SARIFReporter.render(try Fixtures.analysis(scenario), options: Fixtures.options())
        #expect(first == second)
    }

    /// `Examples/retained-primary/report.sarif`, with the machine-specific root URI written as `file:///path/to/eniplan/`.
    @Test func retainedPrimaryMatchesItsRecordedSARIF() throws {
        let scenario = try #require(Fixtures.scenarios.first { $0.folder == "retained-primary" && $0.mode == .plan && !$0.withPolicies })
        let sarif = SARIFReporter.render(try Fixtures.analysis(scenario), options: Fixtures.options())
        let root = SARIFReporter.rootURI(Fixtures.packageRoot.path)
        #expect(sarif.contains("\"uri\" : \"\(root)\""))
        let portable = sarif.replacingOccurrences(of: "\"uri\" : \"\(root)\"", with: "\"uri\" : \"file:///path/to/eniplan/\"")
        try Fixtures.compare(portable, withGolden: "Examples/retained-primary/report.sarif")
    }
}

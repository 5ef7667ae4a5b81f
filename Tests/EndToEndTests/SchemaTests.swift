import Foundation
import Testing

/// The JSON Schemas in `Schemas/` checked against what eniplan really reads and writes: the JSON the
/// binary prints for every example (with policies, a config, suppressions and a baseline too), every
/// example manifest and policy, the built-in region catalogue, the baselines it writes, and files
/// that eniplan refuses. Validation is python3's `jsonschema` (Draft 2020-12), YAML reading is PyYAML;
/// `.ci/run` installs both, and a missing one fails these tests rather than skipping them.
@Suite("JSON Schemas")
struct SchemaTests {
    // MARK: The schemas themselves

    @Test(arguments: ["manifest", "state", "plan", "regions", "policy", "config", "baseline"])
    func schemaIsValidDraft202012WithIdAndTitle(_ name: String) throws {
        let file = SchemaValidator.schema(name)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["$id"] as? String == "https://eniplan.dev/schemas/\(name).schema.json")
        #expect((object["title"] as? String)?.isEmpty == false)
        #expect((object["description"] as? String)?.isEmpty == false)
        let verdict = try SchemaValidator.checkSchema(file)
        #expect(verdict.isValid, "\(file) is not a valid Draft 2020-12 schema:\n\(verdict.errors)")
    }

    // MARK: What the binary prints

    @Test func examplesExist() {
        #expect(!ExampleFiles.planPairs().isEmpty, "no folder under Examples/ has current.yaml and desired.yaml (or base.yaml and head.yaml)")
        #expect(!ExampleFiles.typedInputs().isEmpty, "no file under Examples/ has kind Manifest or State")
    }

    @Test(arguments: ExampleFiles.planPairs())
    func planOutputMatchesThePlanSchema(_ pair: ExampleFiles.PlanPair) throws {
        let result = try EniplanRunner.run(["plan", "--format", "json", "--current", pair.current, pair.desired])
        try expectValidPlan(result, of: "plan --current \(pair.current) \(pair.desired)")
    }

    /// `check` on every example manifest and state: each desired.yaml, and current, base and head files too.
    @Test(arguments: ExampleFiles.typedInputs().filter { ["manifest", "state"].contains($0.schema) }.map(\.file))
    func checkOutputMatchesThePlanSchema(_ file: String) throws {
        let result = try EniplanRunner.run(["check", "--format", "json", file])
        try expectValidPlan(result, of: "check \(file)")
    }

    /// Expected outputs kept beside the examples, where they are JSON plans.
    @Test(arguments: ExampleFiles.recordedPlans())
    func recordedPlanMatchesThePlanSchema(_ file: String) throws {
        let verdict = try SchemaValidator.validate(ExampleFiles.absolute(file), against: "plan")
        #expect(verdict.isValid, "\(file) does not match Schemas/plan.schema.json:\n\(verdict.errors)")
    }

    private func expectValidPlan(_ result: RunResult, of run: String) throws {
        try #require(result.status == 0 || result.status == 3,
                     "\(run) exited \(result.status), so it printed no plan; stderr:\n\(result.stderr)")
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", result.stdout)
        let verdict = try SchemaValidator.validate(path, against: "plan")
        #expect(verdict.isValid, "the JSON of \(run) does not match Schemas/plan.schema.json:\n\(verdict.errors)\n\(result.stdout)")
    }

    // MARK: Findings with policies, a config, suppressions and a baseline

    /// The manifest that policies, configs and baselines are checked with.
    static let checkedManifest = "Examples/retained-primary/current.yaml"

    /// `baseline write` on each example's plan, then the plan against that baseline: the baseline file
    /// matches its schema, and the plan, now with a `baseline` key, still matches the plan schema.
    @Test(arguments: ExampleFiles.planPairs())
    func planAgainstItsBaselineMatchesThePlanSchema(_ pair: ExampleFiles.PlanPair) throws {
        let folder = try ScratchFolder()
        let baseline = folder.url.appendingPathComponent("baseline.json").path
        let written = try EniplanRunner.run(["baseline", "write", baseline, "--current", pair.current, pair.desired])
        try #require(written.status == 0, "baseline write exited \(written.status); stderr:\n\(written.stderr)")
        let verdict = try SchemaValidator.validate(baseline, against: "baseline")
        #expect(verdict.isValid, "the baseline written for \(pair.desired) does not match Schemas/baseline.schema.json:\n\(verdict.errors)")
        let result = try EniplanRunner.run(["plan", "--format", "json", "--baseline", baseline, "--current", pair.current, pair.desired])
        try expectValidPlan(result, of: "plan --baseline \(baseline) --current \(pair.current) \(pair.desired)")
        #expect(try PlanOutput(result.stdout).fixed != nil, "the plan has no baseline key, so this run shows nothing about it")
    }

    /// A policy, a config, or a baseline under test: a file under `Examples/`, or a sample written here.
    struct InputUnderTest: CustomTestStringConvertible, Sendable {
        var name: String
        /// Relative to the package root; nil for a sample.
        var file: String?
        var text = ""

        var testDescription: String { name }

        /// The example itself, or the sample written into `folder` as `fileName`.
        func path(in folder: ScratchFolder, as fileName: String) throws -> String {
            if let file { return ExampleFiles.absolute(file) }
            return try folder.write(fileName, text)
        }
    }

    /// Every policy under `Examples/`, and the sample policy, so that the test never runs empty.
    static func policiesUnderTest() -> [InputUnderTest] {
        ExampleFiles.typedInputs().filter { $0.schema == "policy" }.map { InputUnderTest(name: $0.file, file: $0.file) }
            + [InputUnderTest(name: "the sample policy", text: samplePolicy)]
    }

    /// Every config under `Examples/` (`.eniplan.yaml`, or `kind: Config`), and a sample config.
    static func configsUnderTest() -> [InputUnderTest] {
        ExampleFiles.typedInputs().filter { $0.schema == "config" }.map { InputUnderTest(name: $0.file, file: $0.file) }
            + [InputUnderTest(name: "the sample config", text: sampleConfig)]
    }

    /// The policy matches the policy schema, and eniplan, given it, prints plans that match the plan
    /// schema: `check` on a manifest and `plan` on every example.
    @Test(arguments: policiesUnderTest())
    func policyMatchesThePolicySchemaAndItsFindingsThePlanSchema(_ policy: InputUnderTest) throws {
        let folder = try ScratchFolder()
        let path = try policy.path(in: folder, as: "policy.yaml")
        let verdict = try SchemaValidator.validate(path, against: "policy", yaml: true, expectingKind: "Policy")
        #expect(verdict.isValid, "\(policy.name) does not match Schemas/policy.schema.json:\n\(verdict.errors)")
        var runs = [["check", "--format", "json", "--policy", path, Self.checkedManifest]]
        runs += ExampleFiles.planPairs().map { ["plan", "--format", "json", "--policy", path, "--current", $0.current, $0.desired] }
        var plans: [String] = []
        for (index, arguments) in runs.enumerated() {
            let result = try EniplanRunner.run(arguments)
            try #require(result.status == 0 || result.status == 3,
                         "\(arguments.joined(separator: " ")) exited \(result.status), so it printed no plan; stderr:\n\(result.stderr)")
            plans.append(try folder.write("plan-\(index).json", result.stdout))
        }
        let plansVerdict = try SchemaValidator.validate(plans, against: "plan")
        let legend = runs.enumerated().map { "plan-\($0.offset).json: eniplan \($0.element.joined(separator: " "))" }.joined(separator: "\n")
        #expect(plansVerdict.isValid, "the JSON of eniplan with \(policy.name) does not match Schemas/plan.schema.json:\n\(plansVerdict.errors)\n\(legend)")
    }

    @Test(arguments: configsUnderTest())
    func configMatchesTheConfigSchemaAndEniplanReadsIt(_ config: InputUnderTest) throws {
        let folder = try ScratchFolder()
        let path = try config.path(in: folder, as: ".eniplan.yaml")
        let verdict = try SchemaValidator.validate(path, against: "config", yaml: true)
        #expect(verdict.isValid, "\(config.name) does not match Schemas/config.schema.json:\n\(verdict.errors)")
        try expectValidPlan(try EniplanRunner.run(["check", "--format", "json", "--config", path, Self.checkedManifest]),
                            of: "check --config \(config.name) \(Self.checkedManifest)")
    }

    /// A repository's whole setup in one plan: `.eniplan.yaml` with a policy, rule settings, suppressions
    /// (one without a reason, one that matches nothing) and a baseline written while another policy was in
    /// force, plus an inline suppression in the state. Every file matches its schema, and so does the plan,
    /// which has each kind of finding the contract describes.
    @Test func configuredPlanMatchesThePlanSchema() throws {
        let (pair, first, second) = try #require(try Self.exampleWithTwoFindings(),
                                                 "no example's plan releases an instance and has findings of two built-in rules on different lines")
        let folder = try ScratchFolder()
        // Copies of the example's files, the second finding suppressed by a comment at the end of its line.
        var copies: [String] = []
        for (file, name) in [(pair.current, "current.yaml"), (pair.desired, "desired.yaml")] {
            var lines = try String(contentsOfFile: ExampleFiles.absolute(file), encoding: .utf8).components(separatedBy: "\n")
            if file == second.file {
                let comment = #" # eniplan:ignore \#(second.ruleId) reason="accepted for the schema test""#
                let line = lines[second.line - 1]
                lines[second.line - 1] = line.hasSuffix("\r") ? line.dropLast() + comment + "\r" : line + comment
            }
            copies.append(try folder.write(name, lines.joined(separator: "\n")))
        }
        let policy = try folder.write("policy.yaml", Self.samplePolicy)
        let retired = try folder.write("retired.yaml", Self.retiredPolicy)
        let noConfig = try folder.write("none.yaml", "")
        let baseline = folder.url.appendingPathComponent("baseline.json").path
        let written = try EniplanRunner.run(["baseline", "write", baseline, "--config", noConfig, "--policy", retired,
                                             "--current", copies[0], copies[1]])
        try #require(written.status == 0, "baseline write exited \(written.status); stderr:\n\(written.stderr)")
        let config = try folder.write(".eniplan.yaml", Self.repositoryConfig(suppressing: first))
        for (file, schema) in [(baseline, "baseline"), (config, "config"), (policy, "policy"), (retired, "policy")] {
            let verdict = try SchemaValidator.validate(file, against: schema, yaml: schema != "baseline")
            #expect(verdict.isValid, "\(file) does not match Schemas/\(schema).schema.json:\n\(verdict.errors)")
        }

        let result = try EniplanRunner.run(["plan", "--format", "json", "--config", config, "--today", "2026-01-01",
                                            "--current", copies[0], copies[1]])
        try expectValidPlan(result, of: "plan --config \(config) --current \(copies[0]) \(copies[1])")
        let plan = try PlanOutput(result.stdout)
        let rules = Set(plan.findings.map(\.ruleId))
        #expect(plan.findings.contains { $0.suppression == "config" }, "no finding is suppressed by the config")
        #expect(plan.findings.contains { $0.suppression == "inline" }, "no finding is suppressed by the comment")
        #expect(rules.isSuperset(of: ["SUP001", "SUP002"]), "the config's suppressions were not reported: \(rules.sorted())")
        #expect(!rules.isDisjoint(with: ["keep-prod-enis", "no-unbound-eip", "releases-are-reviewed"]), "the sample policy found nothing")
        #expect(plan.findings.contains { $0.baseline == "new" }, "no finding is new to the baseline")
        #expect(plan.findings.contains { $0.baseline == "baselined" }, "no finding is in the baseline")
        #expect(plan.fixed?.contains("eni-released-on-review") == true, "the retired policy's findings are not reported fixed")
    }

    /// The first example whose plan releases an instance and has two findings of built-in rules on
    /// different lines: the first for the config to suppress, the second for a comment.
    static func exampleWithTwoFindings() throws -> (ExampleFiles.PlanPair, PlanOutput.Finding, PlanOutput.Finding)? {
        for pair in ExampleFiles.planPairs() {
            let result = try EniplanRunner.run(["plan", "--format", "json", "--current", pair.current, pair.desired])
            guard result.status == 0 || result.status == 3 else { continue }
            let plan = try PlanOutput(result.stdout)
            let builtIn = plan.findings.filter { $0.ruleId.hasPrefix("ENI") }
            guard plan.releasedInstances > 0, let first = builtIn.first, let second = builtIn.first(where: {
                $0.line != first.line && $0.ruleId != first.ruleId && [pair.current, pair.desired].contains($0.file)
            }) else { continue }
            return (pair, first, second)
        }
        return nil
    }

    /// The repository's `.eniplan.yaml`: `first` is accepted, one suppression matches nothing, one has no reason.
    static func repositoryConfig(suppressing first: PlanOutput.Finding) -> String {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return """
            # How this repository runs eniplan.
            apiVersion: eniplan/v1
            kind: Config
            failOn: warning
            policies: [policy.yaml]
            baseline: baseline.json
            rules:
              ENI010: {severity: note}
              ENI011: {enabled: true, severity: error}
            suppressions:
              - rule: \(quoted(first.ruleId))
                resource: \(quoted(first.resource))
                reason: accepted until the migration
                expires: 2099-12-31
              - rule: ENI015
                resource: i-does-not-exist
                reason: matches nothing, so eniplan reports it
              - rule: releases-are-reviewed

            """
    }

    /// A team's rules, using every kind of match and requirement.
    static let samplePolicy = """
        # Team rules for ENIs, written as data.
        apiVersion: eniplan/v1
        kind: Policy
        rules:
          - id: keep-prod-enis
            severity: error
            message: production ENIs must survive their instance
            match:
              kind: networkInterface
              tags: {env: prod}
              region: [cn-hangzhou, cn-shanghai]
              where:
                - {field: type, equals: primary}
                - {field: vswitch, exists: true}
                - {field: zone, matches: "^cn-"}
            require:
              fields: {deleteOnRelease: false}
          - id: no-unbound-eip
            severity: warning
            message: no plan may leave an EIP dissociated
            match:
              kind: networkInterface
              where:
                - {field: type, in: [primary, secondary]}
            require:
              outcomes:
                - {effect: eip, not: dissociated}
                - {effect: routeEntry, not: [deleted, unknown]}
          - id: releases-are-reviewed
            severity: note
            message: releasing an ECS instance needs a change ticket
            match:
              kind: instance
              where:
                - {field: id, matches: "^i-"}
            require:
              actions: {not: release}

        """

    /// A policy in force when the baseline was written and gone since: its findings are reported fixed.
    static let retiredPolicy = """
        apiVersion: eniplan/v1
        kind: Policy
        rules:
          - id: eni-released-on-review
            severity: warning
            message: ENIs are released or retained only after review
            match: {kind: networkInterface}
            require:
              actions: {not: [release, retain, delete]}

        """

    /// A config that needs no other file.
    static let sampleConfig = """
        # How this repository runs eniplan.
        apiVersion: eniplan/v1
        kind: Config
        failOn: warning
        rules:
          ENI004: {enabled: false}
          ENI012: {severity: warning}
        suppressions:
          - rule: ENI009
            resource: eni-web1
            reason: kept Available on purpose for the blue-green switch
            expires: 2099-12-31

        """

    /// A small plan in the contract, and edits that each take it outside: the plan schema must refuse them.
    static let planInContract = """
        {"formatVersion": "1.3", "tool": {"name": "eniplan", "version": "0.1.0"},
         "regionCatalog": {"version": "2026-02-28", "source": "seed"}, "region": "cn-hangzhou",
         "summary": {"instances": {"release": 1}, "networkInterfaces": {"release": 1}, "effects": {"eip": {"dissociated": 1}}},
         "changes": [
           {"kind": "instance", "id": "i-a", "action": "release", "reason": "absent_from_desired_state",
            "before": {"status": "running"}, "after": null, "effects": []},
           {"kind": "networkInterface", "id": "eni-a", "action": "release", "reason": "delete_on_release_default",
            "before": {"type": "primary", "status": "inuse", "instance": "i-a", "deleteOnRelease": true}, "after": null,
            "location": {"file": "desired.yaml", "line": 3, "column": 5, "endLine": 9, "endColumn": 1},
            "effects": [{"kind": "eip", "id": "eip-a", "outcome": "dissociated"},
                        {"kind": "privateIpv4", "value": "10.0.0.4", "outcome": "released"}],
            "instance": "i-a"}],
         "findings": [
           {"ruleId": "ENI002", "slug": "eip-left-unbound", "severity": "warning",
            "message": "EIP 'eip-a' will be dissociated when 'i-a' is released and keeps billing until released or re-associated",
            "resource": {"kind": "eip", "id": "eip-a"},
            "location": {"file": "desired.yaml", "line": 8, "column": 9, "endLine": 8, "endColumn": 19},
            "fingerprint": "4ca689ea864d412d", "fixHint": "set deleteOnRelease: false on the ENI", "suppressed": false}]}
        """

    /// A policy's finding and a suppression check's finding, as a plan in the contract writes them.
    static let policyFinding = """
        {"ruleId": "Prod-ENIs", "slug": "prod-enis", "severity": "error",
         "message": "production ENIs must be retained: ENI 'eni-a' has deleteOnRelease 'true', the policy requires 'false'",
         "resource": {"kind": "networkInterface", "id": "eni-a"},
         "location": {"file": "desired.yaml", "line": 7, "column": 9, "endLine": 7, "endColumn": 30},
         "fingerprint": "00000000000000a1", "suppressed": false}
        """
    static let suppressionCheckFinding = #"""
        {"ruleId": "SUP001", "slug": "suppression-missing-reason", "severity": "error",
         "message": "this suppression has no reason; add reason=\"...\" saying why the finding is accepted",
         "resource": {"kind": "suppression", "id": "desired.yaml:ENI002"},
         "location": {"file": "desired.yaml", "line": 7, "column": 30, "endLine": 7, "endColumn": 50},
         "fingerprint": "00000000000000b2", "suppressed": false}
        """#
    static let lastFinding = #""suppressed": false}]}"#

    static let planEdits: [(name: String, from: String, to: String)] = [
        ("an unknown top-level key", #""findings": ["#, #""warnings": [], "findings": ["#),
        ("another format version", #""formatVersion": "1.3""#, #""formatVersion": "2.0""#),
        ("an instance retained", #""id": "i-a", "action": "release""#, #""id": "i-a", "action": "retain""#),
        ("an EIP released", #""outcome": "dissociated""#, #""outcome": "released""#),
        ("an unknown outcome without a reason", #""value": "10.0.0.4", "outcome": "released""#, #""value": "10.0.0.4", "outcome": "unknown""#),
        ("an address that is not one", #""value": "10.0.0.4""#, #""value": "eni-a""#),
        ("an ENI snapshot without deleteOnRelease", #", "deleteOnRelease": true"#, ""),
        ("an unknown action in the summary", #""networkInterfaces": {"release": 1}"#, #""networkInterfaces": {"evaporate": 1}"#),
        ("a reason that is not snake_case", #""delete_on_release_default""#, #""Delete on release""#),
        ("a snake_case reason eniplan never writes", #""delete_on_release_default""#, #""instance_released""#),
        ("a finding without a rule id", #""ruleId": "ENI002", "#, ""),
        ("a finding without a location", #""location": {"file": "desired.yaml", "line": 8, "column": 9, "endLine": 8, "endColumn": 19},"#, ""),
        ("a finding with an unknown key", lastFinding, #""suppressed": false, "ignored": true}]}"#),
        ("an unknown severity", #""severity": "warning""#, #""severity": "critical""#),
        ("a finding about an unknown kind of resource", #"{"kind": "eip", "id": "eip-a"}"#, #"{"kind": "vpc", "id": "vpc-a"}"#),
        ("a fingerprint that is not 16 hex digits", #""4ca689ea864d412d""#, #""4CA689EA""#),
        ("a built-in rule with another rule's slug", #""slug": "eip-left-unbound""#, #""slug": "route-entries-deleted""#),
        ("a suppressed finding without its suppression", lastFinding, #""suppressed": true}]}"#),
        ("a suppression on a finding that is not suppressed", lastFinding,
         #""suppressed": false, "suppression": {"source": "config", "reason": "accepted"}}]}"#),
        ("a suppression from an unknown source", lastFinding, #""suppressed": true, "suppression": {"source": "comment", "reason": "accepted"}}]}"#),
        ("a suppression without a reason", lastFinding, #""suppressed": true, "suppression": {"source": "config"}}]}"#),
        ("a baseline state without a baseline", lastFinding, #""suppressed": false, "baseline": "new"}]}"#),
        ("a baseline whose findings have no state", lastFinding, #""suppressed": false}], "baseline": {"fixed": []}}"#),
        ("an unknown baseline state", lastFinding, #""suppressed": false, "baseline": "old"}], "baseline": {"fixed": []}}"#),
        ("a baseline summary with an unknown key", lastFinding, #""suppressed": false, "baseline": "new"}], "baseline": {"fixed": [], "new": 1}}"#),
        ("a fixed baseline entry without a message", lastFinding, #""suppressed": false, "baseline": "new"}], "baseline": {"fixed": [{"fingerprint": "0123456789abcdef", "ruleId": "ENI003", "resource": {"kind": "routeEntry", "id": "vtb-1:10.0.0.0/16"}}]}}"#),
        ("a policy's finding with a fix hint", lastFinding,
         #""suppressed": false}, "# + policyFinding.replacingOccurrences(of: #""suppressed""#, with: #""fixHint": "retain it", "suppressed""#) + "]}"),
        ("a policy's finding about an EIP", lastFinding,
         #""suppressed": false}, "# + policyFinding.replacingOccurrences(of: #""kind": "networkInterface""#, with: #""kind": "eip""#) + "]}"),
        ("a suppression check with another severity", lastFinding,
         #""suppressed": false}, "# + suppressionCheckFinding.replacingOccurrences(of: #""severity": "error""#, with: #""severity": "warning""#) + "]}"),
        ("a suppression check about an ENI", lastFinding,
         #""suppressed": false}, "# + suppressionCheckFinding.replacingOccurrences(of: #""kind": "suppression""#, with: #""kind": "networkInterface""#) + "]}"),
    ]

    /// Edits that keep the small plan inside the contract: the plan schema must accept them.
    static let planVariants: [(name: String, from: String, to: String)] = [
        ("a suppressed finding", lastFinding, #"""
            "suppressed": true, "suppression": {"source": "inline", "reason": "accepted until the migration", "expires": "2027-01-31",
             "location": {"file": "desired.yaml", "line": 7, "column": 30, "endLine": 7, "endColumn": 90}}}]}
            """#),
        ("a finding with a note", lastFinding,
         #""suppressed": false, "notes": ["a suppression at desired.yaml:7:30 expired on 2020-01-01 and no longer applies"]}]}"#),
        ("a baselined finding and a fixed entry", lastFinding, #"""
            "suppressed": false, "baseline": "baselined"}],
             "baseline": {"fixed": [{"fingerprint": "0123456789abcdef", "ruleId": "ENI003", "resource": {"kind": "routeEntry", "id": "vtb-1:10.0.0.0/16"},
                                     "message": "route to '10.0.0.0/16' in 'vtb-1' will be deleted with ENI 'eni-b': traffic to it is dropped"}]}}
            """#),
        ("a suppressed finding beside a baseline", lastFinding,
         #""suppressed": true, "suppression": {"source": "config", "reason": "accepted"}}], "baseline": {"fixed": []}}"#),
        ("a policy's finding", lastFinding, #""suppressed": false}, "# + policyFinding + "]}"),
        ("a suppression check's finding", lastFinding, #""suppressed": false}, "# + suppressionCheckFinding + "]}"),
    ]

    @Test func planSchemaAcceptsASmallPlan() throws {
        let folder = try ScratchFolder()
        let verdict = try SchemaValidator.validate(try folder.write("plan.json", Self.planInContract), against: "plan")
        #expect(verdict.isValid, "\(verdict.errors)")
    }

    @Test(arguments: planEdits.map(\.name))
    func planSchemaRefusesOutputOutsideTheContract(_ name: String) throws {
        let edit = try #require(Self.planEdits.first { $0.name == name })
        try #require(Self.planInContract.contains(edit.from))
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", Self.planInContract.replacingOccurrences(of: edit.from, with: edit.to))
        let verdict = try SchemaValidator.validate(path, against: "plan")
        #expect(!verdict.isValid, "Schemas/plan.schema.json accepts a plan with \(name)")
    }

    @Test(arguments: planVariants.map(\.name))
    func planSchemaAcceptsVariantsInsideTheContract(_ name: String) throws {
        let edit = try #require(Self.planVariants.first { $0.name == name })
        try #require(Self.planInContract.contains(edit.from))
        let folder = try ScratchFolder()
        let plan = Self.planInContract.replacingOccurrences(of: edit.from, with: edit.to)
        let verdict = try SchemaValidator.validate(try folder.write("plan.json", plan), against: "plan")
        #expect(verdict.isValid, "Schemas/plan.schema.json refuses a plan with \(name):\n\(verdict.errors)\n\(plan)")
    }

    // MARK: What the binary reads

    @Test(arguments: ExampleFiles.typedInputs())
    func exampleInputMatchesItsSchema(_ input: ExampleFiles.TypedInput) throws {
        let verdict = try SchemaValidator.validate(ExampleFiles.absolute(input.file), against: input.schema, yaml: true,
                                                   expectingKind: input.kind.isEmpty ? nil : input.kind)
        #expect(verdict.isValid, "\(input.file) does not match Schemas/\(input.schema).schema.json:\n\(verdict.errors)")
    }

    @Test func builtInRegionCatalogueMatchesTheRegionsSchema() throws {
        let catalogue = EniplanRunner.packageRoot.appendingPathComponent("Sources/EniplanCore/Resources/regions.yaml").path
        let verdict = try SchemaValidator.validate(catalogue, against: "regions", yaml: true, expectingKind: "RegionCatalog")
        #expect(verdict.isValid, "the built-in regions.yaml does not match Schemas/regions.schema.json:\n\(verdict.errors)")
    }

    // MARK: The schemas agree with the decoder

    /// An input, the schema it is checked against, and for an input that eniplan refuses, the words
    /// the schema's complaint must contain (so a schema that accepts everything fails).
    struct Sample: CustomTestStringConvertible, Sendable {
        var name: String
        var schema = "manifest"
        /// The input's text: YAML, or JSON for a baseline.
        var yaml: String
        var complaint = ""

        var testDescription: String { name }
    }

    static let refused: [Sample] = [
        Sample(name: "misspelt key", yaml: manifest(eni: "deleteOnRelaese: false"), complaint: "'deleteOnRelaese' was unexpected"),
        Sample(name: "misspelt top-level key", yaml: "apiVersion: eniplan/v1\nkind: Manifest\nregoin: cn-hangzhou\n",
                complaint: "'regoin' was unexpected"),
        Sample(name: "YAML 1.1 boolean", yaml: manifest(eni: "deleteOnRelease: yes"), complaint: "'yes' is not of type 'boolean'"),
        Sample(name: "capitalised boolean", yaml: manifest(instance: "deletionProtection: True"), complaint: "'True' is not of type 'boolean'"),
        Sample(name: "quoted boolean", yaml: manifest(eni: "deleteOnRelease: \"false\""), complaint: "'false' is not of type 'boolean'"),
        Sample(name: "unknown status", yaml: manifest(instance: "status: runing"), complaint: "'runing' is not one of"),
        Sample(name: "unknown ENI type", yaml: manifest(type: "primay"), complaint: "'primay' is not one of"),
        Sample(name: "ENI without type", yaml: manifest(type: nil), complaint: "'type' is a required property"),
        Sample(name: "two primary ENIs", yaml: manifest(eni: "privateIpv4: [10.0.0.4]\n      - id: eni-b\n        type: primary"),
                complaint: "expected at most 1"),
        Sample(name: "no primary ENI", yaml: manifest(type: "secondary"), complaint: "does not contain items matching"),
        Sample(name: "an instance with an empty ENI list", yaml: "apiVersion: eniplan/v1\nkind: Manifest\ninstances:\n  - id: i-a\n    networkInterfaces: []\n",
               complaint: "does not contain items matching"),
        Sample(name: "instance without ENIs", yaml: "apiVersion: eniplan/v1\nkind: Manifest\ninstances:\n  - id: i-a\n",
                complaint: "'networkInterfaces' is a required property"),
        Sample(name: "IPv4 octet over 255", yaml: manifest(eni: "privateIpv4: [10.0.0.256]"), complaint: "does not match"),
        Sample(name: "IPv4 with a leading zero", yaml: manifest(eni: "privateIpv4: [10.0.0.04]"), complaint: "does not match"),
        Sample(name: "prefix length over 32", yaml: manifest(eni: "ipv4Prefixes: [10.0.8.0/33]"), complaint: "does not match"),
        Sample(name: "bad IPv6", yaml: manifest(eni: "ipv6: [\"2408::4005::1\"]"), complaint: "does not match"),
        Sample(name: "negative bandwidth", yaml: manifest(eni: "ipv6Bandwidth: -1"), complaint: "less than the minimum of 0"),
        Sample(name: "route without next hop",
                yaml: "apiVersion: eniplan/v1\nkind: Manifest\nrouteTables:\n  - id: vtb-1\n    entries:\n      - destination: 10.1.0.0/16\n",
                complaint: "'nextHop' is a required property"),
        Sample(name: "wrong apiVersion", yaml: "apiVersion: eniplan/v2\nkind: Manifest\n", complaint: "'eniplan/v1' was expected"),
        Sample(name: "missing kind", yaml: "apiVersion: eniplan/v1\n", complaint: "'kind' is a required property"),
        Sample(name: "a manifest instance whose ENIs are incomplete", yaml: manifest(instance: "networkInterfacesComplete: false", type: "secondary"),
               complaint: "False is not one of [True, None]"),
        Sample(name: "a state instance without a primary ENI that says nothing", schema: "state",
               yaml: manifest(type: "secondary", kind: "State"), complaint: "does not contain items matching"),
        Sample(name: "a quoted expired", schema: "state", yaml: manifest(instance: "chargeType: PrePaid\n    expired: \"true\"", kind: "State"),
               complaint: "'true' is not of type 'boolean', 'null'"),
        Sample(name: "eip and eips on one ENI", yaml: manifest(eni: "eip: eip-1\n        eips: [{id: eip-2, privateIp: 10.0.0.5}]"),
               complaint: "should not be valid under"),
        Sample(name: "an entry of eips without an id", yaml: manifest(eni: "eips: [{privateIp: 10.0.0.5}]"),
               complaint: "'id' is a required property"),
        Sample(name: "an entry of eips bound to no address", schema: "state",
               yaml: manifest(eni: "eips: [{id: eip-1, privateIp: 10.0.0.500}]", kind: "State"), complaint: "is not valid under any of the given schemas"),
        Sample(name: "state instance without id", schema: "state",
                yaml: manifest(instance: "name: web-1", kind: "State", id: nil), complaint: "'id' is a required property"),
        Sample(name: "misspelt catalogue key", schema: "regions",
                yaml: "apiVersion: eniplan/v1\nkind: RegionCatalog\nversion: \"1\"\nsource: test\nregions:\n  - {id: cn-hangzhou, primaryEniRetention: true, nmae: x}\n",
                complaint: "'nmae' was unexpected"),
        Sample(name: "misspelt key in a policy rule", schema: "policy", yaml: policy(extra: "serverity: warning"),
               complaint: "'serverity' was unexpected"),
        Sample(name: "misspelt key in a policy match", schema: "policy", yaml: policy(match: "{kind: networkInterface, tag: {env: prod}}"),
               complaint: "'tag' was unexpected"),
        Sample(name: "misspelt top-level policy key", schema: "policy", yaml: "apiVersion: eniplan/v1\nkind: Policy\nrule: []\n",
               complaint: "'rule' was unexpected"),
        Sample(name: "a policy of another kind", schema: "policy", yaml: "apiVersion: eniplan/v1\nkind: Manifest\nrules: []\n",
               complaint: "'Policy' was expected"),
        Sample(name: "a policy rule without a requirement", schema: "policy", yaml: policy(require: nil),
               complaint: "'require' is a required property"),
        Sample(name: "a policy matching an EIP", schema: "policy", yaml: policy(match: "{kind: eip}"), complaint: "'eip' is not one of"),
        Sample(name: "a policy rule with a built-in rule's id", schema: "policy", yaml: policy(id: "eni002"), complaint: "should not be valid under"),
        Sample(name: "a policy rule with a built-in rule's slug", schema: "policy", yaml: policy(id: "eip-left-unbound"),
               complaint: "should not be valid under"),
        Sample(name: "a condition on a field instances lack", schema: "policy",
               yaml: policy(match: "{kind: instance, where: [{field: deleteOnRelease, exists: true}]}", require: "{actions: {not: release}}"),
               complaint: "'deleteOnRelease' is not one of"),
        Sample(name: "a required field instances lack", schema: "policy", yaml: policy(match: "{kind: instance}"),
               complaint: "'deleteOnRelease' is not one of"),
        Sample(name: "a condition with two tests", schema: "policy",
               yaml: policy(match: "{kind: networkInterface, where: [{field: type, equals: primary, in: [primary]}]}"),
               complaint: "is valid under each of"),
        Sample(name: "a condition without a test", schema: "policy", yaml: policy(match: "{kind: networkInterface, where: [{field: type}]}"),
               complaint: "is not valid under any of the given schemas"),
        Sample(name: "a quoted boolean in a condition", schema: "policy",
               yaml: policy(match: "{kind: networkInterface, where: [{field: eip, exists: \"true\"}]}"), complaint: "'true' is not of type 'boolean'"),
        Sample(name: "a requirement that requires nothing", schema: "policy", yaml: policy(require: "{fields: ~}"),
               complaint: "is not valid under any of the given schemas"),
        Sample(name: "an outcome requirement without the outcomes", schema: "policy", yaml: policy(require: "{outcomes: [{effect: eip}]}"),
               complaint: "'not' is a required property"),
        Sample(name: "an unknown effect", schema: "policy", yaml: policy(require: "{outcomes: [{effect: eips, not: dissociated}]}"),
               complaint: "'eips' is not one of"),
        Sample(name: "an unknown action", schema: "policy", yaml: policy(require: "{actions: {not: [release, evaporate]}}"),
               complaint: "'evaporate' is not one of"),
        Sample(name: "misspelt key in a config", schema: "config", yaml: "apiVersion: eniplan/v1\nkind: Config\nregoins: regions.yaml\n",
               complaint: "'regoins' was unexpected"),
        Sample(name: "misspelt key in a config suppression", schema: "config",
               yaml: "suppressions:\n  - {rule: ENI002, resource: eip-1, reason: accepted, expiry: 2027-01-31}\n", complaint: "'expiry' was unexpected"),
        Sample(name: "misspelt key in a rule setting", schema: "config", yaml: "rules:\n  ENI002: {enable: false}\n",
               complaint: "'enable' was unexpected"),
        Sample(name: "a config of another kind", schema: "config", yaml: "kind: Manifest\n", complaint: "'Manifest' is not one of ['Config', None]"),
        Sample(name: "settings of an unknown rule", schema: "config", yaml: "rules:\n  ENI099: {enabled: false}\n", complaint: "'ENI099' is not one of"),
        Sample(name: "settings of a rule named in lowercase", schema: "config", yaml: "rules:\n  eni002: {enabled: false}\n",
               complaint: "'eni002' is not one of"),
        Sample(name: "settings of a suppression check", schema: "config", yaml: "rules:\n  SUP002: {enabled: false}\n",
               complaint: "'SUP002' is not one of"),
        Sample(name: "rule settings written null", schema: "config", yaml: "rules:\n  ENI002: ~\n", complaint: "None is not of type 'object'"),
        Sample(name: "a YAML 1.1 boolean in a rule setting", schema: "config", yaml: "rules:\n  ENI002: {enabled: no}\n",
               complaint: "'no' is not of type 'boolean'"),
        Sample(name: "a suppression without a rule", schema: "config", yaml: "suppressions:\n  - {resource: eip-1, reason: accepted}\n",
               complaint: "'rule' is a required property"),
        Sample(name: "an unknown failOn", schema: "config", yaml: "failOn: never\n", complaint: "'never' is not one of"),
        Sample(name: "policies as one path", schema: "config", yaml: "policies: policy.yaml\n", complaint: "'policy.yaml' is not of type 'array'"),
        Sample(name: "a region catalogue by absolute path", schema: "config",
               yaml: "regions: \(ExampleFiles.absolute("Sources/EniplanCore/Resources/regions.yaml"))\npolicies: []\n", complaint: "does not match '^[^/]'"),
        Sample(name: "a policy by absolute path", schema: "config", yaml: "policies: [/etc/eniplan/policy.yaml]\n", complaint: "does not match '^[^/]'"),
        Sample(name: "a baseline of another major version", schema: "baseline",
               yaml: #"{"findings": [], "formatVersion": "2.0", "tool": "eniplan"}"#, complaint: "'1.0' was expected"),
        Sample(name: "a baseline without findings", schema: "baseline", yaml: #"{"formatVersion": "1.0", "tool": "eniplan"}"#,
               complaint: "'findings' is a required property"),
        Sample(name: "a baseline entry without a message", schema: "baseline", yaml: baseline(entry: #"""
            {"fingerprint": "4ca689ea864d412d", "resource": {"id": "eip-1", "kind": "eip"}, "ruleId": "ENI002"}
            """#), complaint: "'message' is a required property"),
        Sample(name: "a baseline entry about an unknown kind of resource", schema: "baseline", yaml: baseline(entry: #"""
            {"fingerprint": "4ca689ea864d412d", "message": "m", "resource": {"id": "vpc-1", "kind": "vpc"}, "ruleId": "ENI002"}
            """#), complaint: "'vpc' is not one of"),
    ]

    @Test(arguments: refused)
    func refusedByTheSchemaAndByEniplan(_ testCase: Sample) throws {
        let folder = try ScratchFolder()
        let (path, yaml) = try write(testCase, in: folder)
        let verdict = try SchemaValidator.validate(path, against: testCase.schema, yaml: yaml)
        #expect(!verdict.isValid, "Schemas/\(testCase.schema).schema.json accepts what eniplan refuses:\n\(testCase.yaml)")
        #expect(verdict.errors.contains(testCase.complaint), "the schema's errors were:\n\(verdict.errors)")
        let result = try decode(path, schema: testCase.schema, in: folder)
        #expect(result.status == 1, "eniplan accepts what the schema refuses:\n\(testCase.yaml)\nstdout:\n\(result.stdout)")
    }

    /// Inputs that look odd but that eniplan accepts: the schema must accept them too.
    static let accepted: [Sample] = [
        Sample(name: "a state instance known only through a secondary ENI", schema: "state",
               yaml: manifest(instance: "networkInterfacesComplete: false", eni: "deleteOnRelease: true", type: "secondary", kind: "State")),
        Sample(name: "an expired subscription", schema: "state",
               yaml: manifest(instance: "chargeType: PrePaid\n    expiredTime: \"2026-01-01T00:00Z\"\n    expired: true", kind: "State")),
        Sample(name: "the sketch of DESIGN.md", yaml: """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            scope:
              vpcs: [vpc-1]
              tags: {team: payments}
            instances:
              - id: i-web1
                name: web-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                status: running
                deletionProtection: false
                networkInterfaces:
                  - id: eni-web1
                    type: primary
                    deleteOnRelease: false
                    vswitch: vsw-1
                    privateIpv4: [10.0.0.4, 10.0.0.5]
                    ipv4Prefixes: [10.0.8.0/28]
                    ipv6: ["2408:4005::1"]
                    ipv6Prefixes: []
                    ipv6Bandwidth: 10
                    eip: eip-1
                    securityGroups: [sg-1]
                    tags: {env: prod}
            networkInterfaces:
              - id: eni-spare
                zone: cn-hangzhou-h
                vpc: vpc-1
                deleteOnRelease: false
            eips:
              - id: eip-1
                address: 203.0.113.10
                chargeType: PostPaid
            routeTables:
              - id: vtb-1
                vpc: vpc-1
                entries:
                  - destination: 10.1.0.0/16
                    nextHop: eni-web1

            """),
        Sample(name: "optional keys written empty or null",
               yaml: manifest(instance: "zone:\n    vpc: ~\n    eip: null\n    tags:", eni: "deleteOnRelease:\n        ipv6Bandwidth: ~")
                   + "scope:\nnetworkInterfaces:\neips: ~\n"),
        Sample(name: "a new instance with a name only", yaml: manifest(instance: "name: web-2", id: nil)),
        Sample(name: "several EIPs on one ENI, each on its private IP",
               yaml: manifest(eni: "privateIpv4: [10.0.0.4, 10.0.0.5]\n        eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2, privateIp: 10.0.0.5}]")),
        Sample(name: "several EIPs in a state, one with no address", schema: "state",
               yaml: manifest(eni: "eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2}]", kind: "State")),
        Sample(name: "unquoted numbers and booleans as text", yaml: manifest(instance: "name: 2024\n    tags: {costCenter: 1234, managed: true}")),
        Sample(name: "IPv6 with an IPv4 tail and a zero-padded prefix length",
               yaml: manifest(eni: "ipv6: [\"::ffff:10.0.0.4\", \"1:2:3:4:5:6:1.2.3.4\"]\n        ipv4Prefixes: [10.0.8.0/028]")),
        Sample(name: "an IPv6 route destination",
               yaml: "apiVersion: eniplan/v1\nkind: Manifest\nrouteTables:\n  - id: vtb-1\n    entries:\n      - {destination: \"2408:4005::/56\", nextHop: i-a, id: rte-1}\n"),
        Sample(name: "a state snapshot", schema: "state", yaml: manifest(instance: "status: stopped", kind: "State")),
        Sample(name: "optional policy keys written null", schema: "policy",
               yaml: policy(match: "{kind: networkInterface, region: ~, tags: ~, where: ~}", require: "{fields: ~, outcomes: ~, actions: {not: release}}")),
        Sample(name: "a policy without rules", schema: "policy", yaml: "apiVersion: eniplan/v1\nkind: Policy\nrules: []\n"),
        Sample(name: "a null test beside the real one", schema: "policy",
               yaml: policy(match: "{kind: networkInterface, where: [{field: type, equals: ~, in: [primary, secondary]}]}")),
        Sample(name: "unquoted numbers and booleans as policy text", schema: "policy",
               yaml: policy(id: "2024", match: "{kind: networkInterface, tags: {costCenter: 1234}, where: [{field: ipv6Bandwidth, equals: 20}]}",
                            require: "{fields: {deleteOnRelease: false, ipv6Bandwidth: 20}}")),
        Sample(name: "one region, one outcome and one action instead of lists", schema: "policy",
               yaml: policy(match: "{kind: instance, region: cn-hangzhou}", require: "{outcomes: [{effect: eip, not: dissociated}], actions: {not: release}}")),
        Sample(name: "empty lists in a policy", schema: "policy",
               yaml: policy(match: "{kind: networkInterface, region: [], where: [{field: type, in: []}]}", require: "{outcomes: [{effect: eip, not: []}]}")),
        Sample(name: "an id like a built-in rule's but not one", schema: "policy", yaml: policy(id: "ENI099")),
        Sample(name: "an empty config", schema: "config", yaml: ""),
        Sample(name: "a config of comments only", schema: "config", yaml: "# nothing to tune yet\n"),
        Sample(name: "optional config keys written null", schema: "config",
               yaml: "apiVersion: ~\nkind: ~\nfailOn: ~\nregions: ~\nbaseline: ~\npolicies: ~\nrules: ~\nsuppressions: ~\n"),
        Sample(name: "rule settings left empty", schema: "config", yaml: "rules:\n  ENI002: {}\n  ENI003: {enabled: ~, severity: ~}\n"),
        Sample(name: "suppressions eniplan reads but reports", schema: "config", yaml: """
            suppressions:
              - rule: ENI002
              - {rule: ENI999, reason: not a rule, expires: tomorrow}
              - {rule: ENI002, resource: ~, reason: every EIP, expires: 2027-01-31}

            """),
        Sample(name: "an empty baseline", schema: "baseline", yaml: #"{"findings": [], "formatVersion": "1.0", "tool": "eniplan"}"#),
        Sample(name: "a baseline entry about a suppression", schema: "baseline", yaml: baseline(entry: #"""
            {"fingerprint": "00000000000000b2", "message": "this suppression of ENI002 matches no finding; remove it",
             "resource": {"id": "desired.yaml:7", "kind": "suppression"}, "ruleId": "SUP002"}
            """#)),
    ]

    @Test(arguments: accepted)
    func acceptedByTheSchemaAndByEniplan(_ testCase: Sample) throws {
        let folder = try ScratchFolder()
        let (path, yaml) = try write(testCase, in: folder)
        let result = try decode(path, schema: testCase.schema, in: folder)
        #expect(result.status != 1, "eniplan refuses this case, so it shows nothing about the schema:\n\(result.stderr)")
        let verdict = try SchemaValidator.validate(path, against: testCase.schema, yaml: yaml)
        #expect(verdict.isValid, "Schemas/\(testCase.schema).schema.json refuses what eniplan accepts:\n\(verdict.errors)\n\(testCase.yaml)")
    }

    /// Has eniplan decode `path`: a manifest through `check`, a region catalogue through `--regions`, and
    /// a policy, config or baseline through `check --policy`, `--config` or `--baseline` on a manifest.
    private func decode(_ path: String, schema: String, in folder: ScratchFolder) throws -> RunResult {
        switch schema {
        case "regions":
            let manifest = try folder.write("empty.yaml", "apiVersion: eniplan/v1\nkind: Manifest\n")
            return try EniplanRunner.run(["check", "--format", "json", "--regions", path, manifest])
        case "policy", "config", "baseline":
            return try EniplanRunner.run(["check", "--format", "json", "--\(schema)", path, Self.checkedManifest])
        default:
            return try EniplanRunner.run(["check", "--format", "json", path])
        }
    }

    /// Writes the sample where eniplan and the validator read it: a baseline is JSON, the rest YAML.
    private func write(_ testCase: Sample, in folder: ScratchFolder) throws -> (path: String, yaml: Bool) {
        let yaml = testCase.schema != "baseline"
        return (try folder.write(yaml ? "input.yaml" : "input.json", testCase.yaml), yaml)
    }

    /// A one-instance manifest with one ENI, with `instance` and `eni` lines added to them.
    static func manifest(instance: String? = nil, eni: String? = nil, type: String? = "primary", kind: String = "Manifest",
                         id: String? = "i-a") -> String {
        var text = "apiVersion: eniplan/v1\nkind: \(kind)\nregion: cn-hangzhou\ninstances:\n  - "
        var instanceLines = [id.map { "id: \($0)" }, instance].compactMap { $0 }
        if instanceLines.isEmpty { instanceLines = ["name: web-1"] }
        text += instanceLines.joined(separator: "\n    ") + "\n    networkInterfaces:\n      - id: eni-a\n"
        if let type { text += "        type: \(type)\n" }
        if let eni { text += "        \(eni)\n" }
        return text
    }

    /// A policy with one rule, its keys given as YAML text (flow style); `extra` is another line of the rule.
    static func policy(id: String = "prod-enis", match: String = "{kind: networkInterface, tags: {env: prod}}",
                       require: String? = "{fields: {deleteOnRelease: false}}", extra: String? = nil) -> String {
        var text = "apiVersion: eniplan/v1\nkind: Policy\nrules:\n  - id: \(id)\n    severity: error\n"
        text += "    message: production ENIs must survive their instance\n    match: \(match)\n"
        if let require { text += "    require: \(require)\n" }
        if let extra { text += "    \(extra)\n" }
        return text
    }

    /// A baseline with one entry, given as JSON.
    static func baseline(entry: String) -> String {
        #"{"findings": ["# + entry + #"], "formatVersion": "1.0", "tool": "eniplan"}"#
    }
}

/// The parts of a plan's JSON that the tests look into.
struct PlanOutput {
    struct Finding {
        var ruleId: String
        var resource: String
        var file: String
        var line: Int
        /// The source of the suppression that accepts the finding: inline or config.
        var suppression: String?
        /// new or baselined, when a baseline is in force.
        var baseline: String?
    }

    var findings: [Finding]
    var releasedInstances: Int
    /// The rule ids of the baseline's fixed entries; nil when the plan has no baseline key.
    var fixed: [String]?

    init(_ json: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "the output is not a JSON object")
        let instances = (object["summary"] as? [String: Any])?["instances"] as? [String: Any]
        releasedInstances = instances?["release"] as? Int ?? 0
        findings = (object["findings"] as? [[String: Any]] ?? []).map { finding in
            let resource = finding["resource"] as? [String: Any]
            let location = finding["location"] as? [String: Any]
            return Finding(ruleId: finding["ruleId"] as? String ?? "", resource: resource?["id"] as? String ?? "",
                           file: location?["file"] as? String ?? "", line: location?["line"] as? Int ?? 0,
                           suppression: (finding["suppression"] as? [String: Any])?["source"] as? String,
                           baseline: finding["baseline"] as? String)
        }
        fixed = (object["baseline"] as? [String: Any]).map { baseline in
            (baseline["fixed"] as? [[String: Any]] ?? []).map { $0["ruleId"] as? String ?? "" }
        }
    }
}

/// The files under `Examples/`, found afresh on every run so that new examples are checked without
/// touching this file. Paths are relative to the package root, where the binary runs.
enum ExampleFiles {
    /// The current and desired state of one `plan`: `current.yaml` and `desired.yaml`, or a pull
    /// request's `base.yaml` and `head.yaml`.
    struct PlanPair: CustomTestStringConvertible, Sendable {
        var current: String
        var desired: String

        var testDescription: String { desired }
    }

    /// A manifest, state, region catalogue, policy or config and the schema it must match.
    struct TypedInput: CustomTestStringConvertible, Sendable {
        var file: String
        /// The top-level `kind`; empty for a config that has none.
        var kind: String
        var schema: String

        var testDescription: String { file }
    }

    static func absolute(_ file: String) -> String { EniplanRunner.packageRoot.appendingPathComponent(file).path }

    /// Every file under `Examples/`, relative and sorted.
    static func all() -> [String] {
        let root = EniplanRunner.packageRoot
        guard let walker = FileManager.default.enumerator(at: root.appendingPathComponent("Examples"),
                                                          includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let prefix = root.standardizedFileURL.path + "/"
        var files: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { files.append(String(path.dropFirst(prefix.count))) }
        }
        return files.sorted()
    }

    /// Folders with `current.yaml` and `desired.yaml` (or `base.yaml` and `head.yaml`): a `plan` each.
    static func planPairs() -> [PlanPair] {
        let files = Set(all())
        var pairs: [PlanPair] = []
        for (current, desired) in [("current.yaml", "desired.yaml"), ("base.yaml", "head.yaml")] {
            for file in files where file.hasSuffix("/" + desired) {
                let folder = file.dropLast(desired.count)
                if files.contains(folder + current) { pairs.append(PlanPair(current: folder + current, desired: file)) }
            }
        }
        return pairs.sorted { $0.desired < $1.desired }
    }

    /// YAML and JSON inputs by their top-level `kind`, and configs by their name too (a config's kind is optional).
    static func typedInputs() -> [TypedInput] {
        let schemas = ["Manifest": "manifest", "State": "state", "RegionCatalog": "regions", "Policy": "policy", "Config": "config"]
        return all().filter { file in [".yaml", ".yml", ".json"].contains { file.hasSuffix($0) } }.compactMap { file in
            guard let text = try? String(contentsOfFile: absolute(file), encoding: .utf8) else { return nil }
            let kind = topLevelKind(text, json: file.hasSuffix(".json"))
            if file == ".eniplan.yaml" || file.hasSuffix("/.eniplan.yaml") { return TypedInput(file: file, kind: kind ?? "", schema: "config") }
            guard let kind, let schema = schemas[kind] else { return nil }
            return TypedInput(file: file, kind: kind, schema: schema)
        }
    }

    /// JSON files that hold a plan (a `formatVersion` key), such as recorded expected output.
    static func recordedPlans() -> [String] {
        all().filter { file in
            file.hasSuffix(".json") && ((try? String(contentsOfFile: absolute(file), encoding: .utf8))?.contains("\"formatVersion\"") ?? false)
        }
    }

    /// The value of the top-level `kind`: a `kind:` line in YAML, the first `"kind"` member in JSON. A
    /// guess from the text; the validator checks the parsed document has that kind, so a wrong guess fails.
    static func topLevelKind(_ text: String, json: Bool) -> String? {
        if json {
            guard let key = text.range(of: "\"kind\"") else { return nil }
            let rest = text[key.upperBound...].drop { $0.isWhitespace }
            guard rest.first == ":" else { return nil }
            let value = rest.dropFirst().drop { $0.isWhitespace }
            guard value.first == "\"" else { return nil }
            return String(value.dropFirst().prefix { $0.isLetter })
        }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("kind:") {
            let value = line.dropFirst("kind:".count).drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }
            return String(value.prefix { $0.isLetter })
        }
        return nil
    }
}

/// Validates a file against a schema in `Schemas/` with python3's jsonschema.
enum SchemaValidator {
    struct Verdict {
        var isValid: Bool
        /// One line per error: the JSON path, then jsonschema's message.
        var errors: String
    }

    /// Python or one of its modules is missing: a failure with the fix, never a skip.
    struct ToolMissing: Error, CustomStringConvertible {
        var description: String
    }

    static func schema(_ name: String) -> String {
        EniplanRunner.packageRoot.appendingPathComponent("Schemas/\(name).schema.json").path
    }

    static func checkSchema(_ file: String) throws -> Verdict {
        try run(["check-schema", file])
    }

    /// `yaml` reads the file as eniplan does (YAML 1.2 core: only true/false are booleans, no dates);
    /// `expectingKind` also requires the document's `kind` to be that.
    static func validate(_ file: String, against name: String, yaml: Bool = false, expectingKind kind: String? = nil) throws -> Verdict {
        try run([yaml ? "yaml" : "json", schema(name), kind ?? "", file])
    }

    /// Several JSON files in one run of python (which takes about half a second to start); each error
    /// line starts with the file it is about.
    static func validate(_ files: [String], against name: String) throws -> Verdict {
        try run(["json", schema(name), ""] + files)
    }

    private static func run(_ arguments: [String]) throws -> Verdict {
        let folder = try ScratchFolder()
        let outPath = try folder.write("stdout", [])
        let errPath = try folder.write("stderr", [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try String(contentsOfFile: outPath, encoding: .utf8)
        let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
        switch process.terminationStatus {
        case 0: return Verdict(isValid: true, errors: "")
        case 1: return Verdict(isValid: false, errors: stdout)
        case 127: throw ToolMissing(description: "python3 is not on PATH; the schema tests need python3 with jsonschema and PyYAML (.ci/run installs them)")
        case 3: throw ToolMissing(description: stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        default: throw ToolMissing(description: "the schema validator failed (exit \(process.terminationStatus)):\n\(stderr)")
        }
    }

    /// Exit 0: valid; 1: invalid, one error a line on stdout; 2: the script failed; 3: a module is missing.
    static let script = #"""
        import json, re, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 has no jsonschema module; install it with 'python3 -m pip install jsonschema pyyaml' (.ci/run does)", file=sys.stderr)
            sys.exit(3)

        def load_yaml(path):
            try:
                import yaml
            except ImportError:
                print("python3 has no yaml module (PyYAML); install it with 'python3 -m pip install pyyaml' (.ci/run does)", file=sys.stderr)
                sys.exit(3)
            class Loader(yaml.SafeLoader):
                pass
            # Scalars as eniplan reads them: booleans are exactly true and false, null is empty, ~ or null,
            # integers are decimal (08 is 8), and there are no dates, sexagesimals or merge keys.
            Loader.yaml_implicit_resolvers = {}
            Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
            Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
            Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10))
            Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
                list("-+0123456789."))
            Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])
            with open(path, encoding="utf-8") as f:
                return yaml.load(f, Loader=Loader)

        def where(error):
            return "/" + "/".join(str(part) for part in error.absolute_path)

        def main():
            mode = sys.argv[1]
            with open(sys.argv[2], encoding="utf-8") as f:
                schema = json.load(f)
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as error:
                print(f"the schema itself is invalid: {where(error)}: {error.message}")
                sys.exit(1)
            if mode == "check-schema":
                sys.exit(0)
            kind, paths = sys.argv[3], sys.argv[4:]
            validator = jsonschema.Draft202012Validator(schema)
            problems = []
            for path in paths:
                prefix = f"{path}: " if len(paths) > 1 else ""
                if mode == "yaml":
                    document = load_yaml(path)
                else:
                    with open(path, encoding="utf-8") as f:
                        document = json.load(f)
                if kind and not (isinstance(document, dict) and document.get("kind") == kind):
                    problems.append(f"{prefix}/kind: expected the document to have kind {kind}")
                for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
                    problems.append(f"{prefix}{where(error)}: {error.message}")
                    for detail in error.context or []:
                        problems.append(f"{prefix}  {where(detail)}: {detail.message}")
            print("\n".join(problems))
            sys.exit(1 if problems else 0)

        try:
            main()
        except SystemExit:
            raise
        except BaseException:
            import traceback
            traceback.print_exc()
            sys.exit(2)
        """#
}

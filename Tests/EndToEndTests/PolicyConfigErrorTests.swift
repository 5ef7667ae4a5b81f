import Foundation
import Testing

/// Policies, the files a config names, and `validate`: every problem is a located error through the
/// real binary, exit code 1, nothing on stdout.
@Suite("policy, config and validate errors through the real binary")
struct PolicyConfigErrorTests {
    static let manifest = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - id: eni-1
                type: primary

        """

    /// A policy with one rule `id`; `require` is the rule's requirement, in flow style.
    static func policy(id: String = "P1", require: String = "{fields: {deleteOnRelease: false}}") -> String {
        """
        apiVersion: eniplan/v1
        kind: Policy
        rules:
          - id: \(id)
            severity: error
            message: production ENIs must be retained
            match: {kind: networkInterface}
            require: \(require)

        """
    }

    // MARK: Rule ids

    @Test func aRuleIdInTwoPolicyFilesIsAnErrorAtTheSecond() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try folder.write("pol1.yaml", Self.policy())
        try folder.write("pol2.yaml", Self.policy())
        let result = try EniplanRunner.run(["check", "m.yaml", "--policy", "pol1.yaml", "--policy", "pol2.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            pol2.yaml:4:5: error: policy rule 'P1' is defined twice
            pol1.yaml:4:5: note: first defined here

            """)
    }

    @Test func aRuleIdInTwoPoliciesOfTheConfigIsAnError() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try folder.write("policies/a.yaml", Self.policy())
        try folder.write("policies/b.yaml", Self.policy())
        try folder.write(".eniplan.yaml", "policies: [policies/a.yaml, policies/b.yaml]\n")
        let result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            ./policies/b.yaml:4:5: error: policy rule 'P1' is defined twice
            ./policies/a.yaml:4:5: note: first defined here

            """)
    }

    @Test func aPolicyFileGivenTwiceIsReadOnce() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try folder.write("pol.yaml", Self.policy())
        try folder.write(".eniplan.yaml", "policies: [pol.yaml]\n")
        let result = try EniplanRunner.run(["check", "m.yaml", "--policy", "pol.yaml"], in: folder.url)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "error[P1]").count == 2, "\(result.stdout)")
    }

    @Test(arguments: [
        ("ENI002", "policy rule id 'ENI002' is a built-in rule's id; choose another"),
        ("SUP001", "policy rule id 'SUP001' is the id of a suppression check (SUP001-SUP003); choose another"),
        ("sup003", "policy rule id 'sup003' is the id of a suppression check (SUP001-SUP003); choose another"),
        ("suppression-unused", "policy rule id 'suppression-unused' is the id of a suppression check (SUP001-SUP003); choose another"),
    ])
    func aRuleIdOfABuiltInRuleOrASuppressionCheckIsAnError(_ id: String, _ message: String) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try folder.write("p.yaml", Self.policy(id: id))
        let result = try EniplanRunner.run(["check", "m.yaml", "--policy", "p.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "p.yaml:4:5: error: \(message)\n")
    }

    // MARK: Requirements that require nothing

    struct Requirement: CustomTestStringConvertible, Sendable {
        var require: String
        var expected: String
        var testDescription: String { require }
    }

    static let requirementsThatRequireNothing: [Requirement] = [
        Requirement(require: "{fields: {deleteOnRelease: [false]}}",
                    expected: "8:41: error: require.fields.deleteOnRelease must be one value (text, a number, true or false), not a list"),
        Requirement(require: "{fields: {deleteOnRelease: {is: false}}}",
                    expected: "8:41: error: require.fields.deleteOnRelease must be one value (text, a number, true or false), not a mapping"),
        Requirement(require: "{fields: {}}",
                    expected: "8:23: error: require.fields names no field value; give at least one field and the value it must have (deleteOnRelease: false), or leave fields out"),
        Requirement(require: "{fields: {deleteOnRelease: ~}}",
                    expected: "8:23: error: require.fields names no field value; give at least one field and the value it must have (deleteOnRelease: false), or leave fields out"),
        Requirement(require: "{outcomes: []}",
                    expected: "8:25: error: require.outcomes is an empty list; give at least one outcome requirement ({effect: eip, not: dissociated}), or leave outcomes out"),
        Requirement(require: "{actions: {}}",
                    expected: "8:24: error: require.actions needs 'not': the actions the plan must not take (create, keep, update, attach, detach, release, retain, reuse, delete, unknown)"),
        Requirement(require: "{actions: {not: []}}",
                    expected: "8:30: error: require.actions.not is an empty list; name at least one action the plan must not take (create, keep, update, attach, detach, release, retain, reuse, delete, unknown)"),
        Requirement(require: "{}", expected: "8:14: error: require needs 'fields', 'outcomes' or 'actions'"),
    ]

    @Test(arguments: requirementsThatRequireNothing)
    func aRequirementThatRequiresNothingIsAnError(_ testCase: Requirement) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try folder.write("p.yaml", Self.policy(require: testCase.require))
        let result = try EniplanRunner.run(["check", "m.yaml", "--policy", "p.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "p.yaml:\(testCase.expected)\n")
    }

    // MARK: Files the config names

    @Test(arguments: [
        ("policies: [nope.yaml]\n", ".eniplan.yaml:1:12: error: cannot read policy file 'nope.yaml' named here: no such file"),
        ("regions: nope.yaml\n", ".eniplan.yaml:1:10: error: cannot read region catalogue 'nope.yaml' named here: no such file"),
        ("baseline: nope.json\n", ".eniplan.yaml:1:11: error: cannot read baseline 'nope.json' named here: no such file"),
        ("failOn: warning\npolicies:\n  - sub\n", ".eniplan.yaml:3:5: error: cannot read policy file 'sub' named here: it is a directory"),
    ])
    func aFileTheConfigNamesIsReportedAtItsEntry(_ config: String, _ expected: String) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try folder.write(".eniplan.yaml", config)
        let result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == expected + "\n")
    }

    @Test func pathsStayRelativeToTheConfigsFolder() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("ci"), withIntermediateDirectories: true)
        try folder.write("ci/pol.yaml", Self.policy())
        try folder.write("ci/eniplan.yaml", "policies: [pol.yaml, gone.yaml]\n")
        let result = try EniplanRunner.run(["check", "m.yaml", "--config", "ci/eniplan.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "ci/eniplan.yaml:1:22: error: cannot read policy file 'gone.yaml' named here (resolved to 'ci/gone.yaml'): no such file\n")
        try folder.write("ci/eniplan.yaml", "policies: [pol.yaml]\n")
        let found = try EniplanRunner.run(["check", "m.yaml", "--config", "ci/eniplan.yaml"], in: folder.url)
        #expect(found.status == 3, "\(found.stderr)")
        #expect(found.stdout.contains("error[P1]"))
    }

    @Test func aBaselineGivenOnTheCommandLineReplacesTheConfigs() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try folder.write(".eniplan.yaml", "baseline: nope.json\n")
        let written = try EniplanRunner.run(["baseline", "write", "given.json", "m.yaml", "--config", "/dev/null"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let result = try EniplanRunner.run(["check", "m.yaml", "--baseline", "given.json"], in: folder.url)
        #expect(result.status != 1, "\(result.stderr)")
    }

    // MARK: validate

    static let refusedByValidate: [(String, String)] = [
        (#"{"Code": "Forbidden.RAM", "Message": "not authorized", "RequestId": "0D2E"}"#,
         "1:1: error: this is an Alibaba Cloud API error response (Code 'Forbidden.RAM': not authorized), not data; fix the call and save its response again"),
        ("null", "1:1: error: this file matches no shape eniplan knows: expected an eniplan manifest"),
        ("{}", "1:1: error: this file matches no shape eniplan knows: expected an eniplan manifest"),
        (#""hello""#, "1:1: error: this file matches no shape eniplan knows: expected an eniplan manifest"),
        (#"[{"InstanceId": "i-1"}]"#, "1:1: error: this file matches no shape eniplan knows: expected an eniplan manifest"),
    ]

    @Test(arguments: refusedByValidate)
    func validateRefusesWhatPlanRefuses(_ json: String, _ expected: String) throws {
        let folder = try ScratchFolder()
        let path = try folder.write("response.json", json + "\n")
        let manifest = try folder.write("m.yaml", Self.manifest)
        for command in [["validate", path], ["plan", "--current", path, manifest]] {
            let result = try EniplanRunner.run(command)
            #expect(result.status == 1, "\(command[0]): \(result.stdout)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("\(path):\(expected)"), "\(command[0]): \(result.stderr)")
        }
    }

    @Test func validateDecodesPoliciesAndConfigs() throws {
        let folder = try ScratchFolder()
        let policy = try folder.write("p.yaml", Self.policy(require: "{actions: {}}"))
        let config = try folder.write(".eniplan.yaml", "failOn: never\n")
        let result = try EniplanRunner.run(["validate", policy, config])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(policy):8:24: error: require.actions needs 'not'"), "\(result.stderr)")
        #expect(result.stderr.contains("\(config):1:9: error: failOn must be one of"), "\(result.stderr)")
    }

    @Test func validateAcceptsEveryKindOfEniplanInput() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("m.yaml", Self.manifest)
        let written = try EniplanRunner.run(["baseline", "write", "b.json", "m.yaml", "--config", "/dev/null"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let files = [
            manifest,
            try folder.write("p.yaml", Self.policy()),
            try folder.write(".eniplan.yaml", ""),
            try folder.write("ci.yaml", "failOn: warning\npolicies: [p.yaml]\n"),
            try folder.write("config.json", #"{"apiVersion": "eniplan/v1", "kind": "Config", "failOn": "note"}"#),
            folder.url.appendingPathComponent("b.json").path,
            EniplanRunner.packageRoot.appendingPathComponent("Sources/EniplanCore/Resources/regions.yaml").path,
            EniplanRunner.packageRoot.appendingPathComponent("Examples/policies/no-unbound-eips.yaml").path,
        ]
        let result = try EniplanRunner.run(["validate"] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
    }

    @Test func treePrintsAnyYAML() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("any.json", "{}\n")
        let result = try EniplanRunner.run(["validate", "--tree", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(path)\ndocument 1\n"))
    }
}

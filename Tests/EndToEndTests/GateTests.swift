import Foundation
import Testing

/// Rules, policies, config, suppressions, baseline and the exit-code gate, through the real binary.
@Suite("the gate")
struct GateTests {
    static let state = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - id: eni-1
                type: primary
                deleteOnRelease: true
                eip: eip-1
                tags: {env: prod}
        eips:
          - {id: eip-1, address: 203.0.113.10}

        """

    static let empty = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n"

    /// A manifest that only ENI010 (a warning) and ENI004-free findings touch.
    static let defaultedFlag = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            networkInterfaces:
              - id: eni-1
                type: primary

        """

    // MARK: Exit codes

    @Test func exitCodeTable() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state)
        let empty = try folder.write("empty.yaml", Self.empty)
        let same = try folder.write("same.yaml", Self.state.replacingOccurrences(of: "kind: State", with: "kind: Manifest"))
        let broken = try folder.write("broken.yaml", "kind: [\n")
        // 0: no changes, no blocking findings.
        #expect(try EniplanRunner.run(["plan", "--current", state, same], in: folder.url).status == 0)
        // 2: changes present, asked for with --detailed-exitcode, nothing blocking at the default threshold.
        #expect(try EniplanRunner.run(["plan", "--detailed-exitcode", "--current", state, empty], in: folder.url).status == 2)
        // 3: blocking findings; warnings block at --fail-on warning.
        #expect(try EniplanRunner.run(["plan", "--fail-on", "warning", "--current", state, empty], in: folder.url).status == 3)
        #expect(try EniplanRunner.run(["plan", "--detailed-exitcode", "--fail-on", "warning", "--current", state, empty], in: folder.url).status == 3)
        // 1: the tool could not do its job.
        #expect(try EniplanRunner.run(["plan", "--current", state, broken], in: folder.url).status == 1)
        #expect(try EniplanRunner.run(["plan", "--current", state, "missing.yaml"], in: folder.url).status == 1)
        // 64: usage.
        #expect(try EniplanRunner.run(["plan", "--fail-on", "fatal", "--current", state, empty], in: folder.url).status == 64)
        #expect(try EniplanRunner.run(["explain", "ENI999"], in: folder.url).status == 64)
    }

    @Test func failOnNoteBlocksOnNotes() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("m.yaml", Self.defaultedFlag)
        #expect(try EniplanRunner.run(["check", manifest], in: folder.url).status == 0)
        let strict = try EniplanRunner.run(["check", "--fail-on", "warning", manifest], in: folder.url)
        #expect(strict.status == 3)
        #expect(strict.stdout.contains("m.yaml:8:9: warning[ENI010] ENI 'eni-1' does not set deleteOnRelease"))
        #expect(strict.stdout.contains("1 blocking at --fail-on warning"))
    }

    // MARK: Suppressions

    private func checkWithComment(_ comment: String, extra: [String] = [], today: String = "2026-11-26") throws -> RunResult {
        let folder = try ScratchFolder()
        let text = Self.defaultedFlag.replacingOccurrences(of: "      - id: eni-1\n", with: "      \(comment)\n      - id: eni-1\n")
        let manifest = try folder.write("m.yaml", text)
        return try EniplanRunner.run(["check", "--fail-on", "warning", "--today", today, "--format", "json"] + extra + [manifest], in: folder.url)
    }

    private func findings(_ result: RunResult) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "stdout: \(result.stdout) stderr: \(result.stderr)")
        return json["findings"] as? [[String: Any]] ?? []
    }

    @Test func inlineSuppressionOnTheLineAbove() throws {
        let result = try checkWithComment("# eniplan:ignore ENI010 reason=\"default is intended here\" expires=2027-01-31")
        #expect(result.status == 0)
        let eni010 = try #require(try findings(result).first { $0["ruleId"] as? String == "ENI010" })
        #expect(eni010["suppressed"] as? Bool == true)
        let suppression = try #require(eni010["suppression"] as? [String: Any])
        #expect(suppression["reason"] as? String == "default is intended here")
        #expect(suppression["source"] as? String == "inline")
    }

    @Test func inlineSuppressionOnTheSameLine() throws {
        let folder = try ScratchFolder()
        let text = Self.defaultedFlag.replacingOccurrences(of: "      - id: eni-1\n", with: "      - id: eni-1  # eniplan:ignore ENI010 reason=\"legacy\"\n")
        let manifest = try folder.write("m.yaml", text)
        let result = try EniplanRunner.run(["check", "--fail-on", "warning", manifest], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Suppressed:"))
        #expect(result.stdout.contains("suppressed (inline): legacy"))
    }

    @Test func expiredSuppressionStopsSuppressingAndSaysSo() throws {
        let result = try checkWithComment("# eniplan:ignore ENI010 reason=\"temporary\" expires=2026-01-31")
        #expect(result.status == 3)
        let eni010 = try #require(try findings(result).first { $0["ruleId"] as? String == "ENI010" })
        #expect(eni010["suppressed"] as? Bool == false)
        let notes = eni010["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("expired on 2026-01-31") })
    }

    @Test func suppressionWithoutReasonIsAnError() throws {
        let result = try checkWithComment("# eniplan:ignore ENI010")
        #expect(result.status == 3)
        let all = try findings(result)
        #expect(all.contains { $0["ruleId"] as? String == "SUP001" && $0["severity"] as? String == "error" })
        let eni010 = try #require(all.first { $0["ruleId"] as? String == "ENI010" })
        #expect(eni010["suppressed"] as? Bool == false)
    }

    /// An ENI whose release dissociates a security group: ENI004, located at the `securityGroups:` key, below the ENI's first line.
    static let securityGroupState = """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - id: eni-1
                type: primary
                deleteOnRelease: true
                securityGroups: [sg-1]

        """

    private func checkSecurityGroups(replacing line: String, with replacement: String) throws -> (findings: [[String: Any]], result: RunResult) {
        let folder = try ScratchFolder()
        let text = Self.securityGroupState.replacingOccurrences(of: line, with: replacement)
        #expect(text != Self.securityGroupState)
        let state = try folder.write("state.yaml", text)
        let result = try EniplanRunner.run(["check", "--format", "json", state], in: folder.url)
        return (try findings(result), result)
    }

    @Test(arguments: [
        ("      - id: eni-1\n", "      # eniplan:ignore ENI004 reason=\"fine\"\n      - id: eni-1\n"),
        ("      - id: eni-1\n", "      - id: eni-1  # eniplan:ignore ENI004 reason=\"fine\"\n"),
        ("        securityGroups: [sg-1]\n", "        # eniplan:ignore ENI004 reason=\"fine\"\n        securityGroups: [sg-1]\n"),
        ("        securityGroups: [sg-1]\n", "        securityGroups: [sg-1]  # eniplan:ignore ENI004 reason=\"fine\"\n"),
    ])
    func inlineSuppressionOnTheResourceOrTheFinding(line: String, replacement: String) throws {
        let (all, result) = try checkSecurityGroups(replacing: line, with: replacement)
        let eni004 = try #require(all.first { $0["ruleId"] as? String == "ENI004" }, "\(result.stdout)")
        #expect(eni004["suppressed"] as? Bool == true)
        #expect((eni004["suppression"] as? [String: Any])?["reason"] as? String == "fine")
        #expect(!all.contains { $0["ruleId"] as? String == "SUP002" })
    }

    @Test func inlineSuppressionOnTheEnclosingInstanceDoesNotReachItsENIs() throws {
        let (all, _) = try checkSecurityGroups(replacing: "  - id: i-1\n", with: "  # eniplan:ignore ENI004 reason=\"fine\"\n  - id: i-1\n")
        let eni004 = try #require(all.first { $0["ruleId"] as? String == "ENI004" })
        #expect(eni004["suppressed"] as? Bool == false)
        #expect(all.contains { $0["ruleId"] as? String == "SUP002" })
    }

    @Test func inlineSuppressionOnTheResourceInAnotherFileDoesNotApply() throws {
        // The line numbers match, the file does not: the comment in the other file suppresses nothing.
        let folder = try ScratchFolder()
        let commented = Self.securityGroupState.replacingOccurrences(of: "      - id: eni-1\n", with: "      - id: eni-1  # eniplan:ignore ENI004 reason=\"fine\"\n")
        let other = try folder.write("other.yaml", commented.replacingOccurrences(of: "i-1", with: "i-2").replacingOccurrences(of: "eni-1", with: "eni-2")
            .replacingOccurrences(of: "securityGroups: [sg-1]\n", with: "\n"))
        let state = try folder.write("state.yaml", Self.securityGroupState)
        let all = try findings(try EniplanRunner.run(["check", "--format", "json", other, state], in: folder.url))
        let eni004 = try #require(all.first { $0["ruleId"] as? String == "ENI004" })
        #expect(eni004["suppressed"] as? Bool == false)
    }

    @Test(arguments: ["2027-02-30", "2026-04-31", "2027-02-29", "2027-13-01", "2027-00-10", "2027-01-00"])
    func impossibleExpiryDateIsRejected(date: String) throws {
        let result = try checkWithComment("# eniplan:ignore ENI010 reason=\"temporary\" expires=\(date)")
        #expect(result.status == 3)
        let all = try findings(result)
        let malformed = try #require(all.first { $0["ruleId"] as? String == "SUP003" }, "\(result.stdout)")
        #expect((malformed["message"] as? String ?? "").contains("'\(date)'"))
        #expect((malformed["location"] as? [String: Any])?["line"] as? Int == 8)
        #expect(!all.contains { $0["ruleId"] as? String == "SUP002" }, "malformed, not unused as well")
        let eni010 = try #require(all.first { $0["ruleId"] as? String == "ENI010" })
        #expect(eni010["suppressed"] as? Bool == false)
    }

    @Test func leapDayExpiryIsADate() throws {
        let result = try checkWithComment("# eniplan:ignore ENI010 reason=\"temporary\" expires=2028-02-29")
        #expect(result.status == 0, "\(result.stdout)")
        let all = try findings(result)
        #expect(!all.contains { $0["ruleId"] as? String == "SUP003" })
        #expect(all.first { $0["ruleId"] as? String == "ENI010" }?["suppressed"] as? Bool == true)
    }

    @Test func unusedSuppressionIsReported() throws {
        let result = try checkWithComment("# eniplan:ignore ENI002 reason=\"nothing here\"", extra: [])
        let all = try findings(result)
        let unused = try #require(all.first { $0["ruleId"] as? String == "SUP002" })
        #expect(unused["severity"] as? String == "warning")
        let location = try #require(unused["location"] as? [String: Any])
        #expect(location["line"] as? Int == 8)
    }

    @Test func unknownRuleInASuppressionIsAnError() throws {
        let result = try checkWithComment("# eniplan:ignore ENI01 reason=\"typo\"")
        #expect(try findings(result).contains { $0["ruleId"] as? String == "SUP003" && ($0["message"] as? String ?? "").contains("did you mean") })
        // Reported once, as malformed, not also as unused.
        #expect(try !findings(result).contains { $0["ruleId"] as? String == "SUP002" })
    }

    @Test func configSuppressionAndSeverity() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("m.yaml", Self.defaultedFlag)
        try folder.write(".eniplan.yaml", """
            failOn: warning
            rules:
              ENI004: {enabled: false}
            suppressions:
              - {rule: ENI010, resource: eni-1, reason: "accepted until the migration", expires: "2099-12-31"}

            """)
        let result = try EniplanRunner.run(["check", "--format", "json", "m.yaml"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let eni010 = try #require(try findings(result).first { $0["ruleId"] as? String == "ENI010" })
        #expect((eni010["suppression"] as? [String: Any])?["source"] as? String == "config")
        _ = manifest
        try folder.write(".eniplan.yaml", "rules:\n  ENI010: {severity: error}\n")
        let raised = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(raised.status == 3)
        #expect(raised.stdout.contains("error[ENI010]"))
    }

    @Test func configIsFoundFromASubfolderUpToTheRepositoryRoot() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let sub = folder.url.appendingPathComponent("teams/web")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try folder.write(".eniplan.yaml", "failOn: warning\n")
        try folder.write("teams/web/m.yaml", Self.defaultedFlag)
        #expect(try EniplanRunner.run(["check", "m.yaml"], in: sub).status == 3)
        #expect(try EniplanRunner.run(["check", "--fail-on", "error", "m.yaml"], in: sub).status == 0)
    }

    @Test func badConfigIsALocatedError() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.defaultedFlag)
        try folder.write(".eniplan.yaml", "failOn: warnings\nrules:\n  ENI02: {enabled: false}\n")
        let result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            .eniplan.yaml:1:9: error: failOn must be one of note, warning, error, not 'warnings'; did you mean 'warning'?
            .eniplan.yaml:3:3: error: unknown rule 'ENI02'; did you mean 'ENI002'? (policy rules are configured in their policy file)

            """)
    }

    // MARK: Baseline

    @Test func baselineSeparatesNewBaselinedAndFixed() throws {
        let folder = try ScratchFolder()
        try folder.write("state.yaml", Self.state)
        try folder.write("empty.yaml", Self.empty)
        let written = try EniplanRunner.run(["baseline", "write", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        // Same inputs: everything is baselined, nothing gates even at --fail-on note.
        let same = try EniplanRunner.run(["plan", "--fail-on", "note", "--baseline", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(same.status == 0, "\(same.stdout)")
        #expect(same.stdout.contains("In the baseline:"))
        // Lines moved: fingerprints hold.
        try folder.write("state.yaml", "# a comment that moves every line\n\n" + Self.state)
        let moved = try EniplanRunner.run(["plan", "--fail-on", "note", "--baseline", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(moved.status == 0, "\(moved.stdout)")
        // A new finding gates; a finding that went away is reported fixed.
        try folder.write("state.yaml", Self.state.replacingOccurrences(of: "eip: eip-1\n", with: "ipv6Bandwidth: 5\n"))
        let changed = try EniplanRunner.run(["plan", "--fail-on", "note", "--baseline", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(changed.status == 3)
        #expect(changed.stdout.contains("New:"))
        #expect(changed.stdout.contains("note[ENI012]"))
        #expect(changed.stdout.contains("Fixed since the baseline:"))
        #expect(changed.stdout.contains("ENI002 eip 'eip-1'"))
    }

    @Test func theFirstBaselineIsWrittenWhereTheConfigWillLookForIt() throws {
        // The config names the baseline before it exists: writing it must not need it.
        let folder = try ScratchFolder()
        try folder.write("state.yaml", Self.state)
        try folder.write("empty.yaml", Self.empty)
        try folder.write(".eniplan.yaml", "baseline: baseline.json\n")
        let written = try EniplanRunner.run(["baseline", "write", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let planned = try EniplanRunner.run(["plan", "--fail-on", "note", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(planned.status == 0, "\(planned.stdout)")
        #expect(planned.stdout.contains("In the baseline:"))
    }

    @Test func baselineThatIsNotOneIsAnError() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.defaultedFlag)
        try folder.write("b.json", "{\"nope\": 1}")
        let result = try EniplanRunner.run(["check", "--baseline", "b.json", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("b.json:1:1: error: 'b.json' is not an eniplan baseline"))
    }

    // MARK: Policies

    @Test func examplePoliciesGate() throws {
        let folder = try ScratchFolder()
        try folder.write("state.yaml", Self.state)
        try folder.write("empty.yaml", Self.empty)
        let policies = EniplanRunner.packageRoot.appendingPathComponent("Examples/policies")
        let result = try EniplanRunner.run(["plan", "--policy", policies.appendingPathComponent("no-unbound-eips.yaml").path,
                                            "--policy", policies.appendingPathComponent("production-enis-retained.yaml").path,
                                            "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(result.status == 3)
        #expect(result.stdout.contains("state.yaml:9:9: error[COST001] no plan may leave an EIP unbound: EIP 'eip-1' of ENI 'eni-1' will be dissociated"))
        let prodFolder = try ScratchFolder()
        try prodFolder.write("m.yaml", Self.state.replacingOccurrences(of: "kind: State", with: "kind: Manifest"))
        let prod = try EniplanRunner.run(["check", "--policy", policies.appendingPathComponent("production-enis-retained.yaml").path, "m.yaml"],
                                         in: prodFolder.url)
        #expect(prod.status == 3)
        #expect(prod.stdout.contains("m.yaml:11:9: error[PROD001] production ENIs must be retained on instance release: ENI 'eni-1' has deleteOnRelease 'true', the policy requires 'false'"))
    }

    @Test func policyErrorsAreLocated() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.defaultedFlag)
        try folder.write("p.yaml", """
            apiVersion: eniplan/v1
            kind: Policy
            rules:
              - id: X1
                severity: critical
                message: m
                match: {kind: networkInterfaces, where: [{field: deleteOnRelase, exists: true}]}
                require: {fields: {deleteOnRelease: false}}

            """)
        let result = try EniplanRunner.run(["check", "--policy", "p.yaml", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("p.yaml:5:15: error: severity must be one of note, warning, error, not 'critical'"))
        #expect(result.stderr.contains("p.yaml:7:19: error: match.kind must be instance or networkInterface, not 'networkInterfaces'; did you mean 'networkInterface'?"))
        #expect(result.stderr.contains("p.yaml:7:54: error: unknown field 'deleteOnRelase'; did you mean 'deleteOnRelease'?"))
    }

    // MARK: Catalogue

    @Test func rulesMarkdownIsCheckedInAndInSync() throws {
        let result = try EniplanRunner.run(["rules", "--format", "markdown"])
        #expect(result.status == 0)
        let docs = EniplanRunner.packageRoot.appendingPathComponent("docs/rules.md")
        if ProcessInfo.processInfo.environment["ENIPLAN_RECORD"] == "1" {
            try result.stdout.write(to: docs, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOf: docs, encoding: .utf8)), "docs/rules.md is stale; regenerate it with ENIPLAN_RECORD=1")
    }

    @Test func explainPrintsRationaleExamplesAndConfigKeys() throws {
        let result = try EniplanRunner.run(["explain", "eip-left-unbound"])
        #expect(result.status == 0)
        for part in ["ENI002 eip-left-unbound (default severity: warning)", "Why:", "Fix:", "rules.ENI002.severity", "Triggers on (example 1, eniplan plan):",
                     "Does not trigger on"] {
            #expect(result.stdout.contains(part), "missing \(part)")
        }
    }

    @Test func rulesJSONListsEveryRule() throws {
        let result = try EniplanRunner.run(["rules", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rules = json["rules"] as? [[String: Any]] ?? []
        #expect(rules.count == 24, "the built-in rules and the suppression checks")
        #expect(rules.first?["id"] as? String == "ENI001")
    }
}

import Foundation
import Testing

/// One rule catalogue: `eniplan rules`, `eniplan explain` and SARIF's `tool.driver.rules` describe the same rules
/// (built-in rules, the suppression checks, the policy rules given) with the same help text.
@Suite("rule catalogue")
struct RuleCatalogTests {
    /// ENI010 on 'eni-1', and a suppression of it without a reason (SUP001).
    static let reasonlessSuppression = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-1
            networkInterfaces:
              # eniplan:ignore ENI010
              - {id: eni-1, type: primary}

        """

    static let checks = [
        (id: "SUP001", slug: "suppression-missing-reason", severity: "error"),
        (id: "SUP002", slug: "suppression-unused", severity: "warning"),
        (id: "SUP003", slug: "suppression-malformed", severity: "error"),
    ]

    @Test(arguments: checks.flatMap { check in [check.id, check.id.lowercased(), check.slug].map { ($0, check.id, check.slug, check.severity) } })
    func explainDescribesASuppressionCheck(_ name: String, _ id: String, _ slug: String, _ severity: String) throws {
        let result = try EniplanRunner.run(["explain", name])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("\(id) \(slug) (default severity: \(severity))\n\n"))
        #expect(result.stdout.contains("\nFindings about suppressions cannot be suppressed, disabled or given another severity: fix the suppression.\n"))
        #expect(result.stdout.contains("\nTriggers on (example 1, eniplan check):\n") && result.stdout.contains("\nDoes not trigger on (example 1, eniplan check):\n"))
        // Neither config keys nor inline suppressions reach findings about suppressions.
        #expect(!result.stdout.contains("Config keys") && !result.stdout.contains("eniplan:ignore \(id)"))
    }

    @Test func explainPrintsWhatSARIFGivesAsHelp() throws {
        let folder = try ScratchFolder()
        let file = try folder.write("manifest.yaml", Self.reasonlessSuppression)
        let sarif = try EniplanRunner.run(["check", "--today", "2026-11-26", "--format", "sarif", file], in: folder.url)
        #expect(sarif.status == 3)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == (1...21).map { String(format: "ENI%03d", $0) } + Self.checks.map(\.id))
        let findings = (run["results"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
        #expect(findings.contains("SUP001") && findings.contains("ENI010"))
        for id in ["ENI010", "SUP001", "SUP002", "SUP003"] {
            let help = try #require(rules.first { $0["id"] as? String == id }?["help"] as? [String: String])
            let explained = try EniplanRunner.run(["explain", id])
            #expect(explained.status == 0)
            #expect(help["text"] == explained.stdout, "\(id): SARIF's help text is what 'eniplan explain' prints")
        }
    }

    @Test func rulesListTheSuppressionChecksAfterTheBuiltInRules() throws {
        let text = try EniplanRunner.run(["rules"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + 21 + 3 + 3)
        #expect(lines[20].hasPrefix("ENI020  eip-fee-after-retention               note      "))
        #expect(lines[22] == "SUP001  suppression-missing-reason            error     a suppression without a reason")
        #expect(lines[23] == "SUP002  suppression-unused                    warning   a suppression that matches no finding")
        #expect(lines[24].hasPrefix("SUP003  suppression-malformed                 error     a suppression that names no rule"))

        let json = try EniplanRunner.run(["rules", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String }.suffix(3) == Self.checks.map(\.id))
        // failOn gates them; nothing else in the config touches them.
        #expect(rules.suffix(3).allSatisfy { $0["configKeys"] as? [String] == ["failOn"] })
        #expect(rules.first?["configKeys"] as? [String] == ["rules.ENI001.enabled", "rules.ENI001.severity", "suppressions[].rule: ENI001", "failOn"])
    }

    @Test func anUnknownRuleNamesBothRanges() throws {
        let result = try EniplanRunner.run(["explain", "SUP004"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("Error: unknown rule 'SUP004'; the rules are ENI001...ENI021 and SUP001...SUP003, see 'eniplan rules'\n"))
    }

    @Test func policyRulesAreDescribedOnlyWhereTheyAreGiven() throws {
        let policy = EniplanRunner.packageRoot.appendingPathComponent("Examples/policies/production-enis-retained.yaml").path
        let folder = try ScratchFolder()
        let file = try folder.write("manifest.yaml", Self.reasonlessSuppression)
        let sarif = try EniplanRunner.run(["check", "--today", "2026-11-26", "--policy", policy, "--format", "sarif", file], in: folder.url)
        #expect(sarif.stdout.contains("\"id\" : \"PROD001\""))
        #expect(try EniplanRunner.run(["explain", "PROD001"]).status == 64)
        #expect(!(try EniplanRunner.run(["rules"]).stdout.contains("PROD001")))
    }
}

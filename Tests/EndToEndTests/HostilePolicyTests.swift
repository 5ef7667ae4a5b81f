import Foundation
import Testing

/// Policies from a stranger's pull request run in time linear in the values and in the resources:
/// patterns that make a backtracking engine take exponential time, every refused construct, values over
/// the bound, and a policy matching 20,000 ENIs, through the real binary.
@Suite("hostile policies")
struct HostilePolicyTests {
    /// A policy whose rule matches instances whose `field` matches `pattern` (written single-quoted, on
    /// line 11, column 20) and requires deletion protection, so every matched instance is a finding.
    static func policy(_ pattern: String, field: String = "id") -> String {
        """
        apiVersion: eniplan/v1
        kind: Policy
        rules:
          - id: R1
            severity: error
            message: matched
            match:
              kind: instance
              where:
                - field: \(field)
                  matches: '\(pattern.replacingOccurrences(of: "'", with: "''"))'
            require:
              fields: {deletionProtection: true}

        """
    }

    static func manifest(id: String, name: String = "web-1") -> String {
        """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: \(id)
            name: \(name)
            zone: cn-hangzhou-h
            networkInterfaces:
              - {id: eni-1, type: primary, deleteOnRelease: false}

        """
    }

    private func timedRun(_ arguments: [String], in folder: ScratchFolder) throws -> (RunResult, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try EniplanRunner.run(arguments, in: folder.url)
        return (result, clock.now - start)
    }

    static let many = String(repeating: "a", count: 5_000)

    /// Each case: pattern, instance id, whether the pattern matches it.
    @Test(arguments: [
        ("^i-(a+)+$", "i-\(many)!", false),
        ("^i-(a+)+$", "i-\(many)", true),
        ("(a|aa)*b", "i-\(many)", false),
        ("(a|aa)*b", "i-\(many)b", true),
        ("^i-(a*)*$", "i-\(many)!", false),
        ("(a*)*$", "i-\(many)!", true),
        ("(.*a){20}", "i-" + String(repeating: "a", count: 19) + String(repeating: "b", count: 5_000), false),
        ("(.*a){20}", "i-" + String(repeating: "ab", count: 2_500), true),
    ])
    func catastrophicPatternsFinishFastWithTheRightOutcome(_ pattern: String, _ id: String, _ matches: Bool) throws {
        let folder = try ScratchFolder()
        try folder.write("policy.yaml", Self.policy(pattern))
        try folder.write("m.yaml", Self.manifest(id: id))
        let (result, elapsed) = try timedRun(["check", "m.yaml", "--policy", "policy.yaml", "--format", "json"], in: folder)
        #expect(result.stderr == "")
        #expect(result.status == (matches ? 3 : 0))
        #expect(result.stdout.contains(#""ruleId" : "R1""#) == matches)
        #expect(elapsed < .seconds(10))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var pattern: String
        /// The message after `policy.yaml:11:20: error: `.
        var message: String
        var testDescription: String { pattern }
    }

    static let refusals: [Refusal] = [
        .init(pattern: "^(a)\\1$", message: "pattern '^(a)\\1$' is refused at character 5: back-reference '\\1' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "^i-(?=a)", message: "pattern '^i-(?=a)' is refused at character 4: lookahead '(?=' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "^i-(?!a)", message: "pattern '^i-(?!a)' is refused at character 4: negative lookahead '(?!' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?<=i)-", message: "pattern '(?<=i)-' is refused at character 1: lookbehind '(?<=' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?<!i)-", message: "pattern '(?<!i)-' is refused at character 1: negative lookbehind '(?<!' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "^i-(?>a+)$", message: "pattern '^i-(?>a+)$' is refused at character 4: atomic group '(?>' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "^i-a++$", message: "pattern '^i-a++$' is refused at character 5: possessive quantifier '++' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "^i-(?<n>a)", message: "pattern '^i-(?<n>a)' is refused at character 4: named group '(?<name>' is not supported; use '(' or '(?:'"),
        .init(pattern: "\\bi-", message: "pattern '\\bi-' is refused at character 1: word boundary '\\b' is not supported"),
        .init(pattern: "^i-(a", message: "pattern '^i-(a' is refused at character 4: '(' is never closed; write '\\(' for a literal '('"),
        .init(pattern: "^i-a)", message: "pattern '^i-a)' is refused at character 5: ')' closes no group; write '\\)' for a literal ')'"),
        .init(pattern: "^i-[z-a]", message: "pattern '^i-[z-a]' is refused at character 5: invalid range 'z-a': 'z' comes after 'a'"),
        .init(pattern: "^i-[a-z", message: "pattern '^i-[a-z' is refused at character 4: '[' is never closed; write '\\[' for a literal '['"),
        .init(pattern: "^i-a{5,2}", message: "pattern '^i-a{5,2}' is refused at character 5: count '{5,2}' is an invalid range: 5 is more than 2"),
        .init(pattern: "^i-a{2000}", message: "pattern '^i-a{2000}' is refused at character 5: count '{2000}' is more than 1000, the largest a policy pattern may repeat"),
        .init(pattern: "((a{1000}){1000}){1000}", message: "pattern '((a{1000}){1000}){1000}' is refused at character 1: the pattern expands to more than 20000 steps once its counted repetitions are written out, more than the 2000 a policy pattern may have"),
        .init(pattern: String(repeating: "a", count: 1_001), message: "pattern '\(String(repeating: "a", count: 80))…' is refused at character 1001: the pattern is 1001 characters long, more than the 1000 a policy pattern may have"),
    ]

    @Test(arguments: refusals)
    func everyRefusedConstructIsALocatedError(_ refusal: Refusal) throws {
        let folder = try ScratchFolder()
        try folder.write("policy.yaml", Self.policy(refusal.pattern))
        try folder.write("m.yaml", Self.manifest(id: "i-1"))
        for arguments in [["check", "m.yaml", "--policy", "policy.yaml"], ["validate", "policy.yaml"]] {
            let result = try EniplanRunner.run(arguments, in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr == "policy.yaml:11:20: error: \(refusal.message)\n")
            #expect(result.stdout == "")
        }
    }

    /// A refused pattern is echoed with its control characters escaped: it cannot start a line of its
    /// own (a `::command::` in a CI log) or drive a terminal.
    @Test func aRefusedPatternIsEchoedOnOneVisibleLine() throws {
        let folder = try ScratchFolder()
        let policy = Self.policy("PATTERN").replacingOccurrences(of: "'PATTERN'", with: #""a\n::error::x\u001b[31m\\1""#)
        try folder.write("policy.yaml", policy)
        try folder.write("m.yaml", Self.manifest(id: "i-1"))
        let result = try EniplanRunner.run(["check", "m.yaml", "--policy", "policy.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == #"policy.yaml:11:20: error: pattern 'a\u{A}::error::x\u{1B}[31m\1' is refused at character 18: back-reference '\1' is not supported (policy patterns run in linear time, without backtracking)"# + "\n")
    }

    @Test func aValueOverTheBoundIsAnErrorAtTheField() throws {
        let folder = try ScratchFolder()
        try folder.write("policy.yaml", Self.policy("w+x", field: "name"))
        try folder.write("m.yaml", Self.manifest(id: "i-1", name: String(repeating: "w", count: 70_000)))
        let (result, elapsed) = try timedRun(["check", "m.yaml", "--policy", "policy.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "m.yaml:6:5: error: name of instance 'i-1' is 70000 bytes long; policy rule 'R1' matches a pattern against values of at most 16384 bytes\n")
        #expect(result.stdout == "")
        #expect(elapsed < .seconds(10))

        // At the bound itself, the value is matched.
        try folder.write("m.yaml", Self.manifest(id: "i-1", name: String(repeating: "w", count: 16_383) + "x"))
        let atBound = try EniplanRunner.run(["check", "m.yaml", "--policy", "policy.yaml"], in: folder.url)
        #expect(atBound.status == 3, "\(atBound.stderr)")
        #expect(atBound.stdout.contains("error[R1] matched: instance 'i-1' has deletionProtection not set, the policy requires 'true'"))
    }

    /// `instances` instances, each with a retained primary and a released secondary ENI tagged `env: prod`.
    static func account(kind: String, instances: some Sequence<Int>) -> String {
        var text = "apiVersion: eniplan/v1\nkind: \(kind)\nregion: cn-hangzhou\ninstances:\n"
        for index in instances {
            text += """
                  - id: i-\(index)
                    zone: cn-hangzhou-h
                    vpc: vpc-1
                    networkInterfaces:
                      - {id: eni-\(index)a, type: primary, deleteOnRelease: false, vswitch: vsw-1, tags: {env: prod}}
                      - {id: eni-\(index)b, type: secondary, deleteOnRelease: true, vswitch: vsw-1, tags: {env: prod}}

                """
        }
        return text
    }

    /// The shipped production policy over 20,000 matched ENIs: one finding per released ENI, fast.
    @Test func aPolicyMatchingTwentyThousandENIsChecksFast() throws {
        let folder = try ScratchFolder()
        try folder.write("current.yaml", Self.account(kind: "State", instances: 0..<10_000))
        try folder.write("desired.yaml", Self.account(kind: "Manifest", instances: stride(from: 0, to: 10_000, by: 2)))
        let policy = EniplanRunner.packageRoot.appendingPathComponent("Examples/policies/production-enis-retained.yaml").path
        let finding = "error[PROD001] production ENIs must be retained on instance release"

        let (check, checkTime) = try timedRun(["check", "current.yaml", "--policy", policy], in: folder)
        #expect(check.status == 3, "\(check.stderr)")
        #expect(check.stdout.components(separatedBy: "\n").filter { $0.contains(finding) }.count == 10_000)
        #expect(check.stdout.contains("current.yaml:10:39: \(finding): ENI 'eni-0b' has deleteOnRelease 'true', the policy requires 'false'"))
        #expect(checkTime < .seconds(30))

        let (plan, planTime) = try timedRun(["plan", "--current", "current.yaml", "desired.yaml", "--policy", policy], in: folder)
        #expect(plan.status == 3, "\(plan.stderr)")
        #expect(plan.stdout.components(separatedBy: "\n").filter { $0.contains(finding) }.count == 5_000)
        #expect(planTime < .seconds(30))
    }
}

extension Suppressions {
    /// The findings suppressions themselves raise (SUP001-SUP003), documented like built-in rules so that the rule
    /// catalogue describes them. They are not in `RuleRegistry`: no rule type checks them, `Suppressions` does
    /// while applying suppressions.
    static let ruleDescriptions = [missingReason, unused, malformed]

    /// SUP001.
    static let missingReason = RuleDescription(
        id: "SUP001", slug: "suppression-missing-reason", severity: .error,
        summary: "a suppression without a reason",
        rationale: """
            A suppression hides a finding from the gate, so it must say why the finding is accepted: the next reader of \
            the manifest, and the reviewer of the pull request, need that reason to judge whether it still holds. A \
            suppression without reason="..." suppresses nothing.
            """,
        fixHint: "add reason=\"...\" saying why the finding is accepted, and expires=YYYY-MM-DD if it is temporary",
        triggering: [RuleExample(ExampleYAML.manifest(example(comment: "# eniplan:ignore ENI010")))],
        nonTriggering: [RuleExample(ExampleYAML.manifest(example(comment: "# eniplan:ignore ENI010 reason=\"the default is intended\"")))],
        kind: .suppressionCheck)

    /// SUP002.
    static let unused = RuleDescription(
        id: "SUP002", slug: "suppression-unused", severity: .warning,
        summary: "a suppression that matches no finding",
        rationale: """
            A suppression that matches nothing is left over from a finding that went away, or it names the wrong rule or \
            line and hides nothing while looking as if it did. Removing it keeps the accepted exceptions honest.
            """,
        fixHint: "remove the suppression, or move it to the finding's line or the line above",
        triggering: [RuleExample(ExampleYAML.manifest(example(comment: "# eniplan:ignore ENI002 reason=\"no EIP here\"")))],
        nonTriggering: [RuleExample(ExampleYAML.manifest(example(comment: "# eniplan:ignore ENI010 reason=\"the default is intended\"")))],
        kind: .suppressionCheck)

    /// SUP003.
    static let malformed = RuleDescription(
        id: "SUP003", slug: "suppression-malformed", severity: .error,
        summary: "a suppression that names no rule or an unknown one, or whose expiry is not a date",
        rationale: """
            A suppression that cannot be read (no rule id, an unknown rule id, an expiry that is not YYYY-MM-DD) would \
            silently suppress nothing, or never expire; eniplan refuses to guess what was meant.
            """,
        fixHint: "name a rule id from 'eniplan rules' (or a policy rule) and write the expiry as YYYY-MM-DD",
        triggering: [RuleExample(ExampleYAML.manifest(example(comment: "# eniplan:ignore ENI01 reason=\"typo\"")))],
        nonTriggering: [RuleExample(ExampleYAML.manifest(example(comment: "# eniplan:ignore ENI010 reason=\"the default is intended\"")))],
        kind: .suppressionCheck)

    /// One instance whose ENI leaves `deleteOnRelease` unset (ENI010), with `comment` on the line above the ENI.
    private static func example(comment: String) -> String {
        """
        instances:
          - id: i-1
            networkInterfaces:
              \(comment)
              - {id: eni-1, type: primary}

        """
    }
}

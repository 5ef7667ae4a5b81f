import ArgumentParser
import EniplanCore
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Diff desired manifests against the current state and predict every release, retention and reuse.",
        discussion: """
            A Terraform plan (terraform show -json tf.plan) is a desired file that carries the state it was made from; \
            --current then adds the Alibaba Cloud API responses that alone give the flag of an instance's own ENIs.

            The current state is one or more --current files: a `kind: State` file, the previous \
            `kind: Manifest` (in a pull request: the base branch's manifest), or the JSON the Alibaba Cloud \
            API returns (DescribeInstances, DescribeNetworkInterfaces, DescribeNetworkInterfaceAttribute, \
            DescribeEipAddresses, DescribeRouteEntryList, DescribeRouteTables; pages merged). Instances in the current \
            state and in scope that the desired manifests leave out are released; their ENIs meet the \
            fate their deleteOnRelease flag and the region decide.

            With --base REF (a branch, a tag, a commit: what a pull request merges into), the current state is also \
            the named manifests as they are at REF, read from git's objects (no checkout, no file written); with no \
            manifest named, every eniplan manifest that changed between REF and the work tree is planned (added, \
            modified, renamed, untracked; a deleted one adds its base version to the current state only). Findings \
            about what only REF has land in the head file, with a note of where REF has it.
            """
    )

    @Option(name: .customLong("current"), help: ArgumentHelp("A current-state file (repeatable).", valueName: "file"))
    var current: [String] = []

    @Option(name: .customLong("base"), help: ArgumentHelp("A git revision whose version of the manifests joins the current state.", valueName: "ref"))
    var base: String?

    @Argument(help: "Desired-state manifests (with --base: every changed manifest when none is named).")
    var desired: [String] = []


    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 2 when the plan has changes, 0 when it has none (3, blocking findings, takes precedence).")
    var detailedExitCode = false

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Rules and gate")
    var analysis: AnalysisOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if let base {
            if base.isEmpty { throw ValidationError("--base needs a git revision, such as 'origin/main'") }
            if base.hasPrefix("-") { throw ValidationError("--base '\(base)' is not a revision: a revision does not start with '-'") }
            return
        }
        if current.isEmpty && !desired.contains(where: Self.looksLikeTerraformPlan) {
            // A mistyped --current is why it is missing more often than not: say so before asking for it.
            let given = CommandLine.arguments.dropFirst().filter { $0.hasPrefix("--") && $0 != "--" }
                .map { String($0.prefix { $0 != "=" }) }
            if let typo = given.first(where: { $0 != "--current" && Suggestions.closest(to: $0, in: ["--current"]) != nil }) {
                throw ValidationError("unknown option '\(typo)'; did you mean '--current'? Give the current state with --current FILE")
            }
            throw ValidationError("give the current state with --current FILE (a state file or the previous manifest), or --base REF (a git revision)")
        }
        if desired.isEmpty { throw ValidationError("give the desired manifests, or --base REF to plan the manifests changed since a git revision") }
    }

    /// Whether a file starts as `terraform show -json` writes a plan, which carries the state it was made from:
    /// then --current only adds to it. Decided from the first bytes; the loader reads the file properly.
    static func looksLikeTerraformPlan(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return false }
        return String(decoding: head, as: UTF8.self).contains("\"format_version\"")
    }

    func run() throws {
        try Evaluation(input: input, analysis: analysis, output: output)
            .run(mode: .plan, current: current, subjects: desired, base: base, detailedExitCode: detailedExitCode)
    }
}

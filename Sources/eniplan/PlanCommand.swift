import ArgumentParser
import EniplanCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Diff desired manifests against the current state and predict every release, retention and reuse.",
        discussion: """
            The current state is one or more --current files: a `kind: State` file, the previous \
            `kind: Manifest` (in a pull request: the base branch's manifest), or the JSON the Alibaba Cloud \
            API returns (DescribeInstances, DescribeNetworkInterfaces, DescribeNetworkInterfaceAttribute, \
            DescribeEipAddresses, DescribeRouteEntryList, DescribeRouteTables; pages merged). Instances in the current \
            state and in scope that the desired manifests leave out are released; their ENIs meet the \
            fate their deleteOnRelease flag and the region decide.
            """
    )

    @Option(name: .customLong("current"), help: ArgumentHelp("A current-state file (repeatable).", valueName: "file"))
    var current: [String] = []

    @Argument(help: "Desired-state manifests.")
    var desired: [String]


    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 2 when the plan has changes, 0 when it has none (3, blocking findings, takes precedence).")
    var detailedExitCode = false

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Rules and gate")
    var analysis: AnalysisOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if current.isEmpty {
            // A mistyped --current is why it is missing more often than not: say so before asking for it.
            let given = CommandLine.arguments.dropFirst().filter { $0.hasPrefix("--") && $0 != "--" }
                .map { String($0.prefix { $0 != "=" }) }
            if let typo = given.first(where: { $0 != "--current" && Suggestions.closest(to: $0, in: ["--current"]) != nil }) {
                throw ValidationError("unknown option '\(typo)'; did you mean '--current'? Give the current state with --current FILE")
            }
            throw ValidationError("give the current state with --current FILE (a state file or the previous manifest)")
        }
    }

    func run() throws {
        try Evaluation(input: input, analysis: analysis, output: output)
            .run(mode: .plan, current: current, subjects: desired, detailedExitCode: detailedExitCode)
    }
}

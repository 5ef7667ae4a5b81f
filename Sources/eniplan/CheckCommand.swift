import ArgumentParser
import EniplanCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Without a current state: check the rules and preview what releasing each instance of the manifests would do.",
        discussion: "For compliance sweeps over every manifest in a repository."
    )

    @Argument(help: "Manifests to check.")
    var files: [String]


    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Rules and gate")
    var analysis: AnalysisOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Evaluation(input: input, analysis: analysis, output: output)
            .run(mode: .check, current: [], subjects: files, detailedExitCode: false)
    }
}

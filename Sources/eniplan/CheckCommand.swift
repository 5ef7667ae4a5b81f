import ArgumentParser
import EniplanCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Without a current state: check the rules and preview what releasing each instance of the manifests would do.",
        discussion: """
            For compliance sweeps over every manifest in a repository. A folder is walked for .yaml, .yml and .json \
            files (hidden folders and .build skipped, in a stable order); those that are not eniplan manifests are \
            skipped and counted. Each manifest file is its own estate: regions may differ from file to file.
            """
    )

    @Argument(help: "Manifests and folders to check.")
    var files: [String]

    @Option(name: .customLong("estate"), help: "per-file: each manifest file is its own estate (the Alibaba Cloud API responses given are joined into one); combined: all of them are one estate, as for an account split across files.")
    var estate: EstateChoice = .perFile


    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Rules and gate")
    var analysis: AnalysisOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Evaluation(input: input, analysis: analysis, output: output)
            .run(mode: .check, current: [], subjects: files, detailedExitCode: false, estate: estate)
    }
}

/// `check --estate`: how the files of a sweep are planned.
enum EstateChoice: String, CaseIterable, ExpressibleByArgument {
    case perFile = "per-file"
    case combined
}

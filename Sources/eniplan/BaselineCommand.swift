import ArgumentParser
import EniplanCore

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write a baseline of accepted findings.",
        subcommands: [BaselineWriteCommand.self]
    )
}

struct BaselineWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Record the current findings as accepted; later runs with --baseline FILE gate only on new ones.",
        discussion: "With --current, the findings of 'eniplan plan'; without, those of 'eniplan check'."
    )

    @Argument(help: "The baseline file to write (JSON).")
    var output: String

    func validate() throws {
        if output.isEmpty { throw ValidationError("give the baseline file to write") }
    }

    @Option(name: .customLong("current"), help: ArgumentHelp("A current-state file (repeatable); makes this a plan baseline.", valueName: "file"))
    var current: [String] = []

    @Argument(help: "The manifests to evaluate.")
    var files: [String]

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Rules")
    var analysis: AnalysisOptions

    func run() throws {
        let loader = input.loader
        let baseline: Baseline
        let configuration: Configuration
        configuration = try DiagnosticPrinter.failingOnProblems { () throws(InputError) in try analysis.configuration(loader: loader) }
        // The baseline the config or --baseline names is not read here, so it may be the file written.
        let inputs = files.map { InputFile(role: "the manifest", path: $0) } + current.map { InputFile(role: "the current state", path: $0) }
            + analysis.inputFiles(configuration: configuration, regionsFile: input.regionsFile, readingBaseline: false)
        try InputFile.refuseOverwriting(inputs, with: output, named: "the baseline file '\(output)'", holding: "baseline")
        do {
            let catalog = try loader.regionCatalog(override: input.regionsFile ?? configuration.regions)
            let (policies, _) = try analysis.rules(configuration: configuration, loader: loader, readingBaseline: false)
            let subjects = try loader.manifests(at: files)
            let mode: RuleContext.Mode = current.isEmpty ? .check : .plan
            let currentState = mode == .plan ? try loader.manifests(at: current) : []
            let inputs = PipelineInputs(mode: mode, current: currentState, subjects: subjects, catalog: catalog, configuration: configuration,
                                        policies: policies, today: analysis.date)
            baseline = Baseline(findings: try Pipeline.run(inputs).findings)
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitStatus.failure
        }
        do {
            try AtomicFile.write(baseline.rendered(), to: output)
        } catch {
            StandardStreams.writeError(DiagnosticPrinter.line(.startOfFile(output), "error", "cannot write the baseline: \(error.reason)"))
            throw ExitStatus.failure
        }
        StandardStreams.writeError("wrote \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") to \(output.displaySafe)\n")
    }
}

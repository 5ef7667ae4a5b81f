import ArgumentParser
import EniplanCore
import Foundation

/// The pipeline plan and check share: inputs, plan, rules, every report, exit code.
struct Evaluation {
    var input: InputOptions
    var analysis: AnalysisOptions
    var output: OutputOptions

    /// Plans (or previews), evaluates the rules, writes every report, and throws the exit code the result calls for.
    func run(mode: RuleContext.Mode, current currentFiles: [String], subjects named: [String], base: String? = nil,
             detailedExitCode: Bool, estate: EstateChoice? = nil) throws {
        let loader = input.loader
        let working = FileManager.default.currentDirectoryPath
        // A sweep walks the folders it is given; every other run reads the files named.
        let swept = estate.map { _ in loader.sweepFiles(named) }
        let subjectFiles = swept?.files ?? named
        if let swept, !swept.problems.isEmpty {
            DiagnosticPrinter.print(InputError(swept.problems))
            throw ExitStatus.failure
        }
        if let swept, swept.files.isEmpty, !named.isEmpty {
            let skipped = swept.skipped.isEmpty ? "" : " (\(swept.skipped.count) other file\(swept.skipped.count == 1 ? "" : "s") skipped)"
            StandardStreams.writeError("error: found no eniplan manifest in \(named.map { "'\(DisplayText.path($0))'" }.joined(separator: ", "))\(skipped)\n")
            throw ExitStatus.failure
        }
        // With --base, git is asked first: which files are planned is known before any output is checked against them.
        var revision: BaseRevision.Loaded?
        if let base {
            do {
                let loaded = try BaseRevision(base, workingFolder: working).load(named: subjectFiles, loader: loader)
                for skipped in loaded.skipped { StandardStreams.writeError("eniplan: note: skipped \(skipped.displaySafe)\n") }
                if named.isEmpty && loaded.problems.isEmpty && loaded.head.isEmpty && loaded.base.isEmpty {
                    StandardStreams.writeError("eniplan: note: no eniplan manifest changed since '\(DisplayText.quoted(base))'\n")
                }
                // A file the run reads by a path that reads like a base version's name would have its findings moved away.
                if let clash = (loaded.head.map(\.file) + currentFiles).first(where: { loaded.anchors[$0] != nil }) {
                    throw GitRepository.Failure(message: "'\(DisplayText.quoted(clash))' is both a file given and the name of its base version at '\(DisplayText.quoted(base))'; name the file by another path (./\(DisplayText.quoted(clash)))")
                }
                revision = loaded
            } catch let failure as GitRepository.Failure {
                StandardStreams.writeError("eniplan: error: \(failure.message.displaySafe)\n")
                throw ExitStatus.failure
            } catch let error as InputError {
                DiagnosticPrinter.print(error)
                throw ExitStatus.failure
            }
        }
        var result: Analysis
        let threshold: Severity
        let usedBaseline: Bool
        let configuration: Configuration
        configuration = try DiagnosticPrinter.failingOnProblems { () throws(InputError) in try analysis.configuration(loader: loader) }
        // An output that is an input would be replaced by the report: refused before anything is read or written.
        let inputs = currentFiles.map { InputFile(role: "the current state", path: $0) }
            + (revision?.head.map(\.file) ?? subjectFiles).map { InputFile(role: mode == .plan ? "the desired manifest" : "the manifest", path: $0) }
            + analysis.inputFiles(configuration: configuration, regionsFile: input.regionsFile)
        for target in output.formats {
            guard let path = target.path else { continue }
            try InputFile.refuseOverwriting(inputs, with: path, named: "--format \(target.format.rawValue)=\(path)", holding: "report")
        }
        // A plan's files, a Terraform plan's two sides among them; only a Terraform plan may stand without --current.
        var planFiles: PlanFiles?
        if mode == .plan, revision == nil, swept == nil {
            let files = try DiagnosticPrinter.failingOnProblems { () throws(InputError) in
                try loader.planFiles(current: currentFiles, desired: subjectFiles)
            }
            if currentFiles.isEmpty && files.terraformPlans == 0 {
                throw ValidationError("give the current state with --current FILE (a state file or the previous manifest), a Terraform plan, or --base REF (a git revision)")
            }
            planFiles = files
        }
        do throws(InputError) {
            let catalog = try loader.regionCatalog(override: input.regionsFile ?? configuration.regions)
            let (policies, baseline) = try analysis.rules(configuration: configuration, loader: loader)
            if let swept, estate == .perFile {
                let estates = try loader.estates(at: subjectFiles)
                result = try Pipeline.sweep(estates, skipped: swept.skipped,
                                            inputs: PipelineInputs(mode: mode, subjects: [], catalog: catalog, configuration: configuration,
                                                                   policies: policies, baseline: baseline, today: analysis.date))
            } else {
                let subjects: [Manifest]
                var current: [Manifest] = []
                if let revision {
                    // Every problem of the head and base files at once, as for files named.
                    var diagnostics = revision.problems
                    var heads: [Manifest] = []
                    do { heads = try loader.manifests(from: revision.head) } catch { diagnostics += error.diagnostics }
                    do { current = try loader.manifests(at: currentFiles) + loader.manifests(from: revision.base) } catch { diagnostics += error.diagnostics }
                    if !diagnostics.isEmpty { throw InputError(diagnostics) }
                    subjects = heads
                } else if let planFiles {
                    subjects = planFiles.desired
                    current = planFiles.current
                } else {
                    subjects = try loader.manifests(at: subjectFiles)
                }
                var inputs = PipelineInputs(mode: mode, current: current, subjects: subjects, catalog: catalog, configuration: configuration,
                                            policies: policies, baseline: baseline, today: analysis.date)
                inputs.baseAnchors = revision?.anchors ?? [:]
                // Planned and analysed in two steps, so that the run's indexes live until the process exits.
                let planned = try Pipeline.plan(inputs)
                ProcessLifetime.keep(planned)
                var analyzed = try Pipeline.analyze(planned)
                if let swept {
                    analyzed.sweep = Sweep(estates: subjectFiles.map { Sweep.Estate(file: $0, region: analyzed.plan.region) }, skipped: swept.skipped,
                                           combined: true)
                }
                result = analyzed
            }
            threshold = analysis.threshold(configuration)
            usedBaseline = baseline != nil
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitStatus.failure
        }
        // One file checked is no sweep to speak of: the report says what was swept only when there is something to say.
        if let sweep = result.sweep, sweep.estates.count <= 1, sweep.skipped.isEmpty, subjectFiles == named, !sweep.combined { result.sweep = nil }
        var options = ReportOptions(failOn: threshold, usedBaseline: usedBaseline, useColor: Terminal.wantsColor(output.color),
                                    rootDirectory: Self.repositoryRoot(from: working) ?? working, workingDirectory: working,
                                    category: output.category)
        options.showUnchanged = output.showUnchanged
        ProcessLifetime.keep(result)
        try ReportWriter(targets: output.formats, options: options).write(result)
        if !result.blocking(at: threshold).isEmpty { throw ExitStatus.blockingFindings }
        if detailedExitCode && result.plan.hasChanges { throw ExitStatus.changesPresent }
    }

    /// The nearest folder at or above `folder` that holds `.git`.
    static func repositoryRoot(from folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}

/// Where the reports go.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: FormatTarget.help)
    var formats: [FormatTarget] = []

    @Option(name: .customLong("sarif-category"), help: "SARIF automationDetails.id, the code-scanning category.")
    var category: String = "eniplan/"

    @Option(name: .customLong("color"), help: "Colour the text report on standard output: always (CI logs that show colour), never, or auto (a terminal, unless NO_COLOR is set).")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("show-unchanged"), help: "List the resources the change keeps as they are in the text plan (by default one line counts them).")
    var showUnchanged = false

    func validate() throws {
        // Two reports in one file would leave only the last: say so before anything runs. Links are followed,
        // so two names of one file are one file.
        var seen: [(target: FormatTarget, path: String, identity: FileIdentity)] = []
        for target in formats {
            guard let path = target.path else { continue }
            let identity = FileIdentity(path)
            if let first = seen.first(where: { $0.identity.isSameFile(as: identity) }) {
                throw ValidationError("--format \(first.target.format.rawValue)=\(first.path) and --format \(target.format.rawValue)=\(path) name the same file; give each report its own")
            }
            seen.append((target, path, identity))
        }
        // Two reports on standard output would run together; GitHub's annotations are the exception, as the
        // runner picks them out of any line of the log.
        let printed = formats.filter { $0.path == nil && $0.format != .github }
        if printed.count > 1 {
            throw ValidationError("--format \(printed[0].format.rawValue) and --format \(printed[1].format.rawValue) both print to standard output, where they would run together; give one of them a file (--format \(printed[1].format.rawValue)=FILE)")
        }
        if formats.filter({ $0.path == nil && $0.format == .github }).count > 1 {
            throw ValidationError("--format github is given twice for standard output; give it once")
        }
    }
}

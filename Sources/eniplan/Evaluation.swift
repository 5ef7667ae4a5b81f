import ArgumentParser
import EniplanCore

/// The pipeline plan and check share: inputs, plan, rules, output, exit code.
struct Evaluation {
    var input: InputOptions
    var analysis: AnalysisOptions
    var format: OutputFormat

    /// Runs `makePlan`, evaluates the rules, prints, and throws the exit code the result calls for.
    func run(mode: RuleContext.Mode, current currentFiles: [String], subjects subjectFiles: [String], detailedExitCode: Bool) throws {
        let loader = input.loader
        let result: Analysis
        let threshold: Severity
        let usedBaseline: Bool
        do {
            let configuration = try analysis.configuration(loader: loader)
            let catalog = try loader.regionCatalog(override: input.regionsFile ?? configuration.regions)
            let (engine, baselineGiven) = try analysis.engine(configuration: configuration, loader: loader)
            let subjects = try loader.manifests(at: subjectFiles)
            let current = mode == .plan ? try loader.manifests(at: currentFiles) : subjects
            let planner = Planner(catalog: catalog)
            let plan = mode == .plan ? try planner.plan(current: current, desired: subjects) : try planner.previewRelease(of: subjects)
            result = try engine.analyze(mode: mode, plan: plan, current: current, subjects: subjects, catalog: catalog)
            threshold = analysis.threshold(configuration)
            usedBaseline = baselineGiven
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitStatus.failure
        }
        switch format {
        case .text:
            StandardStreams.write(TextPlanReporter(useColor: Terminal.wantsColor).render(result, failOn: threshold, usedBaseline: usedBaseline))
        case .json:
            StandardStreams.write(JSONPlanReporter.render(result, usedBaseline: usedBaseline))
        }
        if !result.blocking(at: threshold).isEmpty { throw ExitStatus.blockingFindings }
        if detailedExitCode && result.plan.hasChanges { throw ExitStatus.changesPresent }
    }
}

import EniplanCore
import EniplanYAML

/// One input through everything a user's file meets: both loader modes, decoding (manifest or API
/// response), planning against itself and against nothing, the rules, and every reporter.
/// Errors are expected; crashes, traps and hangs are what the fuzzer looks for, and so is any human
/// output or error message that could act on its reader (``humanOutputViolations(_:format:)``: a raw
/// control or bidirectional character, a line starting with `::`, a `##[`, Markdown a value could break out of
/// or GitHub would autolink).
enum FuzzPipeline {
    static let catalog: RegionCatalog? = try? RegionCatalogDecoder.builtIn()
    /// Suppressions expire against this date; fixed so every run judges them alike.
    static let today = "2026-11-26"

    static func run(_ bytes: [UInt8]) {
        var limits = LoaderLimits()
        limits.maxFileBytes = 1 << 20
        limits.maxAliasExpansion = 10_000
        limits.maxAliasBytes = 1 << 20
        do {
            _ = try YAMLLoader.load(bytes: bytes, file: "fuzz.yaml", options: LoaderOptions(limits: limits, mode: .permissive))
        } catch {
            expectSafe(error)
        }
        let document: YAMLDocument
        do {
            document = try YAMLLoader.load(bytes: bytes, file: "fuzz.yaml", options: LoaderOptions(limits: limits, mode: .strict))
        } catch {
            expectSafe(error)
            return
        }
        guard let catalog else { return }
        expectSafe(document.outline(), .text, "validate --tree")
        let loader = InputLoader(options: LoaderOptions(limits: limits, mode: .strict))
        var runs: [PipelineInputs] = []
        do {
            let manifests = try loader.manifests(from: [document])
            let empty = Manifest(kind: .manifest, file: "empty.yaml", region: manifests.first?.region, range: .startOfFile("empty.yaml"))
            runs = [PipelineInputs(mode: .check, subjects: manifests, catalog: catalog, today: today)]
                + [manifests, [empty]].map { PipelineInputs(mode: .plan, current: manifests, subjects: $0, catalog: catalog, today: today) }
        } catch {
            expectSafe(error)
        }
        // A Terraform plan is both sides of a plan.
        do {
            let files = try loader.planFiles(current: [], desired: [document])
            if files.terraformPlans > 0 {
                runs.append(PipelineInputs(mode: .plan, current: files.current, subjects: files.desired, catalog: catalog, today: today))
            }
        } catch {
            expectSafe(error)
        }
        let options = ReportOptions(failOn: .note, usedBaseline: false, useColor: false, rootDirectory: "/repo", workingDirectory: "/repo")
        let analyses = runs.compactMap { try? Pipeline.run($0) }
        for analysis in analyses {
            for format in ReportFormat.allCases { expectSafe(Reports.render(format, analysis, options: options), format, "the report") }
            if let summary = GitHubAnnotationsReporter.summary(analysis, options: options) { expectSafe(summary, .markdown, "the job summary") }
            _ = Baseline(findings: analysis.findings).rendered()
        }
    }

    /// Every message of a refusal, as standard error shows it, is safe to print.
    static func expectSafe(_ error: any Error) {
        let diagnostics: [Diagnostic]
        switch error {
        case let error as InputError: diagnostics = error.diagnostics
        case let error as YAMLError: diagnostics = [Diagnostic(error)]
        default: return
        }
        for diagnostic in diagnostics {
            expectSafe(diagnostic.message + "\n" + diagnostic.notes.map(\.message).joined(separator: "\n"), .text, "an error message")
        }
    }

    /// Traps, so that libFuzzer keeps the input, when `text` breaks a promise of "Untrusted values in output".
    static func expectSafe(_ text: String, _ format: ReportFormat, _ what: String) {
        let violations = humanOutputViolations(text, format: format)
        guard violations.isEmpty else { fatalError("\(what) (\(format)) could act on its reader: \(violations.prefix(3))") }
    }
}

import EniplanCore
import EniplanYAML

/// One input through everything a user's file meets: both loader modes, decoding (manifest or API
/// response), planning against itself and against nothing, the rules, and every reporter.
/// Errors are expected; crashes, traps and hangs are what the fuzzer looks for.
enum FuzzPipeline {
    static let catalog: RegionCatalog? = try? RegionCatalogDecoder.builtIn()

    static func run(_ bytes: [UInt8]) {
        var limits = LoaderLimits()
        limits.maxFileBytes = 1 << 20
        limits.maxAliasExpansion = 10_000
        _ = try? YAMLLoader.load(bytes: bytes, file: "fuzz.yaml", options: LoaderOptions(limits: limits, mode: .permissive))
        guard let catalog,
              let document = try? YAMLLoader.load(bytes: bytes, file: "fuzz.yaml", options: LoaderOptions(limits: limits, mode: .strict))
        else { return }
        _ = document.outline()
        let loader = InputLoader(options: LoaderOptions(limits: limits, mode: .strict))
        guard let manifests = try? loader.manifests(from: [document]) else { return }
        let planner = Planner(catalog: catalog)
        let engine = RuleEngine(today: "2026-11-26")
        let options = ReportOptions(failOn: .note, usedBaseline: false, useColor: false, rootDirectory: "/repo", workingDirectory: "/repo")
        var analyses: [Analysis] = []
        if let preview = try? planner.previewRelease(of: manifests),
           let analysis = try? engine.analyze(mode: .check, plan: preview, current: manifests, subjects: manifests, catalog: catalog)
        {
            analyses.append(analysis)
        }
        let empty = Manifest(kind: .manifest, file: "empty.yaml", region: manifests.first?.region, range: .startOfFile("empty.yaml"))
        for desired in [manifests, [empty]] {
            if let plan = try? planner.plan(current: manifests, desired: desired),
               let analysis = try? engine.analyze(mode: .plan, plan: plan, current: manifests, subjects: desired, catalog: catalog)
            {
                analyses.append(analysis)
            }
        }
        for analysis in analyses {
            for format in ReportFormat.allCases { _ = Reports.render(format, analysis, options: options) }
            _ = Baseline(findings: analysis.findings).rendered()
        }
    }
}

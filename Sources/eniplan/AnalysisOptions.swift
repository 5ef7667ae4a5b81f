import ArgumentParser
import EniplanCore
import Foundation

/// Options of every command that evaluates rules: config, policies, baseline and the gate.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("The config file; the files it names must stay within its folder. (default: .eniplan.yaml, searched from here up to the repository root)", valueName: "file"))
    var configFile: String?

    @Option(name: .customLong("policy"), help: ArgumentHelp("A policy file (kind: Policy); repeatable, added to the config's.", valueName: "file"))
    var policyFiles: [String] = []

    @Option(name: .customLong("baseline"), help: ArgumentHelp("A baseline of accepted findings; only new findings gate.", valueName: "file"))
    var baselineFile: String?

    @Option(name: .customLong("fail-on"), help: "The least severe finding that fails the run with exit code 3: error, warning or note. (default: error, or the config's failOn)")
    var failOn: Severity?

    @Option(name: .customLong("today"), help: ArgumentHelp("The date suppressions expire against, YYYY-MM-DD. (default: today, UTC)", visibility: .hidden))
    var today: String?

    func validate() throws {
        if let today, !Self.isDate(today) { throw ValidationError("--today must be a date written YYYY-MM-DD") }
    }

    private static func isDate(_ text: String) -> Bool { CalendarDate.isValid(text) }

    /// The config in force: the one given, the one found, or the defaults.
    ///
    /// A region catalogue the config names that cannot be read is reported here, at the config's entry:
    /// the catalogue is loaded later from its resolved path alone, which no longer says where it came from.
    func configuration(loader: InputLoader) throws(InputError) -> Configuration {
        let configuration: Configuration
        if let configFile {
            configuration = try loader.configuration(at: configFile)
        } else if let found = InputLoader.discoverConfiguration(from: FileManager.default.currentDirectoryPath) {
            if let refusal = InputLoader.refusal(ofFoundConfiguration: found, shownAs: Self.relative(found)) { throw InputError([refusal]) }
            configuration = try loader.configuration(at: Self.relative(found))
        } else {
            return Configuration()
        }
        if let regions = configuration.regionsFile, let problem = loader.problem(reading: regions, as: "region catalogue") {
            throw InputError([problem])
        }
        return configuration
    }

    /// A path relative to the working folder when it lies inside it, so messages stay short.
    static func relative(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path
    }

    /// The policies and the baseline the options and the config call for; `readingBaseline: false` leaves the baseline
    /// out (`baseline write` writes one, and the one the config names need not exist yet).
    func rules(configuration: Configuration, loader: InputLoader, readingBaseline: Bool = true) throws(InputError) -> (policies: [Policy], baseline: Baseline?) {
        var diagnostics: [Diagnostic] = []
        var paths: [String] = []
        for file in configuration.policyFiles {
            if let problem = loader.problem(reading: file, as: "policy file") { diagnostics.append(problem) } else { paths.append(file.path) }
        }
        var policies: [Policy] = []
        do {
            policies = try loader.policies(at: paths + policyFiles)
        } catch {
            diagnostics += error.diagnostics
        }
        // --baseline replaces the config's baseline, which is then not read at all.
        if readingBaseline, baselineFile == nil, let named = configuration.baselineFile, let problem = loader.problem(reading: named, as: "baseline") {
            diagnostics.append(problem)
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        let baselinePath = readingBaseline ? baselineFile ?? configuration.baselineFile?.path : nil
        let baseline = try baselinePath.map { (path: String) throws(InputError) -> Baseline in
            try loader.baseline(at: path)
        }
        return (policies, baseline)
    }

    /// The date suppressions expire against: --today, or today in UTC.
    var date: String { today ?? Self.todayUTC() }

    /// Every file besides the manifests that a run with `configuration` reads: the config, the policy files, the
    /// region catalogue and, when `readingBaseline`, the baseline, whether the flags or the config name them.
    func inputFiles(configuration: Configuration, regionsFile: String?, readingBaseline: Bool = true) -> [InputFile] {
        var files: [InputFile] = []
        if let config = configuration.file { files.append(InputFile(role: "the config", path: config)) }
        for policy in configuration.policyFiles.map(\.path) + policyFiles { files.append(InputFile(role: "the policy file", path: policy)) }
        if let regions = regionsFile ?? configuration.regions { files.append(InputFile(role: "the region catalogue", path: regions)) }
        if readingBaseline, let baseline = baselineFile ?? configuration.baselineFile?.path {
            files.append(InputFile(role: "the baseline", path: baseline))
        }
        return files
    }

    func threshold(_ configuration: Configuration) -> Severity { failOn ?? configuration.failOn ?? .error }

    static func todayUTC() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

extension Severity: ExpressibleByArgument {}

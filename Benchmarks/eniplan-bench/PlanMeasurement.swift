/// One step of `eniplan plan`, as the plan benchmark times it.
enum PlanPhase: String, CaseIterable {
    /// libyaml's events over both inputs, nothing built: the floor the whole is compared with.
    case raw
    /// `YAMLLoader.load` of both files.
    case load
    /// `ManifestDecoder.decode` of both documents.
    case decode
    /// `Pipeline.plan`: both sides indexed, then `Planner`'s plan.
    case plan
    /// `Pipeline.analyze`: the built-in rules over the plan, reusing its indexes, as `eniplan plan` runs them.
    case rules
    /// `JSONPlanReporter.write`, streamed as `eniplan plan --format json` writes it (here into a byte count).
    case json
    /// `TextPlanReporter(useColor: false).render`.
    case text

    /// The steps `eniplan plan` takes with its default text output, in order.
    static let pipeline: [PlanPhase] = [.load, .decode, .plan, .rules, .text]

    var title: String {
        switch self {
        case .raw: "raw libyaml"
        case .load: "load"
        case .decode: "decode"
        case .plan: "plan"
        case .rules: "rules"
        case .json: "render JSON"
        case .text: "render text"
        }
    }
}

/// The figures for one plan-benchmark size: best and worst seconds per phase, resident-set peaks in bytes.
struct PlanMeasurement {
    var instances: Int
    /// Both inputs, current state and desired manifest.
    var inputBytes: Int
    /// Instances, ENIs, EIPs and route entries decoded from both inputs.
    var resources: Int
    var changes: Int
    var effects: Int
    var jsonBytes: Int
    var textBytes: Int
    var runs: Int
    var bestSeconds: [PlanPhase: Double]
    var worstSeconds: [PlanPhase: Double]
    /// The fastest and slowest run of the whole ``PlanPhase/pipeline``, each run summed.
    var wholeBestSeconds: Double
    var wholeWorstSeconds: Double
    /// Raw libyaml over the desired manifest alone (part of the raw phase), best run: the floor of `eniplan check` of it.
    var rawDesiredBestSeconds: Double
    var desiredBytes: Int
    /// Resident set with both inputs in memory, before anything is parsed.
    var baselineResidentBytes: Int
    /// Each phase's resident-set high-water mark (reset before the phase), highest over the runs.
    var peakResidentBytes: [PlanPhase: Int]
    var peakWasReset: Bool

    var megabytes: Double { Double(inputBytes) / LoadMeasurement.megabyte }
    var wholeToRaw: Double { wholeBestSeconds / (bestSeconds[.raw] ?? .nan) }
    var peakResident: Int { peakResidentBytes.values.max() ?? 0 }

    func best(_ phase: PlanPhase?) -> Double { phase.map { bestSeconds[$0] ?? .nan } ?? wholeBestSeconds }

    /// Microseconds per resource for `phase`, or for the whole pipeline when nil.
    func microsecondsPerResource(_ phase: PlanPhase?) -> Double { best(phase) * 1e6 / Double(resources) }

    // MARK: The line a child process prints

    private static let prefix = "eniplan-bench-plan-result"

    var resultLine: String {
        var fields: [(String, String)] = [
            ("instances", String(instances)), ("inputBytes", String(inputBytes)), ("resources", String(resources)),
            ("changes", String(changes)), ("effects", String(effects)), ("jsonBytes", String(jsonBytes)),
            ("textBytes", String(textBytes)), ("runs", String(runs)),
            ("wholeBestSeconds", String(wholeBestSeconds)), ("wholeWorstSeconds", String(wholeWorstSeconds)),
            ("rawDesiredBestSeconds", String(rawDesiredBestSeconds)), ("desiredBytes", String(desiredBytes)),
            ("baselineResidentBytes", String(baselineResidentBytes)), ("peakWasReset", String(peakWasReset)),
        ]
        for phase in PlanPhase.allCases {
            fields.append(("best." + phase.rawValue, String(bestSeconds[phase] ?? .nan)))
            fields.append(("worst." + phase.rawValue, String(worstSeconds[phase] ?? .nan)))
            fields.append(("peak." + phase.rawValue, String(peakResidentBytes[phase] ?? 0)))
        }
        return ResultLine.format(Self.prefix, fields)
    }

    /// Reads the line ``resultLine`` wrote out of a child's standard output.
    init?(resultLineIn output: String) {
        guard let line = ResultLine(Self.prefix, in: output) else { return nil }
        func int(_ key: String) -> Int? { line.int(key) }
        func double(_ key: String) -> Double? { line.double(key) }
        guard let instances = int("instances"), let inputBytes = int("inputBytes"), let resources = int("resources"),
              let changes = int("changes"), let effects = int("effects"), let jsonBytes = int("jsonBytes"),
              let textBytes = int("textBytes"), let runs = int("runs"),
              let wholeBest = double("wholeBestSeconds"), let wholeWorst = double("wholeWorstSeconds"),
              let rawDesired = double("rawDesiredBestSeconds"), let desiredBytes = int("desiredBytes"),
              let baseline = int("baselineResidentBytes"), let peakWasReset = line.bool("peakWasReset")
        else { return nil }
        var best: [PlanPhase: Double] = [:]
        var worst: [PlanPhase: Double] = [:]
        var peaks: [PlanPhase: Int] = [:]
        for phase in PlanPhase.allCases {
            guard let fastest = double("best." + phase.rawValue), let slowest = double("worst." + phase.rawValue),
                  let peak = int("peak." + phase.rawValue) else { return nil }
            best[phase] = fastest
            worst[phase] = slowest
            peaks[phase] = peak
        }
        self.init(instances: instances, inputBytes: inputBytes, resources: resources, changes: changes, effects: effects,
                  jsonBytes: jsonBytes, textBytes: textBytes, runs: runs, bestSeconds: best, worstSeconds: worst,
                  wholeBestSeconds: wholeBest, wholeWorstSeconds: wholeWorst, rawDesiredBestSeconds: rawDesired,
                  desiredBytes: desiredBytes, baselineResidentBytes: baseline,
                  peakResidentBytes: peaks, peakWasReset: peakWasReset)
    }

    init(instances: Int, inputBytes: Int, resources: Int, changes: Int, effects: Int, jsonBytes: Int, textBytes: Int, runs: Int,
         bestSeconds: [PlanPhase: Double], worstSeconds: [PlanPhase: Double], wholeBestSeconds: Double, wholeWorstSeconds: Double,
         rawDesiredBestSeconds: Double, desiredBytes: Int, baselineResidentBytes: Int, peakResidentBytes: [PlanPhase: Int], peakWasReset: Bool) {
        self.instances = instances
        self.inputBytes = inputBytes
        self.resources = resources
        self.changes = changes
        self.effects = effects
        self.jsonBytes = jsonBytes
        self.textBytes = textBytes
        self.runs = runs
        self.bestSeconds = bestSeconds
        self.worstSeconds = worstSeconds
        self.wholeBestSeconds = wholeBestSeconds
        self.wholeWorstSeconds = wholeWorstSeconds
        self.rawDesiredBestSeconds = rawDesiredBestSeconds
        self.desiredBytes = desiredBytes
        self.baselineResidentBytes = baselineResidentBytes
        self.peakResidentBytes = peakResidentBytes
        self.peakWasReset = peakWasReset
    }
}

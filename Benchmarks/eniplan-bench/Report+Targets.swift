/// The targets of issue 6/6, each with the figure this run measured.
extension Report {
    /// An upper bound on a measured figure, with the goal beyond it.
    struct Target {
        var limit: Double
        var goal: Double
    }

    /// `plan --format json`: CPU time over raw libyaml's over the same inputs.
    static let jsonToRaw = Target(limit: 2.5, goal: 2.0)
    /// `plan` (text) and `check`: CPU time over raw libyaml's over the same inputs.
    static let textToRaw = Target(limit: 2.0, goal: 1.5)
    /// Resident-set peak at the largest size over the input bytes.
    static let peakToInput = Target(limit: 5.0, goal: 4.0)

    /// The sizes the issue sets the ratios to raw libyaml at; other sizes are measured but not held to them.
    static let targetSizes: Set<Int> = [10_000, 100_000]

    func targetsSection() -> String {
        var lines: [String] = []
        func line(_ what: String, _ value: Double, _ target: Target, unit: String = "x") {
            let verdict = value <= target.goal ? "met, and the goal" : value <= target.limit ? "met (goal \(fixed(target.goal, 1))\(unit) not reached)" : "missed"
            lines.append("- \(what) at most \(fixed(target.limit, 1))\(unit) (goal \(fixed(target.goal, 1))\(unit)): **\(verdict)** (\(fixed(value, 2))\(unit))")
        }
        func bound(_ what: String, _ value: Double, _ limit: Double, _ shown: String) {
            lines.append("- \(what): **\(value <= limit ? "met" : "missed")** (\(shown))")
        }
        let sizes = Set(cliResults.map(\.instances)).sorted()
        for m in cliResults.sorted(by: { ($0.instances, Self.commandOrder($0)) < ($1.instances, Self.commandOrder($1)) })
            where Self.targetSizes.contains(m.instances) {
            let target = m.format == "json" ? Self.jsonToRaw : Self.textToRaw
            line("`\(m.commandLine)` at \(MeasurementTarget.shortCount(m.instances)) instances: CPU time over raw libyaml's", cpuToRaw(m), target)
        }
        if let largest = sizes.last {
            for m in cliResults where m.instances == largest {
                line("`\(m.commandLine)` at \(MeasurementTarget.shortCount(largest)) instances: peak resident set over the input bytes",
                     Double(m.peakResidentBytes) / Double(m.inputBytes), Self.peakToInput)
            }
        }
        if sizes.count >= 2, let largest = sizes.last {
            let smaller = sizes[sizes.count - 2]
            for command in CLIBenchmark.commands {
                guard let small = cliResults.first(where: { $0.instances == smaller && $0.format == command }),
                      let large = cliResults.first(where: { $0.instances == largest && $0.format == command }) else { continue }
                // Per input byte: the resources of a generated input are in proportion to its bytes.
                let ratio = (large.bestCPUSeconds / Double(large.inputBytes)) / (small.bestCPUSeconds / Double(small.inputBytes))
                bound("`\(large.commandLine)`: CPU time per resource at \(MeasurementTarget.shortCount(largest)) within "
                      + "\(fixed(Self.linearTarget, 1))x of \(MeasurementTarget.shortCount(smaller))", ratio, Self.linearTarget, fixed(ratio, 2) + "x")
            }
        }
        let pipeline = planResults.sorted { $0.instances < $1.instances }
        if pipeline.count >= 2 {
            let (small, large) = (pipeline[pipeline.count - 2], pipeline[pipeline.count - 1])
            let ratio = large.microsecondsPerResource(nil) / small.microsecondsPerResource(nil)
            bound("the plan pipeline's steps (whole): time per resource at \(MeasurementTarget.shortCount(large.instances)) within "
                  + "\(fixed(Self.linearTarget, 1))x of \(MeasurementTarget.shortCount(small.instances))", ratio, Self.linearTarget, fixed(ratio, 2) + "x")
        }
        for pair in lopsidedPairs {
            bound("linear on \(pair.small.caseName): CPU time per unit at \(pair.large.size) \(pair.large.unit) within "
                  + "\(fixed(Self.linearTarget, 1))x of \(pair.small.size)", pair.ratio, Self.linearTarget, fixed(pair.ratio, 2) + "x")
        }
        if let startUp {
            bound("start-up, `eniplan check` of a one-instance manifest: at most \(fixed(Self.startUpTarget * 1_000, 0)) ms of CPU",
                  startUp.runs.bestCPU, Self.startUpTarget, fixed(startUp.runs.bestCPU * 1_000, 1) + " ms")
        }
        guard !lines.isEmpty else { return "" }
        var text = "\n## Targets (issue 6/6)\n\n"
        text += "Each target with the figure measured above in this run. A figure between the target and the goal meets the target.\n\n"
        text += lines.map { $0 + "\n" }.joined()
        text += whereTheTimeGoes()
        return text
    }

    private static func commandOrder(_ m: CLIBenchmark.Measurement) -> Int {
        CLIBenchmark.commands.firstIndex(of: m.format) ?? CLIBenchmark.commands.count
    }

    /// At the largest size, each step of the pipeline and the rest of the process as a multiple of raw libyaml: what
    /// a ratio to raw is made of.
    private func whereTheTimeGoes() -> String {
        guard let pipeline = planResults.max(by: { $0.instances < $1.instances }), let raw = pipeline.bestSeconds[.raw] else { return "" }
        let label = MeasurementTarget.shortCount(pipeline.instances)
        var text = "\n### Where the time goes at \(label)\n\n"
        text += "Each step of the pipeline (best run, the same inputs) as a multiple of raw libyaml's time over both inputs; "
        text += "\"rest of the process\" is the process's CPU time less the steps it runs (start-up, reading the files, "
        text += "freeing memory, writing the output).\n\n"
        let steps: [PlanPhase] = [.load, .decode, .plan, .rules]
        var rows: [[String]] = []
        for m in cliResults where m.instances == pipeline.instances && !m.isCheck {
            let render: PlanPhase = m.format == "json" ? .json : .text
            let seconds = (steps + [render]).map { pipeline.bestSeconds[$0] ?? .nan }
            let rest = m.bestCPUSeconds - seconds.reduce(0, +)
            rows.append(["`\(m.commandLine)`"] + (seconds + [rest, m.bestCPUSeconds]).map { fixed($0 / raw, 2) + "x" })
        }
        text += table(["command", "load", "decode", "plan", "rules", "render", "rest of the process", "whole process"], rows)
        let floor = ((pipeline.bestSeconds[.load] ?? .nan) + (pipeline.bestSeconds[.decode] ?? .nan)) / raw
        let beforeRendering = (steps.map { pipeline.bestSeconds[$0] ?? .nan }.reduce(0, +)) / raw
        text += "\nWhat a missed ratio would take: loading and decoding alone are \(fixed(floor, 2))x raw libyaml here, and "
        text += "the four steps before rendering \(fixed(beforeRendering, 2))x, against a target of \(fixed(Self.textToRaw.limit, 1))x for `plan` "
        text += "and `check`. Within reach of the reporting and planning code alone is what rendering and the rest of the process "
        text += "cost; the remainder needs the loader and decoder to build the model from libyaml's events without the node tree "
        text += "between them (both walk every node once more than libyaml), ids interned to integers so that the planner's and "
        text += "the rules' indexes stop hashing strings, and one pass of the rules over the changes.\n"
        return text
    }
}

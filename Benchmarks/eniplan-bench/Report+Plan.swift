extension Report {
    /// Each step may take at most this multiple of its time per resource at the next size down.
    static let planScalingTarget = 1.2
    /// The whole plan may take at most this multiple of raw libyaml's time over its inputs.
    static let wholeToRawTarget = 3.0
    /// The resident-set peak may be at most this multiple of the input bytes.
    static let peakToInputTarget = 6.0

    var planSection: String {
        let results = planResults.sorted { $0.instances < $1.instances }
        var text = "\n## Plan pipeline\n\n"
        text += "Each step of `eniplan plan` over a generated `kind: State` current state and a `kind: Manifest` desired "
        text += "state that releases about a tenth of the instances, retains and reuses ENIs and deletes route entries "
        text += "(`PlanInputs`). Each input is loaded and then decoded before the next, as the command does. "
        text += "\"whole\" is load + decode + plan + rules + render text, what `eniplan plan` does by default; "
        text += "\"raw\" is libyaml's events over both inputs. Resources are the instances, ENIs, EIPs and route "
        text += "entries of both inputs.\n\n"
        text += table(
            ["instances", "inputs MB", "resources", "changes", "effects", "JSON MB", "text MB", "runs"]
                + PlanPhase.allCases.map { "\($0.title) ms" } + ["whole ms", "whole/raw"],
            results.map { m in
                [MeasurementTarget.shortCount(m.instances), fixed(m.megabytes, 2), String(m.resources), String(m.changes),
                 String(m.effects), fixed(Double(m.jsonBytes) / LoadMeasurement.megabyte, 1),
                 fixed(Double(m.textBytes) / LoadMeasurement.megabyte, 1), String(m.runs)]
                    + PlanPhase.allCases.map { milliseconds(m.bestSeconds[$0], m.worstSeconds[$0]) }
                    + [milliseconds(m.wholeBestSeconds, m.wholeWorstSeconds), fixed(m.wholeToRaw, 2) + "x"]
            })

        text += "\n### Plan pipeline per resource\n\n"
        text += "Microseconds per resource (best run) at each size; the ratio column divides each size's figure by the "
        text += "next size down's (1.00 is linear, 10.00 over a 10x step is quadratic). Throughput is at the largest size.\n\n"
        let pairs = zip(results, results.dropFirst()).map { ($0, $1) }
        let phases: [PlanPhase?] = PlanPhase.allCases.map { $0 } + [nil]
        if let largest = results.last {
            text += table(
                ["step"] + results.map { "\(MeasurementTarget.shortCount($0.instances)) µs/resource" }
                    + pairs.map { "\(MeasurementTarget.shortCount($1.instances))/\(MeasurementTarget.shortCount($0.instances))" }
                    + ["\(MeasurementTarget.shortCount(largest.instances)) resources/s", "\(MeasurementTarget.shortCount(largest.instances)) MB/s"],
                phases.map { phase in
                    [phase?.title ?? "whole"]
                        + results.map { fixed($0.microsecondsPerResource(phase), 3) }
                        + pairs.map { fixed($1.microsecondsPerResource(phase) / $0.microsecondsPerResource(phase), 2) }
                        + [String(Int((Double(largest.resources) / largest.best(phase)).rounded())),
                           fixed(largest.megabytes / largest.best(phase), 1)]
                })
        }

        text += "\n### Plan pipeline peak memory\n\n"
        text += "Resident set high-water mark (VmHWM) in MB during each step, reset before the step (so it includes "
        text += "what earlier steps keep alive: the decoded inputs during planning, the plan while rendering). "
        text += "\"base\" is the resident set with both inputs in memory.\n\n"
        text += table(
            ["instances", "inputs MB", "base"] + PlanPhase.allCases.filter { $0 != .raw }.map(\.title) + ["peak / inputs"],
            results.map { m in
                [MeasurementTarget.shortCount(m.instances), fixed(m.megabytes, 2), megabytes(m.baselineResidentBytes)]
                    + PlanPhase.allCases.filter { $0 != .raw }.map { megabytes(m.peakResidentBytes[$0] ?? 0) }
                    + [fixed(Double(m.peakResident) / Double(m.inputBytes), 2) + "x"]
            })
        if results.contains(where: { !$0.peakWasReset }) {
            text += "\nThe high-water mark could not be reset here: peaks include generating the inputs.\n"
        }

        text += "\n### Plan pipeline targets\n\n"
        if let largest = results.last {
            let label = MeasurementTarget.shortCount(largest.instances)
            text += "- \(label) instances (\(largest.resources) resources) plan in \(fixed(largest.wholeBestSeconds, 1)) s, within "
                + "\(fixed(Self.wholeToRawTarget, 0))x raw libyaml over the same inputs: "
                + "**\(largest.wholeToRaw <= Self.wholeToRawTarget ? "met" : "not met")** (\(fixed(largest.wholeToRaw, 2))x)\n"
            let peakRatio = Double(largest.peakResident) / Double(largest.inputBytes)
            text += "- \(label) peak memory of the steps under \(fixed(Self.peakToInputTarget, 0))x the input bytes: "
                + "**\(peakRatio <= Self.peakToInputTarget ? "met" : "not met")** (\(fixed(peakRatio, 2))x; this process "
                + "holds both inputs' bytes throughout, which `eniplan` does not: see the end-to-end table)\n"
        }
        if let (small, large) = pairs.last {
            for phase in phases {
                let ratio = large.microsecondsPerResource(phase) / small.microsecondsPerResource(phase)
                text += "- \(phase?.title ?? "whole") per resource at \(MeasurementTarget.shortCount(large.instances)) within "
                    + "\(fixed(Self.planScalingTarget, 1))x of \(MeasurementTarget.shortCount(small.instances)): "
                    + "**\(ratio <= Self.planScalingTarget ? "met" : "not met")** (\(fixed(ratio, 2))x)\n"
            }
        }
        if !cliResults.isEmpty { text += cliSection() }
        return text
    }

    /// The real `eniplan plan` and `eniplan check`, end to end.
    private func cliSection() -> String {
        var text = "\n## eniplan plan and check, end to end\n\n"
        text += "The `eniplan` executable itself (`--cli`), one process per run over the same inputs, its output sent to "
        text += "/dev/null: what a user waits for. `plan` reads both inputs; `check` reads the desired manifest alone. Wall "
        text += "and CPU time (user and system) of the process, the best of the runs; the resident-set peak is the kernel's "
        text += "(`wait4`), the largest of the runs. \"CPU/raw\" divides the process's CPU time by raw libyaml's time over "
        text += "the same inputs, from the pipeline's runs above.\n\n"
        text += table(
            ["instances", "command", "inputs MB", "exit", "runs", "wall s", "CPU s", "CPU/raw", "peak MB", "peak / inputs"],
            cliResults.map { m in
                [MeasurementTarget.shortCount(m.instances), "`\(m.commandLine)`", fixed(m.megabytes, 2), String(m.exitStatus), String(m.runs),
                 fixed(m.bestWallSeconds, 2) + " / " + fixed(m.worstWallSeconds, 2), fixed(m.bestCPUSeconds, 2),
                 fixed(cpuToRaw(m), 2) + "x", megabytes(m.peakResidentBytes),
                 fixed(Double(m.peakResidentBytes) / Double(m.inputBytes), 2) + "x"]
            })
        return text
    }

    /// The process's CPU time over raw libyaml's over the same inputs (both for `plan`, the desired manifest for `check`).
    func cpuToRaw(_ m: CLIBenchmark.Measurement) -> Double {
        guard let pipeline = planResults.first(where: { $0.instances == m.instances }) else { return .nan }
        return m.bestCPUSeconds / (m.isCheck ? pipeline.rawDesiredBestSeconds : pipeline.bestSeconds[.raw] ?? .nan)
    }

    private func milliseconds(_ best: Double?, _ worst: Double?) -> String {
        fixed((best ?? .nan) * 1_000, 1) + " / " + fixed((worst ?? .nan) * 1_000, 1)
    }

    func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / LoadMeasurement.megabyte, 1) }
}

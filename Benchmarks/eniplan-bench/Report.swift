import EniplanYAML

/// The markdown report: throughput, memory, scaling across sizes, and the targets, for the loader and
/// for the plan pipeline.
struct Report {
    var options: BenchmarkOptions
    var results: [(target: MeasurementTarget, measurement: LoadMeasurement)]
    var planResults: [PlanMeasurement] = []
    var cliResults: [CLIBenchmark.Measurement] = []
    var sweepResults: [SweepBenchmark.Measurement] = []
    var lopsidedResults: [LopsidedBenchmark.Measurement] = []
    var startUp: LopsidedBenchmark.StartUp?

    /// The loader may take at most this multiple of raw libyaml's time.
    static let loaderToRawTarget = 1.5
    /// Time per MB at the largest size may be at most this multiple of the next size down.
    static let scalingTarget = 1.2

    var markdown: String {
        var text = "# eniplan benchmarks\n\n"
        text += "Generated inputs: cn-hangzhou, seed 0x\(String(options.seed, radix: 16, uppercase: true)). Times are "
        text += "\(options.clock.description), the best of the runs (worst after the slash); MB = 10^6 bytes."
        if let cpu = Self.processorName() { text += " CPU: \(cpu)." }
        text += "\n"
        if !results.isEmpty { text += loaderSection }
        if !planResults.isEmpty { text += planSection }
        text += lopsidedSection()
        text += sweepSection()
        text += targetsSection()
        text += reproduceSection()
        return text
    }

    private var loaderSection: String {
        var text = "\n## Loader\n\n"
        text += "`countLibYAMLEvents` (raw libyaml events, nothing built) against `YAMLLoader.load(bytes:file:options:)` "
        text += "(strict mode) over the same bytes of a generated `kind: Manifest`; raw and loader runs alternate.\n\n"
        text += table(
            ["manifest", "input MB", "events", "nodes", "runs", "raw ms", "raw MB/s", "loader ms", "loader MB/s",
             "loader/raw", "raw ms/MB", "loader ms/MB"],
            results.map { target, m in
                [target.label, fixed(m.megabytes, 2), String(m.events), String(m.nodes), String(m.runs),
                 fixed(m.rawSeconds * 1_000, 1) + " / " + fixed(m.rawWorstSeconds * 1_000, 1), fixed(m.rawMegabytesPerSecond, 1),
                 fixed(m.loaderSeconds * 1_000, 1) + " / " + fixed(m.loaderWorstSeconds * 1_000, 1), fixed(m.loaderMegabytesPerSecond, 1),
                 fixed(m.loaderToRaw, 2) + "x", fixed(m.rawMillisecondsPerMegabyte, 2), fixed(m.loaderMillisecondsPerMegabyte, 2)]
            })
        text += "\n### Loader peak memory\n\n"
        text += "Resident set high-water mark (VmHWM), in MB. \"base\" is the resident set with the input in memory "
        text += "before parsing; each phase's mark is reset to it (`/proc/self/clear_refs`) before the phase runs"
        text += options.inProcess ? ".\n\n" : ", and each manifest is measured in its own process.\n\n"
        text += table(
            ["manifest", "input MB", "base", "peak, libyaml", "peak, loader", "loader extra", "loader extra / input", "loader peak / input"],
            results.map { target, m in
                [target.label, fixed(m.megabytes, 2), fixed(Double(m.baselineResidentBytes) / LoadMeasurement.megabyte, 1),
                 fixed(Double(m.rawPeakResidentBytes) / LoadMeasurement.megabyte, 1),
                 fixed(Double(m.loaderPeakResidentBytes) / LoadMeasurement.megabyte, 1),
                 fixed(Double(max(0, m.loaderPeakResidentBytes - m.baselineResidentBytes)) / LoadMeasurement.megabyte, 1),
                 fixed(m.loaderExtraPerInputByte, 2) + "x", fixed(m.loaderPeakPerInputByte, 2) + "x"]
            })
        if results.contains(where: { !$0.measurement.peakWasReset }) {
            text += "\nThe high-water mark could not be reset here: peaks include generating the manifest.\n"
        }
        let scaling = scalingPairs
        if !scaling.isEmpty {
            text += "\n### Loader scaling\n\n"
            text += "Time per MB of the larger manifest divided by the smaller's: 1.00 is linear, 10.00 over a 10x size step is quadratic.\n\n"
            text += table(
                ["from", "to", "input ratio", "raw ms/MB ratio", "loader ms/MB ratio"],
                scaling.map { small, large in
                    [small.target.label, large.target.label,
                     fixed(Double(large.measurement.inputBytes) / Double(small.measurement.inputBytes), 2) + "x",
                     fixed(large.measurement.rawMillisecondsPerMegabyte / small.measurement.rawMillisecondsPerMegabyte, 2),
                     fixed(large.measurement.loaderMillisecondsPerMegabyte / small.measurement.loaderMillisecondsPerMegabyte, 2)]
                })
        }
        text += "\n### Loader targets\n\n" + targets
        return text
    }

    /// Consecutive generated sizes, smallest first.
    private var scalingPairs: [(small: (target: MeasurementTarget, measurement: LoadMeasurement),
                                large: (target: MeasurementTarget, measurement: LoadMeasurement))] {
        let generated = results
            .compactMap { result -> (instances: Int, result: (target: MeasurementTarget, measurement: LoadMeasurement))? in
                if case .generated(let instances) = result.target { return (instances, result) }
                return nil
            }
            .sorted { $0.instances < $1.instances }
            .map(\.result)
        return zip(generated, generated.dropFirst()).map { ($0, $1) }
    }

    private var targets: String {
        var lines: [String] = []
        let generated = results.filter { if case .generated = $0.target { true } else { false } }
        if let worst = generated.max(by: { $0.measurement.loaderToRaw < $1.measurement.loaderToRaw }) {
            let met = worst.measurement.loaderToRaw <= Self.loaderToRawTarget
            lines.append("- loader time at most \(fixed(Self.loaderToRawTarget, 1))x raw libyaml: **\(met ? "met" : "not met")** "
                         + "(worst \(fixed(worst.measurement.loaderToRaw, 2))x at \(worst.target.label))")
        }
        if let (small, large) = scalingPairs.last {
            let ratio = large.measurement.loaderMillisecondsPerMegabyte / small.measurement.loaderMillisecondsPerMegabyte
            let met = ratio <= Self.scalingTarget
            lines.append("- loader time per MB at \(large.target.label) within \(fixed(Self.scalingTarget, 1))x of \(small.target.label): "
                         + "**\(met ? "met" : "not met")** (\(fixed(ratio, 2))x)")
        }
        let defaultLimit = LoaderLimits().maxFileBytes
        for (target, measurement) in results where measurement.inputBytes > defaultLimit {
            lines.append("- \(target.label) is \(fixed(measurement.megabytes, 1)) MB, over the loader's default file-size limit "
                         + "(\(defaultLimit / (1 << 20)) MiB): eniplan rejects it unless --max-file-size is raised "
                         + "(the benchmark raises the limit to measure it)")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private func reproduceSection() -> String {
        var text = "\n## How to reproduce\n\n```sh\n"
        text += "swift build -c release --product eniplan-bench --scratch-path .build-bench\n"
        text += "swift build -c release --product eniplan --scratch-path .build-bench\n"
        text += ".build-bench/release/eniplan-bench --runs 5 --large-runs 3 --cli .build-bench/release/eniplan --sweep 1000x10 --output BENCHMARKS.md\n"
        text += "```\n\nThis page is that command's report (`--help` lists the options: `--only load|plan|sweep|lopsided`, "
        text += "`--sizes`, `--plan-sizes`, `--write-manifests DIR`, ...). The machines are 2-core and shared with builds: "
        text += "CPU time, not wall time, is what the ratios use, and the best run counts.\n"
        return text
    }

    // MARK: Formatting

    func table(_ header: [String], _ rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n"
        text += "|" + header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined() + "\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }

    /// `value` with exactly `digits` decimals, rounded half away from zero.
    func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// The CPU model from /proc/cpuinfo, when there is one.
    private static func processorName() -> String? {
        guard let bytes = try? FileIO.read("/proc/cpuinfo") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[line.index(after: colon)...].drop { $0 == " " }
        return name.isEmpty ? nil : String(name)
    }
}

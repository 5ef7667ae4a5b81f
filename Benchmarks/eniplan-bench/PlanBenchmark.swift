import EniplanCore
import EniplanYAML

/// Times `eniplan plan` step by step over a generated current state and desired manifest, in this process.
enum PlanBenchmark {
    /// Suppressions expire against this date; fixed so every run judges them alike.
    static let today = "2026-11-26"

    static func measure(instances: Int, options: BenchmarkOptions) throws(BenchmarkFailure) -> PlanMeasurement {
        let inputs = try self.inputs(instances: instances, options: options)
        let label = MeasurementTarget.shortCount(instances)
        let catalog: RegionCatalog
        do throws(InputError) {
            catalog = try RegionCatalogDecoder.builtIn()
        } catch {
            throw failure("the built-in region catalogue does not load", error)
        }
        // The benchmark measures speed, not the size limit: at 100k instances each input is over the
        // 64 MiB default, which the loader benchmark reports beside its table.
        var limits = LoaderLimits()
        limits.maxFileBytes = max(limits.maxFileBytes, inputs.current.count, inputs.desired.count)
        let loaderOptions = LoaderOptions(limits: limits, mode: .strict)
        let files = [("state-\(label).yaml", inputs.current), ("desired-\(label).yaml", inputs.desired)]
        let runs = options.runs(for: .generated(instances: instances))
        let clock = options.clock

        let peakWasReset = MemoryProbe.resetPeak()
        let baseline = MemoryProbe.residentBytes() ?? 0
        var times: [PlanPhase: [Double]] = [:]
        var wholeTimes: [Double] = []
        var rawDesiredTimes: [Double] = []
        var peaks: [PlanPhase: Int] = [:]
        var resources = 0
        var changes = 0
        var effects = 0
        var jsonBytes = 0
        var textBytes = 0
        /// Runs `body` as (part of) `phase`, adding its time and keeping the phase's resident-set peak.
        func timed<Result>(_ phase: PlanPhase, _ elapsed: inout Double, _ body: () throws(BenchmarkFailure) -> Result)
            throws(BenchmarkFailure) -> Result
        {
            MemoryProbe.resetPeak()
            let start = clock.now()
            let result = try body()
            elapsed += clock.now() - start
            peaks[phase] = max(peaks[phase] ?? 0, MemoryProbe.peakResidentBytes() ?? 0)
            return result
        }

        for _ in 0..<runs {
            var elapsed: [PlanPhase: Double] = [:]
            try timed(.raw, &elapsed[.raw, default: 0]) { () throws(BenchmarkFailure) in
                for (index, (file, bytes)) in files.enumerated() {
                    let start = clock.now()
                    guard bytes.withUnsafeBufferPointer({ countLibYAMLEvents(in: $0) }) != nil else {
                        throw BenchmarkFailure("libyaml rejects '\(file)'")
                    }
                    // The desired manifest alone, what `eniplan check` of it reads.
                    if index == files.count - 1 { rawDesiredTimes.append(clock.now() - start) }
                }
            }
            // As `eniplan plan` reads its inputs: each file loaded, then decoded, before the next, so
            // only one document is alive at a time.
            var manifests: [Manifest] = []
            for (file, bytes) in files {
                let document = try timed(.load, &elapsed[.load, default: 0]) { () throws(BenchmarkFailure) in
                    do throws(YAMLError) {
                        return try YAMLLoader.load(bytes: bytes, file: file, options: loaderOptions)
                    } catch {
                        throw BenchmarkFailure("the loader rejects '\(file)': \(error.range.description): \(error.message)")
                    }
                }
                manifests.append(try timed(.decode, &elapsed[.decode, default: 0]) { () throws(BenchmarkFailure) in
                    do throws(InputError) {
                        return try ManifestDecoder.decode(document)
                    } catch {
                        throw failure("'\(file)' does not decode", error)
                    }
                })
            }
            // As `eniplan plan` runs them: the pipeline's steps in its order, the indexes planning built reused by the
            // rules, then gone with the planned run; the analysis keeps the plan alone.
            let inputs = PipelineInputs(mode: .plan, current: [manifests[0]], subjects: [manifests[1]], catalog: catalog, today: today)
            let analysis = try { () throws(BenchmarkFailure) -> Analysis in
                let planned = try timed(.plan, &elapsed[.plan, default: 0]) { () throws(BenchmarkFailure) in
                    do throws(InputError) {
                        return try Pipeline.plan(inputs)
                    } catch {
                        throw failure("the planner rejects the inputs", error)
                    }
                }
                return try timed(.rules, &elapsed[.rules, default: 0]) { () throws(BenchmarkFailure) in
                    do throws(InputError) {
                        return try Pipeline.analyze(planned)
                    } catch {
                        throw failure("the rules reject the inputs", error)
                    }
                }
            }()
            let plan = analysis.plan
            // As `eniplan plan --format json` writes it: streamed, here into a count of its bytes.
            let json = try timed(.json, &elapsed[.json, default: 0]) { () throws(BenchmarkFailure) -> Int in
                var count = 0
                do {
                    try JSONPlanReporter.write(plan) { count += $0.count }
                } catch {
                    throw BenchmarkFailure("the JSON plan does not encode: \(error)")
                }
                return count
            }
            let text = try timed(.text, &elapsed[.text, default: 0]) { TextPlanReporter(useColor: false).render(plan) }

            for phase in PlanPhase.allCases { times[phase, default: []].append(elapsed[phase] ?? 0) }
            wholeTimes.append(PlanPhase.pipeline.reduce(0) { $0 + (elapsed[$1] ?? 0) })
            resources = manifests.reduce(0) { $0 + resourceCount($1) }
            changes = plan.changes.count
            effects = plan.changes.reduce(0) { $0 + $1.effects.count }
            jsonBytes = json
            textBytes = text.utf8.count
        }

        return PlanMeasurement(
            instances: instances, inputBytes: inputs.current.count + inputs.desired.count, resources: resources,
            changes: changes, effects: effects, jsonBytes: jsonBytes, textBytes: textBytes, runs: runs,
            bestSeconds: times.mapValues { $0.min() ?? .nan }, worstSeconds: times.mapValues { $0.max() ?? .nan },
            wholeBestSeconds: wholeTimes.min() ?? .nan, wholeWorstSeconds: wholeTimes.max() ?? .nan,
            rawDesiredBestSeconds: rawDesiredTimes.min() ?? .nan, desiredBytes: inputs.desired.count,
            baselineResidentBytes: baseline, peakResidentBytes: peaks, peakWasReset: peakWasReset)
    }

    /// The inputs at `instances`: generated (and written when there is a manifest directory), or read
    /// from the manifest directory when they are already there.
    static func inputs(instances: Int, options: BenchmarkOptions) throws(BenchmarkFailure) -> (current: [UInt8], desired: [UInt8]) {
        let paths = options.manifestDirectory.map { inputPaths(instances: instances, in: $0) }
        if options.readsInputs, let paths {
            return (try FileIO.read(paths.current), try FileIO.read(paths.desired))
        }
        let inputs = PlanInputs(instanceCount: instances, seed: options.seed)
        if let paths {
            try FileIO.write(inputs.current, to: paths.current)
            try FileIO.write(inputs.desired, to: paths.desired)
        }
        return (inputs.current, inputs.desired)
    }

    static func inputPaths(instances: Int, in directory: String) -> (current: String, desired: String) {
        let label = MeasurementTarget.shortCount(instances)
        return ("\(directory)/state-\(label).yaml", "\(directory)/desired-\(label).yaml")
    }

    /// Instances, ENIs (attached and standalone), EIPs and route entries.
    private static func resourceCount(_ manifest: Manifest) -> Int {
        manifest.instances.reduce(0) { $0 + 1 + $1.networkInterfaces.count } + manifest.networkInterfaces.count
            + manifest.eips.count + manifest.routeTables.reduce(0) { $0 + $1.entries.count }
    }

    private static func failure(_ what: String, _ error: InputError) -> BenchmarkFailure {
        let first = error.diagnostics.first.map { ": \($0.range?.description ?? "eniplan"): \($0.message)" } ?? ""
        return BenchmarkFailure("\(what) (\(error.diagnostics.count) problems)\(first)")
    }
}

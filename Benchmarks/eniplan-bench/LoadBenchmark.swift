import EniplanYAML

/// Measures one manifest: libyaml alone, then the loader, over the same bytes, in this process.
enum LoadBenchmark {
    /// Generates (or reads) the target's bytes and measures them.
    static func measure(_ target: MeasurementTarget, options: BenchmarkOptions) throws(BenchmarkFailure) -> LoadMeasurement {
        let bytes = try input(for: target, options: options)
        return try measure(bytes: bytes, file: target.label, runs: options.runs(for: target), clock: options.clock)
    }

    /// The target's bytes: generated (and written when there is a manifest directory), or read from
    /// the manifest directory when the inputs are already there.
    static func input(for target: MeasurementTarget, options: BenchmarkOptions) throws(BenchmarkFailure) -> [UInt8] {
        switch target {
        case .generated(let instances):
            if options.readsInputs, let directory = options.manifestDirectory {
                return try FileIO.read(manifestPath(for: target, in: directory))
            }
            let bytes = ManifestGenerator(instanceCount: instances, seed: options.seed).generate()
            if let directory = options.manifestDirectory {
                try FileIO.write(bytes, to: manifestPath(for: target, in: directory))
            }
            return bytes
        case .file(let path):
            return try FileIO.read(path)
        }
    }

    static func manifestPath(for target: MeasurementTarget, in directory: String) -> String {
        "\(directory)/manifest-\(target.label).yaml"
    }

    /// Best and worst of `runs` timed runs of each reader, and the resident-set peak of each phase.
    static func measure(bytes: [UInt8], file: String, runs: Int, clock: BenchmarkClock) throws(BenchmarkFailure) -> LoadMeasurement {
        // The benchmark measures speed, not the size limit: a 100k-instance manifest is over the
        // 64 MiB default, which is a finding of its own, reported beside the table.
        var limits = LoaderLimits()
        limits.maxFileBytes = max(limits.maxFileBytes, bytes.count)
        let options = LoaderOptions(limits: limits, mode: .strict)

        // Raw and loader runs alternate, so a burst of load on the machine slows both alike rather
        // than skewing their ratio; each phase's peak is reset before it runs and the highest kept.
        let peakWasReset = MemoryProbe.resetPeak()
        let baseline = MemoryProbe.residentBytes() ?? 0
        var rawTimes: [Double] = []
        var loaderTimes: [Double] = []
        var rawPeak = 0
        var loaderPeak = 0
        var events = -1
        var nodes = -1
        var comments = 0
        for _ in 0..<runs {
            MemoryProbe.resetPeak()
            let rawStart = clock.now()
            let counted = bytes.withUnsafeBufferPointer { countLibYAMLEvents(in: $0) }
            let elapsed = clock.now() - rawStart
            guard let counted else { throw BenchmarkFailure("libyaml rejects '\(file)'") }
            guard events == -1 || events == counted else { throw BenchmarkFailure("libyaml counted \(events), then \(counted) events") }
            events = counted
            rawTimes.append(elapsed)
            rawPeak = max(rawPeak, MemoryProbe.peakResidentBytes() ?? 0)

            MemoryProbe.resetPeak()
            let start = clock.now()
            let document: YAMLDocument
            do {
                document = try YAMLLoader.load(bytes: bytes, file: file, options: options)
            } catch {
                throw BenchmarkFailure("the loader rejects '\(file)': \(error.range.description): \(error.message)")
            }
            // Stop the clock before the document is freed: freeing is the caller's cost, not loading's.
            loaderTimes.append(clock.now() - start)
            loaderPeak = max(loaderPeak, MemoryProbe.peakResidentBytes() ?? 0)
            guard nodes == -1 || nodes == document.nodeCount else { throw BenchmarkFailure("the loader built \(nodes), then \(document.nodeCount) nodes") }
            nodes = document.nodeCount
            comments = document.comments.count
        }

        return LoadMeasurement(
            inputBytes: bytes.count, events: events, nodes: nodes, comments: comments, runs: runs,
            rawSeconds: rawTimes.min() ?? 0, loaderSeconds: loaderTimes.min() ?? 0,
            rawWorstSeconds: rawTimes.max() ?? 0, loaderWorstSeconds: loaderTimes.max() ?? 0,
            baselineResidentBytes: baseline, rawPeakResidentBytes: rawPeak, loaderPeakResidentBytes: loaderPeak,
            peakWasReset: peakWasReset)
    }
}

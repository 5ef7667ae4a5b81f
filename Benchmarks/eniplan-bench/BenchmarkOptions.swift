/// What the benchmark was asked to do, parsed from `CommandLine.arguments` by hand.
struct BenchmarkOptions {
    /// Generated manifest sizes, in instances.
    var sizes: [Int] = [1_000, 10_000, 100_000]
    /// Existing manifests to measure as well (`--input FILE`, repeatable).
    var inputFiles: [String] = []
    /// Timed runs per measurement below ``largeSize`` instances; the best one counts.
    var runs = 5
    /// Timed runs per measurement at ``largeSize`` instances and above, and for input files.
    var largeRuns = 3
    var seed = ManifestGenerator(instanceCount: 0).seed
    /// Where to write the report besides standard output.
    var outputPath: String?
    /// Where to write each generated manifest, as `manifest-<size>.yaml`.
    var manifestDirectory: String?
    /// Write the manifests and measure nothing.
    var generateOnly = false
    /// Measure every size in this process (peak memory reset through `/proc/self/clear_refs`)
    /// instead of one child process per size.
    var inProcess = false
    /// Internal: measure one size or file and print the result line (what a child process does).
    var childTask: MeasurementTarget?

    static let largeSize = 100_000

    static let usage = """
        usage: eniplan-bench [--sizes 1k,10k,100k] [--input FILE]... [--runs N] [--large-runs N]
                             [--seed N] [--output FILE] [--write-manifests DIR] [--generate-only]
                             [--in-process]

        Times raw libyaml event parsing (the floor) and YAMLLoader over the same generated manifests,
        and reports throughput, the loader/raw ratio, the time per MB across sizes, and peak memory.

          --sizes LIST          instance counts, comma-separated; k and m suffixes (default 1k,10k,100k)
          --input FILE          also measure an existing manifest (repeatable)
          --runs N              timed runs per measurement, best kept (default 5)
          --large-runs N        runs at 100k instances and above, and for --input files (default 3)
          --seed N              generator seed, decimal or 0x hex (default 0x5EEDE419A4)
          --output FILE         also write the markdown report to FILE
          --write-manifests DIR write each generated manifest to DIR/manifest-<size>.yaml
          --generate-only       with --write-manifests: write the manifests, measure nothing
          --in-process          measure every size in this process instead of a child per size

        Each size is measured in a child process (this executable, re-run) so that its resident-set
        high-water mark (VmHWM) is its own.
        """

    func runs(for target: MeasurementTarget) -> Int {
        switch target {
        case .generated(let instances): instances >= Self.largeSize ? largeRuns : runs
        case .file: largeRuns
        }
    }

    /// Every measurement in report order: generated sizes, then input files.
    var targets: [MeasurementTarget] {
        sizes.map { .generated(instances: $0) } + inputFiles.map { .file(path: $0) }
    }

    struct UsageError: Error {
        var message: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        func value(for flag: String) throws(UsageError) -> String {
            guard let next = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            return next
        }
        func count(for flag: String) throws(UsageError) -> Int {
            let text = try value(for: flag)
            guard let number = Int(text), number > 0 else { throw UsageError(message: "\(flag) needs a positive whole number, not '\(text)'") }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--sizes":
                let text = try value(for: argument)
                options.sizes = []
                for item in text.split(separator: ",") {
                    guard let size = instanceCount(item), size > 0 else {
                        throw UsageError(message: "--sizes takes instance counts like 1k,10k,100k, not '\(item)'")
                    }
                    options.sizes.append(size)
                }
            case "--input": options.inputFiles.append(try value(for: argument))
            case "--runs": options.runs = try count(for: argument)
            case "--large-runs": options.largeRuns = try count(for: argument)
            case "--seed":
                let text = try value(for: argument)
                guard let seed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text) else {
                    throw UsageError(message: "--seed needs a number, not '\(text)'")
                }
                options.seed = seed
            case "--output": options.outputPath = try value(for: argument)
            case "--write-manifests": options.manifestDirectory = try value(for: argument)
            case "--generate-only": options.generateOnly = true
            case "--in-process": options.inProcess = true
            case "--child-size":
                let text = try value(for: argument)
                guard let size = Int(text) else { throw UsageError(message: "--child-size needs a number") }
                options.childTask = .generated(instances: size)
            case "--child-file": options.childTask = .file(path: try value(for: argument))
            case "--help", "-h": throw UsageError(message: "")
            default: throw UsageError(message: "unknown argument '\(argument)'")
            }
        }
        if options.generateOnly && options.manifestDirectory == nil {
            throw UsageError(message: "--generate-only needs --write-manifests DIR")
        }
        return options
    }

    /// The arguments a child process needs to measure `target` as this run would.
    func childArguments(for target: MeasurementTarget) -> [String] {
        var arguments = ["--runs", String(runs), "--large-runs", String(largeRuns), "--seed", String(seed)]
        if let manifestDirectory { arguments += ["--write-manifests", manifestDirectory] }
        switch target {
        case .generated(let instances): arguments += ["--child-size", String(instances)]
        case .file(let path): arguments += ["--child-file", path]
        }
        return arguments
    }

    private static func instanceCount(_ text: Substring) -> Int? {
        let lowered = text.lowercased()
        let multipliers: [(suffix: String, factor: Int)] = [("k", 1_000), ("m", 1_000_000)]
        for (suffix, factor) in multipliers where lowered.hasSuffix(suffix) {
            return Int(lowered.dropLast()).map { $0 * factor }
        }
        return Int(lowered)
    }
}

/// What the benchmark was asked to do, parsed from `CommandLine.arguments` by hand.
struct BenchmarkOptions {
    /// Generated manifest sizes for the loader benchmark, in instances.
    var sizes: [Int] = [1_000, 10_000, 100_000]
    /// Generated account sizes for the plan benchmark, in instances.
    var planSizes: [Int] = [1_000, 10_000, 100_000]
    /// Which benchmarks run: the loader's, the plan pipeline's, or both.
    var measuresLoad = true
    var measuresPlan = true
    /// With ``cliPath``: the lopsided estates and the start-up, end to end.
    var measuresLopsided = true
    /// Existing manifests to measure as well (`--input FILE`, repeatable).
    var inputFiles: [String] = []
    /// Timed runs per measurement below ``largeSize`` instances; the best one counts.
    var runs = 5
    /// Timed runs per measurement at ``largeSize`` instances and above, and for input files.
    var largeRuns = 3
    var seed = GeneratedAccount.defaultSeed
    var clock = BenchmarkClock.cpu
    /// Where to write the report besides standard output.
    var outputPath: String?
    /// Where to write each generated input: `manifest-<size>.yaml` for the loader benchmark,
    /// `state-<size>.yaml` and `desired-<size>.yaml` for the plan benchmark.
    var manifestDirectory: String?
    /// Write the manifests and measure nothing.
    var generateOnly = false
    /// Measure every size in this process (peak memory reset through `/proc/self/clear_refs`)
    /// instead of one child process per size.
    var inProcess = false
    /// Internal: measure one size or file and print the result line (what a child process does).
    var childTask: MeasurementTarget?
    /// Internal: run the plan benchmark at one size and print the result line.
    var childPlanSize: Int?
    /// Internal: the generated inputs are already in ``manifestDirectory``; read them, do not generate.
    /// The parent generates them so that each child's heap starts as clean as eniplan's does.
    var readsInputs = false
    /// The `eniplan` executable to run end to end over the plan inputs (`--cli PATH`); nil: do not.
    var cliPath: String?
    /// Internal: run ``cliPath`` once over these inputs in this format and print the result line.
    var childCLIRun: (format: String, current: String, desired: String)?
    /// A sweep to run with ``cliPath``: this many generated files of this many instances each (`--sweep 1000x10`).
    var sweep: (files: Int, instancesEach: Int)?
    /// Internal: run `eniplan check` once over this folder in this format and print the result line.
    var childCLISweep: (format: String, directory: String)?

    static let largeSize = 100_000

    static let usage = """
        usage: eniplan-bench [--only load|plan|sweep|lopsided] [--sizes 1k,10k,100k] [--plan-sizes 1k,10k,100k]
                             [--input FILE]... [--runs N] [--large-runs N] [--seed N] [--clock cpu|wall]
                             [--output FILE] [--write-manifests DIR] [--generate-only] [--in-process]
                             [--cli PATH] [--sweep FILESxINSTANCES]

        The loader benchmark times raw libyaml event parsing (the floor) and YAMLLoader over the same
        generated manifests, and reports throughput, the loader/raw ratio, the time per MB across sizes,
        and peak memory. The plan benchmark times each step of `eniplan plan` (load, decode, plan, rules,
        render) over a generated current state and desired manifest, per resource and against raw libyaml.

          --only load|plan|sweep|lopsided
                                run one benchmark only (default: load, plan and, with --cli, lopsided;
                                sweep needs --sweep, lopsided --cli)
          --sizes LIST          loader benchmark instance counts, comma-separated; k and m suffixes
                                (default 1k,10k,100k)
          --plan-sizes LIST     plan benchmark instance counts (default 1k,10k,100k)
          --input FILE          also measure an existing manifest (repeatable)
          --runs N              timed runs per measurement, best kept (default 5)
          --large-runs N        runs at 100k instances and above, and for --input files (default 3)
          --seed N              generator seed, decimal or 0x hex (default 0x5EEDE419A4)
          --clock cpu|wall      time the measuring thread's CPU time (default) or wall-clock time
          --output FILE         also write the markdown report to FILE
          --write-manifests DIR write each generated input to DIR: manifest-<size>.yaml (loader),
                                state-<size>.yaml and desired-<size>.yaml (plan)
          --generate-only       with --write-manifests: write the inputs, measure nothing
          --in-process          measure every size in this process instead of a child per size
          --cli PATH            also run the eniplan executable at PATH end to end over each plan size's
                                inputs (`plan --format text`, then `--format json`, then `check` of the
                                desired manifest, output to /dev/null), and report its wall and CPU time
                                and its maximum resident set; then the lopsided estates (`plan` over a
                                route table of 25k and 50k entries to one ENI, an instance of 5k and 10k
                                ENIs, an ENI in 100k and 200k security groups) and the start-up (`check`
                                of a one-instance manifest, 20 runs); and the targets of issue 6/6
          --sweep FxI           with --cli: also run `eniplan check` over a folder of F generated manifests of
                                I instances each (each its own estate), e.g. 1000x10

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
        func sizes(for flag: String) throws(UsageError) -> [Int] {
            let text = try value(for: flag)
            var sizes: [Int] = []
            for item in text.split(separator: ",") {
                guard let size = instanceCount(item), size > 0 else {
                    throw UsageError(message: "\(flag) takes instance counts like 1k,10k,100k, not '\(item)'")
                }
                sizes.append(size)
            }
            return sizes
        }
        func count(for flag: String) throws(UsageError) -> Int {
            let text = try value(for: flag)
            guard let number = Int(text), number > 0 else { throw UsageError(message: "\(flag) needs a positive whole number, not '\(text)'") }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--sizes": options.sizes = try sizes(for: argument)
            case "--plan-sizes": options.planSizes = try sizes(for: argument)
            case "--only":
                switch try value(for: argument) {
                case "load": (options.measuresLoad, options.measuresPlan, options.measuresLopsided) = (true, false, false)
                case "plan": (options.measuresLoad, options.measuresPlan, options.measuresLopsided) = (false, true, false)
                case "sweep": (options.measuresLoad, options.measuresPlan, options.measuresLopsided) = (false, false, false)
                case "lopsided": (options.measuresLoad, options.measuresPlan, options.measuresLopsided) = (false, false, true)
                case let other: throw UsageError(message: "--only takes load, plan, sweep or lopsided, not '\(other)'")
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
            case "--clock":
                let text = try value(for: argument)
                guard let clock = BenchmarkClock(rawValue: text) else { throw UsageError(message: "--clock takes cpu or wall, not '\(text)'") }
                options.clock = clock
            case "--output": options.outputPath = try value(for: argument)
            case "--write-manifests": options.manifestDirectory = try value(for: argument)
            case "--generate-only": options.generateOnly = true
            case "--in-process": options.inProcess = true
            case "--cli": options.cliPath = try value(for: argument)
            case "--sweep":
                let text = try value(for: argument)
                let parts = text.split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { throw UsageError(message: "--sweep takes FILESxINSTANCES, like 1000x10, not '\(text)'") }
                options.sweep = (parts[0], parts[1])
            case "--child-cli-sweep":
                let format = try value(for: argument)
                options.childCLISweep = (format, try value(for: argument))
            case "--child-cli-run":
                let format = try value(for: argument)
                let current = try value(for: argument)
                options.childCLIRun = (format, current, try value(for: argument))
            case "--child-size":
                let text = try value(for: argument)
                guard let size = Int(text) else { throw UsageError(message: "--child-size needs a number") }
                options.childTask = .generated(instances: size)
            case "--child-file": options.childTask = .file(path: try value(for: argument))
            case "--child-plan-size":
                let text = try value(for: argument)
                guard let size = Int(text) else { throw UsageError(message: "--child-plan-size needs a number") }
                options.childPlanSize = size
            case "--read-inputs": options.readsInputs = true
            case "--help", "-h": throw UsageError(message: "")
            default: throw UsageError(message: "unknown argument '\(argument)'")
            }
        }
        if options.sweep != nil && options.cliPath == nil {
            throw UsageError(message: "--sweep runs eniplan check end to end; give the executable with --cli PATH")
        }
        if options.cliPath != nil && !options.measuresPlan && !options.measuresLopsided && options.childCLIRun == nil && options.sweep == nil
            && options.childCLISweep == nil {
            throw UsageError(message: "--cli runs over the plan benchmark's inputs; it cannot go with --only load")
        }
        if options.cliPath == nil && !options.measuresLoad && !options.measuresPlan && options.measuresLopsided {
            throw UsageError(message: "--only lopsided runs eniplan end to end; give the executable with --cli PATH")
        }
        if options.generateOnly && options.manifestDirectory == nil {
            throw UsageError(message: "--generate-only needs --write-manifests DIR")
        }
        return options
    }

    /// The arguments a child process needs to measure `target` as this run would, reading generated
    /// inputs from `inputDirectory`.
    func childArguments(for target: MeasurementTarget, inputDirectory: String) -> [String] {
        var arguments = commonChildArguments(inputDirectory: inputDirectory)
        switch target {
        case .generated(let instances): arguments += ["--child-size", String(instances)]
        case .file(let path): arguments += ["--child-file", path]
        }
        return arguments
    }

    /// The arguments a child process needs to run the plan benchmark at `instances` as this run would,
    /// reading generated inputs from `inputDirectory`.
    func childPlanArguments(instances: Int, inputDirectory: String) -> [String] {
        commonChildArguments(inputDirectory: inputDirectory) + ["--child-plan-size", String(instances)]
    }

    private func commonChildArguments(inputDirectory: String) -> [String] {
        ["--runs", String(runs), "--large-runs", String(largeRuns), "--seed", String(seed), "--clock", clock.rawValue,
         "--write-manifests", inputDirectory, "--read-inputs"]
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    if error.message.isEmpty {
        FileIO.standardOutput(BenchmarkOptions.usage + "\n")
        exit(0)
    }
    FileIO.standardError("eniplan-bench: \(error.message)\n\n\(BenchmarkOptions.usage)\n")
    exit(64)
}

do throws(BenchmarkFailure) {
    if let target = options.childTask {
        FileIO.standardOutput(try LoadBenchmark.measure(target, options: options).resultLine + "\n")
        exit(0)
    }
    if let run = options.childCLISweep, let executable = options.cliPath {
        FileIO.standardOutput(try SweepBenchmark.runOnce(executable: executable, format: run.format, directory: run.directory).resultLine + "\n")
        exit(0)
    }
    if let run = options.childCLIRun, let executable = options.cliPath {
        FileIO.standardOutput(try CLIBenchmark.runOnce(executable: executable, format: run.format, current: run.current,
                                                       desired: run.desired).resultLine + "\n")
        exit(0)
    }
    if let instances = options.childPlanSize {
        FileIO.standardOutput(try PlanBenchmark.measure(instances: instances, options: options).resultLine + "\n")
        exit(0)
    }

    // Children read the generated inputs from files this process writes, as eniplan reads its inputs,
    // so that generating them leaves nothing in the measured process's heap.
    var inputDirectory = options.manifestDirectory
    if inputDirectory == nil && !options.inProcess { inputDirectory = try FileIO.temporaryDirectory("eniplan-bench") }
    var writtenInputs: [String] = []
    var writer = options
    writer.manifestDirectory = inputDirectory
    func writeLoadInput(_ target: MeasurementTarget) throws(BenchmarkFailure) {
        guard case .generated = target, let inputDirectory else { return }
        _ = try LoadBenchmark.input(for: target, options: writer)
        writtenInputs.append(LoadBenchmark.manifestPath(for: target, in: inputDirectory))
    }
    func writePlanInputs(_ instances: Int) throws(BenchmarkFailure) {
        guard let inputDirectory else { return }
        _ = try PlanBenchmark.inputs(instances: instances, options: writer)
        let paths = PlanBenchmark.inputPaths(instances: instances, in: inputDirectory)
        writtenInputs += [paths.current, paths.desired]
    }

    if options.generateOnly {
        for target in options.targets where options.measuresLoad { try writeLoadInput(target) }
        for instances in options.planSizes where options.measuresPlan { try writePlanInputs(instances) }
        FileIO.standardOutput(writtenInputs.map { $0 + "\n" }.joined())
        exit(0)
    }

    var loadResults: [(target: MeasurementTarget, measurement: LoadMeasurement)] = []
    for target in options.targets where options.measuresLoad {
        FileIO.standardError("loader: measuring \(target.label) (\(options.runs(for: target)) runs)\n")
        if options.inProcess {
            loadResults.append((target, try LoadBenchmark.measure(target, options: options)))
            continue
        }
        try writeLoadInput(target)
        let output = try ChildProcess.runSelf(options.childArguments(for: target, inputDirectory: inputDirectory ?? "."))
        guard let measurement = LoadMeasurement(resultLineIn: output) else {
            throw BenchmarkFailure("the measurement process for \(target.label) printed no result")
        }
        loadResults.append((target, measurement))
    }
    var planResults: [PlanMeasurement] = []
    for instances in options.planSizes where options.measuresPlan {
        let label = MeasurementTarget.shortCount(instances)
        FileIO.standardError("plan: measuring \(label) (\(options.runs(for: .generated(instances: instances))) runs)\n")
        if options.inProcess {
            planResults.append(try PlanBenchmark.measure(instances: instances, options: options))
            continue
        }
        try writePlanInputs(instances)
        let output = try ChildProcess.runSelf(options.childPlanArguments(instances: instances, inputDirectory: inputDirectory ?? "."))
        guard let measurement = PlanMeasurement(resultLineIn: output) else {
            throw BenchmarkFailure("the plan measurement process for \(label) printed no result")
        }
        planResults.append(measurement)
    }
    var cliResults: [CLIBenchmark.Measurement] = []
    if let executable = options.cliPath, options.measuresPlan {
        // The real executable reads the inputs from files; in-process runs write them only for this.
        if inputDirectory == nil { inputDirectory = try FileIO.temporaryDirectory("eniplan-bench") }
        writer.manifestDirectory = inputDirectory
        for instances in options.planSizes {
            let label = MeasurementTarget.shortCount(instances)
            let runs = options.runs(for: .generated(instances: instances))
            FileIO.standardError("eniplan: measuring \(label) end to end (\(runs) runs per format)\n")
            if options.inProcess || !writtenInputs.contains(PlanBenchmark.inputPaths(instances: instances, in: inputDirectory ?? ".").current) {
                try writePlanInputs(instances)
            }
            let paths = PlanBenchmark.inputPaths(instances: instances, in: inputDirectory ?? ".")
            cliResults += try CLIBenchmark.measure(executable: executable, instances: instances, current: paths.current,
                                                   desired: paths.desired, runs: runs)
        }
    }
    var lopsidedResults: [LopsidedBenchmark.Measurement] = []
    var startUp: LopsidedBenchmark.StartUp?
    if let executable = options.cliPath, options.measuresLopsided {
        let directory = try FileIO.temporaryDirectory("eniplan-lopsided")
        defer { FileIO.removeDirectory(directory) }
        lopsidedResults = try LopsidedBenchmark.measure(executable: executable, runs: options.largeRuns, directory: directory)
        startUp = try LopsidedBenchmark.measureStartUp(executable: executable, runs: LopsidedBenchmark.startUpRuns, seed: options.seed,
                                                       directory: directory)
    }
    var sweepResults: [SweepBenchmark.Measurement] = []
    if let sweep = options.sweep, let executable = options.cliPath {
        let directory = try FileIO.temporaryDirectory("eniplan-sweep")
        FileIO.standardError("eniplan check: measuring a sweep of \(sweep.files) files of \(sweep.instancesEach) instances (\(options.runs) runs per format)\n")
        let generated = try SweepBenchmark.generate(files: sweep.files, instancesEach: sweep.instancesEach, seed: options.seed, in: directory)
        defer {
            generated.paths.forEach(FileIO.removeFile)
            FileIO.removeDirectory(directory)
        }
        sweepResults = try SweepBenchmark.measure(executable: executable, files: sweep.files, instancesEach: sweep.instancesEach,
                                                  directory: directory, inputBytes: generated.bytes, runs: options.runs)
    }
    if options.manifestDirectory == nil, let inputDirectory {
        writtenInputs.forEach(FileIO.removeFile)
        FileIO.removeDirectory(inputDirectory)
    }

    let report = Report(options: options, results: loadResults, planResults: planResults, cliResults: cliResults,
                        sweepResults: sweepResults, lopsidedResults: lopsidedResults, startUp: startUp).markdown
    FileIO.standardOutput(report)
    if let path = options.outputPath {
        try FileIO.write(Array(report.utf8), to: path)
    }
} catch {
    FileIO.standardError("eniplan-bench: \(error.message)\n")
    exit(1)
}

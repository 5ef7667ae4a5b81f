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
    if options.generateOnly {
        for target in options.targets {
            if case .generated = target {
                _ = try LoadBenchmark.input(for: target, options: options)
                FileIO.standardOutput(LoadBenchmark.manifestPath(for: target, in: options.manifestDirectory ?? ".") + "\n")
            }
        }
        exit(0)
    }
    var results: [(target: MeasurementTarget, measurement: LoadMeasurement)] = []
    for target in options.targets {
        FileIO.standardError("measuring \(target.label) (\(options.runs(for: target)) runs)\n")
        let measurement: LoadMeasurement
        if options.inProcess {
            measurement = try LoadBenchmark.measure(target, options: options)
        } else {
            let output = try ChildProcess.runSelf(options.childArguments(for: target))
            guard let parsed = LoadMeasurement(resultLineIn: output) else {
                throw BenchmarkFailure("the measurement process for \(target.label) printed no result")
            }
            measurement = parsed
        }
        results.append((target, measurement))
    }
    let report = Report(options: options, results: results).markdown
    FileIO.standardOutput(report)
    if let path = options.outputPath {
        try FileIO.write(Array(report.utf8), to: path)
    }
} catch {
    FileIO.standardError("eniplan-bench: \(error.message)\n")
    exit(1)
}

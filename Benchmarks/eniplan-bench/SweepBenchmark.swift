#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compliance sweep, end to end: `eniplan check` over a folder of many small manifests, each its own estate, in
/// one process per run. The folder's files are generated manifests of a few instances each, every one with its own
/// seed, so no two are alike.
enum SweepBenchmark {
    struct Measurement {
        var files: Int
        var instancesEach: Int
        var format: String
        var inputBytes: Int
        var runs: CLIBenchmark.Runs

        var megabytes: Double { Double(inputBytes) / LoadMeasurement.megabyte }
    }

    /// Writes `files` manifests of `instancesEach` instances into `directory`, and gives their bytes in all.
    static func generate(files: Int, instancesEach: Int, seed: UInt64, in directory: String) throws(BenchmarkFailure) -> (paths: [String], bytes: Int) {
        var paths: [String] = []
        var bytes = 0
        for index in 0..<files {
            let manifest = ManifestGenerator(instanceCount: instancesEach, seed: seed &+ UInt64(index)).generate()
            let number = String(index)
            let path = directory + "/estate-" + String(repeating: "0", count: max(0, 5 - number.count)) + number + ".yaml"
            try FileIO.write(manifest, to: path)
            paths.append(path)
            bytes += manifest.count
        }
        return (paths, bytes)
    }

    static func measure(executable: String, files: Int, instancesEach: Int, directory: String, inputBytes: Int,
                        runs: Int) throws(BenchmarkFailure) -> [Measurement] {
        try CLIBenchmark.formats.map { format throws(BenchmarkFailure) in
            Measurement(files: files, instancesEach: instancesEach, format: format, inputBytes: inputBytes,
                        runs: try CLIBenchmark.Runs(runs, ["--cli", executable, "--child-cli-sweep", format, directory]))
        }
    }

    /// One run of `eniplan check` over the folder, from this (small) process.
    static func runOnce(executable: String, format: String, directory: String) throws(BenchmarkFailure) -> CLIBenchmark.Run {
        try CLIBenchmark.runDiscardingOutput(executable, ["check", "--format", format, directory])
    }
}

extension Report {
    /// The sweep's table, and its target: seconds, not minutes, for a repository of a thousand manifests.
    func sweepSection() -> String {
        guard !sweepResults.isEmpty else { return "" }
        var text = "\n## eniplan check, a sweep of many files\n\n"
        text += "The `eniplan` executable (`--cli`) checking a folder of generated manifests (`--sweep FILESxINSTANCES`), each "
        text += "file its own estate, one process per run, its output sent to /dev/null. Wall and CPU time (user and system), "
        text += "the best of the runs; the resident-set peak is the kernel's, the largest of the runs.\n\n"
        text += table(
            ["files", "instances each", "inputs MB", "format", "exit", "runs", "wall s", "CPU s", "CPU ms / file", "peak MB"],
            sweepResults.map { m in
                [String(m.files), String(m.instancesEach), fixed(m.megabytes, 2), m.format, String(m.runs.status), String(m.runs.count),
                 fixed(m.runs.bestWall, 2) + " / " + fixed(m.runs.worstWall, 2), fixed(m.runs.bestCPU, 2),
                 fixed(m.runs.bestCPU * 1_000 / Double(max(m.files, 1)), 2), fixed(Double(m.runs.peak) / LoadMeasurement.megabyte, 1)]
            })
        text += "\n### Sweep target\n\n"
        for m in sweepResults {
            text += "- \(m.files) files of \(m.instancesEach) instances, --format \(m.format): in seconds (under \(fixed(Self.sweepTargetSeconds, 0)) s of wall time): "
                + "**\(m.runs.bestWall <= Self.sweepTargetSeconds ? "met" : "not met")** (\(fixed(m.runs.bestWall, 2)) s)\n"
        }
        return text
    }

    static let sweepTargetSeconds = 10.0
}

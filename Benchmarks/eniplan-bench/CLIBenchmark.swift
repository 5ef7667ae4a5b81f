#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a user sees: the real `eniplan plan` over the plan benchmark's inputs, one process per run,
/// its output thrown away. The kernel reports the process's CPU time and resident-set peak (`wait4`).
///
/// Linux counts in a process's peak the resident set of the process that started it, as it was when
/// the new program replaced it; this benchmark's own process holds the generated inputs and is large.
/// So each run starts from a small child of this executable (`--child-cli-run`) that starts `eniplan`
/// and reports what the kernel says of it.
enum CLIBenchmark {
    /// The formats of `plan` run, in report order: the default, and the largest output.
    static let formats = ["text", "json"]
    /// What runs over each size's inputs, in report order: `plan` in each of ``formats`` over both inputs, then
    /// `check` (text) over the desired manifest alone.
    static let commands = formats + [checkCommand]
    static let checkCommand = "check"

    struct Measurement {
        var instances: Int
        /// A format of `plan`, or ``checkCommand``.
        var format: String
        /// The bytes the command reads: both inputs for `plan`, the desired manifest for `check`.
        var inputBytes: Int
        var runs: Int
        /// The fastest and slowest run, wall clock.
        var bestWallSeconds: Double
        var worstWallSeconds: Double
        /// The least CPU time (user and system) of the runs.
        var bestCPUSeconds: Double
        /// The largest resident-set peak of the runs.
        var peakResidentBytes: Int
        var exitStatus: Int32

        var megabytes: Double { Double(inputBytes) / LoadMeasurement.megabyte }
        var isCheck: Bool { format == CLIBenchmark.checkCommand }
        /// How the report names the command.
        var commandLine: String { isCheck ? "check" : format == "text" ? "plan" : "plan --format \(format)" }
    }

    static func measure(executable: String, instances: Int, current: String, desired: String,
                        runs: Int) throws(BenchmarkFailure) -> [Measurement] {
        try commands.map { format throws(BenchmarkFailure) in
            let runs = try Runs(runs, ["--cli", executable, "--child-cli-run", format, current, desired])
            let inputBytes = (format == checkCommand ? 0 : FileIO.size(current)) + FileIO.size(desired)
            return Measurement(instances: instances, format: format, inputBytes: inputBytes, runs: runs.count,
                               bestWallSeconds: runs.bestWall, worstWallSeconds: runs.worstWall,
                               bestCPUSeconds: runs.bestCPU, peakResidentBytes: runs.peak, exitStatus: runs.status)
        }
    }

    /// `count` runs of a small child of this executable that runs eniplan once and reports it: the best and worst
    /// wall time, the best CPU time, the largest resident-set peak and the last exit status.
    struct Runs {
        var count: Int
        var bestWall = Double.nan, worstWall = Double.nan, bestCPU = Double.nan
        var peak = 0
        var status: Int32 = 0

        init(_ count: Int, _ childArguments: [String]) throws(BenchmarkFailure) {
            self.count = count
            var walls: [Double] = []
            var cpus: [Double] = []
            for _ in 0..<count {
                let output = try ChildProcess.runSelf(childArguments)
                guard let run = Run(resultLineIn: output) else { throw BenchmarkFailure("the process that runs eniplan printed no result") }
                walls.append(run.wallSeconds)
                cpus.append(run.cpuSeconds)
                peak = max(peak, run.peakResidentBytes)
                status = run.exitStatus
            }
            bestWall = walls.min() ?? .nan
            worstWall = walls.max() ?? .nan
            bestCPU = cpus.min() ?? .nan
        }
    }

    struct Run {
        var wallSeconds: Double
        var cpuSeconds: Double
        var peakResidentBytes: Int
        var exitStatus: Int32

        private static let prefix = "eniplan-bench-cli-result"

        var resultLine: String {
            ResultLine.format(Self.prefix, [("wall", String(wallSeconds)), ("cpu", String(cpuSeconds)),
                                            ("peak", String(peakResidentBytes)), ("status", String(exitStatus))])
        }

        init(wallSeconds: Double, cpuSeconds: Double, peakResidentBytes: Int, exitStatus: Int32) {
            self.wallSeconds = wallSeconds
            self.cpuSeconds = cpuSeconds
            self.peakResidentBytes = peakResidentBytes
            self.exitStatus = exitStatus
        }

        init?(resultLineIn output: String) {
            guard let line = ResultLine(Self.prefix, in: output), let wall = line.double("wall"), let cpu = line.double("cpu"),
                  let peak = line.int("peak"), let status = line.int("status") else { return nil }
            self.init(wallSeconds: wall, cpuSeconds: cpu, peakResidentBytes: peak, exitStatus: Int32(truncatingIfNeeded: status))
        }
    }

    /// One run of `eniplan plan` over the inputs in `format`, or of `eniplan check` over the desired manifest when
    /// `format` is ``checkCommand``, from this (small) process.
    static func runOnce(executable: String, format: String, current: String, desired: String) throws(BenchmarkFailure) -> Run {
        // The inputs are generated over the default 64 MiB file limit at 100k instances.
        let limit = ["--max-file-size", String(max(FileIO.size(current), FileIO.size(desired), 64 << 20))]
        if format == checkCommand { return try runDiscardingOutput(executable, ["check"] + limit + [desired]) }
        return try runDiscardingOutput(executable, ["plan"] + limit + ["--format", format, "--current", current, desired])
    }

    /// Runs `executable` with its standard output on /dev/null; its standard error passes through.
    /// Exit statuses 0, 2 (changes) and 3 (blocking findings) are a plan that worked.
    static func runDiscardingOutput(_ executable: String, _ arguments: [String]) throws(BenchmarkFailure) -> Run {
        let clock = BenchmarkClock.wall
        let start = clock.now()
        let child = try ChildProcess.spawn(executable, name: executable, arguments, environment: nil) { actions in
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        }
        var usage = rusage()
        let exit = try ChildProcess.wait(for: child, executable, usage: &usage)
        let wall = clock.now() - start
        guard let code = exit.code, [0, 2, 3].contains(code) else {
            throw BenchmarkFailure(exit.signal == nil ? "'\(executable) \(arguments.joined(separator: " "))' exited with status \(exit.code ?? -1)"
                                                      : "'\(executable)' was killed by signal \(exit.signal ?? 0)")
        }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        // Linux reports ru_maxrss in kilobytes.
        return Run(wallSeconds: wall, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                   peakResidentBytes: Int(usage.ru_maxrss) * 1_024, exitStatus: code)
    }
}

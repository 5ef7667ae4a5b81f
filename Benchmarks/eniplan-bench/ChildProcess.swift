#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs this executable again with other arguments and collects its standard output.
///
/// Each size runs in its own process so that its resident-set peak and its heap start clean; the
/// child's standard error passes straight through.
enum ChildProcess {
    static func runSelf(_ arguments: [String]) throws(BenchmarkFailure) -> String {
        #if os(Linux)
        let executable = "/proc/self/exe"
        #else
        let executable = CommandLine.arguments[0]
        #endif
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw BenchmarkFailure("cannot create a pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        let child: pid_t
        do throws(BenchmarkFailure) {
            child = try spawn(executable, name: CommandLine.arguments[0], arguments, environment: environment()) { actions in
                posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
                posix_spawn_file_actions_addclose(&actions, readEnd)
                posix_spawn_file_actions_addclose(&actions, writeEnd)
            }
        } catch {
            close(writeEnd)
            close(readEnd)
            throw error
        }
        close(writeEnd)

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            output += chunk[0..<got]
        }
        close(readEnd)

        var usage = rusage()
        let exit = try wait(for: child, executable, usage: &usage)
        guard exit.code == 0 else {
            throw BenchmarkFailure(exit.signal == nil ? "the measurement process exited with status \(exit.code ?? -1)"
                                                      : "the measurement process was killed by signal \(exit.signal ?? 0)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    #if os(Linux)
    typealias FileActions = posix_spawn_file_actions_t
    #else
    typealias FileActions = posix_spawn_file_actions_t?
    #endif

    /// Starts `executable` (argv[0] `name`) with the file actions `configure` sets up; returns its pid.
    static func spawn(_ executable: String, name: String, _ arguments: [String],
                      environment: UnsafePointer<UnsafeMutablePointer<CChar>?>?,
                      configure: (inout FileActions) -> Void) throws(BenchmarkFailure) -> pid_t {
        var actions = FileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        configure(&actions)
        let argv: [UnsafeMutablePointer<CChar>?] = ([name] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, environment)
        guard spawned == 0 else {
            throw BenchmarkFailure("cannot start '\(executable)': \(String(cString: strerror(spawned)))")
        }
        return child
    }

    /// Waits for `child` to end and fills in its resource usage: its exit code, or the signal that ended it.
    static func wait(for child: pid_t, _ executable: String, usage: inout rusage) throws(BenchmarkFailure) -> (code: Int32?, signal: Int32?) {
        var status: Int32 = 0
        var waited = wait4(child, &status, 0, &usage)
        while waited < 0 && errno == EINTR { waited = wait4(child, &status, 0, &usage) }
        guard waited == child else {
            throw BenchmarkFailure("cannot wait for '\(executable)': \(String(cString: strerror(errno)))")
        }
        return status & 0x7F == 0 ? ((status >> 8) & 0xFF, nil) : (nil, status & 0x7F)
    }

    /// This process's environment, passed on unchanged.
    private static func environment() -> UnsafePointer<UnsafeMutablePointer<CChar>?>? {
        #if os(Linux)
        UnsafePointer(environ)
        #else
        UnsafePointer(_NSGetEnviron().pointee)
        #endif
    }
}

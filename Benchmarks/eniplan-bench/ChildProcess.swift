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

        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let argv: [UnsafeMutablePointer<CChar>?] = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, environment())
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw BenchmarkFailure("cannot start '\(executable)': \(String(cString: strerror(spawned)))")
        }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            output += chunk[0..<got]
        }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            throw BenchmarkFailure(exited ? "the measurement process exited with status \(code)"
                                          : "the measurement process was killed by signal \(status & 0x7F)")
        }
        return String(decoding: output, as: UTF8.self)
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

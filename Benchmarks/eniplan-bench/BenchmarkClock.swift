#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the benchmark's times are: CPU time of the measuring thread, or wall-clock time.
///
/// Everything measured runs on one thread with its input in memory, so on an idle machine the two
/// agree. On a busy one (these 2-core machines are shared with builds) wall time also counts the
/// time the thread waits for a core, which can double a run; CPU time does not.
enum BenchmarkClock: String {
    case cpu
    case wall

    /// Seconds since an arbitrary origin fixed for this thread's life.
    func now() -> Double {
        var time = timespec()
        clock_gettime(self == .cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// How the report names the times.
    var description: String {
        switch self {
        case .cpu: "CPU time of the measuring thread (user and system)"
        case .wall: "wall-clock time"
        }
    }
}

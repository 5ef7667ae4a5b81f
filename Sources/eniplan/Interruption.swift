#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// What a run does when it is told to stop: SIGTERM, SIGINT, SIGHUP and SIGPIPE remove the temporary files of
/// the outputs being written, then kill the process with the same signal, so that its parent sees it die of
/// that signal (a shell reports 128+n).
///
/// The signals are blocked in every thread and taken by one thread that waits for them with `sigwait`. That
/// thread runs no signal handler, so it may take the lock a writer holds while it creates, renames or removes a
/// temporary file: a temporary file is on disk only while it is in the set, and a signal never lands between the
/// two. A write to standard output that finds the reader gone (`EPIPE`) dies of SIGPIPE the same way.
enum Interruption {
    static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGPIPE]

    /// The temporary files on disk, by path. Process-wide, as a signal is.
    private static let temporaries = Mutex<Set<String>>([])

    /// Blocks the signals and starts the thread that waits for them. Called first thing, before any other
    /// thread exists: a thread started earlier would not have them blocked and could die of one uncleaned.
    ///
    /// A signal the run was started with ignored (`nohup`, `trap '' TERM`) stays ignored; SIGPIPE, which the
    /// Swift runtime ignores for every program, is taken whatever it was.
    static func install() {
        let taken = signals.filter { $0 == SIGPIPE || !isIgnored($0) }
        var blocked = signalSet(taken)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        // An ignored signal would be discarded even while blocked, not kept for sigwait.
        for signal in taken { setDefaultAction(signal) }
        Thread.detachNewThread {
            var waited = signalSet(taken)
            while true {
                var received: Int32 = 0
                if sigwait(&waited, &received) == 0 { die(of: received) }
            }
        }
    }

    /// Runs `body` with the set of temporary files, while no signal can remove them.
    static func holding<Result: Sendable>(_ body: (inout Set<String>) -> Result) -> Result {
        temporaries.withLock { body(&$0) }
    }

    /// Removes every temporary file and dies of `signal`; the lock stays held, so no new one appears meanwhile.
    static func die(of signal: Int32) -> Never {
        temporaries.withLock { paths -> Never in
            for path in paths { unlink(path) }
            setDefaultAction(signal)
            var raised = signalSet([signal])
            pthread_sigmask(SIG_UNBLOCK, &raised, nil)
            raise(signal)
            // Not reached: the default action of every one of the signals ends the process.
            _exit(128 + signal)
        }
    }

    private static func isIgnored(_ signal: Int32) -> Bool {
        var action = sigaction()
        guard sigaction(signal, nil, &action) == 0 else { return false }
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private static func setDefaultAction(_ number: Int32) {
        _ = signal(number, SIG_DFL)
    }

    private static func signalSet(_ signals: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard output and standard error.
enum StandardStreams {
    /// Standard output did not take all that was written to it (a full disk, a closed descriptor).
    struct OutputFailure: Error {
        var code: Int32

        var message: String { "error: cannot write to standard output: \(String(cString: strerror(code)))" }
    }

    /// Writes to standard output; a reader that went away (`EPIPE`) ends the run as SIGPIPE ends other tools.
    static func write(_ text: String) throws(OutputFailure) {
        var text = text
        let code = text.withUTF8 { writeAll($0, to: STDOUT_FILENO) }
        try fail(code)
    }

    /// Writes bytes to standard output, as a report streams them.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputFailure) {
        try fail(writeAll(bytes, to: STDOUT_FILENO))
    }

    private static func fail(_ code: Int32?) throws(OutputFailure) {
        guard let code else { return }
        if code == EPIPE { Interruption.die(of: SIGPIPE) }
        throw OutputFailure(code: code)
    }

    /// Writes to standard error. A failure is not reported: there is nowhere left to report it, and the exit
    /// code already says whether the run did its job.
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll($0, to: STDERR_FILENO) }
    }

    /// Writes all of `bytes` to `descriptor`, retrying after interruptions; the `errno` of a failure, or nil.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with POSIX calls; the benchmark needs nothing more.
enum FileIO {
    static func read(_ path: String) throws(BenchmarkFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure("cannot read '\(path)'") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var status = stat()
        if fstat(descriptor, &status) == 0 { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read '\(path)'")
            }
            if got == 0 { return bytes }
            bytes += chunk[0..<got]
        }
    }

    /// Writes `bytes` to `path`, replacing it.
    static func write(_ bytes: [UInt8], to path: String) throws(BenchmarkFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot write '\(path)'") }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(BenchmarkFailure) {
        let result: Result<Void, BenchmarkFailure> = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return .success(()) }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return .failure(failure("cannot write '\(path)'"))
                }
                offset += written
            }
            return .success(())
        }
        try result.get()
    }

    /// A new empty directory under /tmp, named after `prefix`.
    static func temporaryDirectory(_ prefix: String) throws(BenchmarkFailure) -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let path = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap(mkdtemp) }) else {
            throw failure("cannot create a directory under /tmp")
        }
        return String(cString: path)
    }

    /// The file's size in bytes, or 0 when it cannot be read.
    static func size(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Removes a file; a missing one is not an error.
    static func removeFile(_ path: String) { _ = unlink(path) }

    /// Removes an empty directory; a missing one is not an error.
    static func removeDirectory(_ path: String) { _ = rmdir(path) }

    static func standardOutput(_ text: String) {
        try? writeAll(Array(text.utf8), to: STDOUT_FILENO, path: "standard output")
    }

    static func standardError(_ text: String) {
        try? writeAll(Array(text.utf8), to: STDERR_FILENO, path: "standard error")
    }

    private static func failure(_ message: String) -> BenchmarkFailure {
        BenchmarkFailure(message + ": " + String(cString: strerror(errno)))
    }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

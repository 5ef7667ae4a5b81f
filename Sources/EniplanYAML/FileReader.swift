#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with POSIX calls, checking the size before reading a byte.
enum FileReader {
    static func read(_ path: String, maxBytes: Int) throws(YAMLError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, errno: errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw YAMLError(.unreadableFile, at: .startOfFile(path), "'\(DisplayText.escaped(path))' is a directory, not a file")
        }
        let declared = Int(status.st_size)
        if (status.st_mode & S_IFMT) == S_IFREG && declared > maxBytes {
            throw tooLarge(file: path, size: declared, limit: maxBytes)
        }
        // Pipes and special files report no useful size: read in chunks up to one byte past the limit.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(declared, 4096), maxBytes))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc_read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno: errno)
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
            if bytes.count > maxBytes { throw tooLarge(file: path, size: bytes.count, limit: maxBytes, atLeast: true) }
        }
        return bytes
    }

    static func tooLarge(file: String, size: Int, limit: Int, atLeast: Bool = false) -> YAMLError {
        YAMLError(.fileTooLarge, at: .startOfFile(file),
                  "the file is \(atLeast ? "more than " : "")\(size) bytes, over the limit of \(limit < 1024 ? "\(ByteCount(limit))" : "\(ByteCount(limit)) (\(limit) bytes)")",
                  advice: .raiseLimit(.fileSize))
    }

    private static func failure(_ path: String, errno code: Int32) -> YAMLError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied"
        case EISDIR: reason = "it is a directory"
        default: reason = String(cString: strerror(code))
        }
        return YAMLError(.unreadableFile, at: .startOfFile(path), "cannot read '\(DisplayText.escaped(path))': \(reason)")
    }
}

@inline(__always)
private func Glibc_read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

extension YAMLError {
    /// The loader's refusal of `file`, of `size` bytes, over the size limit `limit`, for bytes read from elsewhere
    /// than a file (git's objects), worded as for a file.
    public static func fileTooLarge(_ file: String, size: Int, limit: Int) -> YAMLError {
        FileReader.tooLarge(file: file, size: size, limit: limit)
    }
}

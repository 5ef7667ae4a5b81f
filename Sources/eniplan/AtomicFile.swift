#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes files whole or not at all: each to a temporary file beside it, then a rename.
enum AtomicFile {
    struct Failure: Error {
        var reason: String
    }

    /// A file written in full to a temporary file beside its destination, not yet in place.
    struct Staged {
        let path: String
        let temporary: String

        /// Renames the temporary file into place; on failure removes it.
        func commit() throws(Failure) {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw Failure(reason: reason)
            }
        }

        /// Removes the temporary file, leaving the destination as it was.
        func discard() {
            unlink(temporary)
        }
    }

    /// What writes a file's content: it hands the bytes, in as many pieces as it likes, to the sink it is given.
    typealias Content = ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void

    /// Writes one file whole or not at all.
    static func write(_ text: String, to path: String) throws(Failure) {
        try stage(for: path, text: text).commit()
    }

    /// Writes several files all or nothing: every one is staged before any is put in place, and if one cannot
    /// be staged none is. Each file's content is written straight into its staged file, one file at a time,
    /// so no file is ever held whole in memory. The failures are given with their paths, in order.
    static func write(_ files: [(path: String, content: Content)]) -> (failures: [(path: String, failure: Failure)], written: [String]) {
        var staged: [Staged] = []
        var failures: [(path: String, failure: Failure)] = []
        for file in files {
            do {
                staged.append(try stage(for: file.path, file.content))
            } catch {
                failures.append((file.path, error))
            }
        }
        guard failures.isEmpty else {
            for file in staged { file.discard() }
            return (failures, [])
        }
        // Only a rename is left, which fails only in a race (the destination turned into a folder since it
        // was staged); the files not yet in place are then left out, and the ones already in place are said.
        for (index, file) in staged.enumerated() {
            do {
                try file.commit()
            } catch {
                for rest in staged[(index + 1)...] { rest.discard() }
                return ([(file.path, error)], staged[..<index].map(\.path))
            }
        }
        return ([], staged.map(\.path))
    }

    /// Writes `text` to a new temporary file beside `path`.
    static func stage(for path: String, text: String) throws(Failure) -> Staged {
        try stage(for: path) { sink in
            var text = text
            try text.withUTF8 { try sink($0) }
        }
    }

    /// The file that writing `path` replaces: a symbolic link is followed (to write through it, not over it),
    /// and a path in a linked folder is named by its real folder. A path whose folder does not exist is kept.
    static func destination(of path: String) -> String {
        // A link to a file not written yet cannot be resolved by realpath: follow it by hand (a few hops at most).
        var path = path
        var status = stat()
        for _ in 0..<8 where lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK {
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(path, &target, target.count - 1)
            guard length > 0 else { break }
            let text = String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            path = text.hasPrefix("/") ? text : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(text).path
        }
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let url = URL(fileURLWithPath: path)
        guard let folder = realpath(url.deletingLastPathComponent().path, nil) else { return url.standardizedFileURL.path }
        defer { free(folder) }
        return URL(fileURLWithPath: String(cString: folder)).appendingPathComponent(url.lastPathComponent).path
    }

    /// Writes what `content` gives to a new temporary file beside `path`, or beside the file a link at `path` names.
    static func stage(for path: String, _ content: Content) throws(Failure) -> Staged {
        let path = destination(of: path)
        // A folder, a pipe or a device in the way: the file could not be replaced whole, or only by losing what it is.
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw Failure(reason: String(cString: strerror(EISDIR)))
            default: throw Failure(reason: "it is not a regular file (a pipe, device or socket), and eniplan writes files whole or not at all; leave out the path to print to standard output")
            }
        }
        // O_EXCL with a fresh name per attempt: the same path given twice gets two temporary files.
        var attempt = 0
        var temporary = ""
        var descriptor: Int32 = -1
        while descriptor < 0 {
            temporary = path + ".eniplan-\(getpid())-\(attempt).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor < 0 {
                guard errno == EEXIST, attempt < 100 else { throw Failure(reason: String(cString: strerror(errno))) }
                attempt += 1
            }
        }
        var failure: String?
        do {
            try content { bytes in
                if let code = StandardStreams.writeAll(bytes, to: descriptor) { throw Failure(reason: String(cString: strerror(code))) }
            }
        } catch let error as Failure {
            failure = error.reason
        } catch {
            failure = "\(error)"
        }
        let closeFailure = close(descriptor) == 0 ? nil : String(cString: strerror(errno))
        if let reason = failure ?? closeFailure {
            unlink(temporary)
            throw Failure(reason: reason)
        }
        return Staged(path: path, temporary: temporary)
    }
}


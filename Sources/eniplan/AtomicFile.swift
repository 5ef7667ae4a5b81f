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
            if let reason = Interruption.holding({ commit(leaving: &$0) }) { throw Failure(reason: reason) }
        }

        /// Renames the temporary file into place, or removes it: the reason of a failure, or nil.
        fileprivate func commit(leaving temporaries: inout Set<String>) -> String? {
            temporaries.remove(temporary)
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return reason
            }
            return nil
        }

        /// Removes the temporary file, leaving the destination as it was.
        func discard() {
            AtomicFile.remove(temporary)
        }
    }

    /// Removes a temporary file, and forgets it.
    fileprivate static func remove(_ temporary: String) {
        Interruption.holding { temporaries in
            temporaries.remove(temporary)
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
        // A signal waits for the renames, so an interrupted run puts every file in place or none.
        return Interruption.holding { temporaries in
            for (index, file) in staged.enumerated() {
                if let reason = file.commit(leaving: &temporaries) {
                    for rest in staged[(index + 1)...] {
                        temporaries.remove(rest.temporary)
                        unlink(rest.temporary)
                    }
                    return ([(file.path, Failure(reason: reason))], staged[..<index].map(\.path))
                }
            }
            return ([], staged.map(\.path))
        }
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
        // A link to a file not written yet cannot be resolved by realpath: follow it by hand, as many hops as the
        // kernel follows (Linux's 40); a longer chain, a loop, is then left for writing it to report.
        var path = path
        var status = stat()
        for _ in 0..<40 where lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK {
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
        // A path that cannot be looked up for another reason than its absence (a symbolic link loop, a file used
        // as a folder) is not replaced either.
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw Failure(reason: String(cString: strerror(EISDIR)))
            default: throw Failure(reason: "it is not a regular file (a pipe, device or socket), and eniplan writes files whole or not at all; leave out the path to print to standard output")
            }
        } else if errno != ENOENT {
            throw Failure(reason: String(cString: strerror(errno)))
        }
        // O_EXCL with a fresh name per attempt: the same path given twice gets two temporary files. The file is
        // created and registered under one lock, so an interrupting signal finds it registered or absent.
        let created = Interruption.holding { temporaries -> (descriptor: Int32, temporary: String, code: Int32) in
            var attempt = 0
            while true {
                let temporary = path + ".eniplan-\(getpid())-\(attempt).tmp"
                let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                if descriptor >= 0 {
                    temporaries.insert(temporary)
                    return (descriptor, temporary, 0)
                }
                guard errno == EEXIST, attempt < 100 else { return (-1, temporary, errno) }
                attempt += 1
            }
        }
        guard created.descriptor >= 0 else { throw Failure(reason: String(cString: strerror(created.code))) }
        let (descriptor, temporary) = (created.descriptor, created.temporary)
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
            remove(temporary)
            throw Failure(reason: reason)
        }
        return Staged(path: path, temporary: temporary)
    }
}


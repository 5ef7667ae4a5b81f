#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Which file a path names, links followed: its device and inode when it exists, and the path that writing it
/// replaces (``AtomicFile/destination(of:)``) either way. Two paths name one file when they share an inode (a
/// symbolic link, `./x`, `dir/../x`, a hard link) or, for a file not there yet, when writing either would
/// create the same path (a dangling link to the other).
struct FileIdentity {
    let inode: (device: UInt64, number: UInt64)?
    let destination: String

    init(_ path: String) {
        var status = stat()
        inode = stat(path, &status) == 0 ? (UInt64(status.st_dev), UInt64(status.st_ino)) : nil
        destination = AtomicFile.destination(of: path)
    }

    func isSameFile(as other: FileIdentity) -> Bool {
        if let inode, let otherInode = other.inode { return inode == otherInode }
        return destination == other.destination
    }
}

/// A file a command reads, with what it is, as a message names it ("the desired manifest").
struct InputFile {
    var role: String
    var path: String

    /// Refuses, as a usage error, an output that names one of `inputs`: writing it would replace what the run
    /// read. `output` is the output as the command line gives it (`--format json=plan.json`), `kind` what it
    /// holds ("report"). Called before anything is written.
    static func refuseOverwriting(_ inputs: [InputFile], with path: String, named output: String, holding kind: String) throws(ValidationError) {
        let written = FileIdentity(path)
        for input in inputs where FileIdentity(input.path).isSameFile(as: written) {
            throw ValidationError("\(output) and \(input.role) '\(input.path)' name the same file; eniplan never writes over its inputs: give the \(kind) another file")
        }
    }
}

import EniplanCore
import Foundation
import Synchronization

/// The git repository around the working folder, read by running `git` with arguments, never through a shell.
///
/// `plan --base` reads manifests from git's objects, not from a checkout: no file is written, and paths that git
/// prints (which may hold any byte but NUL) are read with `-z` and passed back to git as single arguments. This
/// lives in the CLI, not in the core: running a program is the command's business, as reading the environment
/// and the working folder are, and the core stays a function of the bytes it is given.
struct GitRepository {
    /// A failure of git itself: not installed, not a repository, an unknown revision. Printed `eniplan: error: ...`.
    struct Failure: Error {
        var message: String
    }

    /// One path's change between a revision and the work tree, paths relative to the repository root.
    struct ChangedFile {
        /// The path in the work tree, or nil when the file was deleted.
        var head: String?
        /// The path at the revision, or nil when the file is new.
        var base: String?
    }

    /// The absolute path of the work tree's root, as git prints it.
    let root: String
    /// The working folder relative to `root`, ending in `/`, or empty at the root.
    let prefix: String
    private let git: String

    /// The repository that holds `folder`.
    init(around folder: String) throws(Failure) {
        guard let git = Self.locateGit() else {
            throw Failure(message: "--base reads the manifests from git, but 'git' is not installed (no 'git' on PATH)")
        }
        self.git = git
        let result = try Self.run(git, ["rev-parse", "--show-toplevel", "--show-prefix"], in: folder, limit: 1 << 20)
        let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard result.status == 0, lines.count >= 2, lines[0].hasPrefix("/") else {
            throw Failure(message: "--base reads the manifests from git, but '\(DisplayText.quoted(folder))' is not in a git work tree\(Self.says(result.error))")
        }
        root = String(lines[0])
        prefix = String(lines[1])
    }

    /// The commit `revision` names, as a full object id; `revision` is one argument after `--end-of-options`.
    func commit(_ revision: String) throws(Failure) -> String {
        let result = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], limit: 1 << 10)
        let id = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, !id.isEmpty, id.allSatisfy(\.isHexDigit) else {
            throw Failure(message: "unknown revision '\(DisplayText.quoted(revision))': no commit of that name in the repository at '\(DisplayText.quoted(root))' (a shallow clone may lack it: fetch it first)")
        }
        return id
    }

    /// Every file that differs between `commit` and the work tree (renames found), and the untracked files the
    /// ignore rules keep, as new files; in git's order, untracked ones last.
    func changes(since commit: String) throws(Failure) -> [ChangedFile] {
        let diff = try run(["-c", "diff.renames=true", "diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
                            commit, "--"], limit: 1 << 28)
        guard diff.status == 0 else { throw Failure(message: "cannot list the files changed since the base revision\(Self.says(diff.error))") }
        var fields = diff.output.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }[...]
        var changes: [ChangedFile] = []
        while let status = fields.popFirst(), let first = status.first {
            guard let path = fields.popFirst() else { break }
            switch first {
            case "R":
                guard let renamed = fields.popFirst() else { break }
                changes.append(ChangedFile(head: renamed, base: path))
            case "C":
                // A copy is a new file; its source is planned on its own if it changed.
                guard let copy = fields.popFirst() else { break }
                changes.append(ChangedFile(head: copy, base: nil))
            case "A": changes.append(ChangedFile(head: path, base: nil))
            case "D": changes.append(ChangedFile(head: nil, base: path))
            default: changes.append(ChangedFile(head: path, base: path))
            }
        }
        let untracked = try run(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], limit: 1 << 28)
        guard untracked.status == 0 else { throw Failure(message: "cannot list the untracked files\(Self.says(untracked.error))") }
        for path in untracked.output.split(separator: 0) { changes.append(ChangedFile(head: String(decoding: path, as: UTF8.self), base: nil)) }
        return changes
    }

    /// One path's entry in a commit's tree.
    struct TreeEntry {
        /// `100644`, `100755` for a file, `120000` for a symbolic link, `160000` for a submodule.
        var mode: String
        /// `blob`, `tree` or `commit`.
        var type: String
        var object: String
        /// In bytes; 0 for what is not a blob.
        var size: Int

        var isSymbolicLink: Bool { mode == "120000" }
    }

    /// What `path` (relative to the root) is at `commit`: nil when it is not there.
    func entry(_ path: String, at commit: String) throws(Failure) -> TreeEntry? {
        let result = try run(["--literal-pathspecs", "ls-tree", "-z", "-l", "--full-tree", commit, "--", path], limit: 1 << 20)
        guard result.status == 0 else { throw Failure(message: "cannot list '\(DisplayText.quoted(path))' at the base revision\(Self.says(result.error))") }
        // `<mode> SP <type> SP <object> SP+ <size> TAB <path> NUL`, one entry for one literal path.
        for record in result.output.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")),
                  String(decoding: record[record.index(after: tab)...], as: UTF8.self) == path else { continue }
            let words = String(decoding: record[..<tab], as: UTF8.self).split(separator: " ")
            guard words.count == 4 else { continue }
            return TreeEntry(mode: String(words[0]), type: String(words[1]), object: String(words[2]), size: Int(words[3]) ?? 0)
        }
        return nil
    }

    /// The bytes of blob `object`, at most `limit + 1` of them: one more than the limit tells the loader it is too large.
    func blob(_ object: String, limit: Int) throws(Failure) -> [UInt8] {
        let (bound, overflow) = limit.addingReportingOverflow(1)
        let result = try run(["cat-file", "blob", object], limit: overflow ? limit : bound)
        guard result.status == 0 || result.truncated else {
            throw Failure(message: "cannot read object '\(DisplayText.quoted(object))' from git\(Self.says(result.error))")
        }
        return result.output
    }

    /// `path` as given on the command line (relative to the working folder, or absolute) relative to the root, or
    /// nil when it lies outside the work tree. A relative path is joined to git's own prefix of the working folder,
    /// so a link on the way to the working folder does not matter.
    func repositoryPath(of path: String) -> String? {
        let top = ReportOptions.normalized(root)
        let absolute = ReportOptions.normalized(path.hasPrefix("/") ? path : top + "/" + prefix + path)
        guard absolute.hasPrefix(top == "/" ? "/" : top + "/") else { return nil }
        return String(absolute.dropFirst(top == "/" ? 1 : top.count + 1))
    }

    /// `path` (relative to the root) as the working folder reaches it: relative below it, absolute elsewhere.
    func workingPath(of path: String) -> String {
        path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : root + "/" + path
    }

    private func run(_ arguments: [String], limit: Int) throws(Failure) -> Output {
        try Self.run(git, ["-C", root] + arguments, in: root, limit: limit)
    }

    private struct Output {
        var status: Int32
        var output: [UInt8]
        var error: String
        /// Whether the output went past `limit` and the process was stopped.
        var truncated: Bool
    }

    private static func run(_ git: String, _ arguments: [String], in folder: String, limit: Int) throws(Failure) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        // Read only: no index refresh written behind the user's back, no prompt, no pager.
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_PAGER"] = "cat"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot run '\(DisplayText.quoted(git))': \(DisplayText.quoted(error.localizedDescription))")
        }
        // git's messages are drained while its output is read: warnings (one per file, say) can fill their pipe, and a git
        // blocked on writing them would never finish its output. The first 4 KiB are kept.
        let message = Mutex<[UInt8]>([])
        let drained = DispatchSemaphore(value: 0)
        let errorReader = errors.fileHandleForReading
        Thread.detachNewThread {
            while let chunk = try? errorReader.read(upToCount: 1 << 16), !chunk.isEmpty {
                message.withLock { kept in if kept.count < 4096 { kept += chunk.prefix(4096 - kept.count) } }
            }
            drained.signal()
        }
        var bytes: [UInt8] = []
        var truncated = false
        let reader = output.fileHandleForReading
        while true {
            guard let chunk = try? reader.read(upToCount: 1 << 16), !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
            if bytes.count > limit {
                // Bounded: what is past the limit is never read; the process is stopped, not drained.
                truncated = true
                bytes.removeLast(bytes.count - limit)
                process.terminate()
                break
            }
        }
        try? reader.close()
        process.waitUntilExit()
        drained.wait()
        return Output(status: process.terminationStatus, output: bytes, error: String(decoding: message.withLock { $0 }, as: UTF8.self),
                      truncated: truncated)
    }

    /// `: git says '<first line of its message>'`, or nothing when git said nothing.
    private static func says(_ error: String) -> String {
        let line = error.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "" : " (git: '\(DisplayText.quoted(line))')"
    }

    /// The first executable `git` on PATH.
    private static func locateGit() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/git"
            var isFolder: ObjCBool = false
            if FileManager.default.isExecutableFile(atPath: candidate),
               FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue { return candidate }
        }
        return nil
    }
}

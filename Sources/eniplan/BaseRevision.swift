import EniplanCore
import Foundation

/// What `plan --base REF` reads: the desired manifests as the work tree has them, and the same files as they are at
/// `REF`, which join the current state.
///
/// A base version is loaded from git's objects under the name `REF:path` (what `git show` takes), which every
/// message and note shows; findings and changes located in it are moved to the head file (``anchors``), so no
/// report points outside the repository.
struct BaseRevision {
    /// The revision as given, which names the base versions.
    let revision: String
    let repository: GitRepository
    /// The full object id of the commit `revision` names, resolved once so every file is read at one commit.
    let commit: String

    /// The loaded documents of one run.
    struct Loaded {
        var head: [YAMLDocument] = []
        var base: [YAMLDocument] = []
        var anchors: [String: SourceRange] = [:]
        var skipped: [String] = []
        /// The located problems of the files read (one that does not load, a base version that is no manifest),
        /// reported with the problems the decoders find in the rest.
        var problems: [Diagnostic] = []
    }

    init(_ revision: String, workingFolder: String) throws(GitRepository.Failure) {
        self.revision = revision
        repository = try GitRepository(around: workingFolder)
        commit = try repository.commit(revision)
    }

    /// Loads the named manifests (or, with none named, every eniplan manifest that changed since the revision) and
    /// their base versions. A file that is not at the revision is new: it adds nothing to the current state. A named
    /// file the work tree no longer has, or a deleted manifest, adds its base version alone. Throws git's failures;
    /// the files' problems are in ``Loaded/problems``.
    func load(named: [String], loader: InputLoader) throws -> Loaded {
        let changes = try repository.changes(since: commit)
        var renamedFrom: [String: String] = [:]
        for change in changes { if let head = change.head, let base = change.base, head != base { renamedFrom[head] = base } }
        var loaded = Loaded()
        var diagnostics: [Diagnostic] = []
        func collect(_ body: () throws -> Void) throws {
            do { try body() } catch let error as InputError { diagnostics += error.diagnostics }
        }
        if named.isEmpty {
            for change in changes {
                guard let path = change.head ?? change.base, InputLoader.isManifestName(path) else { continue }
                if let head = change.head {
                    var working = repository.workingPath(of: head)
                    // A path that reads like a base version's name (a folder 'main:infra') is written so it cannot be one.
                    if working.hasPrefix(revision + ":") { working = "./" + working }
                    // A link is planned as the file it points to, when that changed; its base version is a path, not a manifest.
                    if (try? FileManager.default.destinationOfSymbolicLink(atPath: working)) != nil { continue }
                    var document: YAMLDocument?
                    var failure: YAMLError?
                    do {
                        document = try YAMLLoader.load(contentsOf: working, options: loader.options)
                    } catch {
                        failure = error
                    }
                    let anchor = document.map(InputLoader.anchor(inHeadOf:)) ?? .startOfFile(working)
                    if let document, loader.isManifest(document) {
                        loaded.head.append(document)
                        if let base = change.base {
                            try collect { _ = try loadBase(base, anchor: anchor, of: working, into: &loaded, loader: loader, requireManifest: true) }
                        }
                        continue
                    }
                    // Not a manifest now: one that was at the revision is broken, never skipped (its resources would
                    // silently drop out of the plan); its problems are reported as for a file named.
                    var wasManifest = false
                    if let base = change.base {
                        try collect { wasManifest = try loadBase(base, anchor: anchor, of: working, into: &loaded, loader: loader, requireManifest: false) }
                    }
                    if wasManifest {
                        if let document { loaded.head.append(document) }
                        if let failure { diagnostics.append(Diagnostic(failure)) }
                    } else if let failure {
                        loaded.skipped.append("'\(DisplayText.quoted(working))', which does not load: \(DisplayText.quoted(failure.message, limit: 200))")
                    }
                } else if let base = change.base {
                    try collect {
                        _ = try loadBase(base, anchor: .startOfFile(repository.workingPath(of: base)), of: nil, into: &loaded, loader: loader, requireManifest: false)
                    }
                }
            }
        } else {
            for path in named {
                guard let inRepository = repository.repositoryPath(of: path) else {
                    throw GitRepository.Failure(message: "'\(DisplayText.quoted(path))' is outside the repository at '\(DisplayText.quoted(repository.root))'; --base reads the files of that repository")
                }
                let base = renamedFrom[inRepository] ?? inRepository
                let inWorkTree = FileManager.default.fileExists(atPath: path)
                if !inWorkTree, try repository.entry(base, at: commit) != nil {
                    try collect { _ = try loadBase(base, anchor: .startOfFile(path), of: nil, into: &loaded, loader: loader, requireManifest: true) }
                    continue
                }
                let document: YAMLDocument
                do {
                    document = try YAMLLoader.load(contentsOf: path, options: loader.options)
                } catch {
                    diagnostics.append(Diagnostic(error))
                    continue
                }
                loaded.head.append(document)
                try collect { _ = try loadBase(base, anchor: InputLoader.anchor(inHeadOf: document), of: path, into: &loaded, loader: loader, requireManifest: true) }
            }
        }
        loaded.problems = diagnostics
        return loaded
    }

    /// Loads `path` as it is at the revision into `loaded`, if it is there, and says whether it did; one that is not a
    /// manifest is refused (`requireManifest`, a file whose head is planned) or left out.
    @discardableResult
    private func loadBase(_ path: String, anchor: SourceRange, of head: String?, into loaded: inout Loaded, loader: InputLoader,
                          requireManifest: Bool) throws -> Bool {
        guard let entry = try repository.entry(path, at: commit) else { return false }
        let label = revision + ":" + path
        let limit = loader.options.limits.maxFileBytes
        // A link's blob is the path it points to, not a manifest: the file it points to is planned on its own.
        if entry.isSymbolicLink {
            if !requireManifest { return false }
            throw InputError([Diagnostic(.wrongKind, at: .startOfFile(label), "this is a symbolic link at '\(DisplayText.quoted(revision))', not a file; name the file it points to")])
        }
        guard entry.type == "blob" else {
            if !requireManifest { return false }
            throw InputError([Diagnostic(.wrongKind, at: .startOfFile(label), "this is a \(DisplayText.quoted(entry.type)) at '\(DisplayText.quoted(revision))', not a file")])
        }
        if entry.size > limit {
            // Refused unread; a file that need not be a manifest (a deleted one) is left out with a note instead.
            if !requireManifest {
                loaded.skipped.append("'\(DisplayText.quoted(label))', over --max-file-size (\(entry.size) bytes)")
                return false
            }
            throw InputError(YAMLError.fileTooLarge(label, size: entry.size, limit: limit))
        }
        let bytes = try repository.blob(entry.object, limit: limit)
        let document: YAMLDocument
        do {
            document = try YAMLLoader.load(bytes: bytes, file: label, options: loader.options)
        } catch {
            if !requireManifest { return false }
            throw InputError(error)
        }
        guard loader.isManifest(document) else {
            if !requireManifest { return false }
            let what = head.map { "the current state of '\(DisplayText.quoted($0))'" } ?? "a current state"
            throw InputError([Diagnostic(.wrongKind, at: document.root.map(document.range) ?? .startOfFile(label),
                                         "this is not an eniplan manifest (kind Manifest or State) at '\(DisplayText.quoted(revision))', so it cannot be \(what)")])
        }
        loaded.base.append(document)
        loaded.anchors[label] = anchor
        return true
    }

}

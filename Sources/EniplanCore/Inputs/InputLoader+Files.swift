import Foundation
import EniplanYAML

/// The inputs other than states: the config (found or named), the policies, the baseline, the region
/// catalogue. Each is loaded here and decoded by its decoder, which touches no file.
extension InputLoader {
    /// The rules the decoders check a config and a policy against: eniplan's own.
    package static let knownRules = KnownRules(
        configurable: RuleRegistry.descriptions.map { KnownRules.Name(id: $0.id, slug: $0.slug) },
        suppressionChecks: Suppressions.ruleDescriptions.map { KnownRules.Name(id: $0.id, slug: $0.slug) })

    /// The config in `folder` or the nearest folder above it, stopping at the repository root (the folder with `.git`).
    public static func discoverConfiguration(from folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(ConfigurationDecoder.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Why the config `discoverConfiguration(from:)` found at `path` (shown as `shown`) is not read, or nil: a
    /// symbolic link leading outside the repository (the folder with `.git` at or above it, else its own folder),
    /// or one that dangles or loops. A config found is the pull request's; one named explicitly is the operator's.
    public static func refusal(ofFoundConfiguration path: String, shownAs shown: String) -> Diagnostic? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
        var root = folder
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) {
            let parent = root.deletingLastPathComponent()
            if parent.path == root.path { root = folder; break }
            root = parent
        }
        let resolved = PhysicalPath.resolve(path)
        guard resolved == nil || !PhysicalPath.isWithin(resolved, PhysicalPath.resolve(root.path)) else { return nil }
        return Diagnostic(.pathOutsideConfig, at: .startOfFile(shown), "this config is a symbolic link that \(resolved == nil ? "dangles or loops" : "leads outside the repository")",
                          advice: .nameConfigExplicitly)
    }

    /// Loads and decodes the config at `path`.
    public func configuration(at path: String) throws(InputError) -> Configuration {
        try Self.configuration(from: InputError.loadingNamedFile(path, options: options))
    }

    /// Decodes a loaded config, each path it names followed on the file system from the config's folder.
    package static func configuration(from document: YAMLDocument) throws(InputError) -> Configuration {
        try ConfigurationDecoder.decode(document, known: knownRules) { written, configFile in
            let folder = URL(fileURLWithPath: configFile).deletingLastPathComponent()
            let path = folder.appendingPathComponent(written).relativePath
            guard let resolved = PhysicalPath.resolve(path) else { return .unresolvable }
            if PhysicalPath.isWithin(resolved, PhysicalPath.resolve(folder.path)) { return .withinFolder(path: path) }
            return .outsideFolder(throughLink: PhysicalPath.isWithin(PhysicalPath.lexical(path), PhysicalPath.lexical(folder.path)))
        }
    }

    /// Loads every policy file, reporting the problems of all of them, and refuses a rule id that two
    /// files define: both would report findings under one id and one fingerprint. A file named twice
    /// (in the config and with a flag) is read once.
    public func policies(at paths: [String]) throws(InputError) -> [Policy] {
        var policies: [Policy] = []
        var diagnostics: [Diagnostic] = []
        var read: Set<String> = []
        for path in paths where read.insert(URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path).inserted {
            do {
                policies.append(try PolicyDecoder.decode(InputError.loadingNamedFile(path, options: options), known: Self.knownRules))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var first: [String: SourceRange] = [:]
        for policy in policies {
            for rule in policy.rules {
                if let earlier = first[rule.id] {
                    diagnostics.append(Diagnostic(.duplicateId, at: rule.range, "policy rule '\(DisplayText.quoted(rule.id))' is defined twice",
                                                  notes: [YAMLError.Note(range: earlier, message: "first defined here")]))
                } else {
                    first[rule.id] = rule.range
                }
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return policies
    }

    /// Reads a baseline written by `eniplan baseline write`, from a file or a pipe, through the YAML
    /// loader: every problem is a located error (syntax, wrong type, unknown or missing key, unsupported
    /// format), and an unreadable path says why.
    public func baseline(at path: String) throws(InputError) -> Baseline {
        try BaselineDecoder.decode(InputError.loadingNamedFile(path, options: options))
    }

    /// The region catalogue: the built-in one, or the file given to replace it.
    public func regionCatalog(override path: String?) throws(InputError) -> RegionCatalog {
        guard let path else { return try RegionCatalogDecoder.builtIn() }
        return try RegionCatalogDecoder.decode(InputError.loadingNamedFile(path, options: options), origin: path)
    }

    /// Why a file the config names cannot be read, as an error at the config's entry; nil when it can be.
    ///
    /// `what` names the file's role in the message (`policy file`, `baseline`). The path as written comes
    /// first; the resolved path follows when it differs, since paths are relative to the config's folder.
    public func problem(reading file: Configuration.NamedFile, as what: String) -> Diagnostic? {
        var isFolder: ObjCBool = false
        let reason: String
        if !FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) {
            reason = "no such file"
        } else if isFolder.boolValue {
            reason = "it is a directory"
        } else if !FileManager.default.isReadableFile(atPath: file.path) {
            reason = "permission denied"
        } else {
            return nil
        }
        let resolved = file.path == file.written || file.path == "./" + file.written ? "" : " (resolved to '\(DisplayText.escaped(file.path))')"
        return Diagnostic(.yaml(.unreadableFile), at: file.range, "cannot read \(what) '\(DisplayText.escaped(file.written))' named here\(resolved): \(reason)")
    }
}

import Foundation
import EniplanYAML

/// Reads `.eniplan.yaml` and finds it from the working folder up to the repository root.
public enum ConfigurationDecoder {
    public static let fileName = ".eniplan.yaml"
    static let topFields = ["apiVersion", "kind", "failOn", "regions", "baseline", "policies", "rules", "suppressions"]

    /// The config in `folder` or the nearest folder above it, stopping at the repository root (the folder with `.git`).
    public static func discover(from folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Why the config `discover(from:)` found at `path` (shown as `shown`) is not read, or nil: a symbolic link
    /// leading outside the repository (the folder with `.git` at or above it, else its own folder), or one that
    /// dangles or loops. A config found is the pull request's; one given with `--config` is the operator's.
    public static func refusal(ofFound path: String, shownAs shown: String) -> Diagnostic? {
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

    public static func load(contentsOf path: String, options: LoaderOptions = LoaderOptions()) throws(InputError) -> Configuration {
        let document = try InputError.loadingNamedFile(path, options: options)
        return try decode(document)
    }

    public static func decode(_ document: YAMLDocument) throws(InputError) -> Configuration {
        var context = DecodingContext(document: document)
        var configuration = Configuration()
        configuration.file = document.file
        let folder = URL(fileURLWithPath: document.file).deletingLastPathComponent()
        let home = PhysicalPath.resolve(folder.path)
        // A config may come with the pull request that is checked: the files it names must be the
        // repository's, never a credential elsewhere on the runner. Flags are the operator's own.
        func named(_ node: NodeID, _ what: String, entry: String, role: Advice.Role) -> Configuration.NamedFile? {
            guard let written = context.string(node, what) else { return nil }
            let rule = "paths in a config must stay within its folder"
            let advice = Advice.pathsOutsideConfigGivenDirectly(role)
            if written.hasPrefix("/") {
                context.error(.pathOutsideConfig, context.range(node), "\(entry) path '\(DisplayText.quoted(written))' is absolute; \(rule)", advice: advice)
                return nil
            }
            let path = folder.appendingPathComponent(written).relativePath
            guard let resolved = PhysicalPath.resolve(path) else {
                context.error(.pathOutsideConfig, context.range(node), "\(entry) path '\(DisplayText.quoted(written))' goes through a symbolic link that dangles or loops; \(rule)", advice: advice)
                return nil
            }
            if !PhysicalPath.isWithin(resolved, home) {
                let how = PhysicalPath.isWithin(PhysicalPath.lexical(path), PhysicalPath.lexical(folder.path)) ? " through a symbolic link" : ""
                context.error(.pathOutsideConfig, context.range(node), "\(entry) path '\(DisplayText.quoted(written))' leads outside the config's folder\(how); \(rule)", advice: advice)
                return nil
            }
            return Configuration.NamedFile(path: path, written: written, range: context.range(node))
        }
        if let refusal = DocumentShape.refusal(document, as: "an eniplan config", fields: topFields, kinds: ["Config"]) {
            throw InputError([refusal])
        }
        if let root = document.root, let top = context.mapping(root, "the config", fields: topFields) {
            if let kind = top["kind"], let text = context.string(kind, "kind"), text != "Config" {
                context.error(.wrongKind, context.range(kind), DocumentShape.kindMismatch(text, expected: ["Config"]))
            }
            if let version = top["apiVersion"], let text = context.string(version, "apiVersion"), text != ManifestDecoder.apiVersion {
                context.error(.unsupportedVersion, context.range(version), DocumentShape.apiVersionMismatch(text))
            }
            configuration.failOn = top["failOn"].flatMap { context.choice($0, "failOn", as: Severity.self) }
            configuration.regionsFile = top["regions"].flatMap { named($0, "regions", entry: "the regions", role: .regions) }
            configuration.baselineFile = top["baseline"].flatMap { named($0, "baseline", entry: "the baseline", role: .baseline) }
            for item in top["policies"].flatMap({ context.list($0, "policies") }) ?? [] {
                if let file = named(item, "each entry of policies", entry: "the policy", role: .policy) { configuration.policyFiles.append(file) }
            }
            if let rules = top["rules"] {
                if context.document.kind(rules) != .mapping {
                    context.error(.wrongType, context.range(rules), "rules must be a mapping of rule ids to settings, not \(context.describe(rules))")
                }
                for (key, value) in context.document.entries(rules) {
                    guard let id = context.string(key, "a rule id") else { continue }
                    guard RuleRegistry.description(of: id)?.id == id else {
                        let hint = Suggestions.closest(to: id, in: RuleRegistry.descriptions.map(\.id)).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
                        context.error(.unknownKey, context.range(key), "unknown rule '\(DisplayText.quoted(id))'\(hint) (policy rules are configured in their policy file)")
                        continue
                    }
                    guard let setting = context.mapping(value, "the settings of \(id)", fields: ["enabled", "severity"]) else { continue }
                    configuration.rules[id] = Configuration.RuleSetting(
                        enabled: setting["enabled"].flatMap { context.bool($0, "enabled") },
                        severity: setting["severity"].flatMap { context.choice($0, "severity", as: Severity.self) })
                }
            }
            for item in top["suppressions"].flatMap({ context.list($0, "suppressions") }) ?? [] {
                guard let entry = context.mapping(item, "a suppression", fields: ["rule", "resource", "reason", "expires"]) else { continue }
                guard let rule = entry["rule"].flatMap({ context.string($0, "rule") }) else {
                    if entry["rule"] == nil { context.error(.missingKey, entry.range, "a suppression needs 'rule'") }
                    continue
                }
                configuration.suppressions.append(Configuration.Suppression(
                    rule: rule, resource: entry["resource"].flatMap { context.string($0, "resource") },
                    reason: entry["reason"].flatMap { context.string($0, "reason") },
                    expires: entry["expires"].flatMap { context.string($0, "expires") }, range: entry.range))
            }
        }
        if !context.diagnostics.isEmpty { throw InputError(context.diagnostics) }
        return configuration
    }
}

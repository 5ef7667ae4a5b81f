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

    public static func load(contentsOf path: String, options: LoaderOptions = LoaderOptions()) throws(InputError) -> Configuration {
        let document = try InputError.loading(path, options: options)
        return try decode(document)
    }

    public static func decode(_ document: YAMLDocument) throws(InputError) -> Configuration {
        var context = DecodingContext(document: document)
        var configuration = Configuration()
        configuration.file = document.file
        let folder = URL(fileURLWithPath: document.file).deletingLastPathComponent()
        func named(_ node: NodeID, _ what: String) -> Configuration.NamedFile? {
            guard let written = context.string(node, what) else { return nil }
            let path = written.hasPrefix("/") ? written : folder.appendingPathComponent(written).relativePath
            return Configuration.NamedFile(path: path, written: written, range: context.range(node))
        }
        if let root = document.root, let top = context.mapping(root, "the config", fields: topFields) {
            if let kind = top["kind"], let text = context.string(kind, "kind"), text != "Config" {
                context.error(context.range(kind), "kind must be Config, not '\(DisplayText.quoted(text))'")
            }
            if let version = top["apiVersion"], let text = context.string(version, "apiVersion"), text != ManifestDecoder.apiVersion {
                context.error(context.range(version), "apiVersion must be '\(DisplayText.quoted(ManifestDecoder.apiVersion))', not '\(DisplayText.quoted(text))'")
            }
            configuration.failOn = top["failOn"].flatMap { context.choice($0, "failOn", as: Severity.self) }
            configuration.regionsFile = top["regions"].flatMap { named($0, "regions") }
            configuration.baselineFile = top["baseline"].flatMap { named($0, "baseline") }
            for item in top["policies"].flatMap({ context.list($0, "policies") }) ?? [] {
                if let file = named(item, "each entry of policies") { configuration.policyFiles.append(file) }
            }
            if let rules = top["rules"] {
                if context.document.kind(rules) != .mapping {
                    context.error(context.range(rules), "rules must be a mapping of rule ids to settings, not \(context.describe(rules))")
                }
                for (key, value) in context.document.entries(rules) {
                    guard let id = context.string(key, "a rule id") else { continue }
                    guard RuleRegistry.description(of: id)?.id == id else {
                        let hint = Suggestions.closest(to: id, in: RuleRegistry.descriptions.map(\.id)).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
                        context.error(context.range(key), "unknown rule '\(DisplayText.quoted(id))'\(hint) (policy rules are configured in their policy file)")
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
                    if entry["rule"] == nil { context.error(entry.range, "a suppression needs 'rule'") }
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

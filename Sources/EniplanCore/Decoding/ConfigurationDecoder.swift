import EniplanYAML

/// Reads `.eniplan.yaml`: its gate, rules and suppressions, and the files it names.
package enum ConfigurationDecoder {
    package static let fileName = ".eniplan.yaml"
    static let topFields = ["apiVersion", "kind", "failOn", "regions", "baseline", "policies", "rules", "suppressions"]

    /// The config in `document`. The rules it configures are checked against `known`; where each path it names
    /// leads is `place`'s to say (the file system's, in the inputs layer), given the path as written and the
    /// config's own path.
    package static func decode(_ document: YAMLDocument, known: KnownRules,
                              placing place: (_ written: String, _ configFile: String) -> NamedPathPlace) throws(InputError) -> Configuration {
        var context = DecodingContext(document: document)
        var configuration = Configuration()
        configuration.file = document.file
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
            switch place(written, document.file) {
            case .withinFolder(let path):
                return Configuration.NamedFile(path: path, written: written, range: context.range(node))
            case .unresolvable:
                context.error(.pathOutsideConfig, context.range(node), "\(entry) path '\(DisplayText.quoted(written))' goes through a symbolic link that dangles or loops; \(rule)", advice: advice)
            case .outsideFolder(let throughLink):
                let how = throughLink ? " through a symbolic link" : ""
                context.error(.pathOutsideConfig, context.range(node), "\(entry) path '\(DisplayText.quoted(written))' leads outside the config's folder\(how); \(rule)", advice: advice)
            }
            return nil
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
                    guard known.configurable.contains(where: { $0.id == id }) else {
                        let hint = Suggestions.closest(to: id, in: known.configurable.map(\.id)).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
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

/// Where a path a config names leads, followed through every symbolic link.
package enum NamedPathPlace: Sendable, Hashable {
    /// Inside the config's folder, at `path` (relative to the working folder when the config's is).
    case withinFolder(path: String)
    /// Outside the config's folder; `throughLink` when the path as written stays inside it.
    case outsideFolder(throughLink: Bool)
    /// Through a link that dangles or loops.
    case unresolvable
}

import Foundation
import EniplanYAML

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, byte-identical for identical inputs.
///
/// One run. `tool.driver.rules` lists every rule that could have spoken, the analysis's `RuleCatalog`: the built-in
/// rules in id order, the suppression checks SUP001-SUP003, then the policy rules that ran, in id order; `ruleIndex` points
/// into that list. Each finding is one result:
/// - its location's file is a URI relative to the repository root (`ReportOptions.rootDirectory`) with
///   `uriBaseId` `%SRCROOT%`, which `originalUriBaseIds` resolves to the root as a `file://` URI; a file
///   outside the root is an absolute `file://` URI. Lines and columns are 1-based, columns count Unicode
///   code points (`columnKind: unicodeCodePoints`), and `endColumn` is just after the last character.
///   A finding without a file (which the rules avoid) keeps only its logical location, the resource.
/// - `partialFingerprints["eniplanFingerprint/v1"]` is the finding's fingerprint (rule and resource, never a
///   line), so code scanning tracks an alert across edits that move lines.
/// - a suppressed finding has one `suppressions` entry (`inSource` for an inline comment, `external` for the
///   config; status `accepted`, the reason as justification). The result stays in the log, as the design
///   asks of every format; a viewer that ignores `suppressions` shows it as an open alert.
/// - with a baseline, `baselineState` is `new` or `unchanged` (in the baseline); a baselined finding is not
///   marked suppressed, since a baseline records debt rather than accepting it. Baseline entries fixed since
///   are listed in the run's `properties.fixedSinceBaseline`, not as results: results need a location.
package enum SARIFReporter {
    static let informationURI = "https://eniplan.dev"
    static let fingerprintKey = "eniplanFingerprint/v1"
    static let rootBaseID = "%SRCROOT%"

    package static func render(_ analysis: Analysis, options: ReportOptions) -> String {
        // Strings, integers and optionals only: encoding cannot fail.
        (try? PrettyJSONEncoder().encodeLine(log(analysis, options: options))) ?? "{}\n"
    }

    /// The SARIF log `render` writes.
    static func log(_ analysis: Analysis, options: ReportOptions) -> SARIFLog {
        let rules = ruleDescriptors(analysis, options: options)
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = index }

        // Every file a location names: findings' and their suppressions'.
        let files = analysis.findings.map(\.location.file) + analysis.findings.compactMap { $0.suppression?.location?.file }
        let artifacts = Set(files.filter { !$0.isEmpty }.map(options.repositoryPath)).sorted()
        var artifactIndex: [String: Int] = [:]
        for (index, path) in artifacts.enumerated() { artifactIndex[path] = index }

        let results = analysis.findings.map { finding in
            result(finding, ruleIndex: ruleIndex[finding.ruleId] ?? 0, artifactIndex: artifactIndex, options: options)
        }
        let run = SARIFLog.Run(
            tool: SARIFLog.Tool(driver: SARIFLog.Driver(name: "eniplan", version: EniplanVersion.current,
                                                        semanticVersion: EniplanVersion.current,
                                                        informationUri: informationURI, rules: rules)),
            automationDetails: options.category.isEmpty ? nil : SARIFLog.AutomationDetails(id: options.category),
            originalUriBaseIds: [rootBaseID: SARIFLog.ArtifactLocation(uri: rootURI(options.rootDirectory))],
            artifacts: artifacts.map { SARIFLog.Artifact(location: artifactLocation(path: $0, index: artifactIndex[$0]), mimeType: mimeType(of: $0)) },
            results: results,
            properties: options.usedBaseline ? SARIFLog.RunProperties(fixedSinceBaseline: analysis.fixed) : nil)
        return SARIFLog(runs: [run])
    }

    // MARK: Rules

    /// Every rule of the analysis's catalogue and (should a finding name a rule it does not describe) a bare
    /// descriptor for it, so every result's `ruleIndex` is valid.
    static func ruleDescriptors(_ analysis: Analysis, options: ReportOptions) -> [SARIFLog.ReportingDescriptor] {
        var rules = analysis.rules.rules.map { descriptor($0, options: options) }
        var known = Set(rules.map(\.id))
        var orphans: [Finding] = []
        for finding in analysis.findings where known.insert(finding.ruleId).inserted { orphans.append(finding) }
        for finding in orphans.sorted(by: { $0.ruleId < $1.ruleId }) {
            rules.append(SARIFLog.ReportingDescriptor(
                id: finding.ruleId, name: finding.slug,
                shortDescription: SARIFLog.Message(text: "findings of rule \(finding.ruleId)"),
                fullDescription: SARIFLog.Message(text: "findings of rule \(finding.ruleId), which no rule catalogue of this run describes"),
                help: SARIFLog.Message(text: "findings of rule \(finding.ruleId), which no rule catalogue of this run describes"),
                defaultConfiguration: SARIFLog.Configuration(level: finding.severity.rawValue),
                properties: properties(tags: ["eniplan"], severity: finding.severity)))
        }
        return rules
    }

    /// A rule: its help is `RuleHelp`'s, in text (what `eniplan explain` prints) and Markdown, a policy file's path
    /// relative to the repository root.
    static func descriptor(_ rule: RuleDescription, options: ReportOptions) -> SARIFLog.ReportingDescriptor {
        let tags = switch rule.kind {
        case .builtIn: ["alibaba-cloud", "ecs", "eni"]
        case .suppressionCheck: ["eniplan", "suppression"]
        case .policy: ["eniplan", "policy"]
        }
        return SARIFLog.ReportingDescriptor(
            id: rule.id, name: rule.slug,
            shortDescription: SARIFLog.Message(text: rule.summary),
            fullDescription: SARIFLog.Message(text: RuleHelp.fullDescription(rule, path: options.repositoryPath)),
            help: SARIFLog.Message(text: RuleHelp.text(rule, path: options.repositoryPath), markdown: RuleHelp.markdown(rule, path: options.repositoryPath)),
            defaultConfiguration: SARIFLog.Configuration(level: rule.severity.rawValue),
            properties: properties(tags: tags, severity: rule.severity))
    }

    /// The rules are exact checks of the inputs against documented behaviour, not heuristics: precision very-high.
    private static func properties(tags: [String], severity: Severity) -> SARIFLog.RuleProperties {
        SARIFLog.RuleProperties(tags: tags, precision: "very-high", problemSeverity: severity == .note ? "recommendation" : severity.rawValue)
    }

    // MARK: Results

    static func result(_ finding: Finding, ruleIndex: Int, artifactIndex: [String: Int], options: ReportOptions) -> SARIFLog.Result {
        var text = finding.message
        for note in finding.notes { text += "\nnote: \(note)" }
        let logical = SARIFLog.LogicalLocation(name: finding.resource.id,
                                               fullyQualifiedName: "\(finding.resource.kind.rawValue)/\(finding.resource.id)",
                                               kind: "resource")
        // A resource a Terraform plan manages is also named by its address, as Terraform names it.
        let terraform = finding.terraformAddress.map { SARIFLog.LogicalLocation(name: $0, fullyQualifiedName: $0, kind: "resource") }
        let location = SARIFLog.Location(physicalLocation: physicalLocation(finding.location, artifactIndex: artifactIndex, options: options),
                                         logicalLocations: [logical] + (terraform.map { [$0] } ?? []))
        let suppressions = finding.suppression.map { mark in
            [SARIFLog.Suppression(
                kind: mark.source == .inline ? "inSource" : "external",
                justification: mark.reason,
                location: mark.location.flatMap { physicalLocation($0, artifactIndex: artifactIndex, options: options) }
                    .map { SARIFLog.Location(physicalLocation: $0) },
                properties: mark.expires.map { SARIFLog.SuppressionProperties(expires: $0) })]
        }
        let baselineState: String? = switch finding.baseline {
        case .new: "new"
        case .baselined: "unchanged"
        case nil: nil
        }
        return SARIFLog.Result(
            ruleId: finding.ruleId, ruleIndex: ruleIndex, level: finding.severity.rawValue,
            message: SARIFLog.Message(text: text), locations: [location],
            partialFingerprints: [fingerprintKey: finding.fingerprint],
            suppressions: suppressions, baselineState: baselineState,
            properties: SARIFLog.ResultProperties(slug: finding.slug, resource: finding.resource, fixHint: finding.fixHint,
                                                  notes: finding.notes.isEmpty ? nil : finding.notes))
    }

    /// Nil when the range has no file: SARIF's physical location needs an artifact.
    static func physicalLocation(_ range: SourceRange, artifactIndex: [String: Int], options: ReportOptions) -> SARIFLog.PhysicalLocation? {
        guard !range.file.isEmpty else { return nil }
        let path = options.repositoryPath(range.file)
        let startLine = max(1, range.start.line)
        let startColumn = max(1, range.start.column)
        var endLine = max(startLine, range.end.line)
        var endColumn = max(1, range.end.column)
        if endLine == startLine && endColumn < startColumn {
            endLine = startLine
            endColumn = startColumn
        }
        return SARIFLog.PhysicalLocation(
            artifactLocation: artifactLocation(path: path, index: artifactIndex[path]),
            region: SARIFLog.Region(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn))
    }

    /// A repository-relative path against `%SRCROOT%`; an absolute one (outside the root) as a `file://` URI.
    static func artifactLocation(path: String, index: Int?) -> SARIFLog.ArtifactLocation {
        if path.hasPrefix("/") { return SARIFLog.ArtifactLocation(uri: "file://" + percentEncoded(path), index: index) }
        return SARIFLog.ArtifactLocation(uri: percentEncoded(path), uriBaseId: rootBaseID, index: index)
    }

    /// The repository root as a `file://` URI ending in `/`, as SARIF requires of a base URI.
    static func rootURI(_ root: String) -> String {
        let path = ReportOptions.normalized(root)
        return "file://" + percentEncoded(path == "/" ? "/" : path + "/")
    }

    /// Percent-encodes (as UTF-8) every byte of a path but unreserved characters and `/`, so that spaces,
    /// `%`, `#`, `?`, `:` and non-ASCII names give a valid URI reference.
    static func percentEncoded(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }

    private static func mimeType(of path: String) -> String? {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return "application/yaml" }
        if path.hasSuffix(".json") { return "application/json" }
        return nil
    }
}

extension SARIFReporter: TextReporter {
    static func report(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery]) -> String {
        render(analysis, options: options)
    }
}

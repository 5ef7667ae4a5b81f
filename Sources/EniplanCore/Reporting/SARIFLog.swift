/// The subset of SARIF 2.1.0 that `--format sarif` writes, as plain `Encodable` values (encoded with sorted keys).
/// Property names are SARIF's; optionals are left out when nil.
struct SARIFLog: Encodable {
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    var schema = SARIFLog.schemaURI
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    struct Run: Encodable {
        var tool: Tool
        var automationDetails: AutomationDetails?
        var originalUriBaseIds: [String: ArtifactLocation]
        var artifacts: [Artifact]
        var results: [Result]
        var columnKind = "unicodeCodePoints"
        var properties: RunProperties?
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct RuleProperties: Encodable {
        var tags: [String]
        var precision: String
        /// `problem.severity` is what GitHub code scanning shows for rules without a security severity.
        var problemSeverity: String

        enum CodingKeys: String, CodingKey {
            case tags, precision
            case problemSeverity = "problem.severity"
        }
    }

    /// A message or multiformat message string: `text`, and `markdown` where there is one.
    struct Message: Encodable {
        var text: String
        var markdown: String?
    }

    struct AutomationDetails: Encodable {
        var id: String
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
        var index: Int?
    }

    struct Artifact: Encodable {
        var location: ArtifactLocation
        var mimeType: String?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
        var baselineState: String?
        var properties: ResultProperties
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    /// Lines and columns are 1-based; columns count Unicode code points (the run's `columnKind`), and
    /// `endColumn` is the column just after the last character, as SARIF defines it.
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }

    struct LogicalLocation: Encodable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }

    struct Suppression: Encodable {
        /// `inSource` for an inline comment, `external` for a config entry.
        var kind: String
        var status = "accepted"
        var justification: String
        var location: Location?
        var properties: SuppressionProperties?
    }

    struct SuppressionProperties: Encodable {
        /// `YYYY-MM-DD`.
        var expires: String
    }

    struct ResultProperties: Encodable {
        var slug: String
        var resource: ResourceReference
        var fixHint: String?
        var notes: [String]?
    }

    struct RunProperties: Encodable {
        /// Baseline entries that no finding matches any more; SARIF results need a location, these have none.
        var fixedSinceBaseline: [Baseline.Entry]
    }
}

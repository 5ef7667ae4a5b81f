/// The families of problems the core finds in inputs it has loaded; stable, for tests and tooling. Problems the
/// YAML loader finds keep its ``YAMLError/Code`` (see ``Diagnostic/Code``).
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    /// A file with no document at all.
    case emptyFile = "empty_file"
    /// A file of another kind than the one asked for: a policy given as a manifest, an API error response.
    case wrongKind = "wrong_kind"
    /// An `apiVersion` or baseline `formatVersion` this eniplan does not read.
    case unsupportedVersion = "unsupported_version"
    /// A key, rule id or field name the schema does not have.
    case unknownKey = "unknown_key"
    /// A value of the wrong type: a list where text belongs, a mapping where a boolean does.
    case wrongType = "wrong_type"
    /// A required key or value that is not there.
    case missingKey = "missing_key"
    /// A value of the right type that is not allowed: empty, null, not one of the choices, not an address.
    case invalidValue = "invalid_value"
    /// One id (instance, ENI, region, policy rule) defined twice, or defined twice with different data.
    case duplicateId = "duplicate_id"
    /// A policy rule id that belongs to a built-in rule or a suppression check.
    case reservedId = "reserved_id"
    /// Inputs that contradict each other: two values of one field, two regions, two primary ENIs.
    case conflictingValues = "conflicting_values"
    /// Inputs that leave something out: a missing page, an ENI whose type no response gives.
    case incompleteInput = "incomplete_input"
    /// A path a config names that is absolute, leaves the config's folder or goes through a broken link.
    case pathOutsideConfig = "path_outside_config"
    /// A policy `matches` pattern outside the supported subset or its bounds.
    case patternRefused = "pattern_refused"
    /// A value longer than a bound that keeps the work linear: a policy-matched value over 16 KiB.
    case valueTooLong = "value_too_long"
    /// Nothing to work on: no input files were given.
    case noInput = "no_input"
}

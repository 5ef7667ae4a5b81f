/// A problem that stops a YAML file from loading, with the exact place it happened.
public struct YAMLError: Error, Sendable, Hashable {
    /// What kind of problem this is; stable, for tests and tooling.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case unreadableFile = "unreadable_file"
        case fileTooLarge = "file_too_large"
        case unsupportedEncoding = "unsupported_encoding"
        case invalidEncoding = "invalid_encoding"
        case unicodeLineBreak = "unicode_line_break"
        case syntax
        case tooDeep = "too_deep"
        case scalarTooLong = "scalar_too_long"
        case duplicateKey = "duplicate_key"
        case undefinedAlias = "undefined_alias"
        case recursiveAlias = "recursive_alias"
        case aliasBudgetExceeded = "alias_budget_exceeded"
        case aliasBytesExceeded = "alias_bytes_exceeded"
        case unsupportedTag = "unsupported_tag"
        case mergeKey = "merge_key"
        case complexKey = "complex_key"
        case tooManyDocuments = "too_many_documents"
    }

    /// Another place that helps explain the problem, such as the first of two duplicate keys.
    public struct Note: Sendable, Hashable {
        public var range: SourceRange
        public var message: String

        public init(range: SourceRange, message: String) {
            self.range = range
            self.message = message
        }
    }

    public var code: Code
    public var range: SourceRange
    public var message: String
    public var notes: [Note]
    /// What the reading tool can do about it, in the tool's own words.
    public var advice: Advice?

    public init(_ code: Code, at range: SourceRange, _ message: String, notes: [Note] = [], advice: Advice? = nil) {
        self.code = code
        self.range = range
        self.message = message
        self.notes = notes
        self.advice = advice
    }
}

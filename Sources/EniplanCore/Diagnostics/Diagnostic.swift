import EniplanYAML

/// A problem with an input, located at the exact node that causes it.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// What kind of problem this is: the YAML loader's code, or the family of a problem the core found.
    public enum Code: Sendable, Hashable, CaseIterable {
        /// A file that did not load: its syntax, encoding, size, aliases (`syntax`, `alias_budget_exceeded`).
        case yaml(YAMLError.Code)
        /// A loaded input eniplan cannot work with (`unknown_key`, `wrong_type`).
        case input(DiagnosticCode)

        public static var allCases: [Code] { YAMLError.Code.allCases.map(Code.yaml) + DiagnosticCode.allCases.map(Code.input) }

        /// The stable snake_case name: `syntax`, `duplicate_key`, `unknown_key`.
        public var rawValue: String {
            switch self {
            case .yaml(let code): code.rawValue
            case .input(let code): code.rawValue
            }
        }
    }

    public var code: Code
    public var severity: Severity
    /// Where the problem is; nil for a problem with no place in any file (no input was given).
    public var range: SourceRange?
    public var message: String
    public var notes: [YAMLError.Note]
    /// What the reading tool can do about it; the tool words it after the message.
    public var advice: Advice?

    public init(_ code: Code, at range: SourceRange?, _ message: String, severity: Severity = .error, notes: [YAMLError.Note] = [],
                advice: Advice? = nil) {
        self.code = code
        self.severity = severity
        self.range = range
        self.message = message
        self.notes = notes
        self.advice = advice
    }

    public init(_ code: DiagnosticCode, at range: SourceRange?, _ message: String, severity: Severity = .error, notes: [YAMLError.Note] = [],
                advice: Advice? = nil) {
        self.init(.input(code), at: range, message, severity: severity, notes: notes, advice: advice)
    }

    public init(_ error: YAMLError) {
        self.init(.yaml(error.code), at: error.range, error.message, notes: error.notes, advice: error.advice)
    }
}

/// Inputs eniplan cannot work with; each diagnostic names its file, line and column.
public struct InputError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    /// Each problem once, in the order first met: a node aliased many times is one node with one problem.
    public init(_ diagnostics: [Diagnostic]) {
        var seen: Set<Diagnostic> = []
        self.diagnostics = diagnostics.filter { seen.insert($0).inserted }
    }
    public init(_ error: YAMLError) { self.diagnostics = [Diagnostic(error)] }
}

import EniplanYAML

/// A problem with an input, located at the exact node that causes it.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var range: SourceRange
    public var message: String
    public var notes: [YAMLError.Note]

    public init(_ severity: Severity = .error, at range: SourceRange, _ message: String, notes: [YAMLError.Note] = []) {
        self.severity = severity
        self.range = range
        self.message = message
        self.notes = notes
    }

    public init(_ error: YAMLError) {
        self.init(.error, at: error.range, error.message, notes: error.notes)
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

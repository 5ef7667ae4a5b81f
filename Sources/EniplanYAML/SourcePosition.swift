/// A point in a source file.
///
/// `line` and `column` are 1-based; `column` counts Unicode code points, as libyaml and SARIF's
/// `unicodeCodePoints` column kind do. `offset` is the 0-based byte offset into the UTF-8 file.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column, lhs.offset) < (rhs.line, rhs.column, rhs.offset)
    }
}

/// A span of a source file: `start` is the first character, `end` the position just after the last.
public struct SourceRange: Sendable, Hashable {
    public var file: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// An empty range at the start of `file`, for problems that concern the whole file.
    public static func startOfFile(_ file: String) -> SourceRange {
        let origin = SourcePosition(line: 1, column: 1, offset: 0)
        return SourceRange(file: file, start: origin, end: origin)
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}

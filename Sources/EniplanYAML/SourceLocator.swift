/// A stretch of a loaded file kept as two byte offsets, 8 bytes in all; its ``SourceLocator`` works
/// out the lines and columns when someone asks.
public struct SourceSpan: Sendable, Hashable {
    let start: UInt32
    let end: UInt32
}

/// Turns the offsets of one loaded file into lines and columns. Shared by everything decoded from the
/// file, so that a decoded model can keep a field's whereabouts in 8 bytes instead of a ``SourceRange``.
public final class SourceLocator: Sendable {
    /// The path the file was loaded from, as given.
    public let file: String
    let lines: LineTable

    init(file: String, lines: LineTable) {
        self.file = file
        self.lines = lines
    }

    /// The range `span` covers, with lines and columns.
    public func range(_ span: SourceSpan) -> SourceRange {
        SourceRange(file: file, start: lines.position(ofStored: span.start), end: lines.position(ofStored: span.end))
    }
}

import EniplanCore

/// Writes errors the way compilers do, `file:line:column: error: message`, to standard error.
///
/// Every line goes through ``line(_:_:_:)``: messages quote input values already escaped and cut, and this
/// escapes the rest (a file name a config gives, text a message carries whole), so no input can start a line
/// of its own on standard error, where GitHub Actions runs `::command::` lines.
enum DiagnosticPrinter {
    /// `load`'s value; its problems are printed, and fail the run.
    static func failingOnProblems<Value>(_ load: () throws(InputError) -> Value) throws -> Value {
        do {
            return try load()
        } catch {
            print(error)
            throw ExitStatus.failure
        }
    }

    static func print(_ error: YAMLError) {
        var text = line(error.range, "error", error.message + (error.advice?.wording ?? ""))
        for note in error.notes { text += line(note.range, "note", note.message) }
        StandardStreams.writeError(text)
    }

    /// Most errors one run prints; the rest are counted in one line.
    static let maximumPrinted = 100

    static func print(_ error: InputError) {
        var text = ""
        for diagnostic in error.diagnostics.prefix(maximumPrinted) {
            // A problem with no place in any file is the tool's own, as usage errors are: `eniplan: error: ...`.
            text += line(at: diagnostic.range.map(DisplayText.location) ?? "eniplan", diagnostic.severity.rawValue,
                         diagnostic.message + (diagnostic.advice?.wording ?? ""))
            for note in diagnostic.notes { text += line(note.range, "note", note.message) }
        }
        if error.diagnostics.count > maximumPrinted {
            let more = error.diagnostics.count - maximumPrinted
            text += "eniplan: \(more) more error\(more == 1 ? "" : "s") not shown\n"
        }
        StandardStreams.writeError(text)
    }

    /// `location: severity: message` and a line feed, with control, line-separator and bidirectional characters
    /// escaped; the file as ``DisplayText/path(_:)`` writes it, so one named `::x.yaml` or ` ::x.yaml` is `./::x.yaml`.
    static func line(_ range: SourceRange, _ severity: String, _ message: String) -> String {
        line(at: DisplayText.location(range), severity, message)
    }

    /// The same line at a location already written for display, or `eniplan` for the tool's own problems.
    private static func line(at location: String, _ severity: String, _ message: String) -> String {
        "\(location): \(severity): \(message.displaySafe)\n"
    }
}

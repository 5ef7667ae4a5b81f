import EniplanCore
import EniplanYAML

/// Writes errors the way compilers do, `file:line:column: error: message`, to standard error.
///
/// Every line goes through ``line(_:_:_:)``: messages quote input values already escaped and cut, and this
/// escapes the rest (a file name a config gives, text a message carries whole), so no input can start a line
/// of its own on standard error, where GitHub Actions runs `::command::` lines.
enum DiagnosticPrinter {
    static func print(_ error: YAMLError) {
        var text = line(error.range.description, "error", error.message)
        for note in error.notes { text += line(note.range.description, "note", note.message) }
        StandardStreams.writeError(text)
    }

    /// Most errors one run prints; the rest are counted in one line.
    static let maximumPrinted = 100

    static func print(_ error: InputError) {
        var text = ""
        for diagnostic in error.diagnostics.prefix(maximumPrinted) {
            text += line(diagnostic.range.description, diagnostic.severity.rawValue, diagnostic.message)
            for note in diagnostic.notes { text += line(note.range.description, "note", note.message) }
        }
        if error.diagnostics.count > maximumPrinted {
            let more = error.diagnostics.count - maximumPrinted
            text += "eniplan: \(more) more error\(more == 1 ? "" : "s") not shown\n"
        }
        StandardStreams.writeError(text)
    }

    /// `location: severity: message` and a line feed, with control, line-separator and bidirectional characters
    /// escaped; a location that would start the line with `::` (a file named so) is written `./::...`.
    static func line(_ location: String, _ severity: String, _ message: String) -> String {
        var place = location.displaySafe
        if place.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("::") { place = "./" + place }
        return "\(place): \(severity): \(message.displaySafe)\n"
    }
}

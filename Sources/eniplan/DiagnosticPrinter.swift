import EniplanCore
import EniplanYAML

/// Writes errors the way compilers do, `file:line:column: error: message`, to standard error.
enum DiagnosticPrinter {
    static func print(_ error: YAMLError) {
        var text = "\(error.range.description): error: \(error.message)\n"
        for note in error.notes {
            text += "\(note.range.description): note: \(note.message)\n"
        }
        StandardStreams.writeError(text)
    }

    static func print(_ error: InputError) {
        var text = ""
        for diagnostic in error.diagnostics {
            text += "\(diagnostic.range.description): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
            for note in diagnostic.notes { text += "\(note.range.description): note: \(note.message)\n" }
        }
        StandardStreams.writeError(text)
    }
}

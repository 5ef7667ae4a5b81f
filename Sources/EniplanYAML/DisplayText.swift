/// Input text made safe to print where people and CI logs read it: terminals, GitHub Actions logs (which run
/// `::command::` lines), PR comments, JUnit views.
///
/// It lives in the YAML module, the lowest one, so the loader's own messages, the core's decoders, reporters and
/// the CLI's diagnostic printer all share this one definition.
package enum DisplayText {
    /// Most characters of an input value that a message quotes; longer values are cut and end in `…`.
    package static let quoteLimit = 80

    /// Whether `scalar` must not reach a reader raw: C0 controls except TAB, DEL, C1 controls, the line and
    /// paragraph separators U+2028 and U+2029, and the bidirectional overrides and isolates U+202A-U+202E and
    /// U+2066-U+2069. Any of them can start a new line, redraw a terminal or reorder what a reviewer sees.
    package static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with every character of ``mustEscape(_:)`` written as Swift writes it, `\u{1B}` (hex uppercase), and
    /// the second `#` of every `##[` written `\u{23}`: the GitHub Actions runner also runs a legacy `##[command]`
    /// found anywhere in a line. Everything else, backslashes included, is kept, so applying it twice changes
    /// nothing and ordinary text prints exactly as it is.
    package static func escaped(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var previous: Unicode.Scalar?
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            if mustEscape(scalar) || (scalar == "#" && previous == "#" && next == "[") {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return result
    }

    /// Whether `text` holds a character of ``mustEscape(_:)`` or a `##[`. Every such character is a byte below
    /// 0x20, 0x7F, or starts with the UTF-8 lead byte 0xC2 (U+0080-U+009F) or 0xE2 (U+2028-U+2069), and `##[`
    /// starts with 0x23, so one pass over the bytes settles the usual text, and only text with such a byte is
    /// read again.
    package static func needsEscaping(_ text: String) -> Bool {
        var contiguous = text
        // Over the bytes in place: iterating the UTF-8 view costs several times as much per byte.
        let suspicious = contiguous.withUTF8 { bytes in
            bytes.contains { byte in (byte < 0x20 && byte != 0x09) || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0x23 }
        }
        guard suspicious else { return false }
        return text.unicodeScalars.contains(where: mustEscape) || containsLegacyCommand(text)
    }

    /// Whether `text` holds `##[`, which starts a legacy workflow command anywhere in a line.
    package static func containsLegacyCommand<S: StringProtocol>(_ text: S) -> Bool {
        var run = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") && run >= 2 { return true }
            run = byte == UInt8(ascii: "#") ? run + 1 : 0
        }
        return false
    }

    /// A file path as a human output prints it: ``escaped(_:)``, and a relative path whose first character is not a
    /// letter, digit, `.`, `/`, `_` or `-` gets `./` in front, so no file name (`::error::x.yaml`, one that starts
    /// with a space or a no-break space) can start a workflow command where the path starts a line, indented or not.
    package static func path(_ file: String) -> String {
        let text = escaped(file)
        guard let first = text.first else { return text }
        if first.isLetter || first.isNumber || first == "." || first == "/" || first == "_" || first == "-" { return text }
        return "./" + text
    }

    /// `file:line:column` with the file as ``path(_:)`` prints it.
    package static func location(_ range: SourceRange) -> String {
        "\(path(range.file)):\(range.start.line):\(range.start.column)"
    }

    /// An input value as a message quotes it: at most ``quoteLimit`` characters (cut on a character boundary, or
    /// at four times as many Unicode scalars, so one huge grapheme cluster is cut too), then `…` if anything was cut, escaped after cutting so an escape is
    /// never cut in half. The caller adds the quotes: `"unknown key '\(DisplayText.quoted(key))'"`.
    package static func quoted(_ text: String, limit: Int = quoteLimit) -> String {
        escaped(cut(text, limit: limit))
    }

    /// Input values as a message lists them: each ``quoted(_:limit:)`` between `quote`s, joined with `, `; beyond
    /// `count` of them, `…` and how many more.
    package static func quotedList(_ values: [String], quote: String = "'", count: Int = 10) -> String {
        let shown = values.prefix(count).map { quote + quoted($0) + quote }
        return shown.joined(separator: ", ") + (values.count > count ? ", … and \(values.count - count) more" : "")
    }

    /// At most `limit` characters of `text` and `…` when it is longer; no escaping.
    package static func cut(_ text: String, limit: Int = quoteLimit) -> String {
        // Short values, the usual case, cost one pass over their UTF-8 bytes.
        if text.utf8.count <= limit { return text }
        var end = text.startIndex
        var characters = 0
        var scalars = 0
        while end < text.endIndex {
            let next = text.index(after: end)
            let width = text.unicodeScalars[end..<next].count
            if characters == limit || scalars + width > 4 * limit {
                if characters == 0 {
                    // One grapheme cluster longer than the scalar limit: cut inside it.
                    let scalarEnd = text.unicodeScalars.index(end, offsetBy: 4 * limit)
                    return String(text.unicodeScalars[..<scalarEnd]) + "…"
                }
                return String(text[..<end]) + "…"
            }
            characters += 1
            scalars += width
            end = next
        }
        return text
    }
}

extension String {
    /// This text with control, line-separator and bidirectional characters escaped, as ``DisplayText/escaped(_:)``.
    package var displaySafe: String { DisplayText.escaped(self) }
}

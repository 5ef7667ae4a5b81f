import EniplanYAML

/// The one way an input value enters Markdown (`--format markdown` and the GitHub job summary), so that no value
/// can close a code span, break a table, start HTML (an unclosed `<!--` hides the rest of a comment), a link, an
/// image, a heading or an @mention.
///
/// Every function first escapes control, line-separator and bidirectional characters as `\u{1B}`
/// (``DisplayText``), so no value can end a line. Ordinary ids, names and messages come out as they went in.
package enum MarkdownText {
    /// `value` as a code span: a backtick fence longer than any run of backticks in it, padded with a space on
    /// each side when it starts or ends with a backtick or a space (CommonMark strips one such pair). Inside a code
    /// span nothing is interpreted, HTML included.
    package static func code(_ value: String) -> String {
        let text = value.displaySafe
        guard !text.isEmpty else { return "(empty)" }
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let edges: Set<Character> = ["`", " "]
        let allSpaces = text.allSatisfy { $0 == " " }
        let pad = !allSpaces && (edges.contains(text.first ?? "x") || edges.contains(text.last ?? "x")) ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// ``code(_:)`` inside a table cell: `|` is written `\|`, which GitHub's tables take as a literal pipe even
    /// inside a code span.
    package static func codeCell(_ value: String) -> String {
        code(value).replacingScalars { $0 == "|" ? "\\|" : nil }
    }

    /// `value` as plain inline text: `<`, `>` and `&` as entities; the backslash and `` ` * _ [ ] ! # ~ `` escaped
    /// with a backslash; `@` followed by a word joiner (U+2060), so no @mention notifies anyone; and a word joiner
    /// after `www` before `.` and before the `:` of `http`, `https`, `ftp`, `mailto` and `xmpp`, so GitHub makes no
    /// autolink of a URL or address.
    package static func text(_ value: String) -> String {
        var result = ""
        // The ASCII letters just before this character, lowercased, up to the longest scheme's length.
        var word = ""
        for character in value.displaySafe {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "!", "#", "~": result += "\\" + String(character)
            case "@": result += "@\u{2060}"
            case ".", ":":
                if character == "." ? word.hasSuffix("www") : autolinkSchemes.contains(where: word.hasSuffix) { result += "\u{2060}" }
                result.append(character)
            default: result.append(character)
            }
            if character.isASCII && character.isLetter {
                word.append(Character(character.lowercased()))
                if word.count > 6 { word.removeFirst() }
            } else {
                word = ""
            }
        }
        return result
    }

    /// The schemes GitHub's Markdown links without brackets (`http://`, `mailto:`), as the letters before `:`.
    static let autolinkSchemes = ["http", "https", "ftp", "mailto", "xmpp"]

    /// ``text(_:)`` inside a table cell: `|` is also escaped.
    package static func cell(_ value: String) -> String {
        text(value).replacingScalars { $0 == "|" ? "\\|" : nil }
    }
}

extension String {
    /// This text with each Unicode scalar that `replacement` gives text for replaced by it. By scalar, not by
    /// character: a `|` under a combining mark still ends a table cell, and a `%` under one still starts an escape.
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if let text = replacement(scalar) { result.append(contentsOf: text.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }
}

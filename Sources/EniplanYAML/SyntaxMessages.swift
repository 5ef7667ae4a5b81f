/// Turns libyaml's problem and context into a message in plain words.
enum SyntaxMessages {
    static func error(for failure: RawParseFailure, file: String) -> YAMLError {
        let at = SourceRange(file: file, start: failure.problemPosition, end: failure.problemPosition)
        if failure.isReaderError {
            return YAMLError(.invalidEncoding, at: at, readerMessage(failure))
        }
        var message = plainWords[failure.problem] ?? failure.problem
        var notes: [YAMLError.Note] = []
        if let context = failure.context, let position = failure.contextPosition {
            let construct = context.hasPrefix("while ") ? String(context.dropFirst("while ".count)) : context
            if position != failure.problemPosition {
                message += " (\(construct) that starts at line \(position.line), column \(position.column))"
                notes.append(YAMLError.Note(range: SourceRange(file: file, start: position, end: position),
                                            message: "\(construct) starts here"))
            } else {
                message += " (\(construct))"
            }
        }
        return YAMLError(.syntax, at: at, "invalid YAML: " + message, notes: notes)
    }

    private static func readerMessage(_ failure: RawParseFailure) -> String {
        let value = failure.problemValue
        switch failure.problem {
        case "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8 octet sequence":
            let byte = value >= 0 ? " (byte 0x\(hex(value, width: 2)))" : ""
            return "the file is not valid UTF-8: \(failure.problem.replacingPrefix("invalid ", with: "an invalid ").replacingPrefix("incomplete", with: "an incomplete"))\(byte)"
        case "control characters are not allowed":
            return "control character U+\(hex(max(value, 0), width: 4)) is not allowed in YAML; remove it or write it as an escape in a double-quoted string"
        case "invalid Unicode character":
            return "the file holds an invalid Unicode character (U+\(hex(max(value, 0), width: 4)))"
        default:
            return "the file cannot be decoded: \(failure.problem)"
        }
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// libyaml's most common problems, said so that the fix is clear.
    private static let plainWords: [String: String] = [
        "mapping values are not allowed in this context":
            "a ':' here would start a mapping value where none may start (check the indentation, or quote a value that contains ': ')",
        "did not find expected key": "expected a key at this indentation (check the indentation of this line)",
        "did not find expected '-' indicator": "expected a '- ' sequence item at this indentation",
        "could not find expected ':'": "a key is missing its ':'",
        "found unexpected end of stream": "the file ends inside an unfinished construct (an unclosed quote or bracket?)",
        "did not find expected ',' or ']'": "a flow sequence is missing a ',' or its closing ']'",
        "did not find expected ',' or '}'": "a flow mapping is missing a ',' or its closing '}'",
        "found a tab character that violates indentation": "a tab is used for indentation; YAML indents with spaces",
        "found a tab character where an indentation space is expected": "a tab is used for indentation; YAML indents with spaces",
        "found character that cannot start any token": "this character cannot start a YAML token (a tab used for indentation, or an '@' or '`' that needs quoting?)",
        "did not find expected node content": "expected a value here",
        "found unknown escape character": "unknown escape sequence in a double-quoted string",
        "found undefined tag handle": "this tag uses a handle that no %TAG directive defines",
        "did not find expected <document start>": "expected '---' to start the next document",
        "found unexpected ':'": "unexpected ':' (quote the value if it contains one)",
        "block sequence entries are not allowed in this context": "a '- ' item cannot start here (check the indentation)",
        "found duplicate %YAML directive": "the %YAML directive appears twice",
        "found incompatible YAML document": "this YAML version is not supported (use %YAML 1.1 or 1.2, or no directive)",
    ]
}

private extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

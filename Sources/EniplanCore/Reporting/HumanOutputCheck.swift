import EniplanYAML

/// What is wrong with `text`, a human-readable output of eniplan (a report in `format`, or standard error with
/// `.text`), as a reader could be acted on by it; empty when nothing is. For the tests and the fuzzer: a pure
/// check of the promises the README makes under "Untrusted values in output".
///
/// - no character that ``DisplayText`` escapes, raw, other than the line feeds between lines (colour off);
/// - no line that starts with `::` after any whitespace the Actions runner trims (spaces, tabs, no-break spaces and
///   the other Unicode whitespace), except, in `.github`, eniplan's own annotation commands;
/// - no `##[` anywhere in a line, which the runner takes as a legacy workflow command;
/// - in `.markdown`, outside fenced blocks: every backtick run opens a code span that a run of the same length
///   closes on that line (or is backslash-escaped); outside code spans no raw `<` other than eniplan's own
///   `<details>`, `<summary>` and `<br>` tags, no `![`, no `@` before a letter or digit, and nothing GitHub
///   autolinks (`www.`, or `http`, `https`, `ftp`, `mailto` or `xmpp` before `:`); every table row has as many
///   cells as its header.
///
/// JSON and SARIF are exact, not display text: they yield no violations.
package func humanOutputViolations(_ text: String, format: ReportFormat) -> [String] {
    guard format != .json && format != .sarif else { return [] }
    var violations: [String] = []
    for scalar in text.unicodeScalars where scalar != "\n" && DisplayText.mustEscape(scalar) {
        violations.append("raw U+\(String(scalar.value, radix: 16, uppercase: true)) in the output")
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() {
        if line.drop(while: HumanOutputCheck.isTrimmedWhitespace).hasPrefix("::") && !(format == .github && HumanOutputCheck.isAnnotation(line)) {
            violations.append("line \(number + 1) starts with '::': '\(DisplayText.quoted(String(line)))'")
        }
        if DisplayText.containsLegacyCommand(line) {
            violations.append("line \(number + 1) holds '##[': '\(DisplayText.quoted(String(line)))'")
        }
    }
    if format == .markdown { violations += HumanOutputCheck.markdownViolations(lines) }
    return violations
}

enum HumanOutputCheck {
    /// What the runner's `TrimStart` drops before it looks for `::`: .NET's white space, Unicode's White_Space.
    static func isTrimmedWhitespace(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// `::error file=…,line=N,col=N,endLine=N,endColumn=N,title=…::`, the command GitHubAnnotationsReporter writes.
    static func isAnnotation(_ line: Substring) -> Bool {
        guard let level = ["::error ", "::warning ", "::notice "].first(where: { line.hasPrefix($0) }) else { return false }
        let rest = line.dropFirst(level.count)
        guard let end = rest.firstRange(of: "::") else { return false }
        let properties = rest[..<end.lowerBound].split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        let names = properties.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
        return names == ["file", "line", "col", "endLine", "endColumn", "title"]
    }

    static let ownTags: Set<String> = ["<details>", "</details>", "<summary>", "</summary>", "<br>"]

    static func markdownViolations(_ lines: [Substring]) -> [String] {
        var violations: [String] = []
        var inFence = false
        var headerCells: Int?
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            guard !inFence else { continue }
            violations += inlineViolations(Array(line), line: number)
            if line.hasPrefix("|") {
                let cells = tableCells(line)
                if let header = headerCells {
                    if cells != header { violations.append("line \(number): table row has \(cells) cells, its header \(header)") }
                } else {
                    headerCells = cells
                }
            } else {
                headerCells = nil
            }
        }
        if inFence { violations.append("a fenced block is never closed") }
        return violations
    }

    /// Unescaped pipes: GitHub splits a row at each, inside code spans too; `\|` is a literal pipe.
    static func tableCells(_ line: Substring) -> Int {
        var count = 0
        var previous: Character = " "
        for character in line {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character
        }
        return count
    }

    static func inlineViolations(_ characters: [Character], line: Int) -> [String] {
        var violations: [String] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if character == "`" {
                let run = runLength(characters, at: index)
                var search = index + run
                var closed: Int?
                while search < characters.count {
                    if characters[search] == "`" {
                        let other = runLength(characters, at: search)
                        if other == run {
                            closed = search + other
                            break
                        }
                        search += other
                    } else {
                        search += 1
                    }
                }
                guard let end = closed else {
                    violations.append("line \(line): a backtick run at column \(index + 1) closes no code span")
                    index += run
                    continue
                }
                index = end
                continue
            }
            if character == "<" {
                let tag = characters[index...].prefix { $0 != ">" }
                if !ownTags.contains(String(tag) + ">") { violations.append("line \(line): raw '<' at column \(index + 1) outside a code span") }
            }
            if character == "!" && index + 1 < characters.count && characters[index + 1] == "[" {
                violations.append("line \(line): an image at column \(index + 1)")
            }
            if character == "@" && index + 1 < characters.count && (characters[index + 1].isLetter || characters[index + 1].isNumber) {
                violations.append("line \(line): an @mention at column \(index + 1)")
            }
            if let autolink = autolink(characters, at: index) {
                violations.append("line \(line): an autolink '\(autolink)' at column \(index + 1)")
            }
            index += 1
        }
        return violations
    }

    /// `www.` or a scheme GitHub links (`http:`, `mailto:`, …) that starts at `index`, as written.
    static func autolink(_ characters: [Character], at index: Int) -> String? {
        func lowercased(_ range: Range<Int>) -> String { String(characters[range]).lowercased() }
        if index + 4 <= characters.count && lowercased(index..<index + 4) == "www." { return String(characters[index..<index + 4]) }
        guard characters[index].isASCII && characters[index].isLetter && (index == 0 || !(characters[index - 1].isASCII && characters[index - 1].isLetter)) else { return nil }
        var end = index
        while end < characters.count && characters[end].isASCII && characters[end].isLetter { end += 1 }
        guard end < characters.count && characters[end] == ":" else { return nil }
        let word = lowercased(index..<end)
        guard MarkdownText.autolinkSchemes.contains(where: word.hasSuffix) else { return nil }
        return String(characters[index...end])
    }

    static func runLength(_ characters: [Character], at start: Int) -> Int {
        var end = start
        while end < characters.count && characters[end] == "`" { end += 1 }
        return end - start
    }
}

/// Finds comments in YAML text, which libyaml parses but never reports.
///
/// A `#` starts a comment when it begins a line or follows a space or tab, and lies outside every
/// scalar the parser produced (so a `#` inside a quoted string or a block scalar is text, not a comment).
///
/// The scan jumps from one `#` to the next with `memchr`, and counts lines only up to the comments
/// it finds, also with `memchr`: most files have few comments, so most bytes are never looked at in Swift.
enum CommentScanner {
    /// The comments in `bytes`; `nodes` are the loaded nodes in document order, whose scalars are skipped.
    static func comments(in bytes: UnsafeBufferPointer<UInt8>, file: String, nodes: [NodeRecord]) -> [YAMLComment] {
        var result: [YAMLComment] = []
        // Every scalar before this node ends before the last `#` looked at; scalars come in document order.
        var node = 0
        // libyaml does not count a byte-order mark in its columns, so neither do we.
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines = LineCursor(bytes: bytes, from: bomLength)
        var offset = bomLength
        let count = bytes.count
        while case let hash = bytes.offset(of: UInt8(ascii: "#"), from: offset), hash < count {
            offset = hash + 1
            // The first byte of a line follows a line break, or is the first of the text.
            let before = hash == bomLength ? nil : bytes[hash - 1]
            let followsSpace = before.map { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? true
            guard followsSpace else { continue }
            while node < nodes.count && (nodes[node].kind != .scalar || Int(nodes[node].endOffset) <= hash) { node += 1 }
            if node < nodes.count && Int(nodes[node].startOffset) <= hash { continue }

            lines.advance(to: hash)
            let end = lines.nextBreak
            var column = 1
            var isOwnLine = true
            for position in lines.lineStart..<hash {
                let byte = bytes[position]
                if byte & 0xC0 != 0x80 { column += 1 }
                if byte != 0x20 && byte != 0x09 { isOwnLine = false }
            }
            let start = SourcePosition(line: lines.line, column: column, offset: hash)
            let stop = SourcePosition(line: lines.line, column: column + countCharacters(bytes, hash..<end), offset: end)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(hash + 1)..<end]), as: UTF8.self)
            result.append(YAMLComment(range: SourceRange(file: file, start: start, end: stop), text: text, isOwnLine: isOwnLine))
            offset = end
        }
        return result
    }

    /// Walks forward through the text line by line, the way libyaml counts lines: LF, CR and CRLF each
    /// end one. It remembers where the next LF and the next CR are, so each is searched for once.
    private struct LineCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The 1-based number of the line that holds the position last advanced to.
        private(set) var line = 1
        /// The byte offset of that line's first byte.
        private(set) var lineStart: Int
        private var nextLineFeed: Int
        private var nextCarriageReturn: Int

        init(bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
            self.bytes = bytes
            lineStart = start
            nextLineFeed = bytes.offset(of: 0x0A, from: start)
            nextCarriageReturn = bytes.offset(of: 0x0D, from: start)
        }

        /// The offset of the first line break at or after the position last advanced to, or the
        /// text's length when no break follows.
        var nextBreak: Int { min(nextLineFeed, nextCarriageReturn) }

        /// Moves to `offset`, which must not lie before the position last advanced to.
        mutating func advance(to offset: Int) {
            while case let lineBreak = nextBreak, lineBreak < offset {
                let isCRLF = bytes[lineBreak] == 0x0D && lineBreak + 1 < bytes.count && bytes[lineBreak + 1] == 0x0A
                lineStart = lineBreak + (isCRLF ? 2 : 1)
                line += 1
                if nextLineFeed < lineStart { nextLineFeed = bytes.offset(of: 0x0A, from: lineStart) }
                if nextCarriageReturn < lineStart { nextCarriageReturn = bytes.offset(of: 0x0D, from: lineStart) }
            }
        }
    }

    private static func countCharacters(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var characters = 0
        for position in range where bytes[position] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }
}

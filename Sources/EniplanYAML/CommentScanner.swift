/// Finds comments in YAML text, which libyaml parses but never reports.
///
/// A `#` starts a comment when it begins a line or follows a space or tab, and lies outside every
/// scalar the parser produced (so a `#` inside a quoted string or a block scalar is text, not a comment).
///
/// The scan jumps from one `#` to the next with `memchr`; lines and columns come from the file's
/// ``LineTable``, so a comment is numbered as libyaml numbers nodes, at every line break it knows
/// (LF, CR, CRLF, and NEL, LS and PS in non-ASCII text). Most files have few comments, so most bytes
/// are never looked at in Swift.
enum CommentScanner {
    /// The comments in `bytes`; `nodes` are the loaded nodes in document order, whose scalars are skipped.
    static func comments(in bytes: UnsafeBufferPointer<UInt8>, file: String, nodes: [NodeRecord], lines: LineTable) -> [YAMLComment] {
        var result: [YAMLComment] = []
        // Every scalar before this node ends before the last `#` looked at; scalars come in document order.
        var node = 0
        // libyaml does not count a byte-order mark in its columns, so neither do we.
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var offset = bomLength
        let count = bytes.count
        while case let hash = bytes.offset(of: UInt8(ascii: "#"), from: offset), hash < count {
            offset = hash + 1
            // A comment begins its line or follows a space or tab. Checked on the bytes first, so that a `#`
            // that starts no comment (thousands of them on one long line) costs no line lookup.
            let previous = hash == bomLength ? 0x0A : bytes[hash - 1]
            guard previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0D else { continue }
            while node < nodes.count && (nodes[node].kind != .scalar || Int(nodes[node].endOffset) <= hash) { node += 1 }
            if node < nodes.count && Int(nodes[node].startOffset) <= hash { continue }
            let start = lines.position(ofStored: UInt32(truncatingIfNeeded: hash))
            let lineStart = lines.offset(ofLine: start.line)

            let end = lineBreak(in: bytes, from: hash)
            let isOwnLine = bytes[lineStart..<hash].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            let stop = SourcePosition(line: start.line, column: start.column + countCharacters(bytes, hash..<end), offset: end)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(hash + 1)..<end]), as: UTF8.self)
            result.append(YAMLComment(range: SourceRange(file: file, start: start, end: stop), text: text, isOwnLine: isOwnLine))
            offset = end
        }
        return result
    }

    /// The offset of the first line break at or after `start` (LF, CR, NEL, LS or PS), or the text's
    /// length when none follows.
    private static func lineBreak(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var offset = start
        let count = bytes.count
        while offset < count {
            switch bytes[offset] {
            case 0x0A, 0x0D: return offset
            case 0xC2 where offset + 1 < count && bytes[offset + 1] == 0x85: return offset
            case 0xE2 where offset + 2 < count && bytes[offset + 1] == 0x80 && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9):
                return offset
            default: offset += 1
            }
        }
        return count
    }

    private static func countCharacters(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var characters = 0
        for position in range where bytes[position] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }
}

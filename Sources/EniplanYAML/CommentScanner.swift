/// Finds comments in YAML text, which libyaml parses but never reports.
///
/// A `#` starts a comment when it begins a line or follows a space or tab, and lies outside every
/// scalar the parser produced (so a `#` inside a quoted string or a block scalar is text, not a comment).
enum CommentScanner {
    static func comments<Scalars: Sequence>(in bytes: UnsafeBufferPointer<UInt8>, file: String, skipping scalars: Scalars)
        -> [YAMLComment] where Scalars.Element == NodeRecord
    {
        var result: [YAMLComment] = []
        var scalarIterator = scalars.makeIterator()
        var scalar = scalarIterator.next()
        // libyaml does not count a byte-order mark in its columns, so neither do we.
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var lineStart = bomLength
        var offset = bomLength
        let count = bytes.count
        while offset < count {
            let byte = bytes[offset]
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D && offset + 1 < count && bytes[offset + 1] == 0x0A { offset += 1 }
                offset += 1
                line += 1
                lineStart = offset
                continue
            }
            guard byte == UInt8(ascii: "#") else {
                offset += 1
                continue
            }
            let followsSpace = offset == lineStart || bytes[offset - 1] == 0x20 || bytes[offset - 1] == 0x09
            while let current = scalar, Int(current.endOffset) <= offset { scalar = scalarIterator.next() }
            let insideScalar = scalar.map { Int($0.startOffset) <= offset } ?? false
            guard followsSpace && !insideScalar else {
                offset += 1
                continue
            }
            var end = offset
            while end < count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            var column = 1
            var isOwnLine = true
            for position in lineStart..<offset {
                let before = bytes[position]
                if before & 0xC0 != 0x80 { column += 1 }
                if before != 0x20 && before != 0x09 { isOwnLine = false }
            }
            let start = SourcePosition(line: line, column: column, offset: offset)
            let stop = SourcePosition(line: line, column: column + countCharacters(bytes, offset..<end), offset: end)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<end]), as: UTF8.self)
            result.append(YAMLComment(range: SourceRange(file: file, start: start, end: stop), text: text, isOwnLine: isOwnLine))
            offset = end
        }
        return result
    }

    private static func countCharacters(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var characters = 0
        for position in range where bytes[position] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }
}

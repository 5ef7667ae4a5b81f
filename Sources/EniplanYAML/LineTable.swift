/// Where each line of a loaded file starts, so that nodes can keep byte offsets only and have their
/// 1-based line and column worked out when someone asks.
///
/// Lines end where libyaml ends them, so a derived position is the one libyaml reported: at LF, CR
/// and CRLF, and in non-ASCII text also at NEL (U+0085), LS (U+2028) and PS (U+2029). Columns count
/// code points; a UTF-8 byte-order mark is counted in byte offsets but not in columns.
struct LineTable: Sendable {
    /// The byte offset of each line's first byte; the first line starts after the byte-order mark.
    private let lineStarts: [UInt32]
    /// For each block of 256 bytes (and one past the last), how many lines start at or before its
    /// first byte, so that finding a line searches only the lines that start within one block.
    private let linesStartedByBlock: [UInt32]
    private static let blockShift = 8
    /// The file's bytes when it is not all ASCII (columns then need them to count code points), else empty.
    private let text: [UInt8]
    /// Whether every byte is below 0x80, in which case byte offsets and code-point columns agree.
    let isASCII: Bool
    /// The file's length in bytes.
    let byteCount: Int

    init(bytes: [UInt8]) {
        let isASCII = Self.isASCII(bytes)
        self.isASCII = isASCII
        byteCount = bytes.count
        text = isASCII ? [] : bytes
        let lineStarts = bytes.withUnsafeBufferPointer { buffer in
            // A byte-order mark is not ASCII, so ASCII text has none.
            isASCII && buffer.offset(of: 0x0D, from: 0) == buffer.count
                ? Self.lineFeedLineStarts(buffer) : Self.lineStarts(buffer)
        }
        self.lineStarts = lineStarts
        linesStartedByBlock = Self.linesStartedByBlock(lineStarts, byteCount: bytes.count)
    }

    /// How a node keeps `position`: its byte offset, except for the position libyaml makes up at the
    /// end of a file without a final line break. There libyaml starts a line that is not in the file
    /// (the line after the last, column 1, at the end of the text) to close the open collections; that
    /// position is kept as one byte past the end so it can be told from the real end of the last line.
    func storedOffset(of position: SourcePosition) -> UInt32 {
        if position.offset >= byteCount && position.column == 1 && position.line > lineStarts.count {
            return UInt32(truncatingIfNeeded: byteCount + 1)
        }
        return UInt32(truncatingIfNeeded: position.offset)
    }

    /// The position a node kept with ``storedOffset(of:)``.
    func position(ofStored stored: UInt32) -> SourcePosition {
        let offset = Int(stored)
        if offset > byteCount { return SourcePosition(line: lineStarts.count + 1, column: 1, offset: byteCount) }
        // The number of lines starting at or before `offset` is the 1-based line that holds it. It is at
        // least the number started by the block's first byte, at most the number started by the next block's.
        let block = offset >> Self.blockShift
        var low = Int(linesStartedByBlock[block])
        var high = Int(linesStartedByBlock[block + 1])
        while low < high {
            let middle = (low + high) / 2
            if Int(lineStarts[middle]) <= offset { low = middle + 1 } else { high = middle }
        }
        let line = max(low, 1)
        let lineStart = min(Int(lineStarts[line - 1]), offset)
        var column = 1
        if isASCII {
            column += offset - lineStart
        } else {
            for index in lineStart..<offset where text[index] & 0xC0 != 0x80 { column += 1 }
        }
        return SourcePosition(line: line, column: column, offset: offset)
    }

    /// The byte offset of the first byte of the 1-based `line`.
    func offset(ofLine line: Int) -> Int { Int(lineStarts[line - 1]) }

    // MARK: Building

    /// Line starts of text whose only line break is LF: one `memchr` per line.
    private static func lineFeedLineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var starts: [UInt32] = [0]
        starts.reserveCapacity(expectedLineCount(bytes.count))
        var offset = 0
        while case let lineFeed = bytes.offset(of: 0x0A, from: offset), lineFeed < bytes.count {
            offset = lineFeed + 1
            starts.append(UInt32(truncatingIfNeeded: offset))
        }
        return starts
    }

    /// Line starts of any text, by libyaml's rules.
    private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        let count = bytes.count
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var starts: [UInt32] = [UInt32(offset)]
        starts.reserveCapacity(expectedLineCount(count))
        while offset < count {
            let byte = bytes[offset]
            let breakLength: Int
            if byte == 0x0A {
                breakLength = 1
            } else if byte == 0x0D {
                breakLength = offset + 1 < count && bytes[offset + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2 && offset + 1 < count && bytes[offset + 1] == 0x85 {
                breakLength = 2
            } else if byte == 0xE2 && offset + 2 < count && bytes[offset + 1] == 0x80 && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9) {
                breakLength = 3
            } else {
                offset += 1
                continue
            }
            offset += breakLength
            starts.append(UInt32(truncatingIfNeeded: offset))
        }
        return starts
    }

    private static func linesStartedByBlock(_ lineStarts: [UInt32], byteCount: Int) -> [UInt32] {
        let blockCount = (byteCount >> blockShift) + 2
        var started: [UInt32] = []
        started.reserveCapacity(blockCount)
        var line = 0
        for block in 0..<blockCount {
            while line < lineStarts.count && Int(lineStarts[line]) <= block << blockShift { line += 1 }
            started.append(UInt32(truncatingIfNeeded: line))
        }
        return started
    }

    /// Enough lines for text whose lines average 16 bytes, so that the table is rarely regrown (and
    /// copied) while it is built; capacity that is never written costs no memory.
    private static func expectedLineCount(_ byteCount: Int) -> Int { byteCount / 16 + 1 }

    /// Eight bytes at a time: no byte has its top bit set.
    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            let words = buffer.count / 8
            var highBits: UInt64 = 0
            for word in 0..<words { highBits |= buffer.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self) }
            for index in (words * 8)..<buffer.count { highBits |= UInt64(buffer[index]) }
            return highBits & 0x8080_8080_8080_8080 == 0
        }
    }
}

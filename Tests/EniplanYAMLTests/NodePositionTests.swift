import Testing
@testable import EniplanYAML

/// Nodes keep byte offsets only and work out their lines and columns from a line table when asked
/// (`LineTable`). These tests hold every derived position to the one libyaml reported for the event,
/// read straight from the event reader, over texts that stress how lines and columns are counted.
@Suite("node positions")
struct NodePositionTests {
    /// Each text in `\n`, `\r\n` and `\r` forms, with and without a final line break and a byte-order mark.
    static let texts = [
        "a: b\nc:\n  - d\n  - [e, {f: g}]\n",
        "- ünïcødé ☃: 名前\n- 😀: x\n  y: 'q''uoted'\n",
        "k: \"multi\n  line\"\nl: |\n  block\n  text\nm: >-\n  folded\n",
        "top:\n  inner:\n    deepest",
        "a:\n",
        "- a\n-\n- &x c\n- *x\n",
        "? complex\n: value\n",
        "x: 1\n...\n",
        "{a: 1,\n b: 2}",
    ]

    static let variants: [(name: String, bytes: [UInt8])] = texts.flatMap { text -> [(name: String, bytes: [UInt8])] in
        var forms: [(String, [UInt8])] = []
        for (name, newline) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
            let written = Array(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: newline).utf8)
            var unterminated = written
            while unterminated.last == 0x0A || unterminated.last == 0x0D { unterminated.removeLast() }
            forms += [(name, written), (name + ", no final break", unterminated), (name + ", BOM", [0xEF, 0xBB, 0xBF] + written)]
        }
        return forms.map { ("\(String(reflecting: text)) \($0.0)", $0.1) }
    }

    @Test("derived positions are libyaml's", arguments: variants.map(\.bytes).indices)
    func derivedPositionsAreLibYAMLs(_ index: Int) throws {
        let (name, bytes) = Self.variants[index]
        try expectLibYAMLPositions(bytes, name)
    }

    /// libyaml (a YAML 1.1 parser) also ends lines at NEL, LS and PS; the loader refuses them (LoaderTests), so
    /// the line table that numbers libyaml's positions is checked against libyaml's marks directly.
    @Test("NEL, LS and PS end lines in the line table as libyaml ends them", arguments: ["\u{85}", "\u{2028}", "\u{2029}"])
    func unicodeLineBreaks(_ lineBreak: String) throws {
        let bytes = Array("- a\(lineBreak)- 'b\(lineBreak)c'\(lineBreak)- d: e\n".utf8)
        let lines = LineTable(bytes: bytes)
        var count = 0
        try bytes.withUnsafeBufferPointer { buffer in
            let reader = LibYAMLEventReader(bytes: buffer, isASCII: lines.isASCII)
            try reader.run { (event: RawEvent) throws(YAMLError) in
                for mark in [event.start, event.end] where mark.offset < bytes.count {
                    #expect(lines.position(ofStored: lines.storedOffset(of: mark)) == mark, "\(String(reflecting: lineBreak)) \(mark)")
                    count += 1
                }
            }
        }
        #expect(count > 8)
    }

    @Test("a collection closed at the end of a file without a final break ends on the line after the last")
    func positionLibYAMLInventsAtTheEnd() throws {
        let document = try YAMLLoader.load(bytes: Array("a:\n  b: c".utf8), file: "t.yaml")
        let root = try #require(document.root)
        #expect(document.range(root).end == SourcePosition(line: 3, column: 1, offset: 9))
        let inner = try #require(document.entries(root).first?.value)
        #expect(document.range(inner).end == SourcePosition(line: 3, column: 1, offset: 9))
        let c = try #require(document.entries(inner).first?.value)
        #expect(document.range(c).end == SourcePosition(line: 2, column: 7, offset: 9))
    }

    @Test("every yaml-test-suite case that loads has libyaml's positions", arguments: YAMLTestSuite.cases.filter { !$0.isInvalid })
    func suiteCase(_ suiteCase: SuiteCase) throws {
        try expectLibYAMLPositions(try suiteCase.yaml(), suiteCase.id)
    }

    /// Loads `bytes` (permissively), reads libyaml's events over the same bytes, and expects each
    /// node's start and end to be the marks of the events that opened and closed it.
    private func expectLibYAMLPositions(_ bytes: [UInt8], _ name: String) throws {
        guard let document = try? YAMLLoader.load(bytes: bytes, file: "t.yaml", options: LoaderOptions(mode: .permissive)) else { return }
        var marks: [(start: SourcePosition, end: SourcePosition)] = []
        var open: [Int] = []
        let lines = LineTable(bytes: bytes)
        try bytes.withUnsafeBufferPointer { buffer in
            let reader = LibYAMLEventReader(bytes: buffer, isASCII: lines.isASCII)
            try reader.run { (event: RawEvent) throws(YAMLError) in
                switch event.kind {
                case .scalar, .alias:
                    marks.append((event.start, event.end))
                case .sequenceStart, .mappingStart:
                    open.append(marks.count)
                    marks.append((event.start, event.start))
                case .sequenceEnd, .mappingEnd:
                    if let node = open.popLast() { marks[node].end = event.end }
                case .streamStart, .streamEnd, .documentStart, .documentEnd:
                    break
                }
            }
        }
        #expect(marks.count == document.nodeCount, "\(name): \(marks.count) node events, \(document.nodeCount) nodes")
        for (index, mark) in marks.enumerated() where index < document.nodeCount {
            let range = document.range(NodeID(index))
            #expect(range.start == mark.start && range.end == mark.end,
                    "\(name), node \(index): derived \(range.start)-\(range.end), libyaml \(mark.start)-\(mark.end)")
        }
    }
}

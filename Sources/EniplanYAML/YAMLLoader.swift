#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads YAML (and JSON) through libyaml's event API into a ``YAMLDocument`` of positioned nodes.
public enum YAMLLoader {
    /// Loads the file at `path`, refusing it before reading when it exceeds the size limit.
    public static func load(contentsOf path: String, options: LoaderOptions = LoaderOptions()) throws(YAMLError) -> YAMLDocument {
        let bytes = try FileReader.read(path, maxBytes: options.limits.maxFileBytes)
        return try load(bytes: bytes, file: path, options: options)
    }

    /// Loads `bytes`, naming them `file` in every position.
    public static func load(bytes: [UInt8], file: String, options: LoaderOptions = LoaderOptions()) throws(YAMLError) -> YAMLDocument {
        if bytes.count > options.limits.maxFileBytes {
            throw FileReader.tooLarge(file: file, size: bytes.count, limit: options.limits.maxFileBytes)
        }
        if options.mode == .strict, let encoding = nonUTF8Encoding(bytes) {
            throw YAMLError(.unsupportedEncoding, at: .startOfFile(file),
                            "the file is \(encoding); eniplan reads UTF-8 only (convert it, for example with iconv)")
        }
        let lines = LineTable(bytes: bytes)
        if !lines.isASCII, nonUTF8Encoding(bytes) == nil, let found = unicodeLineBreak(in: bytes) {
            // The first one: every line break before it is LF, CR or CRLF, so its line is the one editors show.
            let start = lines.position(ofStored: UInt32(truncatingIfNeeded: found.offset))
            let end = SourcePosition(line: start.line, column: start.column + 1, offset: found.offset + found.length)
            throw YAMLError(.unicodeLineBreak, at: SourceRange(file: file, start: start, end: end),
                            "\(found.name) is not allowed: YAML reads it as a line break that editors and wc -l do not show; remove it or write it as \\\(found.escape) in a double-quoted scalar")
        }
        var builder = TreeBuilder(file: file, options: options, source: bytes, lines: lines)
        builder.reserve(forInputBytes: bytes.count)
        if !bytes.isEmpty {
            let outcome: Result<Void, ParseStop> = bytes.withUnsafeBufferPointer { buffer in
                let reader = LibYAMLEventReader(bytes: buffer, isASCII: lines.isASCII)
                do throws(ParseStop) {
                    try reader.run { (event: RawEvent) throws(YAMLError) in try builder.consume(event) }
                    builder.recordComments(in: buffer)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            if case .failure(let stop) = outcome {
                switch stop {
                case .rejected(let error): throw error
                case .libyaml(let failure): throw SyntaxMessages.error(for: failure, file: file)
                }
            }
        }
        return builder.finish()
    }

    /// The offset of the first NEL (U+0085), LS (U+2028) or PS (U+2029) written raw, and its name.
    private static func unicodeLineBreak(in bytes: [UInt8]) -> (offset: Int, length: Int, name: String, escape: String)? {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var offset = 0
            while offset + 1 < count {
                switch buffer[offset] {
                case 0xC2 where buffer[offset + 1] == 0x85: return (offset, 2, "NEL (U+0085)", "x85")
                case 0xE2 where offset + 2 < count && buffer[offset + 1] == 0x80 && buffer[offset + 2] == 0xA8: return (offset, 3, "LS (U+2028)", "u2028")
                case 0xE2 where offset + 2 < count && buffer[offset + 1] == 0x80 && buffer[offset + 2] == 0xA9: return (offset, 3, "PS (U+2029)", "u2029")
                default: offset += 1
                }
            }
            return nil
        }
    }

    private static func nonUTF8Encoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
        if bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0) { return "UTF-16 or UTF-32 (it has NUL bytes at its start)" }
        return nil
    }
}

/// Builds the flat node arrays from the event stream and enforces the limits and strict rules.
struct TreeBuilder {
    private struct Frame {
        var node: Int
        var pendingStart: Int
        /// Nodes this collection expands to, itself included, aliases expanded.
        var expandedSize: Int
        /// Bytes of scalar text in this collection, keys included, aliases expanded.
        var expandedBytes = 0
        var anchor: String?
    }

    private struct Anchor {
        var node: Int
        var expandedSize: Int
        var expandedBytes: Int
        /// A collection whose end has not been read yet: an alias to it would be recursive.
        var isOpen = false
    }

    private let file: String
    private let options: LoaderOptions
    private let lines: LineTable
    private var nodes: [NodeRecord] = []
    private var children: [UInt32] = []
    private var scalars: ScalarTexts
    private var tags: [String] = []
    private var tagIndex: [String: UInt16] = [:]
    private var roots: [NodeID] = []
    private var comments: [YAMLComment] = []
    /// The innermost open collection, kept out of `enclosingFrames` so that counting its members
    /// (every node) updates a stored value rather than an array element.
    private var frame: Frame?
    private var enclosingFrames: [Frame] = []
    private var pending: [UInt32] = []
    private var anchors: [String: Anchor] = [:]
    private var aliasExpansion = 0
    /// Bytes of scalar text that aliases expand to so far: what decoders reading every alias as a
    /// string would hold beyond the file's own text.
    private var aliasBytes = 0
    private var documentCount = 0

    init(file: String, options: LoaderOptions, source: [UInt8], lines: LineTable) {
        self.file = file
        self.options = options
        scalars = ScalarTexts(source: source)
        self.lines = lines
    }

    /// Sizes the arrays for a typical manifest (about one node per 12 input bytes), so that large
    /// inputs are not regrown and copied while they load.
    mutating func reserve(forInputBytes count: Int) {
        nodes.reserveCapacity(count / 10)
        children.reserveCapacity(count / 10)
    }

    mutating func consume(_ event: RawEvent) throws(YAMLError) {
        switch event.kind {
        case .streamStart, .streamEnd, .documentEnd:
            return
        case .documentStart:
            documentCount += 1
            anchors.removeAll(keepingCapacity: true)
            if options.mode == .strict && documentCount > 1 {
                throw YAMLError(.tooManyDocuments, at: range(event.start, event.end),
                                "a second YAML document starts here; an eniplan file holds one document (split it into several files)")
            }
        case .scalar:
            try addScalar(event)
        case .alias:
            try addAlias(event)
        case .sequenceStart, .mappingStart:
            try openCollection(event)
        case .sequenceEnd, .mappingEnd:
            try closeCollection(event)
        }
    }

    mutating func recordComments(in bytes: UnsafeBufferPointer<UInt8>) {
        comments = CommentScanner.comments(in: bytes, file: file, nodes: nodes, lines: lines)
    }

    func finish() -> YAMLDocument {
        YAMLDocument(file: file, roots: roots, comments: comments, nodes: nodes, children: children,
                     scalars: scalars, tags: tags, lines: lines)
    }

    // MARK: Events

    private mutating func addScalar(_ event: RawEvent) throws(YAMLError) {
        if event.value.count > options.limits.maxScalarBytes {
            var size = ByteCount(event.value.count).description, limit = ByteCount(options.limits.maxScalarBytes).description
            // Just over the limit, both round to the same figure: then say the bytes.
            if size == limit { (size, limit) = ("\(size) (\(event.value.count) bytes)", "\(limit) (\(options.limits.maxScalarBytes) bytes)") }
            throw YAMLError(.scalarTooLong, at: range(event.start, event.end),
                            "this scalar is \(size) long, over the limit of \(limit)", advice: .raiseLimit(.scalarSize))
        }
        let tag = event.tag == nil ? 0 : try tagNumber(event.tag, event: event)
        let index = nodes.count
        let text = scalars.add(event.value, verbatimAt: Self.verbatimOffset(of: event))
        nodes.append(record(.scalar, style: event.scalarStyle.rawValue, tag: tag, event.start, event.end,
                            payloadStart: text.lowerBound, payloadCount: text.count))
        if let anchor = event.anchor {
            anchors[String(decoding: anchor, as: UTF8.self)] = Anchor(node: index, expandedSize: 1, expandedBytes: text.count)
        }
        attach(index, expandedSize: 1, expandedBytes: text.count)
    }

    private mutating func addAlias(_ event: RawEvent) throws(YAMLError) {
        let name = event.anchor.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let where_ = range(event.start, event.end)
        guard let anchor = anchors[name] else {
            throw YAMLError(.undefinedAlias, at: where_, quotesNames
                ? "alias '*\(DisplayText.quoted(name))' refers to no anchor '&\(DisplayText.quoted(name))' defined before it in this document"
                : "an alias to an anchor that is not defined before it in this document")
        }
        if anchor.isOpen {
            throw YAMLError(.recursiveAlias, at: where_, "\(quotesNames ? "alias '*\(DisplayText.quoted(name))' refers" : "an alias refers") to the node that contains it; recursive structures are not allowed")
        }
        aliasExpansion.addSaturating(anchor.expandedSize)
        if aliasExpansion > options.limits.maxAliasExpansion {
            throw YAMLError(.aliasBudgetExceeded, at: where_,
                            "aliases expand to more than \(options.limits.maxAliasExpansion) nodes (a billion-laughs pattern?)",
                            advice: .raiseLimit(.aliasExpansion))
        }
        aliasBytes.addSaturating(anchor.expandedBytes)
        if aliasBytes > options.limits.maxAliasBytes {
            let rounded = ByteCount(options.limits.maxAliasBytes)
            let limit = rounded.isWhole ? rounded.description : "\(rounded) (\(options.limits.maxAliasBytes) bytes)"
            throw YAMLError(.aliasBytesExceeded, at: where_,
                            "aliases expand to more than \(limit) of scalar text (this alias names \(ByteCount(anchor.expandedBytes)))",
                            advice: .raiseLimit(.aliasBytes))
        }
        let index = nodes.count
        nodes.append(record(.alias, style: 0, tag: 0, event.start, event.end, payloadStart: anchor.node, payloadCount: 0))
        attach(index, expandedSize: anchor.expandedSize, expandedBytes: anchor.expandedBytes)
    }

    private mutating func openCollection(_ event: RawEvent) throws(YAMLError) {
        if enclosingFrames.count + (frame == nil ? 0 : 1) >= options.limits.maxDepth {
            throw YAMLError(.tooDeep, at: range(event.start, event.end),
                            "nesting is deeper than the limit of \(options.limits.maxDepth) levels", advice: .raiseLimit(.depth))
        }
        let tag = try tagNumber(event.tag, event: event)
        let kind: NodeKind = event.kind == .mappingStart ? .mapping : .sequence
        let style: CollectionStyle = event.isFlow ? .flow : .block
        let index = nodes.count
        nodes.append(record(kind, style: style.rawValue, tag: tag, event.start, event.end, payloadStart: 0, payloadCount: 0))
        let anchor = event.anchor.map { String(decoding: $0, as: UTF8.self) }
        // The latest definition of a name wins, so an inner `&a` replaces this one until it closes.
        if let anchor { anchors[anchor] = Anchor(node: index, expandedSize: 0, expandedBytes: 0, isOpen: true) }
        if let frame { enclosingFrames.append(frame) }
        frame = Frame(node: index, pendingStart: pending.count, expandedSize: 1, anchor: anchor)
    }

    private mutating func closeCollection(_ event: RawEvent) throws(YAMLError) {
        guard let closing = frame else { return }
        // What closing attaches to is the collection around it.
        frame = enclosingFrames.popLast()
        let memberCount = pending.count - closing.pendingStart
        if nodes[closing.node].kind == .mapping {
            try checkKeys(from: closing.pendingStart)
        }
        nodes[closing.node].payloadStart = UInt32(truncatingIfNeeded: children.count)
        nodes[closing.node].payloadCount = UInt32(truncatingIfNeeded: memberCount)
        nodes[closing.node].endOffset = lines.storedOffset(of: event.end)
        // No slice of `pending` may outlive this statement: a live slice would make the removal below
        // copy the whole array (copy-on-write), which is quadratic over a long top-level sequence.
        children.append(contentsOf: pending[closing.pendingStart...])
        pending.removeLast(memberCount)
        if let anchor = closing.anchor, anchors[anchor]?.node == closing.node {
            anchors[anchor] = Anchor(node: closing.node, expandedSize: closing.expandedSize, expandedBytes: closing.expandedBytes)
        }
        attach(closing.node, expandedSize: closing.expandedSize, expandedBytes: closing.expandedBytes)
    }

    private mutating func attach(_ node: Int, expandedSize: Int, expandedBytes: Int) {
        if frame == nil {
            roots.append(NodeID(node))
        } else {
            pending.append(UInt32(truncatingIfNeeded: node))
            // Saturating: with limits raised near Int.max, doubling aliases would otherwise overflow and trap.
            frame?.expandedSize.addSaturating(expandedSize)
            frame?.expandedBytes.addSaturating(expandedBytes)
        }
    }

    // MARK: Checks

    /// Whether a message about the node being read may quote its alias or tag: never at the file's root, where the
    /// node may be all a file of another kind holds (`*hunter2` read as YAML), nor where the options say not to.
    private var quotesNames: Bool { options.quotesNames && frame != nil }

    /// Mappings with at most this many keys find duplicates by comparing keys pairwise, which costs no
    /// allocation and no hashing; larger ones hash each key once.
    private static let pairwiseKeyLimit = 16

    /// Rejects duplicate keys (both modes) and, in strict mode, merge keys and keys that are not scalars.
    ///
    /// The mapping's keys are `pending[start]`, `pending[start + 2]`, ... to the end of `pending`.
    private func checkKeys(from start: Int) throws(YAMLError) {
        let keyCount = (pending.count - start + 1) / 2
        let hashesKeys = keyCount > Self.pairwiseKeyLimit
        var seen: [ArraySlice<UInt8>: Int] = [:]
        if hashesKeys { seen.reserveCapacity(keyCount) }
        for position in stride(from: start, to: pending.count, by: 2) {
            let key = Int(pending[position])
            let record = nodes[resolvedIndex(key)]
            guard record.kind == .scalar else {
                if options.mode == .strict {
                    throw YAMLError(.complexKey, at: nodeRange(key),
                                    "a mapping key must be a scalar, not a \(record.kind == .mapping ? "mapping" : "sequence")")
                }
                continue
            }
            let text = record.text
            if options.mode == .strict && record.tag == 0 && ScalarStyle(rawValue: record.style) == .plain
                && text.count == 2 && scalars[text].elementsEqual("<<".utf8)
            {
                throw YAMLError(.mergeKey, at: nodeRange(key),
                                "merge keys ('<<') are not supported: they are a YAML 1.1 extension, not YAML 1.2, and they hide where a value comes from; write the keys out")
            }
            let first = hashesKeys ? seen.updateValue(key, forKey: scalars[text])
                                   : earlierKey(withText: text, from: start, before: position)
            if let first {
                let name = String(decoding: scalars[text], as: UTF8.self)
                guard options.quotesNames else {
                    throw YAMLError(.duplicateKey, at: nodeRange(key), "a duplicate key in this mapping",
                                    notes: [YAMLError.Note(range: nodeRange(first), message: "the key is first defined here")])
                }
                throw YAMLError(.duplicateKey, at: nodeRange(key), "duplicate key '\(DisplayText.quoted(name))' in this mapping",
                                notes: [YAMLError.Note(range: nodeRange(first), message: "'\(DisplayText.quoted(name))' is first defined here")])
            }
        }
    }

    /// The first scalar key among `pending[start]`, `pending[start + 2]`, ... before `end` whose text is
    /// the same bytes as `text`.
    private func earlierKey(withText text: Range<Int>, from start: Int, before end: Int) -> Int? {
        for position in stride(from: start, to: end, by: 2) {
            let other = nodes[resolvedIndex(Int(pending[position]))]
            guard other.kind == .scalar, Int(other.payloadCount) == text.count else { continue }
            if scalars.sameText(text, other.text) { return Int(pending[position]) }
        }
        return nil
    }

    /// Where the source may hold a scalar's text verbatim: from its first character, or the one after
    /// its opening quote. Block scalars never read as they are written (indentation is stripped).
    /// ``ScalarTexts`` compares the bytes before it relies on this.
    private static func verbatimOffset(of event: RawEvent) -> Int? {
        switch event.scalarStyle {
        case .plain: event.start.offset
        case .singleQuoted, .doubleQuoted: event.start.offset + 1
        case .literal, .folded: nil
        }
    }

    /// The node an alias points at, or the node itself.
    private func resolvedIndex(_ node: Int) -> Int {
        nodes[node].kind == .alias ? Int(nodes[node].payloadStart) : node
    }

    private static let coreTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    ]

    private mutating func tagNumber(_ tag: UnsafeBufferPointer<UInt8>?, event: RawEvent) throws(YAMLError) -> UInt16 {
        guard let tag else { return 0 }
        let name = String(decoding: tag, as: UTF8.self)
        if options.mode == .strict && !Self.coreTags.contains(name) {
            let shown = name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst("tag:yaml.org,2002:".count) : name
            throw YAMLError(.unsupportedTag, at: range(event.start, event.end),
                            "\(quotesNames ? "unsupported tag '\(DisplayText.quoted(shown))'" : "an unsupported tag"); eniplan reads only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)")
        }
        if let number = tagIndex[name] { return number }
        tags.append(name)
        let number = UInt16(truncatingIfNeeded: tags.count)
        tagIndex[name] = number
        return number
    }

    // MARK: Helpers

    private func range(_ start: SourcePosition, _ end: SourcePosition) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }

    private func nodeRange(_ node: Int) -> SourceRange {
        let record = nodes[node]
        return SourceRange(file: file, start: lines.position(ofStored: record.startOffset), end: lines.position(ofStored: record.endOffset))
    }

    private func record(_ kind: NodeKind, style: UInt8, tag: UInt16, _ start: SourcePosition, _ end: SourcePosition,
                        payloadStart: Int, payloadCount: Int) -> NodeRecord {
        NodeRecord(
            kind: kind, style: style, tag: tag, startOffset: lines.storedOffset(of: start), endOffset: lines.storedOffset(of: end),
            payloadStart: UInt32(truncatingIfNeeded: payloadStart), payloadCount: UInt32(truncatingIfNeeded: payloadCount))
    }
}

extension Int {
    /// Adds `other`, stopping at `Int.max` where the sum would overflow.
    mutating func addSaturating(_ other: Int) {
        let (sum, overflow) = addingReportingOverflow(other)
        self = overflow ? .max : sum
    }
}

/// A byte count as people read it: `512 bytes`, `1 MiB`, `64.5 MiB`.
struct ByteCount: CustomStringConvertible {
    var bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            let whole = bytes / size
            let tenths = (bytes % size) * 10 / size
            return tenths == 0 ? "\(whole) \(unit)" : "\(whole).\(tenths) \(unit)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// Whether ``description`` is exact: a whole number of the unit it is written in.
    var isWhole: Bool {
        for size in [1 << 30, 1 << 20, 1 << 10] where bytes >= size { return bytes % size == 0 }
        return true
    }
}

/// The handle of one node inside a ``YAMLDocument``.
public struct NodeID: Sendable, Hashable {
    public let index: Int32

    init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
}

/// What a node is. Aliases are resolved by ``YAMLDocument/resolve(_:)`` and by every accessor that
/// walks the tree, so a reader sees only scalars, sequences and mappings.
public enum NodeKind: UInt8, Sendable, Hashable {
    case scalar
    case sequence
    case mapping
    case alias
}

/// How a scalar was written. Plain scalars are typed by the schema that reads them.
public enum ScalarStyle: UInt8, Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded

    /// Quoted and block scalars are always strings.
    public var isPlain: Bool { self == .plain }
}

/// How a collection was written.
public enum CollectionStyle: UInt8, Sendable, Hashable {
    case block
    case flow
}

/// One node as stored, in 20 bytes: positions are byte offsets (lines and columns come from the
/// document's ``LineTable`` when asked for), payload fields mean different things per kind.
struct NodeRecord: Sendable, Hashable {
    var kind: NodeKind
    /// ``ScalarStyle`` for scalars, ``CollectionStyle`` for collections.
    var style: UInt8
    /// Index into `YAMLDocument.tags` plus one; zero when the node has no explicit tag.
    var tag: UInt16
    /// Where the node starts and ends, as ``LineTable/storedOffset(of:)`` keeps them.
    var startOffset: UInt32
    var endOffset: UInt32
    /// Scalar: start of its text in ``ScalarTexts``. Collection: first entry in `children`. Alias: target node.
    var payloadStart: UInt32
    /// Scalar: byte length. Sequence: item count. Mapping: twice the pair count (key, value, key, ...).
    var payloadCount: UInt32

    /// A scalar's text in ``ScalarTexts``.
    var text: Range<Int> { Int(payloadStart)..<Int(payloadStart) + Int(payloadCount) }
}

/// A comment as written in the file. libyaml drops comments, so the loader finds them in the text.
public struct YAMLComment: Sendable, Hashable {
    /// Where the `#` is.
    public var range: SourceRange
    /// The text after `#`, without the line break.
    public var text: String
    /// Whether the comment has only whitespace before it on its line.
    public var isOwnLine: Bool
}

/// A loaded YAML file: a tree of positioned nodes for each document, and every comment.
///
/// Nodes live in flat arrays and are named by ``NodeID``; reading them costs no allocation until a
/// scalar's text is asked for. The document keeps the file's bytes: most scalars' text is read
/// straight from them, and a node's lines and columns are worked out from its byte offsets.
public struct YAMLDocument: Sendable {
    /// The path the file was loaded from, as given; every ``SourceRange`` names it.
    public var file: String { locator.file }
    /// Lines and columns for the file's byte offsets, for spans kept beyond the document's life.
    public let locator: SourceLocator
    /// The root node of each document, in order. A strict load has at most one.
    public let roots: [NodeID]
    /// Every comment in file order.
    public let comments: [YAMLComment]

    let nodes: [NodeRecord]
    let children: [UInt32]
    let scalars: ScalarTexts
    let tags: [String]
    var lines: LineTable { locator.lines }

    init(file: String, roots: [NodeID], comments: [YAMLComment], nodes: [NodeRecord], children: [UInt32],
         scalars: ScalarTexts, tags: [String], lines: LineTable) {
        locator = SourceLocator(file: file, lines: lines)
        self.roots = roots
        self.comments = comments
        self.nodes = nodes
        self.children = children
        self.scalars = scalars
        self.tags = tags
    }

    /// The first document's root, or nil for an empty file.
    public var root: NodeID? { roots.first }

    /// How many nodes the file holds, aliases counted once.
    public var nodeCount: Int { nodes.count }

    /// The node an alias points at, or the node itself.
    public func resolve(_ id: NodeID) -> NodeID {
        let record = nodes[Int(id.index)]
        return record.kind == .alias ? NodeID(Int(record.payloadStart)) : id
    }

    /// The kind of the node, aliases resolved.
    public func kind(_ id: NodeID) -> NodeKind { nodes[Int(resolve(id).index)].kind }

    /// Where the node is written. For an alias, the alias itself (`*name`).
    public func range(_ id: NodeID) -> SourceRange {
        let record = nodes[Int(id.index)]
        return SourceRange(file: file, start: lines.position(ofStored: record.startOffset), end: lines.position(ofStored: record.endOffset))
    }

    /// From the start of `first` to the end of `last`, such as a key and its value. Aliases are not resolved.
    public func range(from first: NodeID, to last: NodeID) -> SourceRange {
        SourceRange(file: file, start: lines.position(ofStored: nodes[Int(first.index)].startOffset),
                    end: lines.position(ofStored: nodes[Int(last.index)].endOffset))
    }

    /// The offsets of ``range(from:to:)``, for ``locator`` to turn into lines and columns later.
    public func span(from first: NodeID, to last: NodeID) -> SourceSpan {
        SourceSpan(start: nodes[Int(first.index)].startOffset, end: nodes[Int(last.index)].endOffset)
    }

    /// The explicit tag, fully resolved (`tag:yaml.org,2002:str`), or nil when the node has none.
    public func tag(_ id: NodeID) -> String? {
        let record = nodes[Int(resolve(id).index)]
        return record.tag == 0 ? nil : tags[Int(record.tag) - 1]
    }

    /// The scalar's style, or nil for a collection.
    public func scalarStyle(_ id: NodeID) -> ScalarStyle? {
        let record = nodes[Int(resolve(id).index)]
        return record.kind == .scalar ? ScalarStyle(rawValue: record.style) : nil
    }

    /// The collection's style, or nil for a scalar.
    public func collectionStyle(_ id: NodeID) -> CollectionStyle? {
        let record = nodes[Int(resolve(id).index)]
        return record.kind == .scalar ? nil : CollectionStyle(rawValue: record.style)
    }

    /// The scalar's text after unescaping and folding, or nil for a collection.
    public func scalar(_ id: NodeID) -> String? {
        let record = nodes[Int(resolve(id).index)]
        guard record.kind == .scalar else { return nil }
        return scalars.withText(record.text) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the node is a scalar whose text is exactly `text`, without building a string.
    public func scalar(_ id: NodeID, equals text: String) -> Bool {
        let record = nodes[Int(resolve(id).index)]
        guard record.kind == .scalar else { return false }
        var text = text
        return text.withUTF8 { wanted in
            guard wanted.count == Int(record.payloadCount) else { return false }
            return scalars.withText(record.text) { wanted.hasSameBytes(as: $0) }
        }
    }

    /// The index of the first of `candidates` that the scalar's text equals, or nil: one read of the
    /// scalar for all of them, as when a mapping's key is matched against the fields a schema allows.
    public func scalar(_ id: NodeID, indexIn candidates: [String]) -> Int? {
        let record = nodes[Int(resolve(id).index)]
        guard record.kind == .scalar else { return nil }
        let length = Int(record.payloadCount)
        return scalars.withText(record.text) { text in
            for (index, candidate) in candidates.enumerated() where candidate.utf8.count == length {
                var candidate = candidate
                if candidate.withUTF8({ text.hasSameBytes(as: $0) }) { return index }
            }
            return nil
        }
    }

    /// The items of a sequence (aliases resolved), or an empty array for anything else.
    public func items(_ id: NodeID) -> [NodeID] {
        let record = nodes[Int(resolve(id).index)]
        guard record.kind == .sequence else { return [] }
        let start = Int(record.payloadStart)
        return (start..<start + Int(record.payloadCount)).map { resolve(NodeID(Int(children[$0]))) }
    }

    /// The key and value nodes of a mapping in the order written (aliases resolved), or an empty array.
    public func entries(_ id: NodeID) -> [(key: NodeID, value: NodeID)] {
        let record = nodes[Int(resolve(id).index)]
        guard record.kind == .mapping else { return [] }
        let start = Int(record.payloadStart)
        return stride(from: start, to: start + Int(record.payloadCount), by: 2).map {
            (resolve(NodeID(Int(children[$0]))), resolve(NodeID(Int(children[$0 + 1]))))
        }
    }

    /// The number of items of a sequence or pairs of a mapping; zero for a scalar.
    public func count(_ id: NodeID) -> Int {
        let record = nodes[Int(resolve(id).index)]
        switch record.kind {
        case .sequence: return Int(record.payloadCount)
        case .mapping: return Int(record.payloadCount) / 2
        case .scalar, .alias: return 0
        }
    }
}

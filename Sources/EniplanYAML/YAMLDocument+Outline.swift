extension YAMLDocument {
    /// Outline lines are indented two spaces per level up to this depth; deeper lines keep this
    /// indentation and say their depth (`(depth 65) `), so the listing of a deeply nested file grows with
    /// its nodes, not with the square of its depth.
    public static let outlineIndentLimit = 64

    /// A readable, indented listing of every node with its kind, style, tag and range
    /// (`line:column-line:column`, 1-based, end exclusive), for people debugging a file.
    public func outline() -> String {
        var text: [UInt8] = []
        writeOutline { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Writes ``outline()`` to `sink` in pieces of about 64 KiB, as it goes: the listing is never held
    /// whole, and the walk keeps its own stack, so no depth of nesting can exhaust the thread's.
    /// Throws only what `sink` throws.
    public func writeOutline(to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var writer = OutlineWriter()
        for (number, root) in roots.enumerated() {
            writer.line("document \(number + 1)")
            try writer.flushIfFull(sink)
            try describe(root, into: &writer, sink)
        }
        for comment in comments {
            // The marker and the text are escaped as one: a text that starts with "#[" would otherwise make "##[".
            writer.line("comment \(comment.range.start.line):\(comment.range.start.column) \(("#" + comment.text).displaySafe)")
            try writer.flushIfFull(sink)
        }
        try writer.flush(sink)
    }

    private struct Pending {
        var node: NodeID
        var depth: Int
        var label: String?
    }

    /// Describes `root` and everything under it, depth first, in the order written.
    private func describe(_ root: NodeID, into writer: inout OutlineWriter,
                          _ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var stack = [Pending(node: root, depth: 1, label: nil)]
        while let next = stack.popLast() {
            writer.indent(next.depth)
            if let label = next.label { writer.append(label + " ") }
            describeOne(next.node, into: &writer)
            writer.append("\n")
            try writer.flushIfFull(sink)
            // Members are pushed last first, so that they are popped in the order written.
            switch nodes[Int(next.node.index)].kind {
            case .sequence:
                for item in rawChildren(next.node).reversed() { stack.append(Pending(node: item, depth: next.depth + 1, label: "-")) }
            case .mapping:
                let members = rawChildren(next.node)
                for pair in stride(from: 0, to: members.count - 1, by: 2).reversed() {
                    stack.append(Pending(node: members[pair + 1], depth: next.depth + 2, label: "value"))
                    stack.append(Pending(node: members[pair], depth: next.depth + 1, label: "key"))
                }
            case .scalar, .alias:
                break
            }
        }
    }

    /// One node's line, without its indentation, label and line break.
    private func describeOne(_ id: NodeID, into writer: inout OutlineWriter) {
        let isAlias = nodes[Int(id.index)].kind == .alias
        let node = resolve(id)
        let where_ = range(id)
        let span = "\(where_.start.line):\(where_.start.column)-\(where_.end.line):\(where_.end.column)"
        let tagText = tag(node).map { " tag=\($0.displaySafe)" } ?? ""
        if isAlias {
            writer.append("alias -> \(range(node).start.line):\(range(node).start.column) \(span)")
            return
        }
        switch kind(node) {
        case .scalar:
            writer.append("scalar \(scalarStyle(node).map { "\($0)" } ?? "")\(tagText) \"")
            // Swift's escapes (`\n`, `\"`, `\\`), and `\u{85}` for what DisplayText escapes and Swift prints raw;
            // then DisplayText over the whole, for what spans characters (a legacy `##[` workflow command).
            var quoted = ""
            for character in (scalar(node) ?? "").unicodeScalars {
                let swift = character.escaped(asASCII: false)
                quoted += swift.count == 1 && DisplayText.mustEscape(character) ? DisplayText.escaped(String(character)) : swift
            }
            writer.append(DisplayText.escaped(quoted))
            writer.append("\" \(span)")
        case .sequence:
            writer.append("sequence \(collectionStyle(node).map { "\($0)" } ?? "")\(tagText) \(span)")
        case .mapping:
            writer.append("mapping \(collectionStyle(node).map { "\($0)" } ?? "")\(tagText) \(span)")
        case .alias:
            break
        }
    }

    /// Children without resolving aliases, so the outline shows where aliases are used.
    private func rawChildren(_ id: NodeID) -> [NodeID] {
        let record = nodes[Int(id.index)]
        let start = Int(record.payloadStart)
        return (start..<start + Int(record.payloadCount)).map { NodeID(Int(children[$0])) }
    }
}

/// The outline's bytes not yet handed to the sink.
private struct OutlineWriter {
    private static let pieceSize = 64 * 1024
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(Self.pieceSize + 4096) }

    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    mutating func line(_ text: String) {
        append(text)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Two spaces per level, up to ``YAMLDocument/outlineIndentLimit``; beyond it, the depth in words.
    mutating func indent(_ depth: Int) {
        let shown = min(depth, YAMLDocument.outlineIndentLimit)
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * shown))
        if depth > shown { append("(depth \(depth)) ") }
    }

    mutating func flushIfFull(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        if buffer.count >= Self.pieceSize { try flush(sink) }
    }

    mutating func flush(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

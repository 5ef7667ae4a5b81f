extension YAMLDocument {
    /// A readable, indented listing of every node with its kind, style, tag and range
    /// (`line:column-line:column`, 1-based, end exclusive), for people debugging a file.
    public func outline() -> String {
        var lines: [String] = []
        for (number, root) in roots.enumerated() {
            lines.append("document \(number + 1)")
            describe(root, depth: 1, label: nil, into: &lines)
        }
        for comment in comments {
            lines.append("comment \(comment.range.start.line):\(comment.range.start.column) #\(comment.text.displaySafe)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ id: NodeID, depth: Int, label: String?, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        let prefix = indent + (label.map { "\($0) " } ?? "")
        let isAlias = nodes[Int(id.index)].kind == .alias
        let node = resolve(id)
        let where_ = range(id)
        let span = "\(where_.start.line):\(where_.start.column)-\(where_.end.line):\(where_.end.column)"
        let tagText = tag(node).map { " tag=\($0.displaySafe)" } ?? ""
        if isAlias {
            lines.append("\(prefix)alias -> \(range(node).start.line):\(range(node).start.column) \(span)")
            return
        }
        switch kind(node) {
        case .scalar:
            let text = scalar(node) ?? ""
            // Swift's escapes (`\n`, `\"`, `\\`), and `\u{85}` for what DisplayText escapes and Swift prints raw.
            let quoted = "\"" + text.unicodeScalars.map { scalar in
                let swift = scalar.escaped(asASCII: false)
                return swift.count == 1 && DisplayText.mustEscape(scalar) ? DisplayText.escaped(String(scalar)) : swift
            }.joined() + "\""
            lines.append("\(prefix)scalar \(scalarStyle(node).map { "\($0)" } ?? "")\(tagText) \(quoted) \(span)")
        case .sequence:
            lines.append("\(prefix)sequence \(collectionStyle(node).map { "\($0)" } ?? "")\(tagText) \(span)")
            for item in rawChildren(node) { describe(item, depth: depth + 1, label: "-", into: &lines) }
        case .mapping:
            lines.append("\(prefix)mapping \(collectionStyle(node).map { "\($0)" } ?? "")\(tagText) \(span)")
            let members = rawChildren(node)
            for pair in stride(from: 0, to: members.count, by: 2) {
                describe(members[pair], depth: depth + 1, label: "key", into: &lines)
                describe(members[pair + 1], depth: depth + 2, label: "value", into: &lines)
            }
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

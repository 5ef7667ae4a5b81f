/// Pretty-printed JSON written member by member by a caller that gives every object's members already in key order:
/// the bytes ``PrettyJSONEncoder`` writes for the same values, without the generic `Encoder` calls, the containers'
/// bookkeeping and the sort at each object's end. For the plan's changes, nearly all of a large JSON plan.
///
/// The caller owes what the encoder would otherwise see to: each object's keys in ``PrettyJSONEncoder``'s order (by
/// their UTF-8 bytes), each key once, and every container closed. Tests hold each document written this way to the
/// bytes of its `Encodable` form.
package struct SortedJSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// For each open container, innermost last: whether it has an entry yet.
    private var hasEntries: [Bool] = []
    /// Indent added to every line: values written as if nested this many levels deep.
    private let baseIndent: Int

    private static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")

    package init(baseIndent: Int) {
        self.baseIndent = baseIndent
    }

    /// Empties the output for the next value, keeping its capacity.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        hasEntries.removeAll(keepingCapacity: true)
    }

    // MARK: Containers

    package mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        hasEntries.append(false)
    }

    package mutating func endObject() { close(UInt8(ascii: "}")) }

    package mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        hasEntries.append(false)
    }

    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts the member `key` of the innermost object (a plain ASCII name); its value is written next.
    package mutating func key(_ key: StaticString) {
        nextEntry()
        bytes.append(JSONText.quote)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [JSONText.quote, Self.space, UInt8(ascii: ":"), Self.space])
    }

    /// Starts the next element of the innermost array; its value is written next.
    package mutating func element() { nextEntry() }

    private mutating func nextEntry() {
        if hasEntries[hasEntries.count - 1] {
            bytes.append(Self.comma)
        } else {
            hasEntries[hasEntries.count - 1] = true
        }
        bytes.append(Self.newline)
        indent(baseIndent + hasEntries.count)
    }

    /// An empty container is its brackets around an empty line; a full one ends on a line of its own.
    private mutating func close(_ bracket: UInt8) {
        if !hasEntries.removeLast() { bytes.append(Self.newline) }
        bytes.append(Self.newline)
        indent(baseIndent + hasEntries.count)
        bytes.append(bracket)
    }

    private mutating func indent(_ level: Int) {
        for _ in 0..<(2 * level) { bytes.append(Self.space) }
    }

    // MARK: Values

    package mutating func null() { bytes.append(contentsOf: "null".utf8) }

    package mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    package mutating func string(_ value: String?) {
        guard let text = value else { return null() }
        JSONText.appendString(text, to: &bytes)
    }

    package mutating func integer(_ value: Int) {
        JSONText.appendInteger(UInt64(value.magnitude), negative: value < 0, to: &bytes)
    }
}

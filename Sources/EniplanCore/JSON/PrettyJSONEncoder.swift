import Foundation

/// Pretty-printed JSON with sorted keys, written straight into a byte buffer: the same bytes as Foundation's
/// `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, without the tree of values it
/// builds first (2.7 GB for a 204 MB plan).
///
/// Values stream out in the order `encode(to:)` writes them. An object's members are sorted when it closes by moving
/// its members' bytes; the outermost object's members are not moved but copied in order into the result. Besides the
/// output, only the open containers and their members' keys and offsets are held.
///
/// The format, as Foundation writes it: two spaces of indent per level, `"key" : value`, an empty array or object
/// as its brackets around an empty line; keys sorted by their UTF-8 bytes, a repeated key keeps its last value;
/// strings escape `"`, `\` and the control characters below U+0020 (`\b`, `\t`, `\n`, `\f`, `\r` by name, the others as
/// `\u00xx`) and nothing else; numbers as their `description`, without a final `.0`; a value that writes nothing is an
/// empty object; `Data` as Base64, `URL` as its absolute string, `Decimal` as a number.
///
/// Where a stream cannot do what a tree does: a container is closed once something is written to one of its
/// ancestors, and writing to it afterwards throws; two nested containers for one key are not merged, the last wins.
/// Keys are compared byte for byte, so two keys that differ only in Unicode normalization (`é` and `e` with U+0301)
/// stay two members, where Foundation's dictionary of members keeps one.
package struct PrettyJSONEncoder {
    package init() {}

    /// The JSON text of `value`, UTF-8, without a final newline.
    package func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = PrettyJSONWriter()
        try writer.writeDocument(value)
        return [UInt8](unsafeUninitializedCapacity: writer.state.outputCount) { buffer, count in
            count = writer.state.copyOutput(into: buffer)
        }
    }

    /// The JSON text of `value` and a newline, as a report prints it.
    package func encodeLine<T: Encodable>(_ value: T) throws -> String {
        let writer = PrettyJSONWriter()
        try writer.writeDocument(value)
        return String(unsafeUninitializedCapacity: writer.state.outputCount + 1) { buffer in
            let count = writer.state.copyOutput(into: buffer)
            buffer[count] = UInt8(ascii: "\n")
            return count + 1
        }
    }
}

/// Writes many values one after another, each as ``PrettyJSONEncoder`` would write it nested `indent` levels
/// deep (every line but the first indented by that much more), straight to a sink: a large document is then
/// written piece by piece, never held whole. One buffer is reused from value to value.
package final class PrettyJSONStreamer {
    private let writer = PrettyJSONWriter()

    package init() {}

    /// Writes `value` to `sink`, in one or more pieces.
    package func write<T: Encodable>(_ value: T, indent: Int, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        writer.state.reset(baseIndent: indent)
        try writer.writeDocument(value)
        try writer.state.withOutputPieces(sink)
    }
}

/// A number, string, boolean or null: what a container writes in place, without a nested `Encoder`.
private enum JSONScalar {
    case null
    case bool(Bool)
    case string(String)
    case signed(Int64)
    case unsigned(UInt64)
    /// Digits already formatted: floating point, 128-bit integers, `Decimal`.
    case number(String)

    /// Foundation's text for a floating-point value, or the error it throws for NaN and the infinities.
    static func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, at codingPath: [any CodingKey]) throws -> JSONScalar {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath, debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// The Foundation types that `JSONEncoder` writes as a scalar rather than through their own `encode(to:)`.
    static func special<T: Encodable>(_ value: T) -> JSONScalar? {
        if T.self == String.self, let string = value as? String { return .string(string) }
        if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        if T.self == Decimal.self, let decimal = value as? Decimal { return .number(decimal.description) }
        return nil
    }
}

/// A key of `codingPath`: a member's name, or an element's index.
private struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

/// The document being written, which every container and nested encoder of one `PrettyJSONEncoder` call writes
/// to. A class because `Encoder` hands out containers that must all write to the same place; it lives for one call
/// and never escapes it.
private final class PrettyJSONWriter {
    /// All that changes, in one struct: a container call is then one access to `state`, checked at run time like any
    /// class property, rather than one for each byte appended.
    var state = PrettyJSONState()

    func writeDocument<T: Encodable>(_ value: T) throws {
        if let scalar = JSONScalar.special(value) {
            try state.writeSingleValue(scalar, slot: PrettyJSONState.rootSlot, parentDepth: -1)
        } else {
            try value.encode(to: SlotEncoder(writer: self, slot: PrettyJSONState.rootSlot, parentDepth: -1))
        }
        try state.closeAll()
        guard state.rootFilled else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
    }

    /// Writes the value of the entry just begun in the container at `depth`, through its own `encode(to:)` unless it
    /// is one of the Foundation types written as a scalar.
    func writeEntryValue<T: Encodable>(_ value: T, depth: Int) throws {
        if let scalar = JSONScalar.special(value) { return state.writeEntryValue(scalar) }
        let slot = state.openSlot(depth: depth)
        try value.encode(to: SlotEncoder(writer: self, slot: slot, parentDepth: depth))
        state.endEntry(depth: depth)
    }
}

/// The output buffer and the stack of open containers.
private struct PrettyJSONState {
    private enum Kind { case object, array }

    /// An open array or object. Its members' keys are `members[firstMember...]` up to the next frame's first.
    private struct Frame {
        var kind: Kind
        /// The slot this container fills: identifies the frame for the containers that write to it.
        var slot: Int
        var firstMember: Int
        var count = 0
        /// The latest entry's slot while its value is written by a nested encoder, 0 when there is none.
        var pendingSlot = 0
        var pendingFilled = false
    }

    /// An object's member: its key, and the offset in `bytes` where its line starts.
    private struct Member {
        var key: String
        var start: Int
    }

    static let rootSlot = 0
    private static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")

    private var bytes: [UInt8] = []
    private var frames: [Frame] = []
    private var members: [Member] = []
    private var nextSlot = 1
    private(set) var rootFilled = false
    /// The output in order, when the outermost value is an object whose members were not written sorted.
    private var rootPieces: [Range<Int>]?
    /// Reused while sorting an object: the order of its members, and a copy of their bytes.
    private var order: [Int] = []
    private var scratch: [UInt8] = []
    private let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
    /// The first misuse of a container, recorded by the container methods that cannot throw.
    private var misuse: EncodingError?
    private var isMisused = false

    /// Indent added to every line: a value written as if nested this many levels deep.
    private var baseIndent = 0

    /// Empties the state for the next value, keeping the buffers' capacity.
    mutating func reset(baseIndent: Int) {
        bytes.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        nextSlot = 1
        rootFilled = false
        rootPieces = nil
        misuse = nil
        isMisused = false
        self.baseIndent = baseIndent
    }

    /// Hands the output to `body` piece by piece, in order, once `closeAll` returned.
    func withOutputPieces(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let pieces = rootPieces ?? [0..<bytes.count]
        try bytes.withUnsafeBufferPointer { source in
            for piece in pieces where !piece.isEmpty { try body(UnsafeBufferPointer(rebasing: source[piece])) }
        }
    }

    /// Closes every open container; throws the first misuse.
    mutating func closeAll() throws {
        if isMisused, let misuse { throw misuse }
        while !frames.isEmpty { closeInnermost() }
    }

    /// The length of the output in bytes, once `closeAll` returned.
    var outputCount: Int {
        rootPieces.map { $0.reduce(0) { $0 + $1.count } } ?? bytes.count
    }

    /// Copies the output into `buffer`, which holds at least `outputCount` bytes; returns `outputCount`.
    func copyOutput(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let pieces = rootPieces ?? [0..<bytes.count]
        return bytes.withUnsafeBufferPointer { source in
            var count = 0
            for piece in pieces {
                let slice = UnsafeBufferPointer(rebasing: source[piece])
                _ = UnsafeMutableBufferPointer(rebasing: buffer[count..<(count + piece.count)]).initialize(from: slice)
                count += piece.count
            }
            return count
        }
    }

    // MARK: Entries

    /// One whole entry of the container at `depth`: a scalar, with its key in an object.
    mutating func writeEntry(_ scalar: JSONScalar, key: String?, depth: Int, frameSlot: Int) throws {
        try beginEntry(depth: depth, frameSlot: frameSlot, key: key)
        writeEntryValue(scalar)
    }

    /// Starts an entry of the container at `depth`: closes the containers nested in it, ends its previous entry,
    /// and writes the new line, the indent and, in an object, the key.
    mutating func beginEntry(depth: Int, frameSlot: Int, key: String?) throws {
        try checkOpen(depth: depth, frameSlot: frameSlot)
        endEntry(depth: depth)
        let start = bytes.count
        bytes.append(Self.newline)
        indent(depth + 1)
        frames[depth].count += 1
        if let key {
            members.append(Member(key: key, start: start))
            JSONText.appendString(key, to: &bytes)
            bytes.append(contentsOf: " : ".utf8)
        }
    }

    /// Writes `scalar` as the value of the entry just begun.
    mutating func writeEntryValue(_ scalar: JSONScalar) {
        write(scalar)
        bytes.append(Self.comma)
    }

    /// Makes the entry just begun in the container at `depth` a slot for a nested container or encoder.
    mutating func openSlot(depth: Int) -> Int {
        let slot = nextSlot
        nextSlot += 1
        frames[depth].pendingSlot = slot
        frames[depth].pendingFilled = false
        return slot
    }

    /// Closes the containers nested in the one at `depth`, and ends its entry whose value a nested encoder wrote:
    /// an empty object if it wrote nothing, then the comma that every entry ends with until its container closes.
    mutating func endEntry(depth: Int) {
        guard depth < frames.count else { return }
        while frames.count > depth + 1 { closeInnermost() }
        guard frames[depth].pendingSlot != 0 else { return }
        if !frames[depth].pendingFilled {
            bytes.append(contentsOf: "{\n\n".utf8)
            indent(depth + 1)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(Self.comma)
        frames[depth].pendingSlot = 0
    }

    private mutating func checkOpen(depth: Int, frameSlot: Int) throws {
        if isMisused, let misuse { throw misuse }
        guard depth >= 0, depth < frames.count, frames[depth].slot == frameSlot else {
            throw recordMisuse("a container was written to after it closed: PrettyJSONEncoder closes a container once a value is written to one of its ancestors")
        }
    }

    @discardableResult
    mutating func recordMisuse(_ description: String) -> EncodingError {
        if let misuse { return misuse }
        let error = EncodingError.invalidValue(description, EncodingError.Context(codingPath: codingPath(depth: frames.count), debugDescription: description))
        misuse = error
        isMisused = true
        return error
    }

    // MARK: Slots

    private func slotIsOpen(_ slot: Int, parentDepth: Int) -> Bool {
        parentDepth < 0 ? slot == Self.rootSlot : parentDepth < frames.count && frames[parentDepth].pendingSlot == slot
    }

    private func slotIsFilled(parentDepth: Int) -> Bool {
        parentDepth < 0 ? rootFilled : frames[parentDepth].pendingFilled
    }

    private mutating func fillSlot(parentDepth: Int) {
        if parentDepth < 0 { rootFilled = true } else { frames[parentDepth].pendingFilled = true }
    }

    /// Opens an object or array as the value of `slot` and returns its depth; a second container of the same kind
    /// for the same slot writes to the first one, as with Foundation. Nil, with the misuse recorded, otherwise.
    mutating func openContainer(isObject: Bool, slot: Int, parentDepth: Int) -> Int? {
        let kind: Kind = isObject ? .object : .array
        let depth = parentDepth + 1
        if depth < frames.count, frames[depth].slot == slot, frames[depth].kind == kind {
            endEntry(depth: depth)
            return depth
        }
        guard !isMisused, slotIsOpen(slot, parentDepth: parentDepth), !slotIsFilled(parentDepth: parentDepth) else {
            recordMisuse("a value was asked for a second container after it wrote another kind of value, or after it closed")
            return nil
        }
        fillSlot(parentDepth: parentDepth)
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(kind: kind, slot: slot, firstMember: members.count))
        return depth
    }

    /// Writes `scalar` as the whole value of `slot`.
    mutating func writeSingleValue(_ scalar: JSONScalar, slot: Int, parentDepth: Int) throws {
        if isMisused, let misuse { throw misuse }
        guard slotIsOpen(slot, parentDepth: parentDepth), !slotIsFilled(parentDepth: parentDepth) else {
            throw recordMisuse("a single value container was written to twice, or after its value closed")
        }
        fillSlot(parentDepth: parentDepth)
        write(scalar)
    }

    // MARK: Closing

    private mutating func closeInnermost() {
        let depth = frames.count - 1
        endEntry(depth: depth)
        let frame = frames.removeLast()
        let isObject = frame.kind == .object
        if frame.count == 0 {
            bytes.append(Self.newline)
        } else if isObject {
            sortMembers(from: frame.firstMember, isOutermost: depth == 0)
        } else {
            bytes.removeLast()
        }
        members.removeSubrange(frame.firstMember...)
        let closingStart = bytes.count
        bytes.append(Self.newline)
        indent(depth)
        bytes.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        if rootPieces != nil, depth == 0 { rootPieces?.append(closingStart..<bytes.count) }
    }

    /// Puts the members of the object being closed in key order, each ending in a comma, without the last comma.
    /// The outermost object's members are left in place and their order kept in `rootPieces`.
    private mutating func sortMembers(from first: Int, isOutermost: Bool) {
        let end = bytes.count
        let isSorted = (first..<(members.count - 1)).allSatisfy { Self.compareKeys(members[$0].key, members[$0 + 1].key) < 0 }
        if isSorted {
            bytes.removeLast()
            return
        }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: first..<members.count)
        // Equal keys keep their order of writing; the last of them wins.
        order.sort { [members] left, right in
            let comparison = Self.compareKeys(members[left].key, members[right].key)
            return comparison < 0 || (comparison == 0 && left < right)
        }
        var pieces: [Range<Int>] = []
        pieces.reserveCapacity(order.count + 1)
        for (position, member) in order.enumerated() {
            if position + 1 < order.count, Self.compareKeys(members[order[position + 1]].key, members[member].key) == 0 { continue }
            pieces.append(members[member].start..<(member + 1 < members.count ? members[member + 1].start : end))
        }
        pieces[pieces.count - 1] = pieces[pieces.count - 1].dropLast()
        let regionStart = members[first].start
        if isOutermost {
            rootPieces = [0..<regionStart] + pieces
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[regionStart...])
        bytes.removeSubrange(regionStart...)
        for piece in pieces {
            bytes.append(contentsOf: scratch[(piece.lowerBound - regionStart)..<(piece.upperBound - regionStart)])
        }
    }

    /// Foundation's key order: the keys' UTF-8 bytes, compared as unsigned numbers. Negative, zero or positive.
    private static func compareKeys(_ left: String, _ right: String) -> Int {
        let contiguous = left.utf8.withContiguousStorageIfAvailable { left in
            right.utf8.withContiguousStorageIfAvailable { right -> Int in
                let common = min(left.count, right.count)
                if common > 0, let leftStart = left.baseAddress, let rightStart = right.baseAddress {
                    let comparison = memcmp(leftStart, rightStart, common)
                    if comparison != 0 { return Int(comparison) }
                }
                return left.count - right.count
            }
        }
        if let comparison = contiguous ?? nil { return comparison }
        if left.utf8.elementsEqual(right.utf8) { return 0 }
        return left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1
    }

    // MARK: Scalars

    private mutating func write(_ scalar: JSONScalar) {
        switch scalar {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .string(let value): JSONText.appendString(value, to: &bytes)
        case .signed(let value): JSONText.appendInteger(UInt64(value.magnitude), negative: value < 0, to: &bytes)
        case .unsigned(let value): JSONText.appendInteger(value, to: &bytes)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        }
    }

    private mutating func indent(_ depth: Int) {
        var remaining = 2 * (depth + baseIndent)
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            bytes.append(contentsOf: spaces[..<count])
            remaining -= count
        }
    }

    // MARK: Coding path

    /// The keys of the latest entries of the containers above `depth`: where a value at `depth` sits.
    func codingPath(depth: Int) -> [any CodingKey] {
        frames.indices.prefix(max(0, min(depth, frames.count))).map { index -> any CodingKey in
            let frame = frames[index]
            guard frame.kind == .object else { return PathKey(intValue: frame.count - 1) }
            let latest = (index + 1 < frames.count ? frames[index + 1].firstMember : members.count) - 1
            return PathKey(stringValue: latest >= frame.firstMember ? members[latest].key : "")
        }
    }

    func count(depth: Int, frameSlot: Int) -> Int {
        depth >= 0 && depth < frames.count && frames[depth].slot == frameSlot ? frames[depth].count : 0
    }
}

/// The `Encoder` of one value: the document, an entry, or a `superEncoder()`.
private struct SlotEncoder: Encoder {
    let writer: PrettyJSONWriter
    let slot: Int
    /// The depth of the container the value is an entry of; -1 for the document.
    let parentDepth: Int

    var codingPath: [any CodingKey] { writer.state.codingPath(depth: parentDepth + 1) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let depth = writer.state.openContainer(isObject: true, slot: slot, parentDepth: parentDepth)
        return KeyedEncodingContainer(ObjectContainer(writer: writer, depth: depth ?? -1, frameSlot: slot))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let depth = writer.state.openContainer(isObject: false, slot: slot, parentDepth: parentDepth)
        return ArrayContainer(writer: writer, depth: depth ?? -1, frameSlot: slot)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: PrettyJSONWriter
    let depth: Int
    let frameSlot: Int

    var codingPath: [any CodingKey] { writer.state.codingPath(depth: depth) }

    private func write(_ scalar: JSONScalar, forKey key: Key) throws {
        try writer.state.writeEntry(scalar, key: key.stringValue, depth: depth, frameSlot: frameSlot)
    }

    private func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, forKey key: Key) throws {
        try write(JSONScalar.floatingPoint(value, at: codingPath + [key]), forKey: key)
    }

    mutating func encodeNil(forKey key: Key) throws { try write(.null, forKey: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try write(.bool(value), forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try write(.string(value), forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try floatingPoint(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try floatingPoint(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try write(.signed(Int64(value)), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try write(.signed(Int64(value)), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try write(.signed(Int64(value)), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try write(.signed(Int64(value)), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try write(.signed(value), forKey: key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try write(.number(value.description), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try write(.unsigned(UInt64(value)), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try write(.unsigned(UInt64(value)), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try write(.unsigned(UInt64(value)), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try write(.unsigned(UInt64(value)), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try write(.unsigned(value), forKey: key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try write(.number(value.description), forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try writer.state.beginEntry(depth: depth, frameSlot: frameSlot, key: key.stringValue)
        try writer.writeEntryValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        superEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        superEncoder(forKey: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        entryEncoder(key: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        entryEncoder(key: key.stringValue)
    }

    private func entryEncoder(key: String) -> SlotEncoder {
        writer.entryEncoder(depth: depth, frameSlot: frameSlot, key: key)
    }
}

private struct ArrayContainer: UnkeyedEncodingContainer, PositionalScalarContainer {
    let writer: PrettyJSONWriter
    let depth: Int
    let frameSlot: Int

    var codingPath: [any CodingKey] { writer.state.codingPath(depth: depth) }
    var count: Int { writer.state.count(depth: depth, frameSlot: frameSlot) }

    func write(_ scalar: JSONScalar) throws {
        try writer.state.writeEntry(scalar, key: nil, depth: depth, frameSlot: frameSlot)
    }

    var nextValuePath: [any CodingKey] { codingPath + [PathKey(intValue: count)] }

    // The standard library gives these two a default of its own, which would make the shared ones ambiguous.
    mutating func encode(_ value: Int128) throws { try write(.number(value.description)) }
    mutating func encode(_ value: UInt128) throws { try write(.number(value.description)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.state.beginEntry(depth: depth, frameSlot: frameSlot, key: nil)
        try writer.writeEntryValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        superEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        superEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.entryEncoder(depth: depth, frameSlot: frameSlot, key: nil)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer, PositionalScalarContainer {
    let encoder: SlotEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    var nextValuePath: [any CodingKey] { codingPath }

    // The standard library gives these two a default of its own, which would make the shared ones ambiguous.
    mutating func encode(_ value: Int128) throws { try write(.number(value.description)) }
    mutating func encode(_ value: UInt128) throws { try write(.number(value.description)) }

    func write(_ scalar: JSONScalar) throws {
        try encoder.writer.state.writeSingleValue(scalar, slot: encoder.slot, parentDepth: encoder.parentDepth)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let scalar = JSONScalar.special(value) { return try write(scalar) }
        try value.encode(to: encoder)
    }
}

/// The array and single-value containers write each scalar type alike: as one ``JSONScalar`` at the next value.
private protocol PositionalScalarContainer {
    /// Where the next value goes, for the error a non-finite number throws.
    var nextValuePath: [any CodingKey] { get }
    func write(_ scalar: JSONScalar) throws
}

extension PositionalScalarContainer {
    mutating func encodeNil() throws { try write(.null) }
    mutating func encode(_ value: Bool) throws { try write(.bool(value)) }
    mutating func encode(_ value: String) throws { try write(.string(value)) }
    mutating func encode(_ value: Double) throws { try write(JSONScalar.floatingPoint(value, at: nextValuePath)) }
    mutating func encode(_ value: Float) throws { try write(JSONScalar.floatingPoint(value, at: nextValuePath)) }
    mutating func encode(_ value: Int) throws { try write(.signed(Int64(value))) }
    mutating func encode(_ value: Int8) throws { try write(.signed(Int64(value))) }
    mutating func encode(_ value: Int16) throws { try write(.signed(Int64(value))) }
    mutating func encode(_ value: Int32) throws { try write(.signed(Int64(value))) }
    mutating func encode(_ value: Int64) throws { try write(.signed(value)) }
    mutating func encode(_ value: UInt) throws { try write(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { try write(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { try write(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { try write(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { try write(.unsigned(value)) }
}

extension PrettyJSONWriter {
    /// An encoder for the next entry of the container at `depth` (a member `key`, or an element when nil); one
    /// whose entry cannot begin (the container is finished, say) writes nothing.
    func entryEncoder(depth: Int, frameSlot: Int, key: String?) -> SlotEncoder {
        do {
            try state.beginEntry(depth: depth, frameSlot: frameSlot, key: key)
        } catch {
            return SlotEncoder(writer: self, slot: -1, parentDepth: -1)
        }
        return SlotEncoder(writer: self, slot: state.openSlot(depth: depth), parentDepth: depth)
    }
}

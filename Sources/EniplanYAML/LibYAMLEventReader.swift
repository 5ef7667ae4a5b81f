import CYAML

/// One libyaml event, translated at the C boundary.
///
/// The buffers point into libyaml's memory and are valid only during the handler call that receives
/// the event; the loader copies what it keeps.
struct RawEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    var kind: Kind
    var start: SourcePosition
    var end: SourcePosition
    var anchor: UnsafeBufferPointer<UInt8>?
    var tag: UnsafeBufferPointer<UInt8>?
    var value: UnsafeBufferPointer<UInt8>
    var scalarStyle: ScalarStyle
    var isFlow: Bool
}

/// Why libyaml stopped, in its own words, with where.
struct RawParseFailure: Error {
    var isReaderError: Bool
    var problem: String
    var problemPosition: SourcePosition
    var context: String?
    var contextPosition: SourcePosition?
    /// For reader errors: the offending byte value, when libyaml reports one.
    var problemValue: Int
}

/// Owns a libyaml parser over a byte buffer that outlives it. Never escapes the loader.
final class LibYAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>
    private var positions: PositionConverter

    /// `bytes` must stay valid for the reader's whole life; `isASCII` says whether all of them are below 0x80.
    init(bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        self.bytes = bytes
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        // libyaml skips a UTF-8 byte-order mark without counting it in its marks.
        positions = PositionConverter(bytes: bytes, isASCII: isASCII)
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(parser, base, bytes.count)
        }
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// Parses every event in order and hands each to `handle`, which may stop the run by throwing.
    func run(_ handle: (RawEvent) throws(YAMLError) -> Void) throws(ParseStop) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw .libyaml(failure())
            }
            defer { yaml_event_delete(&event) }
            var raw = RawEvent(
                kind: .streamEnd,
                start: positions.position(of: event.start_mark),
                end: positions.position(of: event.end_mark),
                anchor: nil, tag: nil, value: UnsafeBufferPointer(start: nil, count: 0),
                scalarStyle: .plain, isFlow: false)
            switch event.type {
            case YAML_STREAM_START_EVENT: raw.kind = .streamStart
            case YAML_STREAM_END_EVENT: raw.kind = .streamEnd
            case YAML_DOCUMENT_START_EVENT: raw.kind = .documentStart
            case YAML_DOCUMENT_END_EVENT: raw.kind = .documentEnd
            case YAML_ALIAS_EVENT:
                raw.kind = .alias
                raw.anchor = Self.cString(event.data.alias.anchor)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                raw.kind = .scalar
                raw.anchor = Self.cString(scalar.anchor)
                raw.tag = Self.cString(scalar.tag)
                raw.value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: raw.scalarStyle = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: raw.scalarStyle = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: raw.scalarStyle = .literal
                case YAML_FOLDED_SCALAR_STYLE: raw.scalarStyle = .folded
                default: raw.scalarStyle = .plain
                }
            case YAML_SEQUENCE_START_EVENT:
                raw.kind = .sequenceStart
                raw.anchor = Self.cString(event.data.sequence_start.anchor)
                raw.tag = Self.cString(event.data.sequence_start.tag)
                raw.isFlow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            case YAML_SEQUENCE_END_EVENT: raw.kind = .sequenceEnd
            case YAML_MAPPING_START_EVENT:
                raw.kind = .mappingStart
                raw.anchor = Self.cString(event.data.mapping_start.anchor)
                raw.tag = Self.cString(event.data.mapping_start.tag)
                raw.isFlow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            case YAML_MAPPING_END_EVENT: raw.kind = .mappingEnd
            default: continue
            }
            do {
                try handle(raw)
            } catch {
                throw .rejected(error)
            }
            if raw.kind == .streamEnd { return }
        }
    }

    private static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        return UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }

    private func failure() -> RawParseFailure {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        if state.error == YAML_READER_ERROR {
            return RawParseFailure(
                isReaderError: true, problem: problem,
                problemPosition: positions.position(ofByteOffset: state.problem_offset),
                context: nil, contextPosition: nil, problemValue: Int(state.problem_value))
        }
        let context = state.context.map { String(cString: $0) }
        return RawParseFailure(
            isReaderError: false, problem: problem,
            problemPosition: positions.position(of: state.problem_mark),
            context: context,
            contextPosition: context == nil ? nil : positions.position(of: state.context_mark),
            problemValue: -1)
    }
}

/// Why event reading stopped early.
enum ParseStop: Error {
    /// libyaml could not parse the input.
    case libyaml(RawParseFailure)
    /// The loader refused an event (a limit, a strict-mode rule).
    case rejected(YAMLError)
}

/// Counts libyaml events over `bytes` and builds nothing: the floor a loader is measured against.
///
/// Returns the event count, or nil when libyaml rejects the input.
public func countLibYAMLEvents(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    yaml_parser_initialize(parser)
    defer { yaml_parser_delete(parser) }
    guard let base = bytes.baseAddress else { return 2 }
    yaml_parser_set_input_string(parser, base, bytes.count)
    var event = yaml_event_t()
    var count = 0
    while true {
        guard yaml_parser_parse(parser, &event) == 1 else { return nil }
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        count += 1
        if done { return count }
    }
}

/// Turns libyaml marks (0-based line and column, index in characters) into ``SourcePosition``s with
/// 1-based lines and columns and byte offsets.
///
/// For ASCII input a character index is a byte offset. Otherwise a cursor walks forward through the
/// UTF-8 bytes; marks arrive nearly in order, so the walk is linear overall.
struct PositionConverter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let bomLength: Int
    private let isASCII: Bool
    private var cursorIndex = 0
    private var cursorOffset: Int

    init(bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        self.bytes = bytes
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.isASCII = isASCII
        cursorOffset = bomLength
    }

    mutating func position(of mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: mark.line + 1, column: mark.column + 1, offset: byteOffset(ofCharacter: mark.index))
    }

    private mutating func byteOffset(ofCharacter index: Int) -> Int {
        if isASCII { return index + bomLength }
        if index < cursorIndex {
            cursorIndex = 0
            cursorOffset = bomLength
        }
        while cursorIndex < index && cursorOffset < bytes.count {
            cursorOffset += Self.sequenceLength(leading: bytes[cursorOffset])
            cursorIndex += 1
        }
        return min(cursorOffset, bytes.count)
    }

    /// The position of a byte offset, counting lines the way libyaml does (LF, CR, CRLF).
    func position(ofByteOffset target: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var offset = bomLength
        let end = min(target, bytes.count)
        while offset < end {
            let byte = bytes[offset]
            if byte == 0x0A || (byte == 0x0D && (offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A)) {
                line += 1
                column = 1
                offset += 1
            } else {
                // Invalid bytes count as one character each so the walk always advances.
                let length = Self.sequenceLength(leading: byte)
                column += 1
                offset += (offset + length <= end) ? length : 1
            }
        }
        return SourcePosition(line: line, column: column, offset: end)
    }

    private static func sequenceLength(leading byte: UInt8) -> Int {
        switch byte {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}

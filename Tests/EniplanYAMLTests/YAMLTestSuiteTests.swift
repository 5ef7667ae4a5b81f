import Foundation
import Testing
@testable import EniplanYAML

/// Runs the permissive loader over every case of the YAML test suite (data-2022-01-17), which lives
/// is copied into the package at `Tests/Fixtures/yaml-test-suite` (MIT, see its LICENSE and README).
///
/// Valid cases must load and, where the suite gives `in.json`, read as that JSON under the YAML 1.2
/// core schema; invalid cases must be rejected with a location. Where libyaml 0.2.5 (or our own
/// loader) knowingly disagrees with the suite, the case is pinned below, and a pinned case that stops
/// disagreeing fails too, so every change in behaviour shows up here.
@Suite("YAML test suite")
struct YAMLTestSuiteTests {
    // MARK: Known deviations

    /// Valid cases that libyaml 0.2.5 rejects: the suite README's list, measured with libyaml's event API.
    static let validCasesLibYAMLRejects: Set<String> = [
        "2JQS", "2LFX", "2SXE", "4ABK", "4MUZ/00", "4MUZ/01", "4MUZ/02", "58MP", "5MUD", "5T43", "6BCT", "6CA3",
        "6LVF", "6M2F", "7Z25", "8XYN", "96NN/00", "96NN/01", "9SA2", "A2M4", "BEC7", "CFD4", "DBG4", "DK3J",
        "DK95/00", "DK95/03", "DK95/04", "FP8R", "FRK4", "HM87/00", "HWV9", "K3WX", "M2N8/00", "M7A3", "MUS6/05",
        "MUS6/06", "NHX8", "NJ66", "NKF9", "Q5MG", "QT73", "R4YG", "S3PD", "SM9W/01", "UKK6/00", "UT92", "VJP3/01",
        "W4TN", "W5VH", "Y79Y/001", "Y79Y/010",
    ]

    /// Invalid cases that libyaml 0.2.5 accepts, and our loader with it: the suite README's list.
    static let invalidCasesLibYAMLAccepts: Set<String> = [
        "9C9N", "9HCY", "9JBA", "CVW2", "DK95/01", "EB22", "G5U8", "MUS6/00", "MUS6/01", "QB6E", "RHX7", "S98Z",
        "SU5Z", "X4QW", "Y79Y/003", "YJV2",
    ]

    /// Valid cases that libyaml 0.2.5 parses but reads wrongly, with the JSON it reads instead of `in.json`.
    /// The README's lists count only what libyaml accepts and rejects; these were found by this test.
    static let validCasesLibYAMLMisreads: [String: String] = [
        // In a flow collection libyaml takes `?` before a non-space as the explicit-key indicator, so
        // the plain scalar `?foo` becomes the key `foo`.
        "652Z": #"{"foo": "bar", "bar": 42}"#,
        // The same: `[?x]` becomes a sequence holding the single-pair mapping `x: null`.
        "HM87/01": #"[{"x": null}]"#,
        // A block scalar whose last line holds only spaces, at the end of a file with no final line
        // break, loses that line's break: `|+` keeps "" instead of "\n".
        "JEF9/02": #"[""]"#,
        // The same: `|` over "x", then a line of three spaces, reads "x\n " instead of "x\n \n".
        "L24T/01": #"{"foo": "x\n "}"#,
        // libyaml ends an anchor name at `:` (it allows only letters, digits, `-` and `_`), so
        // `&an:chor value` is the anchor `an` on the scalar ":chor value".
        "Y2GN": #"{"key": ":chor value"}"#,
    ]

    /// Valid cases that libyaml parses but our loader rejects on purpose, with the error it gives.
    /// None today: the duplicate-key check (the loader's only extra rule in permissive mode besides
    /// the limits and undefined or recursive aliases) rejects no valid case of the suite.
    static let validCasesLoaderRejects: [String: YAMLError.Code] = [:]

    // MARK: Tests

    @Test("the suite is present and every case is found")
    func suiteIsComplete() {
        #expect(YAMLTestSuite.isPresent,
                "the YAML test suite is missing at '\(YAMLTestSuite.folder)'; it belongs to the package")
        #expect(YAMLTestSuite.cases.count == 402, "expected 402 cases in '\(YAMLTestSuite.folder)'")
        #expect(YAMLTestSuite.cases.filter(\.isInvalid).count == 94)
        #expect(YAMLTestSuite.cases.filter { $0.expectedJSON != nil }.count == 282)
    }

    @Test("every pinned case exists and is of the kind its list says")
    func pinnedCasesAreReal() throws {
        try #require(!YAMLTestSuite.cases.isEmpty, "no cases to check the lists against (is the suite missing?)")
        let kinds = Dictionary(uniqueKeysWithValues: YAMLTestSuite.cases.map { ($0.id, $0.isInvalid) })
        let pinnedValid = Self.validCasesLibYAMLRejects.union(Self.validCasesLoaderRejects.keys)
            .union(Self.validCasesLibYAMLMisreads.keys)
        for id in pinnedValid {
            #expect(kinds[id] == false, "pinned valid case '\(id)' is not a valid case of the suite")
        }
        let withJSON = Set(YAMLTestSuite.cases.filter { $0.expectedJSON != nil }.map(\.id))
        #expect(withJSON.isSuperset(of: Self.validCasesLibYAMLMisreads.keys), "a misread case must have an in.json")
        for id in Self.invalidCasesLibYAMLAccepts {
            #expect(kinds[id] == true, "pinned invalid case '\(id)' is not an invalid case of the suite")
        }
        #expect(Self.validCasesLibYAMLRejects.count + Self.validCasesLoaderRejects.count
                + Self.validCasesLibYAMLMisreads.count == pinnedValid.count, "a valid case is pinned in two lists")
    }

    @Test("a valid case loads and reads as its in.json", arguments: YAMLTestSuite.cases.filter { !$0.isInvalid })
    func validCase(_ suiteCase: SuiteCase) throws {
        let bytes = try suiteCase.yaml()
        let parsedByLibYAML = libYAMLParses(bytes)
        let outcome = load(bytes, suiteCase)

        if Self.validCasesLibYAMLRejects.contains(suiteCase.id) {
            #expect(!parsedByLibYAML, "libyaml now parses \(suiteCase); remove it from validCasesLibYAMLRejects")
            guard case .failure(let error) = outcome else {
                Issue.record("the loader now loads \(suiteCase); remove it from validCasesLibYAMLRejects")
                return
            }
            expectLocated(error, in: bytes, suiteCase)
            return
        }
        #expect(parsedByLibYAML, "libyaml rejects \(suiteCase); if that is expected, add it to validCasesLibYAMLRejects")
        if let code = Self.validCasesLoaderRejects[suiteCase.id] {
            guard case .failure(let error) = outcome else {
                Issue.record("the loader now loads \(suiteCase); remove it from validCasesLoaderRejects")
                return
            }
            #expect(error.code == code, "\(suiteCase): \(error.range.description): \(error.message)")
            expectLocated(error, in: bytes, suiteCase)
            return
        }

        let document: YAMLDocument
        switch outcome {
        case .success(let loaded): document = loaded
        case .failure(let error):
            Issue.record("\(suiteCase) does not load: \(error.range.description): \(error.message) [\(error.code)]")
            return
        }
        guard let json = suiteCase.expectedJSON else { return }
        let expected = try JSONReader.values(in: json)
        let loaded = try document.roots.map { try CoreSchema.value(of: $0, in: document) }
        if let misread = Self.validCasesLibYAMLMisreads[suiteCase.id] {
            #expect(loaded != expected, "libyaml now reads \(suiteCase) right; remove it from validCasesLibYAMLMisreads")
            #expect(loaded == (try JSONReader.values(in: Array(misread.utf8))), "\(suiteCase) reads differently from its pinned misreading")
            return
        }
        #expect(loaded.count == expected.count, "\(suiteCase): \(loaded.count) documents loaded, in.json holds \(expected.count)")
        for (number, (value, wanted)) in zip(loaded, expected).enumerated() {
            #expect(value == wanted, "\(suiteCase), document \(number + 1)")
        }
    }

    @Test("an invalid case is rejected with a location", arguments: YAMLTestSuite.cases.filter(\.isInvalid))
    func invalidCase(_ suiteCase: SuiteCase) throws {
        let bytes = try suiteCase.yaml()
        let parsedByLibYAML = libYAMLParses(bytes)
        let outcome = load(bytes, suiteCase)

        if Self.invalidCasesLibYAMLAccepts.contains(suiteCase.id) {
            #expect(parsedByLibYAML, "libyaml now rejects \(suiteCase); remove it from invalidCasesLibYAMLAccepts")
            if case .failure(let error) = outcome {
                Issue.record("the loader now rejects \(suiteCase) (\(error.range.description): \(error.message)); remove it from invalidCasesLibYAMLAccepts")
            }
            return
        }
        guard case .failure(let error) = outcome else {
            Issue.record("\(suiteCase) is invalid but loads; if libyaml accepts it too, add it to invalidCasesLibYAMLAccepts")
            return
        }
        expectLocated(error, in: bytes, suiteCase)
    }

    /// Whether libyaml itself, read event by event with no loader on top, accepts `bytes`.
    private func libYAMLParses(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { countLibYAMLEvents(in: $0) } != nil
    }

    private func load(_ bytes: [UInt8], _ suiteCase: SuiteCase) -> Result<YAMLDocument, YAMLError> {
        Result { () throws(YAMLError) in
            try YAMLLoader.load(bytes: bytes, file: suiteCase.id, options: LoaderOptions(mode: .permissive))
        }
    }

    /// The error points at a real place: 1-based, and no further than just past the last line.
    private func expectLocated(_ error: YAMLError, in bytes: [UInt8], _ suiteCase: SuiteCase) {
        let position = error.range.start
        let lineCount = bytes.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        #expect(position.line >= 1 && position.column >= 1 && position.line <= lineCount,
                "\(suiteCase): error at \(position.line):\(position.column) of \(lineCount) lines: \(error.message)")
        #expect(error.range.file == suiteCase.id)
    }
}

// MARK: - The suite on disk

/// One case: a folder holding `in.yaml`, and `in.json` or `error` when the suite says so.
struct SuiteCase: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// The test id, with the sub-case for ids that have several: `2JQS`, `4MUZ/01`.
    let id: String
    let folder: String
    /// The test's title, from the `===` file.
    let name: String
    let isInvalid: Bool
    let expectedJSON: [UInt8]?

    var description: String { "\(id) '\(name)'" }
    var testDescription: String { description }

    func yaml() throws -> [UInt8] {
        try #require(YAMLTestSuite.bytes(at: folder + "/in.yaml"), "\(id) has no in.yaml")
    }
}

enum YAMLTestSuite {
    /// `Tests/Fixtures/yaml-test-suite` in the package: this file is `<package>/Tests/EniplanYAMLTests/<file>`.
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures/yaml-test-suite")
        .standardized.path

    static var isPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder + "/data", isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Every case, sorted by id; empty when the suite is missing, which ``YAMLTestSuiteTests/suiteIsComplete()`` reports.
    static let cases: [SuiteCase] = {
        let data = folder + "/data"
        let files = FileManager.default
        var found: [SuiteCase] = []
        for id in ((try? files.contentsOfDirectory(atPath: data)) ?? []).sorted() {
            let path = data + "/" + id
            if files.fileExists(atPath: path + "/in.yaml") {
                found.append(suiteCase(id: id, at: path, name: nil))
                continue
            }
            let name = bytes(at: path + "/===").map(title)
            for sub in ((try? files.contentsOfDirectory(atPath: path)) ?? []).sorted()
            where files.fileExists(atPath: path + "/" + sub + "/in.yaml") {
                found.append(suiteCase(id: id + "/" + sub, at: path + "/" + sub, name: name))
            }
        }
        return found
    }()

    static func bytes(at path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    private static func suiteCase(id: String, at path: String, name: String?) -> SuiteCase {
        SuiteCase(
            id: id, folder: path,
            name: bytes(at: path + "/===").map(title) ?? name ?? "",
            isInvalid: FileManager.default.fileExists(atPath: path + "/error"),
            expectedJSON: bytes(at: path + "/in.json"))
    }

    private static func title(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

// MARK: - JSON values

/// A JSON value, as `in.json` holds it and as a loaded node reads under the core schema.
/// Numbers compare numerically, so `1`, `1.0` and `0x1` are equal.
enum JSONValue: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): quoted(value)
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { quoted($0.key) + ": " + $0.value.description }.joined(separator: ", ") + "}"
        }
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }
}

/// Reads the whitespace-separated JSON values of an `in.json`, one per YAML document.
struct JSONReader {
    struct SyntaxError: Error, CustomStringConvertible {
        /// 0-based byte offset into the JSON text.
        var offset: Int
        var problem: String
        var description: String { "in.json, byte \(offset): \(problem)" }
    }

    private let bytes: [UInt8]
    private var offset = 0

    static func values(in bytes: [UInt8]) throws -> [JSONValue] {
        var reader = JSONReader(bytes: bytes)
        var values: [JSONValue] = []
        reader.skipWhitespace()
        while reader.offset < bytes.count {
            values.append(try reader.value())
            reader.skipWhitespace()
        }
        return values
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func value() throws -> JSONValue {
        skipWhitespace()
        guard offset < bytes.count else { throw SyntaxError(offset: offset, problem: "expected a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            offset += 1
            var members: [String: JSONValue] = [:]
            if try consume("}") { return .object(members) }
            repeat {
                skipWhitespace()
                let key = try string()
                guard try consume(":") else { throw SyntaxError(offset: offset, problem: "expected ':'") }
                members[key] = try value()
            } while try consume(",")
            guard try consume("}") else { throw SyntaxError(offset: offset, problem: "expected ',' or '}'") }
            return .object(members)
        case UInt8(ascii: "["):
            offset += 1
            var items: [JSONValue] = []
            if try consume("]") { return .array(items) }
            repeat { items.append(try value()) } while try consume(",")
            guard try consume("]") else { throw SyntaxError(offset: offset, problem: "expected ',' or ']'") }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try string())
        default:
            var end = offset
            while end < bytes.count, !Self.delimiters.contains(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[offset..<end], as: UTF8.self)
            defer { offset = end }
            switch word {
            case "null": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                guard let number = Double(word) else { throw SyntaxError(offset: offset, problem: "unexpected '\(word)'") }
                return .number(number)
            }
        }
    }

    private static let delimiters: Set<UInt8> = Set(" \t\r\n,]}:".utf8)

    private mutating func string() throws -> String {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw SyntaxError(offset: offset, problem: "expected a string")
        }
        offset += 1
        var text: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hexQuad()
                    if (0xD800..<0xDC00).contains(code), bytes[offset...].starts(with: "\\u".utf8) {
                        offset += 2
                        code = 0x10000 + ((code - 0xD800) << 10) + (try hexQuad() - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw SyntaxError(offset: offset, problem: "invalid code point \(code)")
                    }
                    text.append(contentsOf: String(Character(scalar)).utf8)
                default: text.append(escape)
                }
            default:
                text.append(byte)
            }
        }
        throw SyntaxError(offset: offset, problem: "unterminated string")
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard offset + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16) else {
            throw SyntaxError(offset: offset, problem: "expected four hex digits")
        }
        offset += 4
        return code
    }

    /// Skips whitespace, then takes `character` if it is next.
    private mutating func consume(_ character: Unicode.Scalar) throws -> Bool {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: character) else { return false }
        offset += 1
        return true
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }
}

// MARK: - Core schema

/// Reads loaded nodes as JSON values the way the suite's `in.json` was made: the YAML 1.2 core
/// schema for plain untagged scalars, strings for quoted and block scalars, explicit core tags obeyed.
enum CoreSchema {
    struct Unrepresentable: Error, CustomStringConvertible {
        var description: String
    }

    static func value(of node: NodeID, in document: YAMLDocument) throws -> JSONValue {
        switch document.kind(node) {
        case .sequence:
            return .array(try document.items(node).map { try value(of: $0, in: document) })
        case .mapping:
            var members: [String: JSONValue] = [:]
            for (key, item) in document.entries(node) {
                // JSON keys are strings: a scalar key is its text, as in the suite's `"23": false`.
                guard let name = document.scalar(key) else {
                    let at = document.range(key).start
                    throw Unrepresentable(description: "a \(document.kind(key)) key at \(at.line):\(at.column) has no JSON form")
                }
                members[name] = try value(of: item, in: document)
            }
            return .object(members)
        case .scalar, .alias:
            let text = document.scalar(node) ?? ""
            switch document.tag(node) {
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": return boolean(text).map(JSONValue.bool) ?? .string(text)
            case "tag:yaml.org,2002:int": return integer(text).map(JSONValue.number) ?? .string(text)
            case "tag:yaml.org,2002:float": return (integer(text) ?? float(text)).map(JSONValue.number) ?? .string(text)
            case nil where document.scalarStyle(node) == .plain: return plain(text)
            default: return .string(text)
            }
        }
    }

    /// A plain, untagged scalar under the core schema (YAML 1.2.2, section 10.3.2).
    static func plain(_ text: String) -> JSONValue {
        if ["", "~", "null", "Null", "NULL"].contains(text) { return .null }
        if let value = boolean(text) { return .bool(value) }
        if let number = integer(text) ?? float(text) { return .number(number) }
        return .string(text)
    }

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func integer(_ text: String) -> Double? {
        if text.wholeMatch(of: /[-+]?[0-9]+/) != nil { return Double(text) }
        if text.wholeMatch(of: /0o[0-7]+/) != nil { return Int(text.dropFirst(2), radix: 8).map(Double.init) }
        if text.wholeMatch(of: /0x[0-9a-fA-F]+/) != nil { return Int(text.dropFirst(2), radix: 16).map(Double.init) }
        return nil
    }

    private static func float(_ text: String) -> Double? {
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil { return Double(text) }
        if text.wholeMatch(of: /[-+]?\.(inf|Inf|INF)/) != nil { return text.hasPrefix("-") ? -.infinity : .infinity }
        if text.wholeMatch(of: /\.(nan|NaN|NAN)/) != nil { return .nan }
        return nil
    }
}

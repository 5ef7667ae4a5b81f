import Foundation
import Testing
@testable import EniplanCore

/// `PrettyJSONEncoder` writes the bytes Foundation's `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: crafted values for each part of the format, then every
/// document eniplan renders as JSON for the examples.
@Suite("Pretty JSON encoder")
struct PrettyJSONEncoderTests {
    typealias Fixtures = CIReportFixtures

    /// One value to encode both ways.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var value: any Encodable & Sendable
        var testDescription: String { name }

        init(_ name: String, _ value: any Encodable & Sendable) {
            self.name = name
            self.value = value
        }
    }

    static func foundationBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Compares bytes, not strings: `String ==` calls canonically equivalent spellings equal.
    static func expectSameBytes<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try foundationBytes(value)
        let actual = try PrettyJSONEncoder().encode(value)
        guard actual != expected else { return }
        let offset = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 80)..<min(bytes.count, offset + 80)], as: UTF8.self)
        }
        Issue.record("""
            differs from Foundation at byte \(offset) (\(actual.count) bytes, Foundation \(expected.count)):
            ours:
            \(around(actual))
            Foundation:
            \(around(expected))
            """, sourceLocation: sourceLocation)
    }

    // MARK: Crafted values

    /// A keyed container with keys given at run time, in the order given.
    struct Members: Encodable, Sendable {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var members: [(key: String, value: Int)]

        init(_ keys: [String]) {
            members = keys.enumerated().map { ($0.element, $0.offset) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for member in members { try container.encode(member.value, forKey: Key(stringValue: member.key)) }
        }
    }

    struct Optionals: Encodable, Sendable {
        var absent: Int?
        var present: String? = "here"
        var nestedNone: Int?? = .some(nil)
        var nestedSome: Int?? = .some(3)
        var elements: [Int?] = [nil, 1, nil]
        var object: Optionals.Inner? = Inner()
        var noObject: Optionals.Inner?

        struct Inner: Encodable, Sendable {
            var value: Bool? = false
            var missing: [String]?
        }

        enum CodingKeys: String, CodingKey { case absent, present, nestedNone, nestedSome, elements, object, noObject, explicitNull }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(absent, forKey: .absent)
            try container.encodeIfPresent(present, forKey: .present)
            try container.encode(nestedNone, forKey: .nestedNone)
            try container.encode(nestedSome, forKey: .nestedSome)
            try container.encode(elements, forKey: .elements)
            try container.encode(object, forKey: .object)
            try container.encode(noObject, forKey: .noObject)
            try container.encodeNil(forKey: .explicitNull)
        }
    }

    struct Integers: Encodable, Sendable {
        var int = [Int.min, -1, 0, 1, Int.max]
        var int8 = [Int8.min, Int8.max]
        var int16 = [Int16.min, Int16.max]
        var int32 = [Int32.min, Int32.max]
        var int64 = [Int64.min, Int64.max]
        var int128 = [Int128.min, Int128.max]
        var uint = [UInt.min, UInt.max]
        var uint8 = [UInt8.min, UInt8.max]
        var uint16 = [UInt16.min, UInt16.max]
        var uint32 = [UInt32.min, UInt32.max]
        var uint64 = [UInt64.min, UInt64.max]
        var uint128 = [UInt128.min, UInt128.max]
        var single: Int8 = -7
        var unsigned: UInt64 = 10_000_000_000_000_000_000
        var wide: Int128 = -12_345_678_901_234_567_890_123
    }

    /// The container calls that synthesized conformances never make.
    struct Structural: Encodable, Sendable {
        enum Key: String, CodingKey { case a, b, list, object, after }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: .b)
            try container.encode(2, forKey: .b)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("first")
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encode(true, forKey: .b)
            try inner.encode(false, forKey: .a)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encode(1.5)
            _ = list.nestedUnkeyedContainer()
            _ = list.nestedContainer(keyedBy: Key.self)
            try 5.encode(to: list.superEncoder())
            _ = list.superEncoder()
            try list.encode("last")
            var object = container.nestedContainer(keyedBy: Key.self, forKey: .object)
            try object.encode(["z": 1, "y": 2], forKey: .b)
            try "parent".encode(to: object.superEncoder())
            try Empty().encode(to: object.superEncoder(forKey: .a))
            _ = container.superEncoder(forKey: .after)
            // A second container of the same encoder writes into the same object.
            var again = encoder.container(keyedBy: Key.self)
            try again.encode("again", forKey: .a)
        }
    }

    /// Writes nothing: an empty object wherever it is nested.
    struct Empty: Encodable, Sendable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// A subclass-style encoding: the parent's members and the child's through one encoder.
    struct Inherited: Encodable, Sendable {
        enum ParentKey: String, CodingKey { case zeta, alpha }
        enum ChildKey: String, CodingKey { case mid, beta }

        func encode(to encoder: any Encoder) throws {
            var parent = encoder.container(keyedBy: ParentKey.self)
            try parent.encode("p", forKey: .zeta)
            try parent.encode([3, 2, 1], forKey: .alpha)
            var child = encoder.container(keyedBy: ChildKey.self)
            try child.encode(["k": ["x": 1]], forKey: .mid)
            try child.encode(Empty(), forKey: .beta)
        }
    }

    /// A single value container that hands its value to another type's `encode(to:)`.
    struct Wrapper<Wrapped: Encodable & Sendable>: Encodable, Sendable {
        var wrapped: Wrapped

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(wrapped)
        }
    }

    /// A tree with objects that need sorting at every depth, built from a fixed seed.
    struct Tree: Encodable, Sendable {
        var name: String
        var weight: Int
        var children: [Tree]
        var tags: [String: String]

        enum CodingKeys: String, CodingKey { case weight, tags, name, children }

        static func grow(depth: Int, seed: inout UInt64) -> Tree {
            func next() -> UInt64 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return seed >> 33
            }
            let alphabet = Array("aZ_é/\"\\\n\u{1}x9 -😀")
            func word() -> String { String((0..<Int(next() % 6)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }) }
            let childCount = depth == 0 ? 0 : Int(next() % 4)
            var tags: [String: String] = [:]
            for _ in 0..<Int(next() % 5) { tags[word()] = word() }
            return Tree(name: word(), weight: Int(bitPattern: UInt(next())) - 1 << 30,
                        children: (0..<childCount).map { _ in grow(depth: depth - 1, seed: &seed) }, tags: tags)
        }
    }

    static let escapedStrings: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
        "", "/", "a/b//", "\\", "\"", "\"\\\"", "\u{7F}", "é", "e\u{301}", "😀", "\u{2028}\u{2029}", "<>&'", "\u{FEFF}",
        "\u{85}\u{A0}", "plain text", "mixed \t\"quoted\"\n\\path/to\u{0}end",
    ]

    static let keyOrders: [[String]] = [
        ["a10", "a9", "B", "a", "b", "A", "_", "é", "z", "e", "ä", "Z", "aB", "Ab", "$schema", "problem.severity", "😀",
         "a-b", "a_b", "ab", "1", "10", "2", "", "ß", "ss", "\u{FB00}", "~", "[", "`", "a 10", "a 9"],
        ["e\u{301}x", "éa"],
        ["q\u{323}\u{307}", "q\u{307}\u{323}z", "q\u{307}a"],
        ["prefix", "pre", "prefixes", "p"],
        ["tab\tkey", "tab key", "quote\"key", "newline\nkey", "slash/key", "back\\slash"],
        ["same", "other", "same"],
        ["sorted", "sortedly", "zebra"],
    ]

    static let doubles: [Double] = [
        0, -0.0, 1, -1, 1.5, 0.1, 0.2 + 0.1, 1e-4, 1e-5, 1e-7, 2.5e-5, 100, 1234.5678, 123_456_789.125,
        1e15, 1e16, 4_503_599_627_370_496, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e20, 1e21, 1e300, 1e-300,
        .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .pi,
    ]

    static let floats: [Float] = [0, 0.1, 1, 3.4e38, 1e-7, 16_777_216, 16_777_218, .leastNonzeroMagnitude, -2.5]

    static let cases: [Case] = [
        Case("empty array", [Int]()),
        Case("empty object", [String: Int]()),
        Case("empty containers nested", ["a": [Int](), "b": [], "c": [3]]),
        Case("empty objects nested", ["x": [String: Int](), "y": ["k": 1]]),
        Case("arrays of empty arrays", [[[Int]](), [[]], [[], [1]]]),
        Case("empty value nested", ["k": Empty()]),
        Case("empty values in an array", [Empty(), Empty()]),
        Case("escapes", escapedStrings),
        // Without the decomposed "é": Foundation merges canonically equivalent keys (the type's doc says why we don't).
        Case("escapes as keys", Members(escapedStrings.filter { !$0.utf8.elementsEqual("e\u{301}".utf8) })),
        Case("booleans", [true, false]),
        Case("optionals", Optionals()),
        Case("integers", Integers()),
        Case("doubles", doubles),
        Case("floats", floats),
        Case("integer keys", [3: "a", 10: "b", -1: "c", 0: "d"]),
        Case("structural", Structural()),
        Case("inherited", Inherited()),
        Case("single value wrapping an array", Wrapper(wrapped: [["b": 1, "a": 2]])),
        Case("single value wrapping a string", Wrapper(wrapped: "x/y")),
        Case("top-level string", "hi/there \"you\""),
        Case("top-level integer", -42),
        Case("top-level double", 2.0),
        Case("top-level boolean", true),
        Case("top-level null", Int?.none),
        Case("foundation types", FoundationTypes()),
        Case("random tree", { var seed: UInt64 = 7; return Tree.grow(depth: 6, seed: &seed) }()),
    ] + keyOrders.map { Case("keys \($0)", Members($0)) }

    struct FoundationTypes: Encodable, Sendable {
        var url = URL(string: "https://example.com/a b/c?d=1&e=/")
        var data = Data([0, 1, 2, 253, 254, 255])
        var decimals = [Decimal(string: "12.50"), Decimal(-3), Decimal(string: "1e30"), Decimal(string: "-0.000123")]
        var date = Date(timeIntervalSinceReferenceDate: 12.5)
        var dataList = [Data(), Data("ab/c".utf8)]
    }

    @Test("Crafted values encode as Foundation encodes them", arguments: cases)
    func craftedValue(_ example: Case) throws {
        try Self.expectSameBytes(example.value)
    }

    @Test("Values Foundation refuses are refused", arguments: [
        Case("NaN", [Double.nan]), Case("infinity", ["x": Double.infinity]), Case("float NaN", Float.nan),
        Case("nothing at the top", Empty()),
    ])
    func refusedValue(_ example: Case) {
        #expect(throws: EncodingError.self) { try Self.foundationBytes(example.value) }
        #expect(throws: EncodingError.self) { try PrettyJSONEncoder().encode(example.value) }
    }

    /// A container written to after a value went to its parent cannot be honoured by a stream; it throws rather than
    /// writing something else.
    @Test func containerWrittenAfterItClosedThrows() {
        struct Interleaved: Encodable {
            enum Key: String, CodingKey { case first, second }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                var first = container.nestedContainer(keyedBy: Key.self, forKey: .first)
                try container.encode(1, forKey: .second)
                try first.encode(2, forKey: .first)
            }
        }
        #expect(throws: EncodingError.self) { try PrettyJSONEncoder().encode(Interleaved()) }
    }

    @Test func lineEndsInANewline() throws {
        let value = ["b": [1], "a": []]
        #expect(Array(try PrettyJSONEncoder().encodeLine(value).utf8) == (try Self.foundationBytes(value)) + [UInt8(ascii: "\n")])
    }

    // MARK: eniplan's documents

    @Test("Plan documents of the examples", arguments: Fixtures.scenarios)
    func planDocument(_ scenario: Fixtures.Scenario) throws {
        let analysis = try Fixtures.analysis(scenario)
        try Self.expectSameBytes(PlanDocument(analysis.plan))
        try Self.expectSameBytes(PlanDocument(analysis, usedBaseline: false))
        try Self.expectSameBytes(PlanDocument(analysis, usedBaseline: true))
        #expect(JSONPlanReporter.render(analysis) == String(decoding: try Self.foundationBytes(PlanDocument(analysis, usedBaseline: false)) + [10], as: UTF8.self))
        try Self.expectStreamed(analysis, usedBaseline: false)
        try Self.expectStreamed(analysis, usedBaseline: true)
        #expect(Array(JSONPlanReporter.render(analysis.plan).utf8) == (try Self.foundationBytes(PlanDocument(analysis.plan))) + [10])
    }

    /// The streamed plan (the CLI's `--format json`) is the whole document's bytes, however the sink is called.
    static func expectStreamed(_ analysis: Analysis, usedBaseline: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var pieces = 0
        var streamed: [UInt8] = []
        try JSONPlanReporter.write(analysis, usedBaseline: usedBaseline) { piece in
            pieces += 1
            streamed += piece
        }
        let whole = try foundationBytes(PlanDocument(analysis, usedBaseline: usedBaseline)) + [UInt8(ascii: "\n")]
        #expect(streamed == whole, "streamed \(streamed.count) bytes, whole \(whole.count)", sourceLocation: sourceLocation)
        #expect(pieces >= 1, sourceLocation: sourceLocation)
    }

    @Test func anEmptyPlanStreamsAsTheWholeDocument() throws {
        let plan = Plan(region: nil, regionCatalog: try RegionCatalogDecoder.builtIn(), changes: [])
        #expect(Array(JSONPlanReporter.render(plan).utf8) == (try Self.foundationBytes(PlanDocument(plan))) + [10])
    }

    @Test func aLargePlanStreamsInManyPieces() throws {
        // More than one buffer's worth of changes: the sink is called several times and the bytes still agree.
        let analysis = try Fixtures.analysis(Fixtures.scenarios[0])
        var plan = analysis.plan
        while plan.changes.count < 4_000 { plan.changes += analysis.plan.changes }
        var pieces = 0
        var streamed: [UInt8] = []
        try JSONPlanReporter.write(plan) { piece in
            pieces += 1
            streamed += piece
        }
        #expect(streamed == (try Self.foundationBytes(PlanDocument(plan))) + [10])
        #expect(pieces > 1)
    }

    /// The changes are written by a writer of their own (`SortedJSONWriter`, keys given in order): every field present
    /// and absent, null snapshots, empty and full lists and values to escape come out as Foundation writes the document.
    @Test func changesWithEveryFieldStreamAsFoundationEncodesThem() throws {
        let hostile = "q\"b\\s/\u{0}\u{8}\t\n\u{C}\r\u{1F}\u{7F}é\u{202E}😀"
        let range = SourceRange(file: "dir/\(hostile).yaml", start: SourcePosition(line: 1, column: 2, offset: 3),
                                end: SourcePosition(line: 40_000, column: 12, offset: 9_999_999))
        let everyEffect = Effect(kind: .routeEntry, value: hostile, id: "e-1", routeTable: "vtb-\(hostile)", destination: "10.0.0.0/8",
                                 privateIp: "10.0.0.4", outcome: .deleted, reason: hostile)
        var reassociated = Effect(kind: .eip, id: "eip-1", outcome: .retained)
        reassociated.reassociatedTo = "10.0.0.9"
        var refused = Change(kind: .instance, id: hostile, name: "", action: .release, reason: .deletionProtectionBlocksRelease,
                             before: ResourceSnapshot(status: .instance(nil), zone: hostile), location: range)
        refused.refused = true
        let changes = [
            Change(kind: .networkInterface, id: "eni-1", name: hostile, action: .release, reason: .deleteOnReleaseTrue,
                   before: ResourceSnapshot(type: .primary, status: .inUse, instance: "i-1", deleteOnRelease: true, zone: "z"),
                   after: ResourceSnapshot(type: .secondary, status: .available), location: range,
                   effects: [everyEffect, reassociated, Effect(kind: .securityGroup, outcome: .dissociated)], parentInstance: hostile),
            Change(kind: .routeEntry, id: "vtb-1:10.0.0.0/8", action: .delete, reason: .routeEntryRemoved,
                   before: ResourceSnapshot(nextHop: hostile), after: ResourceSnapshot()),
            Change(kind: .instance, id: "", action: .keep, reason: .unchanged),
            refused,
        ]
        let plan = Plan(region: hostile, regionCatalog: try RegionCatalogDecoder.builtIn(), changes: changes)
        #expect(Array(JSONPlanReporter.render(plan).utf8) == (try Self.foundationBytes(PlanDocument(plan))) + [10])
    }

    @Test("SARIF logs of the examples", arguments: Fixtures.scenarios)
    func sarifLog(_ scenario: Fixtures.Scenario) throws {
        let analysis = try Fixtures.analysis(scenario)
        try Self.expectSameBytes(SARIFReporter.log(analysis, options: Fixtures.options()))
    }

    @Test("Documents of the annotated scenario", arguments: [false, true])
    func annotatedScenario(baseline: Bool) throws {
        let analysis = try Fixtures.annotatedAnalysis(baseline: baseline)
        try Self.expectSameBytes(PlanDocument(analysis, usedBaseline: baseline))
        try Self.expectStreamed(analysis, usedBaseline: baseline)
        try Self.expectSameBytes(SARIFReporter.log(analysis, options: Fixtures.options(usedBaseline: baseline)))
    }

    @Test func ruleCatalogue() throws {
        try Self.expectSameBytes(RuleCatalogReporter.catalogue(RuleRegistry.descriptions))
    }
}

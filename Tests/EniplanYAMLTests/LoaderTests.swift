import Foundation
import Testing
@testable import EniplanYAML

@Suite("loader")
struct LoaderTests {
    private func load(_ text: String, mode: LoaderMode = .strict) throws -> YAMLDocument {
        try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml", options: LoaderOptions(mode: mode))
    }

    private func value(_ document: YAMLDocument, _ key: String) -> NodeID? {
        guard let root = document.root else { return nil }
        return document.entries(root).first { document.scalar($0.key, equals: key) }?.value
    }

    @Test func positionsAreOneBasedWithByteOffsets() throws {
        let document = try load("apiVersion: eniplan/v1\nkind: Manifest\n")
        let kind = try #require(value(document, "kind"))
        let range = document.range(kind)
        #expect(range.start == SourcePosition(line: 2, column: 7, offset: 29))
        #expect(range.end == SourcePosition(line: 2, column: 15, offset: 37))
        #expect(range.description == "t.yaml:2:7")
    }

    @Test(arguments: ["\n", "\r\n"])
    func multibyteLineAboveKeepsColumnsInCodePoints(_ newline: String) throws {
        let text = ["name: ünïcødé ☃ 名前", "zone: cn-hangzhou-h", ""].joined(separator: newline)
        let document = try load(text)
        let zone = try #require(value(document, "zone"))
        let range = document.range(zone)
        #expect(range.start.line == 2)
        #expect(range.start.column == 7)
        let firstLineBytes = "name: ünïcødé ☃ 名前".utf8.count + newline.utf8.count
        #expect(range.start.offset == firstLineBytes + 6)
        #expect(document.scalar(zone) == "cn-hangzhou-h")
    }

    @Test func byteOrderMarkIsSkippedInColumnsButCountedInOffsets() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: b # c\n".utf8)
        let document = try YAMLLoader.load(bytes: bytes, file: "bom.yaml")
        let b = try #require(value(document, "a"))
        #expect(document.range(b).start == SourcePosition(line: 1, column: 4, offset: 6))
        #expect(document.comments.map(\.range.start) == [SourcePosition(line: 1, column: 6, offset: 8)])
    }

    @Test func scalarsKeepStyleAndTag() throws {
        let document = try load("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >\n  fold\nf: !!str 10\n")
        let styles = ["a", "b", "c", "d", "e"].compactMap { value(document, $0).flatMap(document.scalarStyle) }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        let f = try #require(value(document, "f"))
        #expect(document.tag(f) == "tag:yaml.org,2002:str")
        #expect(document.scalar(f) == "10")
    }

    @Test func mappingsKeepKeyOrder() throws {
        let document = try load("z: 1\na: 2\nm: 3\n")
        let root = try #require(document.root)
        #expect(document.entries(root).compactMap { document.scalar($0.key) } == ["z", "a", "m"])
    }

    @Test func aliasesResolveToTheirAnchor() throws {
        let document = try load("base: &tags {env: prod}\nother: *tags\n")
        let other = try #require(value(document, "other"))
        #expect(document.kind(other) == .mapping)
        #expect(document.count(other) == 1)
    }

    @Test func aliasBudgetIsConfigurable() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
        var limits = LoaderLimits()
        limits.maxAliasExpansion = 8
        #expect(throws: YAMLError.self) {
            try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml", options: LoaderOptions(limits: limits))
        }
        limits.maxAliasExpansion = 12
        _ = try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml", options: LoaderOptions(limits: limits))
    }

    @Test func commentsAreFoundOutsideScalarsOnly() throws {
        let text = """
            # top
            a: "x # inside quotes"  # trailing
            b: x#not-a-comment
            c: |
              # inside a literal block
            d: 1 # eniplan:ignore ENI002 reason="kept on purpose"

            """
        let document = try load(text)
        #expect(document.comments.map(\.text) == [" top", " trailing", " eniplan:ignore ENI002 reason=\"kept on purpose\""])
        #expect(document.comments.map(\.range.start.line) == [1, 2, 6])
        #expect(document.comments.map(\.range.start.column) == [1, 25, 6])
        #expect(document.comments.map(\.isOwnLine) == [true, false, false])
    }

    @Test("NEL, LS and PS are refused in either mode, at the first one, numbered by the line breaks before it",
          arguments: [("\u{85}", "NEL (U+0085)", "\\x85"), ("\u{2028}", "LS (U+2028)", "\\u2028"), ("\u{2029}", "PS (U+2029)", "\\u2029")],
          [LoaderMode.strict, .permissive])
    func unicodeLineBreaksAreRefused(_ lineBreak: (String, String, String), mode: LoaderMode) throws {
        // libyaml ends a line at each: a comment would end there and YAML the editor shows as a comment
        // would be read. The loader refused them before libyaml read a byte, so nothing after them counts.
        let text = "a: é # x\r\nb: 1 # hidden\(lineBreak.0)c: 2\u{85}d: 3\n"
        do throws(YAMLError) {
            _ = try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml", options: LoaderOptions(mode: mode))
            Issue.record("loaded")
        } catch {
            #expect(error.code == .unicodeLineBreak)
            #expect(error.range.start == SourcePosition(line: 2, column: 14, offset: 24))
            #expect(error.range.end.column == 15)
            #expect(error.message == "\(lineBreak.1) is not allowed: YAML reads it as a line break that editors and wc -l do not show; remove it or write it as \(lineBreak.2) in a double-quoted scalar")
        }
    }

    @Test func escapedLineSeparatorsInDoubleQuotedScalarsLoad() throws {
        let document = try load("a: \"x\\u2028y\\x85z\\u2029\" # fine\n")
        let node = try #require(value(document, "a"))
        #expect(document.scalar(node) == "x\u{2028}y\u{85}z\u{2029}")
        #expect(document.comments.map(\.text) == [" fine"])
    }

    @Test func tabIndentedJSONFromTheCLILoads() throws {
        let json = "{\n\t\"NetworkInterfaceSets\": {\n\t\t\"NetworkInterfaceSet\": [\n\t\t\t{\"DeleteOnRelease\": false, \"Tags\": {}}\n\t\t]\n\t}\n}\n"
        let document = try load(json)
        let root = try #require(document.root)
        #expect(document.kind(root) == .mapping)
        let sets = try #require(value(document, "NetworkInterfaceSets"))
        let list = try #require(document.entries(sets).first?.value)
        let first = try #require(document.items(list).first)
        #expect(document.range(first).start.line == 4)
        #expect(document.range(first).start.column == 4)
    }

    @Test func everyAlibabaCloudFixtureLoads() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/aliyun")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 21)
        for file in files {
            let document = try YAMLLoader.load(contentsOf: folder.appendingPathComponent(file).path)
            #expect(document.root != nil, "\(file)")
        }
    }

    @Test func emptyFileHasNoRoot() throws {
        #expect(try load("").root == nil)
        #expect(try load("# only a comment\n").comments.count == 1)
    }

    @Test func permissiveModeAcceptsWhatStrictRefuses() throws {
        let text = "--- !custom\na: 1\n---\n<<: {b: 2}\n? [x]\n: y\n"
        #expect(throws: YAMLError.self) { try load(text) }
        let document = try load(text, mode: .permissive)
        #expect(document.roots.count == 2)
        #expect(document.tag(document.roots[0]) == "!custom")
    }

    @Test func anchorsAreScopedToTheirDocument() throws {
        #expect(throws: YAMLError.self) { try load("a: &x 1\n---\nb: *x\n", mode: .permissive) }
    }

    @Test func byteCountsReadNaturally() {
        #expect(ByteCount(1).description == "1 byte")
        #expect(ByteCount(1000).description == "1000 bytes")
        #expect(ByteCount(64 << 20).description == "64 MiB")
        #expect(ByteCount((64 << 20) + (1 << 19)).description == "64.5 MiB")
    }
}

@Suite("anchors")
struct AnchorTests {
    @Test func anAliasMeansTheLatestDefinitionOfItsName() throws {
        let document = try YAMLLoader.load(bytes: Array("- &a [ &a x, *a ]\n".utf8), file: "t.yaml", options: LoaderOptions(mode: .permissive))
        let root = try #require(document.root)
        let inner = try #require(document.items(root).first)
        #expect(document.items(inner).compactMap { document.scalar($0) } == ["x", "x"])
    }
}

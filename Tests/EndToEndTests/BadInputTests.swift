import Foundation
import Testing

/// Every class of bad input gets one located error, exit code 1, and nothing on standard output.
@Suite("bad input through the real binary")
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var extraArguments: [String] = []
        /// `line:column` the error must point at.
        var location: String
        /// Words the message must contain.
        var message: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed YAML", bytes: Array("a: 1\n  b: 2\n".utf8), location: "2:4",
             message: "invalid YAML: a ':' here would start a mapping value"),
        Case(name: "unclosed flow sequence", bytes: Array("a: [1, 2\nb: 3\n".utf8), location: "2:2",
             message: "flow sequence is missing a ',' or its closing ']'"),
        Case(name: "tab indentation", bytes: Array("a:\n\tb: 1\n".utf8), location: "2:1",
             message: "invalid YAML"),
        Case(name: "duplicate key", bytes: Array("id: a\nname: b\nid: c\n".utf8), location: "3:1",
             message: "duplicate key 'id' in this mapping"),
        Case(name: "undefined alias", bytes: Array("a: *nowhere\n".utf8), location: "1:4",
             message: "alias '*nowhere' refers to no anchor"),
        Case(name: "billion laughs", bytes: Array(billionLaughs.utf8), location: "6:8",
             message: "aliases expand to more than 100000 nodes"),
        Case(name: "deep nesting", bytes: Array((String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).utf8),
             location: "1:129", message: "nesting is deeper than the limit of 128 levels (raise it with --max-depth)"),
        Case(name: "deep nesting under a raised limit", bytes: Array((String(repeating: "[", count: 20) + String(repeating: "]", count: 20)).utf8),
             extraArguments: ["--max-depth", "10"], location: "1:11", message: "deeper than the limit of 10 levels"),
        Case(name: "file over the size limit", bytes: Array(("a: " + String(repeating: "x", count: 2000) + "\n").utf8),
             extraArguments: ["--max-file-size", "1KiB"], location: "1:1", message: "over the limit of 1 KiB (1024 bytes)"),
        Case(name: "scalar over the length limit", bytes: Array(("a: " + String(repeating: "x", count: 3000) + "\n").utf8),
             extraArguments: ["--max-scalar-size", "1KiB"], location: "1:4", message: "over the limit of 1 KiB"),
        Case(name: "scalar just over the length limit", bytes: Array(("a: " + String(repeating: "x", count: 1025) + "\n").utf8),
             extraArguments: ["--max-scalar-size", "1KiB"], location: "1:4",
             message: "this scalar is 1 KiB (1025 bytes) long, over the limit of 1 KiB (1024 bytes)"),
        Case(name: "file over a limit of a few bytes", bytes: Array("a: 12345\n".utf8),
             extraArguments: ["--max-file-size", "4"], location: "1:1", message: "the file is 9 bytes, over the limit of 4 bytes; raise it"),
        Case(name: "invalid UTF-8", bytes: Array("a: 1\nb: caf".utf8) + [0xE9, 0x0A], location: "2:7",
             message: "not valid UTF-8"),
        Case(name: "control character", bytes: Array("a: 1\nb: x".utf8) + [0x07] + Array("y\n".utf8), location: "2:5",
             message: "control character U+0007 is not allowed"),
        Case(name: "UTF-16", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00], location: "1:1", message: "UTF-8 only"),
        Case(name: "python tag", bytes: Array("a: !!python/object/apply:os.system [ls]\n".utf8), location: "1:4",
             message: "unsupported tag '!!python/object/apply:os.system'"),
        Case(name: "custom tag", bytes: Array("a: !ref vpc-1\n".utf8), location: "1:4", message: "unsupported tag '!ref'"),
        Case(name: "two documents", bytes: Array("a: 1\n---\nb: 2\n".utf8), location: "2:1",
             message: "a second YAML document starts here"),
        Case(name: "merge key", bytes: Array("base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n".utf8), location: "3:3",
             message: "merge keys ('<<') are not supported"),
        Case(name: "complex key", bytes: Array("? [a, b]\n: 1\n".utf8), location: "1:3", message: "a mapping key must be a scalar"),
        Case(name: "recursive alias", bytes: Array("a: &x [1, *x]\n".utf8), location: "1:11", message: "refers to the node that contains it"),
    ]

    static let billionLaughs = """
        a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]

        """

    @Test(arguments: cases)
    func rejectedWithOneLocatedError(_ testCase: Case) throws {
        let folder = try ScratchFolder()
        let path = try folder.write("input.yaml", testCase.bytes)
        let result = try EniplanRunner.run(["validate"] + testCase.extraArguments + [path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("\(path):\(testCase.location): error: "), "stderr was: \(result.stderr)")
        #expect(firstLine.contains(testCase.message), "stderr was: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func duplicateKeyPointsAtBothKeys() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("dup.yaml", "instances:\n  - id: i-1\n    name: a\n    id: i-2\n")
        let result = try EniplanRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(path):4:5: error: duplicate key 'id' in this mapping
            \(path):2:5: note: 'id' is first defined here

            """)
    }

    @Test func missingFileIsAnError() throws {
        let result = try EniplanRunner.run(["validate", "/nonexistent/manifest.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "/nonexistent/manifest.yaml:1:1: error: cannot read '/nonexistent/manifest.yaml': no such file\n")
    }

    @Test func everyBadFileIsReportedNotJustTheFirst() throws {
        let folder = try ScratchFolder()
        let first = try folder.write("a.yaml", "a: [\n")
        let good = try folder.write("b.yaml", "b: 1\n")
        let second = try folder.write("c.yaml", "c: 1\nc: 2\n")
        let result = try EniplanRunner.run(["validate", first, good, second])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(first):2:1: error:"))
        #expect(result.stderr.contains("\(second):2:1: error: duplicate key 'c'"))
    }

    @Test func hugeNestingFailsFast() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("deep.yaml", String(repeating: "[", count: 1_000_000))
        let clock = ContinuousClock()
        let started = clock.now
        let result = try EniplanRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(":1:129: error: nesting is deeper than the limit of 128 levels"))
        // Not a timing test of speed, a guard against libyaml's quadratic flow-nesting path.
        #expect(clock.now - started < .seconds(20))
    }
}

import Foundation
import Testing

/// `--baseline FILE` read through the YAML loader, through the real binary: every problem with the
/// file is one located error and exit 1, and a baseline from a pipe reads like one from a file.
@Suite("baseline errors")
struct BaselineErrorTests {
    /// A bad baseline and the first line of what `check --baseline b.json` prints about it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var firstLine: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ firstLine: String) {
            self.init(name, Array(text.utf8), firstLine)
        }

        init(_ name: String, _ bytes: [UInt8], _ firstLine: String) {
            self.name = name
            self.bytes = bytes
            self.firstLine = firstLine
        }
    }

    static let cases: [Case] = [
        Case("a missing comma", "{\n  \"formatVersion\": \"1.0\"\n  \"tool\": \"eniplan\",\n  \"findings\": []\n}\n",
             "b.json:3:3: error: invalid YAML: a flow mapping is missing a ',' or its closing '}' (parsing a flow mapping that starts at line 1, column 1)"),
        Case("an empty file", "",
             "b.json:1:1: error: the baseline file is empty; expected formatVersion, tool and findings (write one with 'eniplan baseline write')"),
        Case("a list", "[]\n", "b.json:1:1: error: the baseline must be a mapping, not a list"),
        Case("formatVersion as a number", "{\n  \"formatVersion\": 2,\n  \"tool\": \"eniplan\",\n  \"findings\": []\n}\n",
             "b.json:2:20: error: formatVersion must be text, not the number 2"),
        Case("formatVersion 1.0 as a number", "{\"formatVersion\": 1.0, \"tool\": \"eniplan\", \"findings\": []}",
             "b.json:1:19: error: formatVersion must be text, not the number 1.0"),
        Case("an unsupported formatVersion", "{\"formatVersion\": \"2.0\", \"tool\": \"eniplan\", \"findings\": []}",
             "b.json:1:19: error: baseline format '2.0' is not supported (expected 1.x); write the baseline again with this eniplan"),
        Case("a finding without its fingerprint",
             "{\n  \"formatVersion\": \"1.0\",\n  \"tool\": \"eniplan\",\n  \"findings\": [\n    {\n      \"message\": \"m\",\n"
                 + "      \"resource\": {\"id\": \"eni-1\", \"kind\": \"networkInterface\"},\n      \"ruleId\": \"ENI010\"\n    }\n  ]\n}\n",
             "b.json:5:5: error: a baseline finding needs 'fingerprint'"),
        Case("a misspelt key", "{\"formatVersion\": \"1.0\", \"tool\": \"eniplan\", \"findngs\": []}",
             "b.json:1:45: error: unknown key 'findngs' in the baseline; did you mean 'findings'?"),
        Case("a missing key", "{\"formatVersion\": \"1.0\", \"findings\": []}", "b.json:1:1: error: the baseline has no 'tool'"),
        Case("findings as a mapping", "{\"formatVersion\": \"1.0\", \"tool\": \"eniplan\", \"findings\": {}}",
             "b.json:1:57: error: findings must be a list, not a mapping"),
        Case("a null fingerprint",
             "{\"formatVersion\": \"1.0\", \"tool\": \"eniplan\", \"findings\": [{\"fingerprint\": null, \"message\": \"m\", "
                 + "\"ruleId\": \"ENI010\", \"resource\": {\"id\": \"eni-1\", \"kind\": \"networkInterface\"}}]}",
             "b.json:1:74: error: fingerprint must be text, not nothing (null)"),
        Case("an unknown resource kind",
             "{\"formatVersion\": \"1.0\", \"tool\": \"eniplan\", \"findings\": [{\"fingerprint\": \"0f605fd0077e15de\", \"message\": \"m\", "
                 + "\"ruleId\": \"ENI010\", \"resource\": {\"id\": \"eni-1\", \"kind\": \"networkInterfaces\"}}]}",
             "b.json:1:166: error: resource.kind must be one of instance, networkInterface, eip, securityGroup, routeEntry, region, suppression, not 'networkInterfaces'; did you mean 'networkInterface'?"),
        Case("CRLF line endings", "{\r\n  \"formatVersion\": \"1.0\",\r\n  \"tool\": true,\r\n  \"findings\": []\r\n}\r\n",
             "b.json:3:11: error: tool must be text, not the boolean true"),
        Case("a multibyte value before the error", "{\"tool\": \"éniplan ✓\", \"formatVersion\": 2, \"findings\": []}",
             "b.json:1:40: error: formatVersion must be text, not the number 2"),
        Case("binary data", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
             "b.json:1:1: error: the file is not valid UTF-8: an invalid leading UTF-8 octet (byte 0x89)"),
    ]

    @Test(arguments: cases)
    func badBaselineIsOneLocatedError(_ example: Case) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", GateTests.defaultedFlag)
        try folder.write("b.json", example.bytes)
        let result = try EniplanRunner.run(["check", "--baseline", "b.json", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) == example.firstLine,
                "\(result.stderr)")
    }

    @Test func unreadablePathsSayWhy() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", GateTests.defaultedFlag)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("folder.json"), withIntermediateDirectories: false)
        for (path, firstLine) in [("folder.json", "folder.json:1:1: error: 'folder.json' is a directory, not a file"),
                                  ("missing.json", "missing.json:1:1: error: cannot read 'missing.json': no such file")] {
            let result = try EniplanRunner.run(["check", "--baseline", path, "m.yaml"], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").first.map(String.init) == firstLine, "\(result.stderr)")
        }
    }

    /// The baseline a command writes reads back from a pipe: `--baseline <(cat baseline.json)`, made
    /// here with a FIFO and a writer that gives up after a while, so that a reader that never opens it
    /// fails the test instead of hanging it.
    @Test func writtenBaselineReadsFromAPipe() throws {
        let folder = try ScratchFolder()
        try folder.write("state.yaml", GateTests.state)
        try folder.write("empty.yaml", GateTests.empty)
        let written = try EniplanRunner.run(["baseline", "write", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let fifo = folder.url.appendingPathComponent("baseline.fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec timeout 30 sh -c 'cat baseline.json > baseline.fifo'"]
        writer.currentDirectoryURL = folder.url
        try writer.run()
        let result = try EniplanRunner.run(["plan", "--fail-on", "note", "--baseline", "baseline.fifo", "--current", "state.yaml", "empty.yaml"],
                                           in: folder.url)
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("In the baseline:"))
    }

    /// What `baseline write` writes still means the same: the same findings are baselined, a new one
    /// gates, and one that went away is fixed.
    @Test func writtenBaselineSeparatesNewBaselinedAndFixed() throws {
        let folder = try ScratchFolder()
        try folder.write("state.yaml", GateTests.state)
        try folder.write("empty.yaml", GateTests.empty)
        let written = try EniplanRunner.run(["baseline", "write", "baseline.json", "--current", "state.yaml", "empty.yaml"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let arguments = ["plan", "--fail-on", "note", "--format", "json", "--baseline", "baseline.json", "--current", "state.yaml", "empty.yaml"]
        let same = try EniplanRunner.run(arguments, in: folder.url)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.contains("\"baseline\" : \"baselined\""))
        #expect(!same.stdout.contains("\"baseline\" : \"new\""))
        try folder.write("state.yaml", GateTests.state.replacingOccurrences(of: "eip: eip-1\n", with: "ipv6Bandwidth: 5\n"))
        let changed = try EniplanRunner.run(arguments, in: folder.url)
        #expect(changed.status == 3, "\(changed.stderr)")
        #expect(changed.stdout.contains("\"baseline\" : \"new\""))
        #expect(!changed.stdout.contains("\"baseline\" : \"baselined\""))
        #expect(changed.stdout.contains("\"fixed\" : [\n      {\n        \"fingerprint\""))
        #expect(changed.stdout.contains("\"ruleId\" : \"ENI002\""))
    }
}

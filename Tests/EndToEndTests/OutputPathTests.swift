import Foundation
import Testing

/// Where reports, states and baselines go: through links to the files they name, never over a pipe or
/// a device, never two reports into one file or onto standard output together.
@Suite("output paths")
struct OutputPathTests {
    static let example = EniplanRunner.packageRoot.appendingPathComponent("Examples/retained-primary/").path
    static let plan = ["plan", "--current", example + "/current.yaml", example + "/desired.yaml"]
    static let fixtures = EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/aliyun").standardizedFileURL.path
    static let importArguments = ["state", "import", fixtures + "/DescribeInstances.json", fixtures + "/DescribeNetworkInterfaces.json"]

    private func isLink(_ path: String) throws -> Bool {
        try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType == .typeSymbolicLink
    }

    @Test func aReportIsWrittenThroughALinkToItsFile() throws {
        let folder = try ScratchFolder()
        try folder.write("target.json", "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.json").path, withDestinationPath: "target.json")
        let result = try EniplanRunner.run(Self.plan + ["--format", "json=link.json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try isLink(folder.url.appendingPathComponent("link.json").path))
        let written = try String(contentsOf: folder.url.appendingPathComponent("target.json"), encoding: .utf8)
        #expect(written.hasPrefix("{"))
    }

    @Test func aStateIsWrittenThroughALinkToItsFile() throws {
        let folder = try ScratchFolder()
        try folder.write("target.yaml", "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.yaml").path, withDestinationPath: "target.yaml")
        let result = try EniplanRunner.run(Self.importArguments + ["-o", "link.yaml"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try isLink(folder.url.appendingPathComponent("link.yaml").path))
        #expect(try String(contentsOf: folder.url.appendingPathComponent("target.yaml"), encoding: .utf8).contains("kind: State"))
    }

    @Test func aPipeIsNotReplacedByAFile() throws {
        let folder = try ScratchFolder()
        let fifo = folder.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for arguments in [Self.plan + ["--format", "json=fifo"], Self.importArguments + ["-o", "fifo"]] {
            let result = try EniplanRunner.run(arguments, in: folder.url)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("fifo:1:1: error: cannot write the "), "\(result.stderr)")
            #expect(result.stderr.contains("not a regular file"))
            #expect(try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType != .typeRegular)
        }
    }

    @Test func aFolderIsNamedAsSuch() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out"), withIntermediateDirectories: false)
        let result = try EniplanRunner.run(Self.importArguments + ["-o", "out"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "out:1:1: error: cannot write the state: Is a directory\n")
    }

    @Test func twoNamesOfOneFileAreAUsageError() throws {
        let folder = try ScratchFolder()
        // A link to a report not written yet names that report's file.
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("alias.xml").path, withDestinationPath: "plan.json")
        let result = try EniplanRunner.run(Self.plan + ["--format", "json=plan.json", "--format", "junit=alias.xml"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format json=plan.json and --format junit=alias.xml name the same file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("plan.json").path))
        #expect(try isLink(folder.url.appendingPathComponent("alias.xml").path))
    }

    @Test func twoReportsOnStandardOutputAreAUsageError() throws {
        let result = try EniplanRunner.run(Self.plan + ["--format", "json", "--format", "text"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--format json and --format text both print to standard output"), "\(result.stderr)")
        // GitHub's annotations go with the log's text: the runner picks them out of any line.
        let withAnnotations = try EniplanRunner.run(Self.plan + ["--format", "text", "--format", "github"])
        #expect(withAnnotations.status == 0, "\(withAnnotations.stderr)")
    }

    @Test func anEmptyOutputPathIsAUsageError() throws {
        let state = try EniplanRunner.run(Self.importArguments + ["-o", ""])
        #expect(state.status == 64)
        #expect(state.stderr.contains("-o needs a file name"))
        let baseline = try EniplanRunner.run(["baseline", "write", "", Self.example + "/desired.yaml"])
        #expect(baseline.status == 64)
        #expect(baseline.stderr.contains("give the baseline file to write"))
    }
}

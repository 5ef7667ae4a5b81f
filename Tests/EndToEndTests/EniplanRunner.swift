import Foundation
import Testing

/// What one run of the real `eniplan` binary did.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `eniplan` binary that `swift build` put beside this test bundle.
enum EniplanRunner {
    static let binary: URL = {
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // The test bundle may sit inside `eniplanPackageTests.xctest/...`; climb to the products folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("eniplan").path) && folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("eniplan")
    }()

    /// The package's root folder, for reaching `Examples/`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the binary; with `memoryKiB`, under `ulimit -v` of that many KiB, so a run that asks for
    /// gigabytes fails its test instead of taking the machine down.
    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
                    memoryKiB: Int? = nil) throws -> RunResult {
        let process = Process()
        if let memoryKiB {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(memoryKiB) && exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder ?? packageRoot
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        merged.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        // Files, not pipes: a child that fills one pipe while we drain the other would never finish.
        let captures = try ScratchFolder()
        let outPath = try captures.write("stdout", [])
        let errPath = try captures.write("stderr", [])
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return RunResult(status: process.terminationStatus,
                         stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                         stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}

/// A temporary folder for one test's files, removed when the test ends.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("eniplan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

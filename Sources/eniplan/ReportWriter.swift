#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EniplanCore
import Foundation

/// Renders every requested format first, then writes: files whole or not at all, then standard output.
struct ReportWriter {
    var targets: [FormatTarget]
    var options: ReportOptions

    /// Throws the exit code for a write failure after reporting it.
    func write(_ analysis: Analysis) throws {
        let targets = self.targets.isEmpty ? [FormatTarget(argument: "text")].compactMap { $0 } : self.targets
        var rendered: [(FormatTarget, String)] = []
        var stepSummary: String?
        for target in targets {
            var targetOptions = options
            if target.path != nil { targetOptions.useColor = false }
            if target.format == .github {
                let output = GitHubAnnotationsReporter.render(analysis, options: targetOptions)
                rendered.append((target, output.annotations))
                stepSummary = output.summary
            } else {
                rendered.append((target, Reports.render(target.format, analysis, options: targetOptions)))
            }
        }
        var failed = false
        for (target, text) in rendered {
            guard let path = target.path else { continue }
            do {
                try AtomicFile.write(text, to: path)
            } catch {
                StandardStreams.writeError("\(path):1:1: error: cannot write the \(target.format.rawValue) report: \(error.reason)\n")
                failed = true
            }
        }
        if failed { throw ExitStatus.failure }
        for (target, text) in rendered where target.path == nil {
            StandardStreams.write(text)
        }
        if let stepSummary, let summaryPath = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            // GitHub expects steps to append to the summary file.
            if let handle = FileHandle(forWritingAtPath: summaryPath) {
                handle.seekToEndOfFile()
                handle.write(Data(stepSummary.utf8))
                handle.closeFile()
            } else if !FileManager.default.createFile(atPath: summaryPath, contents: Data(stepSummary.utf8)) {
                // The annotations are already out; a summary that cannot be written is worth a word, not a failure.
                StandardStreams.writeError("eniplan: warning: cannot write the step summary to '\(summaryPath)' (GITHUB_STEP_SUMMARY)\n")
            }
        }
    }
}

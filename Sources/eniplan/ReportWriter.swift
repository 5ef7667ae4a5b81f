#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EniplanCore
import Foundation

/// Renders every requested format first, then writes: every file or none, each whole, then standard output.
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
        // All or nothing: the reports of one run agree, so none is written unless every one can be.
        let files = rendered.compactMap { target, text in target.path.map { (target: target, path: $0, text: text) } }
        let failures = AtomicFile.write(files.map { (path: $0.path, text: $0.text) })
        if !failures.isEmpty {
            for failure in failures {
                let format = files.first { $0.path == failure.path }?.target.format.rawValue ?? "a"
                StandardStreams.writeError("\(failure.path):1:1: error: cannot write the \(format) report: \(failure.failure.reason)\n")
            }
            if files.count > failures.count {
                StandardStreams.writeError("eniplan: no report was written: the reports of one run are written all or none\n")
            }
            throw ExitStatus.failure
        }
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

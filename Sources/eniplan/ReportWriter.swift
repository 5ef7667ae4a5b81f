import EniplanYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EniplanCore
import Foundation

/// Writes every requested format: the files first, every one or none, each whole; then standard output.
/// Each report is written as it is rendered, one at a time, and the JSON plan as it is made, so a large plan
/// is never held whole in memory.
struct ReportWriter {
    var targets: [FormatTarget]
    var options: ReportOptions

    /// Throws the exit code for a write failure after reporting it.
    func write(_ analysis: Analysis) throws {
        let targets = self.targets.isEmpty ? [FormatTarget(argument: "text")].compactMap { $0 } : self.targets
        var stepSummary: String?
        /// Hands `target`'s report to `sink`; GitHub's step summary is kept for the end.
        func report(_ target: FormatTarget, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            var targetOptions = options
            if target.path != nil { targetOptions.useColor = false }
            if target.format == .github {
                let output = GitHubAnnotationsReporter.render(analysis, options: targetOptions)
                stepSummary = output.summary
                var annotations = output.annotations
                try annotations.withUTF8 { try sink($0) }
            } else {
                try Reports.write(target.format, analysis, options: targetOptions, to: sink)
            }
        }
        // All or nothing: the reports of one run agree, so none is written unless every one can be.
        let files = targets.compactMap { target in target.path.map { (target: target, path: $0) } }
        let (failures, written) = AtomicFile.write(files.map { file in (path: file.path, content: { sink in try report(file.target, to: sink) }) })
        if !failures.isEmpty {
            for failure in failures {
                let format = files.first { $0.path == failure.path }?.target.format.rawValue ?? "a"
                StandardStreams.writeError(DiagnosticPrinter.line("\(failure.path):1:1", "error", "cannot write the \(format) report: \(failure.failure.reason)"))
            }
            if !written.isEmpty {
                // Only a file system that changed under the run gets here: every file was staged whole.
                StandardStreams.writeError("eniplan: these reports were put in place before the failure: \(written.joined(separator: ", ").displaySafe)\n")
            } else if files.count > failures.count {
                StandardStreams.writeError("eniplan: no report was written: the reports of one run are written all or none\n")
            }
            throw ExitStatus.failure
        }
        for target in targets where target.path == nil {
            try report(target) { StandardStreams.write($0) }
        }
        if let stepSummary, let summaryPath = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            // GitHub expects steps to append to the summary file.
            if let handle = FileHandle(forWritingAtPath: summaryPath) {
                handle.seekToEndOfFile()
                handle.write(Data(stepSummary.utf8))
                handle.closeFile()
            } else if !FileManager.default.createFile(atPath: summaryPath, contents: Data(stepSummary.utf8)) {
                // The annotations are already out; a summary that cannot be written is worth a word, not a failure.
                StandardStreams.writeError("eniplan: warning: cannot write the step summary to '\(DisplayText.escaped(summaryPath))' (GITHUB_STEP_SUMMARY)\n")
            }
        }
    }
}

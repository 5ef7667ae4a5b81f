
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EniplanCore
import Foundation

/// Writes every requested format: the channels' text first (GitHub's step summary), then the files, every one or none, each whole;
/// then standard output.
/// Each report is written as it is rendered, one at a time, and the JSON plan as it is made, so a large plan
/// is never held whole in memory.
struct ReportWriter {
    var targets: [FormatTarget]
    var options: ReportOptions

    /// Throws the exit code for a write failure after reporting it, or the failure of standard output.
    func write(_ analysis: Analysis) throws {
        let targets = self.targets.isEmpty ? [FormatTarget(argument: "text")].compactMap { $0 } : self.targets
        // The channels come first, so that a report can say whether its rest went there.
        var channelText: [OutputChannel: String] = [:]
        for target in targets {
            channelText.merge(target.format.reporter.channelText(analysis, options: options)) { first, _ in first }
        }
        var deliveries: [OutputChannel: ChannelDelivery] = [:]
        for channel in OutputChannel.allCases {
            if let text = channelText[channel] { deliveries[channel] = deliver(text, to: channel) }
        }
        /// Hands `target`'s report to `sink`.
        func report(_ target: FormatTarget, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            var targetOptions = options
            if target.path != nil { targetOptions.useColor = false }
            try Reports.write(target.format, analysis, options: targetOptions, deliveries: deliveries, to: sink)
        }
        // All or nothing: the reports of one run agree, so none is written unless every one can be.
        let files = targets.compactMap { target in target.path.map { (target: target, path: $0) } }
        let (failures, written) = AtomicFile.write(files.map { file in (path: file.path, content: { sink in try report(file.target, to: sink) }) })
        if !failures.isEmpty {
            for failure in failures {
                let format = files.first { $0.path == failure.path }?.target.format.rawValue ?? "a"
                StandardStreams.writeError(DiagnosticPrinter.line(.startOfFile(failure.path), "error", "cannot write the \(format) report: \(failure.failure.reason)"))
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
            try report(target) { bytes throws(StandardStreams.OutputFailure) in try StandardStreams.write(bytes) }
        }
    }

    /// Writes a channel's text where the channel is: the job summary is `$GITHUB_STEP_SUMMARY`, appended to.
    /// A summary that cannot be written is worth a warning, not a failure; what it had appended is then cut off again.
    private func deliver(_ table: String, to channel: OutputChannel) -> ChannelDelivery {
        switch channel {
        case .jobSummary: return appendToStepSummary(table)
        }
    }

    private func appendToStepSummary(_ table: String) -> ChannelDelivery {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return .unavailable }
        // GitHub expects steps to append to the summary file. O_NONBLOCK: a pipe without a reader fails, not hangs.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o644)
        var code: Int32?
        if descriptor < 0 {
            code = errno
        } else {
            var status = stat()
            let size = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? status.st_size : nil
            var text = table
            code = text.withUTF8 { StandardStreams.writeAll($0, to: descriptor) }
            if code != nil, let size { _ = ftruncate(descriptor, size) }
            if close(descriptor) != 0, code == nil { code = errno }
        }
        guard let code else { return .written }
        StandardStreams.writeError("eniplan: warning: cannot write the step summary to '\(DisplayText.escaped(path))' (GITHUB_STEP_SUMMARY): \(String(cString: strerror(code)))\n")
        return .failed
    }
}

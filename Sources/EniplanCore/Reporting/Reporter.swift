/// A place a report writes to besides its own output, which the tool that runs the report delivers.
public enum OutputChannel: String, Sendable, Hashable, CaseIterable {
    /// GitHub Actions' job summary (`$GITHUB_STEP_SUMMARY`): Markdown appended to the run's page.
    case jobSummary
}

/// What became of the text a report gave a channel; a report may say where to find what it left out.
public enum ChannelDelivery: Sendable, Hashable {
    /// The text is in the channel.
    case written
    /// The channel does not exist in this run (for the job summary: `$GITHUB_STEP_SUMMARY` is not set).
    case unavailable
    /// Writing the text to the channel failed.
    case failed
}

/// One report format: the analysis in, bytes out, every input value through `DisplayText` or `MarkdownText`.
///
/// A run writes every channel's text first, then each report with what became of it, so a report can say where
/// its rest went. Adding a format is one type conforming to this and its case in ``ReportFormat``.
public protocol Reporter {
    /// The text this report gives each channel, before any report is written; none by default.
    static func channelText(_ analysis: Analysis, options: ReportOptions) -> [OutputChannel: String]
    /// Writes the report to `sink` in pieces; throws only what `sink` throws. `deliveries` says what became of
    /// the channels' text; a channel it does not name was written.
    static func write(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery],
                      to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws
}

extension Reporter {
    public static func channelText(_ analysis: Analysis, options: ReportOptions) -> [OutputChannel: String] { [:] }
}

/// A reporter that makes its report as one string.
protocol TextReporter: Reporter {
    static func report(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery]) -> String
}

extension TextReporter {
    public static func write(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery],
                             to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var text = report(analysis, options: options, deliveries: deliveries)
        try text.withUTF8 { try sink($0) }
    }
}

extension ReportFormat {
    /// The reporter that writes this format.
    public var reporter: any Reporter.Type {
        switch self {
        case .text: return TextPlanReporter.self
        case .json: return JSONPlanReporter.self
        case .sarif: return SARIFReporter.self
        case .junit: return JUnitReporter.self
        case .github: return GitHubAnnotationsReporter.self
        case .markdown: return MarkdownReporter.self
        }
    }
}

/// Renders an analysis in any format.
public enum Reports {
    /// The whole report as one string, every channel's text taken as written.
    public static func render(_ format: ReportFormat, _ analysis: Analysis, options: ReportOptions,
                              deliveries: [OutputChannel: ChannelDelivery] = [:]) -> String {
        var bytes: [UInt8] = []
        // The sink only appends: nothing to throw.
        try? format.reporter.write(analysis, options: options, deliveries: deliveries) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the report to `sink` in pieces: the same bytes as ``render(_:_:options:deliveries:)``.
    public static func write(_ format: ReportFormat, _ analysis: Analysis, options: ReportOptions,
                             deliveries: [OutputChannel: ChannelDelivery] = [:],
                             to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try format.reporter.write(analysis, options: options, deliveries: deliveries, to: sink)
    }
}

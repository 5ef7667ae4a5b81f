/// Renders an analysis in any format.
public enum Reports {
    public static func render(_ format: ReportFormat, _ analysis: Analysis, options: ReportOptions) -> String {
        switch format {
        case .text:
            return TextPlanReporter(useColor: options.useColor).render(analysis, failOn: options.failOn, usedBaseline: options.usedBaseline)
        case .json: return JSONPlanReporter.render(analysis, usedBaseline: options.usedBaseline)
        case .sarif: return SARIFReporter.render(analysis, options: options)
        case .junit: return JUnitReporter.render(analysis, options: options)
        case .github: return GitHubAnnotationsReporter.render(analysis, options: options).annotations
        case .markdown: return MarkdownReporter.render(analysis, options: options)
        }
    }

    /// Writes the report to `sink` in pieces: the same bytes as ``render(_:_:options:)``. The JSON plan is
    /// written as it is made, never held whole; throws only what `sink` throws.
    public static func write(_ format: ReportFormat, _ analysis: Analysis, options: ReportOptions,
                             to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if format == .json { return try JSONPlanReporter.write(analysis, usedBaseline: options.usedBaseline, to: sink) }
        var text = render(format, analysis, options: options)
        try text.withUTF8 { try sink($0) }
    }
}

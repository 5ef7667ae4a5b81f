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
}

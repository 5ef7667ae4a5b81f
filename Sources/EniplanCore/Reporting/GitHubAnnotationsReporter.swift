import EniplanYAML

/// `--format github`: workflow commands that GitHub Actions turns into annotations on the diff.
///
/// GitHub shows at most 10 annotations of each level per step, so the most severe come first and
/// the rest are counted in a plain line; the full table goes to the job summary
/// (`$GITHUB_STEP_SUMMARY`) when the CLI has one, and the line says whether it went there.
package enum GitHubAnnotationsReporter {
    /// Annotations GitHub displays per level and step.
    package static let limitPerLevel = 10

    package struct Output: Sendable {
        /// The workflow commands, one per line, then a line about any that were left out.
        package var annotations: String
        /// A Markdown table of every finding, for the job summary; nil when every finding was annotated.
        package var summary: String?
    }

    /// The annotations, and the job summary's table when some findings are left out; `jobSummary` says where
    /// the table went, as the line about the findings left out says where to find them.
    package static func render(_ analysis: Analysis, options: ReportOptions, jobSummary: ChannelDelivery = .written) -> Output {
        let active = activeFindings(analysis)
        var lines: [String] = []
        var shown: [Severity: Int] = [:]
        var dropped = 0
        for finding in active {
            guard shown[finding.severity, default: 0] < limitPerLevel else {
                dropped += 1
                continue
            }
            shown[finding.severity, default: 0] += 1
            lines.append(command(finding, options: options))
        }
        var summary: String?
        if dropped > 0 {
            let left = "eniplan: \(dropped) more finding\(dropped == 1 ? " was" : "s were") not annotated (GitHub shows at most \(limitPerLevel) per level)"
            switch jobSummary {
            case .written: lines.append(left + "; the job summary lists all \(active.count)")
            case .unavailable: lines.append(left + "; no job summary lists them, as GITHUB_STEP_SUMMARY is not set")
            case .failed: lines.append(left + "; no job summary lists them, as it could not be written")
            }
            summary = summaryTable(active, options: options)
        }
        return Output(annotations: lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n", summary: summary)
    }

    /// The job summary's table of every active finding when some are not annotated; nil when all are.
    package static func summary(_ analysis: Analysis, options: ReportOptions) -> String? {
        let active = activeFindings(analysis)
        let annotated = Dictionary(grouping: active, by: \.severity).values.reduce(0) { $0 + min($1.count, limitPerLevel) }
        return annotated < active.count ? summaryTable(active, options: options) : nil
    }

    /// The active findings, most severe first.
    private static func activeFindings(_ analysis: Analysis) -> [Finding] {
        analysis.findings.filter(\.isActive)
            .sorted { ($0.severity > $1.severity) || ($0.severity == $1.severity && Pipeline.order($0, $1)) }
    }

    static func command(_ finding: Finding, options: ReportOptions) -> String {
        let level: String
        switch finding.severity {
        case .error: level = "error"
        case .warning: level = "warning"
        case .note: level = "notice"
        }
        let location = finding.location
        let properties = [
            "file=" + escapeProperty(options.repositoryPath(location.file).displaySafe),
            "line=\(location.start.line)", "col=\(location.start.column)",
            "endLine=\(location.end.line)", "endColumn=\(location.end.column)",
            "title=" + escapeProperty("\(finding.ruleId) \(finding.slug)".displaySafe),
        ]
        // Escaped before the one line break of our own, so a value can neither end the command nor start another.
        // Notes too: where a base revision had what the finding is about is text here, never the annotation's file.
        let notes = finding.notes.map { "\nnote: \($0.displaySafe)" }.joined()
        let fix = finding.fixHint.map { "\nfix: \($0.displaySafe)" } ?? ""
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(finding.message.displaySafe + notes + fix))"
    }

    /// The message part of a workflow command: `%`, CR and LF are encoded.
    static func escapeData(_ text: String) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "%": return "%25"
            case "\r": return "%0D"
            case "\n": return "%0A"
            default: return nil
            }
        }
    }

    /// A property value: also `:` and `,`, which separate properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingScalars { $0 == ":" ? "%3A" : $0 == "," ? "%2C" : nil }
    }

    private static func summaryTable(_ findings: [Finding], options: ReportOptions) -> String {
        var lines = ["## eniplan findings", "", "| severity | rule | location | message |", "|---|---|---|---|"]
        for finding in findings {
            let place = "\(DisplayText.path(options.repositoryPath(finding.location.file))):\(finding.location.start.line):\(finding.location.start.column)"
            lines.append("| \(finding.severity.rawValue) | \(MarkdownText.cell(finding.ruleId)) | \(MarkdownText.codeCell(place)) | \(MarkdownText.cell(finding.message)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension GitHubAnnotationsReporter: TextReporter {
    /// The table of every finding, for the job summary, when some are not annotated.
    package static func channelText(_ analysis: Analysis, options: ReportOptions) -> [OutputChannel: String] {
        summary(analysis, options: options).map { [.jobSummary: $0] } ?? [:]
    }

    static func report(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery]) -> String {
        render(analysis, options: options, jobSummary: deliveries[.jobSummary] ?? .written).annotations
    }
}

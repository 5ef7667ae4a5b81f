import ArgumentParser
import EniplanCore

/// One `--format` value: a format, and a file to write it to (standard output when absent).
struct FormatTarget: ExpressibleByArgument {
    var format: ReportFormat
    var path: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let format = ReportFormat(rawValue: String(parts[0])) else { return nil }
        self.format = format
        if parts.count == 2 {
            guard !parts[1].isEmpty else { return nil }
            path = String(parts[1])
        }
    }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }

    static let help = ArgumentHelp(
        "Output format, repeatable: text, json, sarif, junit, github or markdown, each optionally =FILE (for example sarif=eniplan.sarif). (default: text)",
        valueName: "format[=file]")
}

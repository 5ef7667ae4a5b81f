import EniplanYAML

/// `--format junit`: the findings as JUnit XML, for GitLab's and Jenkins' test views; byte-identical for identical inputs.
///
/// Shape, chosen for how those views render it:
/// - one `<testsuite>` per input file that has a finding or a planned resource, named by its path relative
///   to the repository root, in path order;
/// - one `<testcase>` per resource and rule that found something about it, named `RULE kind id`
///   (`ENI002 eip eip-2`), and one per planned resource that no rule found anything about, named `kind id`
///   (`networkInterface eni-app`), so a clean plan reads as passing tests rather than as an empty report.
///   `classname` is `eniplan.` and the file's path with `/` as `.` and a `.` inside a component as `_`
///   (`eniplan.Examples.retained-primary.current_yaml`): Jenkins groups by it as package and class.
///   Names and classnames hold identities only, never message text, so they stay stable across runs;
///   testcases are in line order.
/// - a testcase fails (`<failure message="..." type="severity">`) when one of its findings blocks: active
///   (not suppressed, not baselined) and at or above `ReportOptions.failOn`, so the failure count is what
///   the exit code gates on. Jenkins marks a build unstable on any failure, and notes such as ENI004 fire on
///   almost every release: counting them as failures would teach people to ignore the report. An active
///   finding below the threshold leaves its testcase passing, with the finding in `<system-out>`.
/// - a testcase whose findings are all suppressed or baselined is `<skipped message="suppressed: reason"/>`
///   (or `baselined: ...`).
/// - the failure's text (and the skipped or passing case's output) lists every finding of the testcase:
///   `severity[RULE] message`, `at file:line:column`, the fix, the suppression, and notes.
/// - `errors` is always 0 (eniplan failing to run writes no report) and `time` is 0.
///
/// Every input value has its control, line-separator and bidirectional characters escaped as `\u{1B}`
/// (`DisplayText`), so no value starts a line of the failure text; then text is escaped for XML 1.0 (`& < >`, and in attributes `" '`, line breaks and tabs as character references);
/// characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage return, U+FFFE,
/// U+FFFF) become U+FFFD.
package enum JUnitReporter {
    package static func render(_ analysis: Analysis, options: ReportOptions) -> String {
        let suites = suites(analysis, options: options)
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let skipped = suites.reduce(0) { $0 + $1.skipped }
        let mode = analysis.mode == .plan ? "plan" : "check"
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"eniplan \(mode)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">",
        ]
        for suite in suites {
            lines.append("  <testsuite name=\"\(escaped(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\" "
                         + "errors=\"0\" skipped=\"\(suite.skipped)\" time=\"0\">")
            for testCase in suite.cases {
                var open = "    <testcase classname=\"\(escaped(suite.classname))\" name=\"\(escaped(testCase.name))\""
                if let file = suite.file { open += " file=\"\(escaped(file))\"" }
                if let line = testCase.line { open += " line=\"\(line)\"" }
                open += " time=\"0\""
                switch testCase.outcome {
                case .passed(nil):
                    lines.append(open + "/>")
                case .passed(let output?):
                    lines.append(open + ">")
                    lines.append("      <system-out>\(escaped(output, inAttribute: false))</system-out>")
                    lines.append("    </testcase>")
                case .failed(let message, let type, let details):
                    lines.append(open + ">")
                    lines.append("      <failure message=\"\(escaped(message))\" type=\"\(type.rawValue)\">\(escaped(details, inAttribute: false))</failure>")
                    lines.append("    </testcase>")
                case .skipped(let message, let details):
                    lines.append(open + ">")
                    lines.append("      <skipped message=\"\(escaped(message))\"/>")
                    lines.append("      <system-out>\(escaped(details, inAttribute: false))</system-out>")
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Suites and cases

    struct Suite {
        /// Repository-relative path; nil for findings without a file (which the rules avoid).
        var file: String?
        var cases: [TestCase] = []

        var name: String { file ?? "(no file)" }
        var classname: String { JUnitReporter.classname(file) }
        var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
        var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    }

    struct TestCase {
        enum Outcome {
            /// With the details of active findings below the threshold, if any.
            case passed(String?)
            case failed(message: String, type: Severity, details: String)
            case skipped(message: String, details: String)
        }

        var name: String
        var line: Int?
        var column: Int?
        var outcome: Outcome
    }

    static func suites(_ analysis: Analysis, options: ReportOptions) -> [Suite] {
        func path(_ file: String?) -> String? {
            guard let file, !file.isEmpty else { return nil }
            return options.repositoryPath(file).displaySafe
        }
        struct GroupKey: Hashable {
            var file: String?
            var ruleId: String
            var resource: ResourceReference
        }
        var groups: [GroupKey: [Finding]] = [:]
        var order: [GroupKey] = []
        for finding in analysis.findings {
            let key = GroupKey(file: path(finding.location.file), ruleId: finding.ruleId, resource: finding.resource)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        var suites: [String?: Suite] = [:]
        for key in order {
            let findings = groups[key] ?? []
            let first = findings.first?.location
            let address = findings.first?.terraformAddress.map { " (\($0.displaySafe))" } ?? ""
            let testCase = TestCase(name: "\(key.ruleId.displaySafe) \(key.resource.kind.rawValue) \(key.resource.id.displaySafe)\(address)",
                                    line: key.file == nil ? nil : first?.start.line, column: first?.start.column,
                                    outcome: outcome(findings, options: options))
            suites[key.file, default: Suite(file: key.file)].cases.append(testCase)
        }
        let resourcesWithFindings = Set(analysis.findings.map(\.resource))
        var passed: Set<ResourceReference> = []
        for change in analysis.plan.changes {
            let resource = ResourceReference(kind: change.kind, id: change.id)
            guard !resourcesWithFindings.contains(resource), passed.insert(resource).inserted else { continue }
            let file = path(change.location?.file)
            let testCase = TestCase(name: "\(change.kind.rawValue) \(change.id.displaySafe)", line: file == nil ? nil : change.location?.start.line,
                                    column: change.location?.start.column, outcome: .passed(nil))
            suites[file, default: Suite(file: file)].cases.append(testCase)
        }
        return suites.values
            .map { suite in
                var suite = suite
                suite.cases.sort { ($0.line ?? 0, $0.column ?? 0, $0.name) < ($1.line ?? 0, $1.column ?? 0, $1.name) }
                return suite
            }
            // Files in path order; the suite without a file last.
            .sorted { ($0.file == nil ? 1 : 0, $0.file ?? "") < ($1.file == nil ? 1 : 0, $1.file ?? "") }
    }

    static func outcome(_ findings: [Finding], options: ReportOptions) -> TestCase.Outcome {
        let details = findings.map { describe($0, options: options) }.joined(separator: "\n")
        let blocking = findings.filter { $0.isActive && $0.severity >= options.failOn }
        if let first = blocking.first {
            let more = blocking.count > 1 ? " (and \(blocking.count - 1) more)" : ""
            return .failed(message: first.message.displaySafe + more, type: blocking.map(\.severity).max() ?? first.severity, details: details)
        }
        if findings.contains(where: \.isActive) { return .passed(details) }
        if let suppression = findings.compactMap(\.suppression).first {
            return .skipped(message: "suppressed: \(suppression.reason.displaySafe)", details: details)
        }
        return .skipped(message: "baselined: accepted in the baseline", details: details)
    }

    /// `severity[RULE] message`, then its location, suppression, baseline state, notes and fix, one per line.
    static func describe(_ finding: Finding, options: ReportOptions) -> String {
        var lines = ["\(finding.severity.rawValue)[\(finding.ruleId.displaySafe)] \(finding.message.displaySafe)"]
        let file = finding.location.file.isEmpty ? "(no file)" : DisplayText.path(options.repositoryPath(finding.location.file))
        lines.append("  at \(file):\(finding.location.start.line):\(finding.location.start.column)")
        if let suppression = finding.suppression {
            let until = suppression.expires.map { " until \($0.displaySafe)" } ?? ""
            lines.append("  suppressed (\(suppression.source.rawValue)\(until)): \(suppression.reason.displaySafe)")
        }
        if finding.baseline == .baselined { lines.append("  in the baseline") }
        for note in finding.notes { lines.append("  note: \(note.displaySafe)") }
        if let fix = finding.fixHint { lines.append("  fix: \(fix.displaySafe)") }
        return lines.joined(separator: "\n")
    }

    /// `eniplan.` and the path's components joined with `.`, each component's own dots as `_`.
    static func classname(_ file: String?) -> String {
        guard let file else { return "eniplan" }
        let components = file.split(separator: "/").map { $0.replacing(".", with: "_") }
        return (["eniplan"] + components).joined(separator: ".")
    }

    // MARK: XML

    /// `text` escaped for XML 1.0 character data or a double-quoted attribute; characters XML 1.0 forbids become U+FFFD.
    static func escaped(_ text: String, inAttribute: Bool = true) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            // Quotes matter only inside attribute values (always double-quoted here); text keeps them readable.
            case "\"": result += inAttribute ? "&quot;" : "\""
            case "'": result += inAttribute ? "&apos;" : "'"
            // Attribute-value normalisation turns raw line breaks and tabs into spaces; references survive it.
            case "\n": result += inAttribute ? "&#10;" : "\n"
            case "\t": result += inAttribute ? "&#9;" : "\t"
            // A raw CR would be normalised to a line feed anywhere.
            case "\r": result += "&#13;"
            default:
                switch scalar.value {
                case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: result.unicodeScalars.append(scalar)
                default: result += "\u{FFFD}"
                }
            }
        }
        return result
    }
}

extension JUnitReporter: TextReporter {
    static func report(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery]) -> String {
        render(analysis, options: options)
    }
}

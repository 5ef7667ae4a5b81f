import EniplanYAML

extension TextPlanReporter {
    /// The plan, then the findings: one `file:line:column: severity[RULE] message` line each, with the fix.
    package func render(_ analysis: Analysis, failOn: Severity = .error, usedBaseline: Bool = false) -> String {
        // A plan that changes nothing, with nothing blocking and nothing unknown, says so in its one line.
        let verdict = PlanVerdict(analysis, failOn: failOn)
        var text = analysis.plan.hasChanges || !verdict.isClear ? verdictLine(verdict) + "\n" : ""
        if let sweep = analysis.sweep { text += Self.sweepLine(sweep) + "\n" }
        text += render(analysis.plan, mode: analysis.mode)
        text += "\n" + findingsSection(analysis, failOn: failOn, usedBaseline: usedBaseline)
        return text
    }

    func findingsSection(_ analysis: Analysis, failOn: Severity, usedBaseline: Bool) -> String {
        let findings = analysis.findings
        guard !findings.isEmpty || !analysis.fixed.isEmpty else { return "No findings.\n" }
        var lines: [String] = []
        let active = findings.filter(\.isActive)
        var counts: [String] = []
        for severity in [Severity.error, .warning, .note] {
            let count = active.filter { $0.severity == severity }.count
            if count > 0 { counts.append("\(count) \(severity.rawValue)\(count == 1 ? "" : "s")") }
        }
        var extras: [String] = []
        let suppressed = findings.filter { $0.suppression != nil }.count
        let baselined = findings.filter { $0.baseline == .baselined }.count
        if suppressed > 0 { extras.append("\(suppressed) suppressed") }
        if baselined > 0 { extras.append("\(baselined) in the baseline") }
        if usedBaseline { extras.append("\(analysis.fixed.count) fixed since the baseline") }
        let blocking = analysis.blocking(at: failOn).count
        let unknown = analysis.plan.unknownFatesClause
        let verdict = blocking == 0 ? "nothing blocks at --fail-on \(failOn.rawValue)" + (unknown.isEmpty ? "" : paintText(unknown, code: "35"))
            : paintText("\(blocking) blocking at --fail-on \(failOn.rawValue)", code: "31")
        lines.append("Findings: " + (counts.isEmpty ? "none active" : counts.joined(separator: ", "))
                     + (extras.isEmpty ? "" : " (" + extras.joined(separator: ", ") + ")") + "; " + verdict)
        if let sweep = analysis.sweep, let byRegion = Self.byRegion(active, sweep) { lines.append(byRegion) }
        for (title, group) in [("New", findings.filter { $0.isActive }), ("Suppressed", findings.filter { $0.suppression != nil }),
                               ("In the baseline", findings.filter { $0.suppression == nil && $0.baseline == .baselined })]
        where !group.isEmpty {
            if usedBaseline || title != "New" { lines.append("\(title):") }
            for finding in group.bySeverity { lines += describe(finding) }
        }
        if usedBaseline && !analysis.fixed.isEmpty {
            lines.append("Fixed since the baseline:")
            for entry in analysis.fixed {
                lines.append("  \(entry.ruleId.displaySafe) \(entry.resource.kind.rawValue) '\(entry.resource.id.displaySafe)': \(entry.message.displaySafe)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Verdict: 1 blocking finding at --fail-on error; lost: 2 addresses released, 1 EIP left billing".
    private func verdictLine(_ verdict: PlanVerdict) -> String {
        let gate = verdict.gate(flag: "--fail-on \(verdict.failOn.rawValue)")
        return "Verdict: " + paintText(gate, code: verdict.blocking > 0 ? "31" : verdict.isClear ? "32" : "35")
            + verdict.clauses.map { "; " + $0 }.joined()
    }

    /// "Swept 3 manifest files (cn-hangzhou: 2, me-east-1: 1); 4 other files skipped: not eniplan manifests".
    static func sweepLine(_ sweep: Sweep) -> String {
        var parts: [String] = []
        if sweep.combined {
            let region = sweep.estates.first?.region ?? "no region"
            parts.append("Swept \(sweep.estates.count) manifest file\(sweep.estates.count == 1 ? "" : "s") as one estate (\(region.displaySafe))")
        } else if !sweep.estates.isEmpty {
            var counts: [String: Int] = [:]
            for estate in sweep.estates { counts[estate.region ?? "no region", default: 0] += 1 }
            let regions = counts.keys.sorted().map { "\($0.displaySafe): \(counts[$0] ?? 0)" }.joined(separator: ", ")
            parts.append("Swept \(sweep.estates.count) estate\(sweep.estates.count == 1 ? "" : "s"), each a manifest file or the API responses given (\(regions))")
        }
        if !sweep.skipped.isEmpty {
            parts.append("\(sweep.skipped.count) other file\(sweep.skipped.count == 1 ? "" : "s") skipped: not eniplan manifests")
        }
        return parts.isEmpty ? "Swept nothing" : parts.joined(separator: "; ")
    }

    /// "By region: cn-hangzhou: 1 error; me-east-1: 2 warnings", for a sweep over more than one region.
    static func byRegion(_ findings: [Finding], _ sweep: Sweep) -> String? {
        guard !sweep.combined else { return nil }
        let regionOf = Dictionary(sweep.estates.map { ($0.file, $0.region ?? "no region") }, uniquingKeysWith: { first, _ in first })
        guard Set(regionOf.values).count > 1 else { return nil }
        var counts: [String: [Severity: Int]] = [:]
        for finding in findings { counts[regionOf[finding.location.file] ?? "other files", default: [:]][finding.severity, default: 0] += 1 }
        guard !counts.isEmpty else { return nil }
        let parts = counts.keys.sorted().map { region -> String in
            let bySeverity = [Severity.error, .warning, .note].compactMap { severity -> String? in
                guard let count = counts[region]?[severity] else { return nil }
                return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
            }
            return "\(region.displaySafe): " + bySeverity.joined(separator: ", ")
        }
        return "By region: " + parts.joined(separator: "; ")
    }

    private func describe(_ finding: Finding) -> [String] {
        let code: String
        switch finding.severity {
        case .error: code = "31"
        case .warning: code = "33"
        case .note: code = "36"
        }
        var lines = ["  \(DisplayText.location(finding.location)): \(paintText(finding.severity.rawValue, code: code))[\(finding.ruleId.displaySafe)] \(finding.message.displaySafe)"]
        if let suppression = finding.suppression {
            let until = suppression.expires.map { " until \($0.displaySafe)" } ?? ""
            lines.append("      suppressed (\(suppression.source.rawValue)\(until)): \(suppression.reason.displaySafe)")
        }
        for note in finding.notes { lines.append("      note: \(note.displaySafe)") }
        if let fix = finding.fixHint, finding.isActive { lines.append("      fix: \(fix.displaySafe)") }
        return lines
    }

    private func paintText(_ text: String, code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension TextPlanReporter: TextReporter {
    static func report(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery]) -> String {
        TextPlanReporter(useColor: options.useColor, showUnchanged: options.showUnchanged)
            .render(analysis, failOn: options.failOn, usedBaseline: options.usedBaseline)
    }
}

extension Array where Element == Finding {
    /// Errors first, then warnings, then notes; in their own order within a severity (file, line, column).
    var bySeverity: [Finding] {
        enumerated().sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }.map(\.element)
    }
}

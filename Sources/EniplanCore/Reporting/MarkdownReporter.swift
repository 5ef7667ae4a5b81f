import EniplanYAML

/// `--format markdown`: a pull-request comment. A verdict, the counts, a table per released instance,
/// the findings, and a Mermaid diagram of the ENIs that move. Long lists are capped with "and N more".
/// Every input value goes through ``MarkdownText``: ids in code spans, names and messages as escaped text.
package enum MarkdownReporter {
    /// Most instances given a table of their own.
    package static let instanceLimit = 20
    /// Most rows in any one table.
    package static let rowLimit = 50
    /// Findings beyond this many are folded into a collapsed section.
    package static let openFindingLimit = 10

    package static func render(_ analysis: Analysis, options: ReportOptions) -> String {
        var lines: [String] = []
        lines += verdict(analysis, options: options)
        lines += summary(analysis.plan)
        lines += instanceTables(analysis.plan, mode: analysis.mode)
        lines += otherChanges(analysis.plan)
        lines += movedInterfaces(analysis.plan)
        lines += findings(analysis, options: options)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func verdict(_ analysis: Analysis, options: ReportOptions) -> [String] {
        let verdict = PlanVerdict(analysis, failOn: options.failOn)
        let title = analysis.mode == .plan ? "eniplan plan" : "eniplan release preview"
        let mark = verdict.blocking > 0 ? "❌" : verdict.isClear ? "✅" : "⚠️"
        let headline = "### \(mark) \(title): \(verdict.gate(flag: "`--fail-on \(options.failOn.rawValue)`"))"
            + verdict.clauses.map { "; " + $0 }.joined()
        var lines = [headline, ""]
        if let sweep = analysis.sweep {
            lines += [MarkdownText.text(TextPlanReporter.sweepLine(sweep)) + ".", ""]
            if let byRegion = TextPlanReporter.byRegion(analysis.findings.filter(\.isActive), sweep) { lines += [MarkdownText.text(byRegion) + ".", ""] }
        }
        if let region = analysis.plan.region {
            lines.append("Region \(MarkdownText.code(region)), region catalogue \(MarkdownText.text(analysis.plan.regionCatalog.version)).")
            lines.append("")
        }
        return lines
    }

    private static func summary(_ plan: Plan) -> [String] {
        guard plan.hasChanges else { return ["No changes: every resource is kept as it is.", ""] }
        let counts = plan.summary
        // Only the actions and outcomes this plan has get a column.
        let actions = Action.allCases.filter { action in action != .keep && counts.values.contains { $0[action] != nil } }
        var lines: [String] = []
        let refused = plan.refusedReleases
        if refused > 0 {
            lines += ["\(refused) release\(refused == 1 ? " is" : "s are") refused (deletion protection, a subscription, or a route entry to the instance): \(refused == 1 ? "its" : "their") changes are shown below but not counted.", ""]
        }
        if !actions.isEmpty {
            lines += ["| resource | " + actions.map(\.rawValue).joined(separator: " | ") + " |",
                      "|---|" + String(repeating: "---:|", count: actions.count)]
            for (kind, label) in [(ResourceKind.instance, "instances"), (.networkInterface, "ENIs"), (.routeEntry, "route entries")]
            where kind != .routeEntry || counts[kind] != nil {
                let row = actions.map { counts[kind]?[$0].map(String.init) ?? "" }
                lines.append("| \(label) | " + row.joined(separator: " | ") + " |")
            }
        }
        var effects: [String: [Effect.Outcome: Int]] = [:]
        for effect in plan.effectsThatHappen { effects[effect.kind.noun, default: [:]][effect.outcome, default: 0] += 1 }
        if !effects.isEmpty {
            let outcomes = Effect.Outcome.allCases.filter { outcome in effects.values.contains { $0[outcome] != nil } }
            lines += ["", "| carried by them | " + outcomes.map(\.rawValue).joined(separator: " | ") + " |",
                      "|---|" + String(repeating: "---:|", count: outcomes.count)]
            for kind in Effect.Kind.allCases {
                guard let counted = effects[kind.noun] else { continue }
                lines.append("| \(kind.noun) | " + outcomes.map { counted[$0].map(String.init) ?? "" }.joined(separator: " | ") + " |")
            }
        }
        if lines.last != "" { lines.append("") }
        return lines
    }

    /// One table per released instance: each ENI and each thing on it, with its outcome.
    private static func instanceTables(_ plan: Plan, mode: RuleContext.Mode) -> [String] {
        // By position: an instance's ENIs follow it, and two estates of a sweep may each release an instance of one id.
        let released = plan.changes.indices.filter { plan.changes[$0].kind == .instance && plan.changes[$0].action == .release }
        guard !released.isEmpty else { return [] }
        var lines: [String] = []
        for position in released.prefix(instanceLimit) {
            let instance = plan.changes[position]
            let name = instance.name.map { " (\(MarkdownText.text($0)))" } ?? ""
            let fails = mode == .check ? "would fail" : "will fail"
            let blocked = instance.reason == .deletionProtectionBlocksRelease ? " — **deletion protection is on: the release \(fails)**"
                : instance.reason == .subscriptionBlocksRelease ? " — **a subscription (PrePaid) instance: the release \(fails)**"
                : instance.reason == .routeEntryBlocksRelease ? " — **a route entry's next hop is the instance: the release \(fails)**" : ""
            lines += ["#### \(mode == .check ? "If released" : "Released"): \(MarkdownText.code(instance.id))\(name)\(blocked)", "", "| ENI | what | outcome |", "|---|---|---|"]
            var rows: [String] = []
            for effect in instance.effects {
                rows.append("| (instance) | \(describe(effect)) | \(outcome(effect)) |")
            }
            for eni in plan.changes[(position + 1)...].prefix(while: { $0.kind == .networkInterface && $0.parentInstance == instance.id }) {
                let type = eni.before?.type?.rawValue ?? ""
                rows.append("| \(MarkdownText.codeCell(eni.id)) \(type) | **ENI** (\(MarkdownText.cell(eni.reason.phrase ?? eni.action.rawValue))) | **\(eni.action.rawValue)** |")
                for effect in eni.effects { rows.append("| \(MarkdownText.codeCell(eni.id)) | \(describe(effect)) | \(outcome(effect)) |") }
            }
            lines += rows.prefix(rowLimit)
            if rows.count > rowLimit { lines.append("| … | and \(rows.count - rowLimit) more | |") }
            lines.append("")
        }
        if released.count > instanceLimit {
            lines += ["…and \(released.count - instanceLimit) more released instances (see the full plan in the job log).", ""]
        }
        return lines
    }

    /// What the desired state changes besides releases: route entries added, removed or re-pointed, what kept ENIs
    /// gain and lose, and zones that cannot change.
    private static func otherChanges(_ plan: Plan) -> [String] {
        var rows: [String] = []
        for change in plan.changes {
            switch change.kind {
            case .routeEntry:
                guard let effect = change.effects.first else { continue }
                let hops: String
                switch change.action {
                case .create: hops = "to \(MarkdownText.codeCell(change.after?.nextHop ?? "?"))"
                case .delete: hops = "(its next hop was \(MarkdownText.codeCell(change.before?.nextHop ?? "?"))): traffic to it is dropped"
                default: hops = "from \(MarkdownText.codeCell(change.before?.nextHop ?? "?")) to \(MarkdownText.codeCell(change.after?.nextHop ?? "?"))"
                }
                let word = change.action == .create ? "added" : change.action == .delete ? "⚠️ removed" : "re-pointed"
                rows.append("| route table \(MarkdownText.codeCell(effect.routeTable ?? "?")) | \(describe(effect)) | \(word) \(hops) |")
            case .instance, .networkInterface:
                guard change.action == .update else { continue }
                let what = change.kind == .instance ? "instance" : "ENI"
                if change.reason == .zoneChanged {
                    rows.append("| \(what) \(MarkdownText.codeCell(change.id)) | zone | ❌ \(MarkdownText.codeCell(change.before?.zone ?? "?")) → \(MarkdownText.codeCell(change.after?.zone ?? "?")): cannot change, a replacement |")
                }
                for effect in change.effects { rows.append("| \(what) \(MarkdownText.codeCell(change.id)) | \(describe(effect)) | \(outcome(effect)) |") }
            default: continue
            }
        }
        guard !rows.isEmpty else { return [] }
        var lines = ["#### Other changes", "", "| resource | what | outcome |", "|---|---|---|"]
        lines += rows.prefix(rowLimit)
        if rows.count > rowLimit { lines.append("| … | and \(rows.count - rowLimit) more | |") }
        lines.append("")
        return lines
    }

    private static func describe(_ effect: Effect) -> String {
        switch effect.kind {
        case .routeEntry: return "route \(MarkdownText.codeCell(effect.destination ?? "?")) in \(MarkdownText.codeCell(effect.routeTable ?? "?"))"
        case .ipv6Bandwidth: return "IPv6 Internet bandwidth \(MarkdownText.cell(effect.value ?? "?")) Mbit/s"
        case .networkInterface: return "its other ENIs"
        default:
            return "\(effect.kind.noun) \(MarkdownText.codeCell(effect.value ?? effect.id ?? "?"))"
                + (effect.privateIp.map { " on \(MarkdownText.codeCell($0))" } ?? "")
        }
    }

    private static func outcome(_ effect: Effect) -> String {
        if effect.outcome == .unknown { return "❓ unknown" + (effect.reason.map { ": " + MarkdownText.cell($0) } ?? "") }
        let consequence = EffectWording.consequence(of: effect, brief: true).map { ", " + $0 } ?? ""
        return EffectWording.icon(of: effect) + EffectWording.word(for: effect) + consequence
    }

    /// A Mermaid flowchart: instance -> retained ENI -> the instance that reuses it, or Available.
    private static func movedInterfaces(_ plan: Plan) -> [String] {
        // A primary ENI the change would detach does not move: the detach is refused (ENI011).
        let moving = plan.changes.filter {
            $0.kind == .networkInterface && [.retain, .reuse, .attach, .detach].contains($0.action) && $0.reason != .primaryENICannotBeDetached
        }
        guard !moving.isEmpty else { return [] }
        var lines = ["#### ENIs that move", "", "```mermaid", "flowchart LR"]
        var identifiers = MermaidIdentifiers()
        func node(_ id: String, _ label: String, shape: (String, String) = ("[", "]")) -> String {
            let (key, isNew) = identifiers.identifier(for: id)
            if isNew { return "\(key)\(shape.0)\"\(mermaidLabel(label))\"\(shape.1)" }
            return key
        }
        for change in moving.prefix(rowLimit) {
            // Each reference declares the node the first time and names it afterwards.
            let eni = { node("eni_" + change.id, "ENI \(change.id)", shape: ("([", "])")) }
            if let from = change.before?.instance {
                let released = plan.changes.contains { $0.kind == .instance && $0.id == from && $0.action == .release }
                let edge = change.action == .detach ? "detached" : "retained"
                lines.append("  \(node("i_" + from, "\(from)\(released ? " (released)" : "")")) -->|\(edge)| \(eni())")
            }
            if let to = change.after?.instance {
                lines.append("  \(eni()) -->|\(change.action == .reuse ? "reused" : "attached")| \(node("i_" + to, to))")
            } else {
                lines.append("  \(eni()) --> \(node("available", "Available", shape: ("{{", "}}")))")
            }
        }
        if moving.count > rowLimit { lines.append("  more[\"and \(moving.count - rowLimit) more\"]") }
        lines += ["```", ""]
        return lines
    }

    static func mermaidIdentifier(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The node identifiers of one diagram: ``mermaidIdentifier(_:)`` of each node's key, and where two keys map to
    /// the same identifier (`eni_a.b` and `eni_a_b`), the later one gets `_2`, `_3`, …, the first number no other
    /// node uses, so no node stands for two resources.
    package struct MermaidIdentifiers {
        private var byKey: [String: String] = [:]
        private var used: Set<String> = ["more"]

        package init() {}

        /// The identifier of `key`, and whether this is its first use.
        package mutating func identifier(for key: String) -> (String, isNew: Bool) {
            if let known = byKey[key] { return (known, false) }
            let base = MarkdownReporter.mermaidIdentifier(key)
            var candidate = base
            var number = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(number)"
                number += 1
            }
            used.insert(candidate)
            byKey[key] = candidate
            return (candidate, true)
        }
    }

    static func mermaidLabel(_ text: String) -> String {
        text.displaySafe.replacingScalars { scalar in
            switch scalar {
            case "\"": return "#quot;"
            case "`": return "#96;"
            case "<": return "#lt;"
            case ">": return "#gt;"
            default: return nil
            }
        }
    }

    private static func findings(_ analysis: Analysis, options: ReportOptions) -> [String] {
        let findings = analysis.findings
        guard !findings.isEmpty || !analysis.fixed.isEmpty else { return ["No findings."] }
        var lines: [String] = []
        let active = findings.filter(\.isActive).bySeverity
        let quiet = findings.filter { !$0.isActive }.bySeverity
        lines += ["#### Findings", ""]
        lines += table(active.prefix(openFindingLimit), options: options)
        if active.count > openFindingLimit {
            lines += ["", "<details><summary>and \(active.count - openFindingLimit) more findings</summary>", ""]
            lines += table(active.dropFirst(openFindingLimit).prefix(rowLimit), options: options)
            if active.count - openFindingLimit > rowLimit { lines += ["", "…and \(active.count - openFindingLimit - rowLimit) more."] }
            lines += ["", "</details>"]
        }
        if !quiet.isEmpty {
            lines += ["", "<details><summary>\(quiet.count) suppressed or baselined</summary>", ""]
            lines += table(quiet.prefix(rowLimit), options: options)
            lines += ["", "</details>"]
        }
        if options.usedBaseline && !analysis.fixed.isEmpty {
            lines += ["", "<details><summary>\(analysis.fixed.count) fixed since the baseline</summary>", ""]
            lines += analysis.fixed.prefix(rowLimit).map { "- \(MarkdownText.text($0.ruleId)) \($0.resource.kind.rawValue) \(MarkdownText.code($0.resource.id)): \(MarkdownText.text($0.message))" }
            lines += ["", "</details>"]
        }
        return lines
    }

    private static func table<S: Sequence>(_ findings: S, options: ReportOptions) -> [String] where S.Element == Finding {
        var lines = ["| | rule | where | message |", "|---|---|---|---|"]
        var any = false
        for finding in findings {
            any = true
            let icon: String
            switch finding.severity {
            case .error: icon = "❌ error"
            case .warning: icon = "⚠️ warning"
            case .note: icon = "ℹ️ note"
            }
            let place = "\(DisplayText.path(options.repositoryPath(finding.location.file))):\(finding.location.start.line)"
            var message = MarkdownText.cell(finding.message)
            if let suppression = finding.suppression { message += " _(suppressed: \(MarkdownText.cell(suppression.reason)))_" }
            if finding.baseline == .baselined { message += " _(in the baseline)_" }
            for note in finding.notes { message += "<br>**note:** " + MarkdownText.cell(note) }
            if let fix = finding.fixHint, finding.isActive { message += "<br>**fix:** " + MarkdownText.cell(fix) }
            lines.append("| \(icon) | \(MarkdownText.cell(finding.ruleId)) | \(MarkdownText.codeCell(place)) | \(message) |")
        }
        return any ? lines : []
    }
}

extension MarkdownReporter: TextReporter {
    static func report(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery]) -> String {
        render(analysis, options: options)
    }
}

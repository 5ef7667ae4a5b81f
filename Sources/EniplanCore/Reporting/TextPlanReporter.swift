import EniplanYAML

/// `--format text`: reads like a good terraform plan. A summary line, then per instance the tree of
/// what happens to each ENI and each thing on it.
package struct TextPlanReporter: Sendable {
    package var useColor: Bool
    /// Whether resources the change keeps as they are are listed; otherwise one line counts them.
    package var showUnchanged: Bool

    package init(useColor: Bool, showUnchanged: Bool = false) {
        self.useColor = useColor
        self.showUnchanged = showUnchanged
    }

    /// The plan of `eniplan plan`, or with `mode` `.check` the release preview of `eniplan check`, which reads
    /// "if released", "would".
    package func render(_ plan: Plan, mode: RuleContext.Mode = .plan) -> String {
        var lines: [String] = []
        lines.append(summaryLine(plan, mode: mode))
        // "No changes" stays one line unless the unchanged resources are asked for.
        guard plan.hasChanges || showUnchanged else { return lines.joined(separator: "\n") + "\n" }
        if let region = plan.region {
            let support: String
            switch plan.regionCatalog.lookup(region) {
            case .supportsPrimaryRetention: support = "primary ENI retention supported"
            case .secondaryOnly: support = "primary ENI retention NOT supported; secondary ENIs only"
            case .unknown: support = "not in the region catalogue"
            }
            lines.append("Region \(region.displaySafe): \(support) (catalogue \(plan.regionCatalog.version.displaySafe))")
        }
        var index = 0
        var hidden = 0
        let changes = plan.changes
        while index < changes.count {
            let change = changes[index]
            // A kept instance goes with its ENIs: hidden when every one of them is unchanged too.
            var end = index + 1
            while change.kind == .instance, end < changes.count, changes[end].kind == .networkInterface, changes[end].parentInstance == change.id {
                end += 1
            }
            if !showUnchanged && changes[index..<end].allSatisfy(Self.isUnchanged) {
                hidden += end - index
                index = end
                continue
            }
            lines.append("")
            lines.append(headline(change, mode: mode))
            index += 1
            if change.kind == .instance {
                if change.refused {
                    lines.append("    " + paint(mode == .check ? "refused: none of what follows would happen while the release is refused"
                                                             : "refused: none of what follows happens while the release is refused", .red))
                }
                lines += change.effects.map { "    " + effectLine($0) }
                while index < changes.count, changes[index].kind == .networkInterface, changes[index].parentInstance == change.id {
                    if showUnchanged || !Self.isUnchanged(changes[index]) { lines += interfaceLines(changes[index], indent: "    ") } else { hidden += 1 }
                    index += 1
                }
            }
        }
        if hidden > 0 {
            lines += ["", "\(hidden) unchanged resource\(hidden == 1 ? "" : "s") not shown (--show-unchanged shows them)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func summaryLine(_ plan: Plan, mode: RuleContext.Mode) -> String {
        guard plan.hasChanges else { return "No changes. Every resource is kept as it is." }
        let title = mode == .check ? "Release preview (what releasing each instance would do): " : "Plan: "
        let summary = plan.summary
        func part(_ kind: ResourceKind, _ singular: String, _ plural: String) -> String? {
            guard let actions = summary[kind] else { return nil }
            let order: [Action] = [.release, .retain, .reuse, .delete, .unknown, .create, .attach, .detach, .update, .keep]
            let wording = kind == .routeEntry ? Self.routeActionWord : Self.actionWord
            let words = order.compactMap { action -> String? in
                guard let count = actions[action], action != .keep else { return nil }
                return "\(count) \(wording[action] ?? action.rawValue)"
            }
            guard !words.isEmpty else { return nil }
            let total = actions.values.reduce(0, +)
            return "\(total == 1 ? singular : plural): " + words.joined(separator: ", ")
        }
        var effects: [String] = []
        let all = plan.effectsThatHappen
        let refused = plan.refusedReleases
        if refused > 0 { effects.append(paint("\(refused) release\(refused == 1 ? "" : "s") \(mode == .check ? "would be refused" : "refused")", .red)) }
        let unboundEIPs = all.filter { $0.kind == .eip && $0.outcome == .dissociated && $0.reassociatedTo == nil }.count
        let deletedRoutes = all.filter { $0.kind == .routeEntry && $0.outcome == .deleted }.count
        let unknown = all.filter { $0.outcome == .unknown }.count
        if unboundEIPs > 0 { effects.append(paint("\(unboundEIPs) EIP\(unboundEIPs == 1 ? "" : "s") left unbound", .yellow)) }
        if deletedRoutes > 0 { effects.append(paint("\(deletedRoutes) route entr\(deletedRoutes == 1 ? "y" : "ies") deleted", .red)) }
        if unknown > 0 { effects.append(paint("\(unknown) outcome\(unknown == 1 ? "" : "s") unknown", .magenta)) }
        let parts = [part(.instance, "instance", "instances"), part(.networkInterface, "ENI", "ENIs"),
                     part(.routeEntry, "route entry", "route entries")].compactMap { $0 } + effects
        return title + parts.joined(separator: "; ")
    }

    private static let actionWord: [Action: String] = [
        .create: "to create", .keep: "kept", .update: "to update", .attach: "to attach", .detach: "to detach",
        .release: "to release", .retain: "retained", .reuse: "reused", .delete: "to delete", .unknown: "unknown",
    ]

    /// Kept as it is, for no reason worth a line (a promotion the cloud refuses is kept, but worth one).
    private static func isUnchanged(_ change: Change) -> Bool { change.action == .keep && change.reason == .unchanged }

    private static let routeActionWord: [Action: String] = [.create: "to add", .update: "to re-point", .delete: "to remove"]

    private func headline(_ change: Change, mode: RuleContext.Mode) -> String {
        let name = change.name.flatMap { $0 == change.id ? nil : " (\($0.displaySafe))" } ?? ""
        let location = change.location.map { "  [\(DisplayText.location($0))]" } ?? ""
        switch change.kind {
        case .instance:
            let what: String
            switch change.action {
            case .release where change.reason == .deletionProtectionBlocksRelease:
                what = paint(mode == .check ? "if released, but deletion protection is on: the release would fail"
                                            : "will be released, but deletion protection is on: the release will fail", .red)
            case .release where change.reason == .subscriptionBlocksRelease:
                what = paint(mode == .check ? "if released, but it is a subscription (PrePaid) instance: the release would be refused"
                                            : "will be released, but it is a subscription (PrePaid) instance: the release will be refused", .red)
            case .release where change.reason == .routeEntryBlocksRelease:
                what = paint(mode == .check ? "if released, but a route entry's next hop is the instance: the release would be refused"
                                            : "will be released, but a route entry's next hop is the instance: the release will be refused", .red)
            case .update where change.reason == .zoneChanged:
                what = paint("will be updated, but moves from zone '\((change.before?.zone ?? "?").displaySafe)' to '\((change.after?.zone ?? "?").displaySafe)': an instance cannot change zone, only be replaced", .red)
            case .release where change.reason == .releasePreview: what = paint("if released", .red)
            case .release: what = paint("will be released", .red)
            case .create: what = paint("will be created", .green)
            case .update: what = paint("will be updated", .yellow)
            default: what = "is kept"
            }
            return "\(symbol(change.action)) instance \(change.id.displaySafe)\(name) \(what)\(location)"
        case .routeEntry:
            return routeLine(change) + location
        default:
            return interfaceLines(change, indent: "").joined(separator: "\n")
        }
    }

    /// A route entry the desired state adds, removes or re-points; its one effect says no more than this line.
    private func routeLine(_ change: Change) -> String {
        let effect = change.effects.first
        let route = "route \((effect?.destination ?? change.id).displaySafe) in \((effect?.routeTable ?? "?").displaySafe)"
            + (effect?.id.map { " (\($0.displaySafe))" } ?? "")
        let from = (change.before?.nextHop ?? "?").displaySafe, to = (change.after?.nextHop ?? "?").displaySafe
        switch change.action {
        case .create: return "\(symbol(.create)) \(route) to \(to) " + paint("will be added", .green)
        case .delete: return "\(symbol(.delete)) \(route) to \(from) " + paint("will be removed", .red) + ": traffic to it is dropped"
        default: return "\(symbol(.update)) \(route) " + paint("will be re-pointed", .yellow) + " from \(from) to \(to)"
        }
    }

    private func interfaceLines(_ change: Change, indent: String) -> [String] {
        let type = (change.before?.type ?? change.after?.type).map { " \($0.rawValue)" } ?? ""
        let location = change.location.map { "  [\(DisplayText.location($0))]" } ?? ""
        let line = "\(indent)\(symbol(change.action)) ENI \(change.id.displaySafe)\(type): \(describe(change))\(location)"
        return [line] + change.effects.map { indent + "    " + effectLine($0) }
    }

    private func describe(_ change: Change) -> String {
        let why = " (\(change.reason.phrase ?? change.reason.rawValue))"
        switch change.action {
        case .retain:
            let becomes = change.before?.type == .primary ? ", becomes an Available secondary ENI" : ", left Available"
            return paint("retained", .green) + becomes + why
        case .reuse:
            return paint("retained and reused", .green) + " by '\((change.after?.instance ?? "?").displaySafe)' as its \(change.after?.type?.rawValue ?? "secondary") ENI" + why
        case .release: return paint("released", .red) + why
        case .delete: return paint("deleted", .red) + why
        case .unknown: return paint("unknown", .magenta) + why
        case .create: return paint("created", .green) + why
        case .attach: return paint("attached", .green) + " to '\((change.after?.instance ?? "?").displaySafe)'" + why
        case .detach: return paint("detached", .yellow) + why
        case .update where change.reason == .zoneChanged:
            return paint("updated", .red) + ", but moves from zone '\((change.before?.zone ?? "?").displaySafe)' to '\((change.after?.zone ?? "?").displaySafe)': an ENI cannot change zone"
        case .update: return paint("updated", .yellow) + why
        case .keep: return change.reason == .unchanged ? "kept" : "kept" + why
        }
    }

    private func effectLine(_ effect: Effect) -> String {
        let subject: String
        switch effect.kind {
        case .routeEntry:
            subject = "route \((effect.destination ?? "?").displaySafe) in \((effect.routeTable ?? "?").displaySafe)" + (effect.id.map { " (\($0.displaySafe))" } ?? "")
        case .ipv6Bandwidth:
            subject = "IPv6 Internet bandwidth \((effect.value ?? "?").displaySafe) Mbit/s"
        case .networkInterface:
            subject = "its other ENIs"
        default:
            subject = "\(effect.kind.noun) \((effect.value ?? effect.id ?? "?").displaySafe)" + (effect.privateIp.map { " on \($0.displaySafe)" } ?? "")
        }
        let color: Color?
        switch EffectWording.concern(of: effect) {
        case .money: color = .yellow
        case .traffic, .addresses: color = .red
        case .benign: color = nil
        case .none:
            switch effect.outcome {
            case .retained, .added: color = .green
            case .repointed: color = .yellow
            case .unknown: color = .magenta
            case .dissociated where effect.reassociatedTo != nil: color = .yellow
            case .released, .deleted, .dissociated: color = .red
            }
        }
        let word = EffectWording.word(for: effect)
        var outcome = color.map { paint(word, $0) } ?? word
        if let consequence = EffectWording.consequence(of: effect, brief: false) { outcome += ": " + consequence }
        if let reason = effect.reason, effect.outcome == .unknown { outcome += " (\(reason.displaySafe))" }
        let mark = EffectWording.mark(of: effect)
        return "\(color.map { paint(mark, $0) } ?? mark) \(subject) \(outcome)"
    }

    private func symbol(_ action: Action) -> String {
        switch action {
        case .create: return paint("+", .green)
        case .release, .delete: return paint("-", .red)
        case .retain, .reuse, .attach: return paint(">", .green)
        case .update, .detach: return paint("~", .yellow)
        case .unknown: return paint("?", .magenta)
        case .keep: return "="
        }
    }

    private enum Color: String {
        case red = "31", green = "32", yellow = "33", magenta = "35"
    }

    private func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }
}

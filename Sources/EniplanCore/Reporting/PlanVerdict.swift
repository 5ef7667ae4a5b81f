/// The first thing a reader sees of a plan: whether it blocks, what the inputs cannot tell, and what the change
/// loses for good or leaves costing money: addresses released, EIPs left billing, routes deleted. Counted once,
/// worded by the text plan and the Markdown comment alike.
struct PlanVerdict {
    var blocking: Int
    var failOn: Severity
    var mode: RuleContext.Mode
    var unknownFates: Int
    /// Instances known only through some of their ENIs: the fate of the others is unknown.
    var instancesWithUnknownInterfaces: Int
    var unknownPhrase: String?
    var refusedReleases: Int
    var addressesReleased = 0
    var prefixesReleased = 0
    var eipsLeftBilling = 0
    var routesDeleted = 0

    init(_ analysis: Analysis, failOn: Severity) {
        blocking = analysis.blocking(at: failOn).count
        self.failOn = failOn
        mode = analysis.mode
        unknownFates = analysis.plan.unknownFates
        instancesWithUnknownInterfaces = analysis.plan.instancesWithUnknownInterfaces
        unknownPhrase = analysis.plan.unknownFatesPhrase
        refusedReleases = analysis.plan.refusedReleases
        for effect in analysis.plan.effectsThatHappen {
            switch (effect.kind, effect.outcome) {
            case (.privateIpv4, .released), (.ipv6, .released), (.publicIpv4, .released): addressesReleased += 1
            case (.ipv4Prefix, .released), (.ipv6Prefix, .released): prefixesReleased += 1
            case (.eip, .dissociated) where effect.reassociatedTo == nil: eipsLeftBilling += 1
            case (.routeEntry, .deleted): routesDeleted += 1
            default: break
            }
        }
    }

    /// "2 blocking findings at --fail-on error", or that nothing blocks; `flag` words the option (a code span in Markdown).
    func gate(flag: String) -> String {
        blocking == 0 ? "nothing blocks at \(flag)" : "\(blocking) blocking finding\(blocking == 1 ? "" : "s") at \(flag)"
    }

    /// The clauses after the gate: unknowns, refused releases, and what is lost (or that nothing is).
    var clauses: [String] {
        var clauses: [String] = []
        if let unknown = unknownPhrase { clauses.append(unknown) }
        if refusedReleases > 0 {
            clauses.append("\(refusedReleases) release\(refusedReleases == 1 ? "" : "s") \(mode == .check ? "would be refused" : "refused")")
        }
        var lost: [String] = []
        if addressesReleased > 0 { lost.append("\(addressesReleased) address\(addressesReleased == 1 ? "" : "es") released") }
        if prefixesReleased > 0 { lost.append("\(prefixesReleased) prefix\(prefixesReleased == 1 ? "" : "es") released") }
        if eipsLeftBilling > 0 { lost.append("\(eipsLeftBilling) EIP\(eipsLeftBilling == 1 ? "" : "s") left billing") }
        if routesDeleted > 0 { lost.append("\(routesDeleted) route entr\(routesDeleted == 1 ? "y" : "ies") deleted") }
        let lostLabel = mode == .check ? "lost if released" : "lost"
        clauses.append(lost.isEmpty ? "nothing is lost" : "\(lostLabel): " + lost.joined(separator: ", "))
        return clauses
    }

    /// Whether the verdict may read as all clear: nothing blocks, every fate is known, and the cloud refuses no
    /// release (an apply that fails is no green light, even with the gate's findings accepted).
    var isClear: Bool { blocking == 0 && unknownFates == 0 && instancesWithUnknownInterfaces == 0 && refusedReleases == 0 }
}

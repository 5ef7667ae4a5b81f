/// What an effect's outcome means for whoever reads a plan, beyond its word: written once, for every human format.
enum EffectWording {
    /// What follows from the outcome, where it matters: money (an EIP dissociated keeps billing), traffic (a
    /// route deleted) or reassurance (a security group's rules stay). `brief` for a table cell, where a deleted
    /// route's mark says enough.
    static func consequence(of effect: Effect, brief: Bool) -> String? {
        switch (effect.kind, effect.outcome) {
        case (.eip, .dissociated): return brief ? "keeps billing" : "stays allocated and keeps billing until released or re-associated"
        case (.securityGroup, .dissociated): return brief ? "rules stay" : "the group's rules stay"
        case (.routeEntry, .deleted): return brief ? nil : "traffic to it is dropped"
        case (.publicIpv4, .released): return brief ? "for good" : "reclaimed for good; convert it to an EIP first to keep it"
        default: return nil
        }
    }

    /// Whether the outcome costs money or traffic, which a human format marks.
    static func needsAttention(_ effect: Effect) -> Bool {
        switch (effect.kind, effect.outcome) {
        case (.eip, .dissociated), (.routeEntry, .deleted), (.publicIpv4, .released): return true
        default: return false
        }
    }
}

extension Plan {
    /// ", but the fate of 2 ENIs is unknown", or nothing when every fate is known: said after a verdict that
    /// nothing blocks, so that it never reads as all clear.
    var unknownFatesClause: String {
        let count = unknownFates, instances = instancesWithUnknownInterfaces
        guard count > 0 || instances > 0 else { return "" }
        let unlisted = "the other ENIs of \(instances) instance\(instances == 1 ? "" : "s")"
        switch (count, instances) {
        case (_, 0): return ", but the fate of \(count) ENI\(count == 1 ? " is" : "s are") unknown"
        case (0, _): return ", but the fate of \(unlisted) is unknown"
        default: return ", but the fate of \(count) ENI\(count == 1 ? "" : "s") and of \(unlisted) is unknown"
        }
    }
}

/// What an effect's outcome means for whoever reads a plan, beyond its word: written once, for every human format.
enum EffectWording {
    /// What follows from the outcome, where it matters: money (an EIP dissociated keeps billing), traffic (a
    /// route deleted) or reassurance (a security group's rules stay). `brief` for a table cell, where a deleted
    /// route's mark says enough.
    static func consequence(of effect: Effect, brief: Bool) -> String? {
        switch (effect.kind, effect.outcome) {
        case (.eip, .dissociated):
            if let target = effect.reassociatedTo {
                return brief ? "then associated with \(MarkdownText.codeCell(target))" : "then associated with \(target.displaySafe), as the desired state binds it"
            }
            return brief ? "keeps billing" : "stays allocated and keeps billing until released or re-associated"
        case (.securityGroup, .dissociated): return brief ? "rules stay" : "the group's rules stay"
        case (.routeEntry, .deleted): return brief ? nil : "traffic to it is dropped"
        case (.publicIpv4, .released): return brief ? "for good" : "reclaimed for good; convert it to an EIP first to keep it"
        default: return nil
        }
    }

    /// The outcome as a word: its raw value, but for what an update adds (a security group joined, an EIP
    /// associated) and a route re-pointed.
    static func word(for effect: Effect) -> String {
        switch (effect.kind, effect.outcome) {
        case (.securityGroup, .added): return "joined"
        case (.eip, .added): return "associated"
        case (_, .repointed): return "re-pointed"
        default: return effect.outcome.rawValue
        }
    }

    /// What an outcome costs, which every human format marks apart: money, traffic, addresses, or nothing that
    /// hurts (a security group dissociated: its rules stay).
    enum Concern {
        /// An EIP left unbound keeps billing.
        case money
        /// A route deleted: traffic to its destination is dropped.
        case traffic
        /// Addresses, prefixes or bandwidth released: gone for good.
        case addresses
        /// Dissociated, but nothing is lost.
        case benign
        /// Kept, added, re-pointed or unknown: the outcome's own word says it.
        case none
    }

    static func concern(of effect: Effect) -> Concern {
        switch (effect.kind, effect.outcome) {
        case (.eip, .dissociated): return effect.reassociatedTo == nil ? .money : .none
        case (.routeEntry, .deleted): return .traffic
        case (_, .released): return .addresses
        case (.securityGroup, .dissociated): return .benign
        default: return .none
        }
    }

    /// The text plan's mark in front of an effect: `$` money, `!` traffic, `-` addresses, `.` benign, and
    /// `=` retained, `+` added, `~` re-pointed, `?` unknown.
    static func mark(of effect: Effect) -> String {
        switch concern(of: effect) {
        case .money: return "$"
        case .traffic: return "!"
        case .addresses: return "-"
        case .benign: return "."
        case .none:
            switch effect.outcome {
            case .retained: return "="
            case .added: return "+"
            case .repointed: return "~"
            case .unknown: return "?"
            case .dissociated where effect.reassociatedTo != nil: return "~"
            case .released, .deleted, .dissociated: return "-"
            }
        }
    }

    /// The Markdown comment's icon in front of an outcome, where it costs something.
    static func icon(of effect: Effect) -> String {
        switch concern(of: effect) {
        case .money: return "💸 "
        case .traffic: return "🚧 "
        case .addresses: return "🗑️ "
        case .benign, .none: return ""
        }
    }
}

extension Plan {
    /// ", but the fate of 2 ENIs is unknown", or nothing when every fate is known: said after a verdict that
    /// nothing blocks, so that it never reads as all clear.
    var unknownFatesClause: String { unknownFatesPhrase.map { ", but " + $0 } ?? "" }

    /// "the fate of 2 ENIs is unknown" (and of the ENIs the inputs do not list), or nil when every fate is known.
    var unknownFatesPhrase: String? {
        let count = unknownFates, instances = instancesWithUnknownInterfaces
        let unlisted = "the other ENIs of \(instances) instance\(instances == 1 ? "" : "s")"
        switch (count, instances) {
        case (0, 0): return nil
        case (_, 0): return "the fate of \(count) ENI\(count == 1 ? "" : "s") is unknown"
        case (0, _): return "the fate of \(unlisted) is unknown"
        default: return "the fate of \(count) ENI\(count == 1 ? "" : "s") and of \(unlisted) is unknown"
        }
    }
}

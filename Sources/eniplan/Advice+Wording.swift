import EniplanCore

extension Advice {
    /// How this CLI says what to do, appended to the message: its own flags and commands, which the core never names.
    var wording: String {
        switch self {
        case .raiseLimit(.fileSize): "; raise it with --max-file-size"
        case .raiseLimit(.scalarSize): " (raise it with --max-scalar-size)"
        case .raiseLimit(.depth): " (raise it with --max-depth)"
        case .raiseLimit(.aliasExpansion): "; raise the limit with --max-alias-expansion if this is intended"
        case .raiseLimit(.aliasBytes): "; raise the limit with --max-alias-bytes if this is intended"
        case .giveAs(.currentState): "; give it to 'plan --current' as it is"
        case .giveAs(.desiredState): "; give it to 'plan' as a desired file (eniplan plan --current API-RESPONSES plan.json)"
        case .giveAs(let role): "; give it with \(role.flag)"
        case .writeBaseline: " (write one with 'eniplan baseline write')"
        case .nameConfigExplicitly: "; eniplan reads such a config only when it is given with --config"
        case .pathsOutsideConfigGivenDirectly(let role): " (a flag such as \(role.flag) may point anywhere)"
        }
    }
}

extension Advice.Role {
    /// The flag that gives a file of this role.
    var flag: String {
        switch self {
        case .currentState: "--current"
        case .desiredState: "a desired file of 'plan'"
        case .policy: "--policy"
        case .config: "--config"
        case .regions: "--regions"
        case .baseline: "--baseline"
        }
    }
}

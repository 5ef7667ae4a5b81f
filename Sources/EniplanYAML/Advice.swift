/// What the tool that reads a file can do about a problem with it: a limit of its own to raise, another
/// place to give the file. The libraries say what is wrong and carry this; only the tool words it, since only
/// the tool knows its flags and commands (the CLI appends its wording to the message it prints).
public enum Advice: Sendable, Hashable {
    /// A loader limit (``LoaderOptions``) the file is over.
    case raiseLimit(Limit)
    /// The file is of another kind, read from another place.
    case giveAs(Role)
    /// A baseline file is missing or is something else: the tool writes one.
    case writeBaseline
    /// A config found by the search that is not read as found: given explicitly, it is.
    case nameConfigExplicitly
    /// A path a config names must stay within its folder; a path given to the tool directly may not.
    case pathsOutsideConfigGivenDirectly(Role)

    public enum Limit: Sendable, Hashable, CaseIterable {
        case fileSize, scalarSize, depth, aliasExpansion, aliasBytes
    }

    /// What a file is to the tool that reads it.
    public enum Role: Sendable, Hashable, CaseIterable {
        case currentState, desiredState, policy, config, regions, baseline
    }
}

/// Bounds on what one input may cost, so that hostile files fail fast instead of exhausting the machine.
///
/// Each limit has a command-line flag of the same spirit (`--max-file-size`, `--max-depth`,
/// `--max-alias-expansion`, `--max-scalar-size`).
public struct LoaderLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes. Default 64 MiB.
    public var maxFileBytes: Int = 64 * 1024 * 1024
    /// Deepest nesting of sequences and mappings. Default 128.
    public var maxDepth: Int = 128
    /// Most nodes that aliases may expand to, summed over every alias in the file. Default 100,000.
    public var maxAliasExpansion: Int = 100_000
    /// Longest scalar accepted, in bytes after unescaping. Default 1 MiB.
    public var maxScalarBytes: Int = 1024 * 1024

    public init() {}

    public init(maxFileBytes: Int, maxDepth: Int, maxAliasExpansion: Int, maxScalarBytes: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxScalarBytes = maxScalarBytes
    }
}

/// How strictly the loader reads.
public enum LoaderMode: Sendable, Hashable {
    /// What eniplan reads manifests with: one document, core tags only, no merge keys, scalar keys,
    /// UTF-8 only.
    case strict
    /// Plain YAML 1.2 as libyaml reads it (several documents, any tag, complex keys); the limits still
    /// apply. Used for conformance testing.
    case permissive
}

public struct LoaderOptions: Sendable, Hashable {
    public var limits: LoaderLimits
    public var mode: LoaderMode

    public init(limits: LoaderLimits = LoaderLimits(), mode: LoaderMode = .strict) {
        self.limits = limits
        self.mode = mode
    }
}

/// Bounds on what one input may cost, so that hostile files fail fast instead of exhausting the machine.
///
/// Each limit has a command-line flag of the same spirit (`--max-file-size`, `--max-depth`,
/// `--max-alias-expansion`, `--max-alias-bytes`, `--max-scalar-size`).
public struct LoaderLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes. Default 64 MiB.
    public var maxFileBytes: Int = 64 * 1024 * 1024
    /// Deepest nesting of sequences and mappings. Default 128.
    public var maxDepth: Int = 128
    /// Most nodes that aliases may expand to, summed over every alias in the file. Default 100,000.
    public var maxAliasExpansion: Int = 100_000
    /// Most bytes of scalar text (keys included, after unescaping) that aliases may expand to, summed
    /// over every alias in the file. Default 16 MiB.
    ///
    /// Node counts alone let a small file ask for gigabytes: 8,000 aliases of one 1 MiB scalar are
    /// 8,000 nodes but 8 GiB of text once a decoder reads each as a string. 16 MiB is sixteen of the
    /// longest scalars and far above what aliases in real manifests expand to (a 200-byte tag block
    /// reused by 10,000 instances is 2 MB), yet such a file stops at its 17th alias.
    public var maxAliasBytes: Int = 16 * 1024 * 1024
    /// Longest scalar accepted, in bytes after unescaping. Default 1 MiB.
    public var maxScalarBytes: Int = 1024 * 1024

    public init() {}

    public init(maxFileBytes: Int, maxDepth: Int, maxAliasExpansion: Int, maxScalarBytes: Int,
                maxAliasBytes: Int = 16 * 1024 * 1024) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxScalarBytes = maxScalarBytes
        self.maxAliasBytes = maxAliasBytes
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
    /// Whether the loader's messages quote an alias's or anchor's name, a tag or a duplicate key. Off for the
    /// files a config may name (and the config itself), which may be any file of the repository: a credential
    /// read as YAML must not reach a CI log through its own text. At a file's root they are never quoted.
    public var quotesNames = true

    public init(limits: LoaderLimits = LoaderLimits(), mode: LoaderMode = .strict) {
        self.limits = limits
        self.mode = mode
    }
}

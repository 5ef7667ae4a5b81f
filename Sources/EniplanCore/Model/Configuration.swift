import EniplanYAML

/// `.eniplan.yaml`: how a repository tunes eniplan.
public struct Configuration: Sendable, Hashable {
    /// One rule's settings.
    public struct RuleSetting: Sendable, Hashable {
        public var enabled: Bool?
        public var severity: Severity?
    }

    /// A suppression written in the config rather than inline.
    public struct Suppression: Sendable, Hashable {
        public var rule: String
        /// The resource id the suppression is for; nil means every resource.
        public var resource: String?
        public var reason: String?
        public var expires: String?
        public var range: SourceRange
    }

    /// A file the config names, and where it names it, so that a file that cannot be read is
    /// reported at the config's entry rather than at a file that is not there.
    public struct NamedFile: Sendable, Hashable {
        /// The path resolved against the config file's folder (unchanged when absolute).
        public var path: String
        /// The path as the config writes it.
        public var written: String
        /// The entry's value in the config.
        public var range: SourceRange

        public init(path: String, written: String, range: SourceRange) {
            self.path = path
            self.written = written
            self.range = range
        }
    }

    /// The file it was read from; nil for the defaults.
    public var file: String?
    public var rules: [String: RuleSetting] = [:]
    /// Policy files, in the order the config lists them.
    public var policyFiles: [NamedFile] = []
    /// A region catalogue file replacing the built-in one.
    public var regionsFile: NamedFile?
    public var suppressions: [Suppression] = []
    public var baselineFile: NamedFile?
    public var failOn: Severity?

    public init() {}

    /// The path of the region catalogue file the config names, resolved.
    public var regions: String? { regionsFile?.path }
}

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

    /// The file it was read from; nil for the defaults.
    public var file: String?
    public var rules: [String: RuleSetting] = [:]
    /// Policy files, resolved against the config file's folder.
    public var policies: [String] = []
    /// A region catalogue file replacing the built-in one.
    public var regions: String?
    public var suppressions: [Suppression] = []
    public var baseline: String?
    public var failOn: Severity?

    public init() {}
}

import EniplanYAML

/// A built-in rule: a stable id and slug, a default severity, and the text `eniplan explain` prints.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// Every finding the rule makes on one run. Severity and suppressions are applied afterwards.
    func check(_ context: RuleContext) -> [Finding]
}

extension Rule {
    var description: RuleDescription { Self.description }

    /// A finding of this rule, with its default severity and fix hint.
    func finding(_ message: String, about resource: ResourceReference, at location: SourceRange, discriminator: String = "") -> Finding {
        Finding(ruleId: Self.description.id, slug: Self.description.slug, severity: Self.description.severity, message: message,
                resource: resource, location: location, discriminator: discriminator, fixHint: Self.description.fixHint)
    }
}

/// A rule's documentation, which is also its test: the examples must (not) trigger it. Built-in rules,
/// suppression checks and policy rules are all described by one.
public struct RuleDescription: Sendable, Hashable {
    /// What checks a rule, which decides how it is configured, suppressed and described.
    public enum Kind: Sendable, Hashable {
        /// A rule type in `RuleRegistry`.
        case builtIn
        /// SUP001-SUP003, raised by `Suppressions` while applying suppressions: not configurable, not suppressible.
        case suppressionCheck
        /// A user's declarative rule, from the policy file `file`.
        case policy(file: String)
    }

    public var id: String
    public var slug: String
    public var severity: Severity
    /// One line: what it flags.
    public var summary: String
    /// Why it matters, tied to Alibaba Cloud's "Retain and reuse an ENI".
    public var rationale: String
    public var fixHint: String
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]
    public var kind: Kind = .builtIn
}

/// Inputs for one example: a manifest checked alone (`eniplan check`), or a current state and a desired manifest (`eniplan plan`).
///
/// A triggering example marks where each finding must land with ``marker`` right before the node it points
/// at, as SwiftLint's examples do. The rule examples test reads the marked text; everything that prints an
/// example (`eniplan explain`, docs, SARIF help, the rules JSON) reads ``current`` and ``desired``, without markers.
public struct RuleExample: Sendable, Hashable {
    /// Put right before the node a finding points at.
    public static let marker: Character = "↓"

    /// The current state as written in the rule, markers included.
    public var markedCurrent: String?
    /// The desired manifest (or the checked one) as written in the rule, markers included.
    public var markedDesired: String

    /// The current state as printed: without markers.
    public var current: String? { markedCurrent.map(Self.unmarked) }
    /// The desired manifest (or the checked one) as printed: without markers.
    public var desired: String { Self.unmarked(markedDesired) }

    /// An example for `eniplan check`.
    public init(_ manifest: String) {
        markedCurrent = nil
        markedDesired = manifest
    }

    /// An example for `eniplan plan`.
    public init(current: String, desired: String) {
        markedCurrent = current
        markedDesired = desired
    }

    /// `text` without its markers.
    public static func unmarked(_ text: String) -> String { text.filter { $0 != marker } }
}

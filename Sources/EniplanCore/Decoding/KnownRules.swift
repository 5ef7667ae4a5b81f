import EniplanYAML

/// The rules a tool has built in, as the decoders need them: a config configures them by id, and a policy
/// may not take one's id or slug. The decoders are given this, so decoding needs nothing from the rules.
package struct KnownRules: Sendable, Hashable {
    /// One rule's names.
    package struct Name: Sendable, Hashable {
        package var id: String
        package var slug: String

        package init(id: String, slug: String) {
            self.id = id
            self.slug = slug
        }

        /// Whether `name` is this rule's id in any case, or its slug.
        func isNamed(_ name: String) -> Bool {
            let lowered = name.lowercased()
            return id.lowercased() == lowered || slug == lowered
        }
    }

    /// The rules a config configures, in id order.
    package var configurable: [Name]
    /// The suppression checks, which only report: neither configured nor a policy rule's name.
    package var suppressionChecks: [Name]

    package init(configurable: [Name], suppressionChecks: [Name]) {
        self.configurable = configurable
        self.suppressionChecks = suppressionChecks
    }
}

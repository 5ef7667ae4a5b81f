import ArgumentParser
import EniplanYAML
import EniplanCore

struct RulesCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the built-in rules: id, slug, default severity and what each flags."
    )

    @Option(name: .customLong("format"), help: "text, json or markdown.")
    var format: Format = .text

    func run() throws {
        let rules = RuleRegistry.descriptions
        switch format {
        case .text: try StandardStreams.write(RuleCatalogReporter.table(rules))
        case .json: try StandardStreams.write(RuleCatalogReporter.json(rules))
        case .markdown: try StandardStreams.write(RuleCatalogReporter.markdown(rules))
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: its rationale, examples, fix and the config keys that touch it."
    )

    @Argument(help: "A rule id (ENI002) or slug (eip-left-unbound).")
    var rule: String

    func run() throws {
        guard let description = RuleRegistry.description(of: rule) else {
            let known = RuleRegistry.descriptions.map(\.id)
            throw ValidationError("unknown rule '\(DisplayText.quoted(rule))'; the rules are \(known.first ?? "")...\(known.last ?? ""), see 'eniplan rules'")
        }
        try StandardStreams.write(RuleCatalogReporter.explanation(description))
    }
}

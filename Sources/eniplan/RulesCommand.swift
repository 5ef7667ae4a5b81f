import ArgumentParser
import EniplanCore

struct RulesCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the built-in rules and the suppression checks (SUP001-SUP003): id, slug, default severity and what each flags."
    )

    @Option(name: .customLong("format"), help: "text, json or markdown.")
    var format: Format = .text

    func run() throws {
        let rules = RuleCatalog().rules
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

    @Argument(help: "A rule id (ENI002, SUP001) or slug (eip-left-unbound).")
    var rule: String

    func run() throws {
        let catalog = RuleCatalog()
        guard let description = catalog.rule(named: rule) else {
            let builtIn = catalog.rules.filter { $0.kind == .builtIn }.map(\.id)
            let checks = catalog.rules.filter { $0.kind == .suppressionCheck }.map(\.id)
            throw ValidationError("unknown rule '\(DisplayText.quoted(rule))'; the rules are \(builtIn.first ?? "")...\(builtIn.last ?? "") and \(checks.first ?? "")...\(checks.last ?? ""), see 'eniplan rules'")
        }
        try StandardStreams.write(RuleCatalogReporter.explanation(description))
    }
}

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
            throw ValidationError("unknown rule '\(DisplayText.quoted(rule))'; the rules are \(Self.runs(of: builtIn)) and \(Self.runs(of: checks)), see 'eniplan rules'")
        }
        try StandardStreams.write(RuleCatalogReporter.explanation(description))
    }

    /// Ids in runs of consecutive numbers: `ENI001...ENI016, ENI019`.
    static func runs(of ids: [String]) -> String {
        func number(_ id: String) -> Int? { Int(id.drop { !$0.isNumber }) }
        var runs: [[String]] = []
        for id in ids {
            if let last = runs.last?.last, let previous = number(last), let current = number(id), current == previous + 1,
               last.prefix { !$0.isNumber } == id.prefix { !$0.isNumber } {
                runs[runs.count - 1].append(id)
            } else {
                runs.append([id])
            }
        }
        return runs.map { $0.count == 1 ? $0[0] : "\($0[0])...\($0[$0.count - 1])" }.joined(separator: ", ")
    }
}

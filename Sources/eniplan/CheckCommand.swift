import ArgumentParser
import EniplanCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Without a current state: preview what releasing each instance of the manifests would do.",
        discussion: "For compliance sweeps over every manifest in a repository."
    )

    @Argument(help: "Manifests to check.")
    var files: [String]

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var input: InputOptions

    func run() throws {
        let loader = input.loader
        let plan: Plan
        do {
            let catalog = try loader.regionCatalog(override: input.regionsFile)
            plan = try Planner(catalog: catalog).previewRelease(of: try loader.manifests(at: files))
        } catch {
            DiagnosticPrinter.print(error)
            throw ExitStatus.failure
        }
        PlanOutput.write(plan, format: format)
    }
}

import ArgumentParser
import EniplanCore

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Print the region catalogue in force: which regions retain primary ENIs, its version and source."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let catalog = try DiagnosticPrinter.failingOnProblems { () throws(InputError) in try input.loader.regionCatalog(override: input.regionsFile) }
        var lines = [
            "Region catalogue \(catalog.version.displaySafe) (\(catalog.origin.displaySafe))",
            "Source: \(catalog.source.displaySafe)",
            "Secondary ENIs can be retained in every region; primary ENI retention only where marked yes.",
            "",
        ]
        let width = max(6, catalog.regions.map(\.id.displaySafe.count).max() ?? 6)
        lines.append("REGION".padding(width) + "  PRIMARY RETENTION  NAME")
        for region in catalog.regions {
            lines.append(region.id.displaySafe.padding(width) + "  " + (region.primaryEniRetention ? "yes" : "no").padding(17) + "  " + region.name.displaySafe)
        }
        try StandardStreams.write(lines.joined(separator: "\n") + "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

import ArgumentParser
import EniplanCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that files load: well-formed YAML or JSON within eniplan's strict rules and limits, and that they decode as eniplan reads them: manifests, policies, configs, region catalogues and baselines, and Alibaba Cloud API responses (joined, as plan --current joins them); any other file is refused with the shapes eniplan knows.",
        discussion: """
            Reports every file that fails as `file:line:column: error: message` on standard error and \
            exits 1; prints a one-line summary per file that loads.
            """
    )

    @Argument(help: "YAML or JSON files to check.")
    var files: [String]

    @Flag(name: .customLong("tree"), help: "Print each file's positioned node tree and its comments; any well-formed YAML, eniplan input or not. Indented two spaces a level up to 64 levels; deeper lines say their depth.")
    var tree = false

    @OptionGroup(title: "Limits")
    var limits: LoaderLimitOptions

    func run() throws {
        let options = LoaderOptions(limits: limits.limits, mode: .strict)
        let loader = InputLoader(options: options)
        var loaded: [(String, YAMLDocument)] = []
        var responses: [YAMLDocument] = []
        var failed = false
        for file in files {
            let document: YAMLDocument
            do {
                document = try YAMLLoader.load(contentsOf: file, options: options)
            } catch {
                DiagnosticPrinter.print(error)
                failed = true
                continue
            }
            // Every eniplan input is decoded too, with every problem located; anything else must be an API response.
            do {
                if try loader.validate(document, acceptingAnyShape: tree) { responses.append(document) }
            } catch {
                DiagnosticPrinter.print(error)
                failed = true
                continue
            }
            loaded.append((file, document))
        }
        // API responses are joined as `plan --current` joins them, so the pages of one call go together.
        if !responses.isEmpty {
            do {
                _ = try loader.manifests(from: responses)
            } catch {
                DiagnosticPrinter.print(error)
                failed = true
            }
        }
        if failed { throw ExitStatus.failure }
        if tree {
            // Streamed as it is made: a tree's listing can be many times the size of its file.
            for (file, document) in loaded {
                try StandardStreams.write("\(DisplayText.path(file))\n")
                try document.writeOutline { try StandardStreams.write($0) }
            }
            return
        }
        var output = ""
        for (file, document) in loaded {
            let documents = document.roots.isEmpty ? "empty" : "1 document"
            output += "\(DisplayText.path(file)): ok, \(documents), \(document.nodeCount) nodes, \(document.comments.count) comments\n"
        }
        try StandardStreams.write(output)
    }
}

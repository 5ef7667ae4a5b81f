import ArgumentParser
import EniplanCore
import Foundation

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Work with current-state files.",
        subcommands: [Import.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Join Alibaba Cloud API responses into one `kind: State` manifest.",
            discussion: """
                Reads the JSON bodies of DescribeInstances, DescribeNetworkInterfaces, \
                DescribeNetworkInterfaceAttribute, DescribeEipAddresses, DescribeRouteEntryList and \
                DescribeRouteTables (pages and the `aliyun --pager` form too), joins them by id and \
                writes the state, deterministic, for review in git. The output file is written whole \
                or not at all.
                """
        )

        @Argument(help: "API response files (JSON as the aliyun CLI or an SDK saves it).")
        var files: [String]

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the state to this file instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if output?.isEmpty == true { throw ValidationError("-o needs a file name; leave it out to print to standard output") }
        }

        @OptionGroup(title: "Limits")
        var limits: LoaderLimitOptions

        func run() throws {
            if let output {
                try InputFile.refuseOverwriting(files.map { InputFile(role: "the API response", path: $0) }, with: output, named: "-o \(output)", holding: "state")
            }
            let loader = InputLoader(options: LoaderOptions(limits: limits.limits, mode: .strict))
            let yaml: String
            do {
                yaml = StateYAMLWriter.render(try loader.aliyunState(at: files))
            } catch {
                DiagnosticPrinter.print(error)
                throw ExitStatus.failure
            }
            guard let output else {
                try StandardStreams.write(yaml)
                return
            }
            do {
                try AtomicFile.write(yaml, to: output)
            } catch {
                StandardStreams.writeError(DiagnosticPrinter.line(.startOfFile(output), "error", "cannot write the state: \(error.reason)"))
                throw ExitStatus.failure
            }
        }
    }
}

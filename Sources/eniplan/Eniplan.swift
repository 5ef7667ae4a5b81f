#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import EniplanCore

@main
struct Eniplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eniplan",
        abstract: "Predict what releasing Alibaba Cloud ECS instances does to their ENIs, and gate on it.",
        discussion: """
            For every ENI, private IP, IPv6 address, EIP, security group membership and route entry, \
            eniplan says whether a change releases, dissociates or retains it, and flags what is wrong \
            with the exact file, line and column.

            EXIT CODES
              0   success
              1   eniplan could not do its job (unreadable or invalid input, bad config)
              2   changes present (only with plan --detailed-exitcode)
              3   blocking findings
              64  usage error
              128+n  killed by signal n (SIGTERM, SIGINT, SIGHUP, SIGPIPE), its temporary files removed
            """,
        version: EniplanVersion.current,
        subcommands: [PlanCommand.self, CheckCommand.self, RulesCommand.self, ExplainCommand.self, RegionsCommand.self, BaselineCommand.self, StateCommand.self, ValidateCommand.self]
    )

    /// ArgumentParser's `main`, but every byte of help, version and reports is written through the checked
    /// writer, so that standard output on a full disk fails the run instead of ending it with exit code 0.
    static func main() {
        Interruption.install()
        let status: ExitCode
        do {
            var command = try parseAsRoot()
            try command.run()
            status = ExitStatus.success
        } catch let failure as StandardStreams.OutputFailure {
            StandardStreams.writeError(failure.message + "\n")
            status = ExitStatus.failure
        } catch {
            status = report(error)
        }
        // Nothing should be left in the C library's buffer, as every write goes straight to its descriptor.
        if fflush(nil) != 0 {
            StandardStreams.writeError(StandardStreams.OutputFailure(code: errno).message + "\n")
            terminate(ExitStatus.failure)
        }
        terminate(status)
    }

    /// Says what ArgumentParser says for `error` (help and the version on standard output, the rest on standard
    /// error), and gives the exit code it calls for.
    private static func report(_ error: Error) -> ExitCode {
        let message = fullMessage(for: error)
        let status = exitCode(for: error)
        guard !message.isEmpty else { return status }
        guard status == ExitStatus.success else {
            // A usage error quotes the argument as given; each of its lines is escaped like any other input value.
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayText.escaped(String($0)) }
            StandardStreams.writeError(lines.joined(separator: "\n") + "\n")
            return status
        }
        do throws(StandardStreams.OutputFailure) {
            try StandardStreams.write(message + "\n")
        } catch {
            StandardStreams.writeError(error.message + "\n")
            return ExitStatus.failure
        }
        return status
    }
}

private func terminate(_ status: ExitCode) -> Never {
    exit(status.rawValue)
}

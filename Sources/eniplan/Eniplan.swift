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
            """,
        version: EniplanVersion.current,
        subcommands: [PlanCommand.self, CheckCommand.self, RulesCommand.self, ExplainCommand.self, RegionsCommand.self, BaselineCommand.self, StateCommand.self, ValidateCommand.self]
    )
}

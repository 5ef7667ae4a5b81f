import ArgumentParser

/// The exit codes of every eniplan command, as the README and `--help` list them.
enum ExitStatus {
    static let success = ExitCode(0)
    static let failure = ExitCode(1)
    static let changesPresent = ExitCode(2)
    static let blockingFindings = ExitCode(3)
    static let usage = ExitCode(64)
}

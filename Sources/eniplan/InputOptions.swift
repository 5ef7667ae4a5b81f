#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import EniplanCore

/// Options every command that reads manifests shares.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("regions"), help: ArgumentHelp("A region catalogue file that replaces the built-in one.", valueName: "file"))
    var regionsFile: String?

    @OptionGroup(title: "Limits")
    var limits: LoaderLimitOptions

    var loader: InputLoader { InputLoader(options: LoaderOptions(limits: limits.limits, mode: .strict)) }
}

/// `--color`: always, never, or auto (a terminal, and no NO_COLOR).
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case always, never, auto
}

/// Whether standard output gets colour.
enum Terminal {
    /// `always` colours even a CI log that is no terminal; `auto` colours a terminal unless NO_COLOR is set.
    static func wantsColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }
}

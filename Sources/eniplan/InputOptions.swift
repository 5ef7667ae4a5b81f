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

/// Whether standard output wants colour: a terminal, and no NO_COLOR.
enum Terminal {
    static var wantsColor: Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}

import EniplanCore
import ArgumentParser

/// The loader's limits as flags, shared by every command that reads files.
struct LoaderLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: "Largest input file, in bytes; suffixes KiB, MiB, GiB accepted. (default: 64MiB)")
    var maxFileSize: ByteSize?

    @Option(name: .customLong("max-depth"), help: "Deepest nesting of sequences and mappings. Large values expose libyaml's quadratic flow-nesting path: 50,000 nested '[' take seconds. (default: 128)")
    var maxDepth: Int?

    @Option(name: .customLong("max-alias-expansion"), help: "Most nodes that aliases may expand to, per file. (default: 100000)")
    var maxAliasExpansion: Int?

    @Option(name: .customLong("max-alias-bytes"), help: "Most bytes of scalar text that aliases may expand to, per file; suffixes KiB, MiB, GiB accepted. (default: 16MiB)")
    var maxAliasBytes: ByteSize?

    @Option(name: .customLong("max-scalar-size"), help: "Longest scalar, in bytes; suffixes KiB, MiB, GiB accepted. (default: 1MiB)")
    var maxScalarSize: ByteSize?

    func validate() throws {
        for (flag, value) in [("--max-depth", maxDepth), ("--max-alias-expansion", maxAliasExpansion)] {
            if let value, value < 1 { throw ValidationError("\(flag) must be at least 1") }
        }
    }

    var limits: LoaderLimits {
        var limits = LoaderLimits()
        if let maxFileSize { limits.maxFileBytes = maxFileSize.bytes }
        if let maxDepth { limits.maxDepth = maxDepth }
        if let maxAliasExpansion { limits.maxAliasExpansion = maxAliasExpansion }
        if let maxAliasBytes { limits.maxAliasBytes = maxAliasBytes.bytes }
        if let maxScalarSize { limits.maxScalarBytes = maxScalarSize.bytes }
        return limits
    }
}

/// A size given on the command line: `1048576`, `512KiB`, `64MiB`, `1GiB`.
struct ByteSize: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        var text = argument
        var multiplier = 1
        for (suffix, size) in units where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            multiplier = size
            break
        }
        guard let number = Int(text), number > 0 else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        bytes = product
    }
}

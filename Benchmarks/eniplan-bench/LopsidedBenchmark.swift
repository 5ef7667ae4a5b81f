/// Lopsided estates, end to end: a cost that grows with one resource's share of the others (a route table
/// whose entries all point to one ENI, an instance with thousands of ENIs, an ENI with a huge list of security
/// groups) hides in a realistic account, where every share is small. Each case is `eniplan plan` over a current
/// state and a desired manifest that releases the one instance, at two sizes; linear means the CPU time per unit
/// at the larger size stays within ``Report/linearTarget`` of the smaller's.
///
/// Also the start-up: `eniplan check` of a one-instance manifest, where the process's fixed cost is all there is.
enum LopsidedBenchmark {
    struct Case: Sendable {
        /// The report's name of the case.
        var name: String
        /// What `size` counts, plural.
        var unit: String
        /// The two sizes, smaller first.
        var sizes: [Int]
        /// The current state at a size; the desired manifest releases its one instance.
        var state: @Sendable (Int) -> [UInt8]
    }

    static let cases = [
        Case(name: "a route table whose entries all go to one released ENI", unit: "route entries", sizes: [25_000, 50_000],
             state: routeTableToOneENI),
        Case(name: "one released instance with thousands of ENIs", unit: "ENIs", sizes: [5_000, 10_000], state: instanceWithENIs),
        Case(name: "one released ENI with a long list of security groups", unit: "security groups", sizes: [100_000, 200_000],
             state: interfaceWithSecurityGroups),
    ]

    /// Start-up is a few milliseconds, where one run's noise is large: the best of many counts.
    static let startUpRuns = 20

    /// The desired manifest of every case: the one instance released, the route tables as they are.
    static let desired = Array("apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n".utf8)

    struct Measurement {
        var caseName: String
        var unit: String
        var size: Int
        var inputBytes: Int
        var runs: CLIBenchmark.Runs

        var cpuMicrosecondsPerUnit: Double { runs.bestCPU * 1e6 / Double(size) }
    }

    struct StartUp {
        var inputBytes: Int
        var runs: CLIBenchmark.Runs
    }

    /// Writes each case's inputs to `directory`, runs `eniplan plan` over them `runs` times, and removes them.
    static func measure(executable: String, runs: Int, directory: String) throws(BenchmarkFailure) -> [Measurement] {
        let desiredPath = directory + "/lopsided-desired.yaml"
        try FileIO.write(desired, to: desiredPath)
        defer { FileIO.removeFile(desiredPath) }
        var results: [Measurement] = []
        for (index, lopsided) in cases.enumerated() {
            for size in lopsided.sizes {
                FileIO.standardError("eniplan: measuring \(lopsided.name), \(size) \(lopsided.unit) (\(runs) runs)\n")
                let state = lopsided.state(size)
                let statePath = directory + "/lopsided-\(index)-\(size).yaml"
                try FileIO.write(state, to: statePath)
                defer { FileIO.removeFile(statePath) }
                let measured = try CLIBenchmark.Runs(runs, ["--cli", executable, "--child-cli-run", "text", statePath, desiredPath])
                results.append(Measurement(caseName: lopsided.name, unit: lopsided.unit, size: size,
                                           inputBytes: state.count + desired.count, runs: measured))
            }
        }
        return results
    }

    /// `eniplan check` of a generated one-instance manifest, `runs` times.
    static func measureStartUp(executable: String, runs: Int, seed: UInt64, directory: String) throws(BenchmarkFailure) -> StartUp {
        FileIO.standardError("eniplan: measuring start-up on one instance (\(runs) runs)\n")
        let manifest = ManifestGenerator(instanceCount: 1, seed: seed).generate()
        let path = directory + "/one-instance.yaml"
        try FileIO.write(manifest, to: path)
        defer { FileIO.removeFile(path) }
        return StartUp(inputBytes: manifest.count, runs: try CLIBenchmark.Runs(runs, ["--cli", executable, "--child-cli-sweep", "text", path]))
    }

    // MARK: The estates

    private static func header(_ lines: inout [UInt8]) {
        lines += Array("apiVersion: eniplan/v1\nkind: State\nregion: cn-hangzhou\ninstances:\n  - id: i-1\n    zone: cn-hangzhou-h\n".utf8)
        lines += Array("    vpc: vpc-1\n    status: running\n    networkInterfaces:\n".utf8)
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes += Array(text.utf8)
        bytes.append(0x0A)
    }

    /// A distinct /29 out of 100.64.0.0/10 for each index.
    private static func destination(_ index: Int) -> String {
        let block = index * 8
        return "100.\(64 + (block >> 16) % 64).\((block >> 8) & 0xFF).\(block & 0xFF)/29"
    }

    /// A distinct private address in 10.0.0.0/8 for each index.
    private static func privateAddress(_ index: Int) -> String {
        let host = index + 4
        return "10.\((host >> 16) & 0xFF).\((host >> 8) & 0xFF).\(host & 0xFF)"
    }

    /// Instance i-1 with its primary ENI (released with it), and one route table of `entries` entries, every one
    /// of them to that ENI: each is deleted with it, and each is a finding (ENI003).
    static func routeTableToOneENI(_ entries: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        header(&bytes)
        append("      - id: eni-1\n        type: primary\n        deleteOnRelease: true\n        vswitch: vsw-1", to: &bytes)
        append("        privateIpv4: [10.0.0.4]\n        securityGroups: [sg-1]", to: &bytes)
        append("routeTables:\n  - id: vtb-1\n    vpc: vpc-1\n    entries:", to: &bytes)
        for index in 0..<entries {
            append("      - destination: \(destination(index))\n        nextHop: eni-1", to: &bytes)
        }
        return bytes
    }

    /// Instance i-1 with `count` ENIs: its primary and secondaries, a third of them retained, each with its own
    /// addresses (every fourth with IPv6 too), security groups and tags.
    static func instanceWithENIs(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        header(&bytes)
        let network = GeneratedAccount.ipv6Network(vpc: 0, zone: 0)
        for index in 0..<count {
            append("      - id: \(GeneratedAccount.resourceID("eni", index))", to: &bytes)
            append("        type: \(index == 0 ? "primary" : "secondary")", to: &bytes)
            append("        deleteOnRelease: \(index % 3 != 0)", to: &bytes)
            append("        vswitch: vsw-1", to: &bytes)
            append("        privateIpv4: [\(privateAddress(2 * index)), \(privateAddress(2 * index + 1))]", to: &bytes)
            if index % 4 == 0 {
                append("        ipv6: [\"\(GeneratedAccount.ipv6Address(network: network, host: index + 1))\"]", to: &bytes)
            }
            append("        securityGroups: [\(GeneratedAccount.resourceID("sg", index % 12)), \(GeneratedAccount.resourceID("sg", 12 + index % 7))]", to: &bytes)
            append("        tags: {env: prod, team: infra}", to: &bytes)
        }
        return bytes
    }

    /// Instance i-1 with one primary ENI, released with it, in `count` security groups, one a line.
    static func interfaceWithSecurityGroups(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        header(&bytes)
        append("      - id: eni-1\n        type: primary\n        deleteOnRelease: true\n        vswitch: vsw-1", to: &bytes)
        append("        privateIpv4: [10.0.0.4]\n        securityGroups:", to: &bytes)
        for index in 0..<count { append("          - \(GeneratedAccount.resourceID("sg", index))", to: &bytes) }
        return bytes
    }
}

extension Report {
    /// Time per unit at the larger size of a lopsided case, and per resource at the largest plan size, may be at most
    /// this multiple of the smaller size's.
    static let linearTarget = 1.1
    /// The CPU time of `eniplan check` on a one-instance manifest may be at most this many seconds.
    static let startUpTarget = 0.010

    func lopsidedSection() -> String {
        guard !lopsidedResults.isEmpty || startUp != nil else { return "" }
        var text = "\n## Lopsided estates and start-up\n\n"
        text += "The `eniplan` executable (`--cli`), `plan` (text) over a current state whose one instance the desired manifest "
        text += "releases, shaped so that one resource holds a large share of the others (`LopsidedBenchmark`), at two sizes. "
        text += "CPU time (user and system) of the process, the best of the runs; the resident-set peak is the kernel's. "
        text += "Linear: the CPU time per unit at the larger size within \(fixed(Self.linearTarget, 1))x of the smaller's.\n\n"
        if !lopsidedResults.isEmpty {
            text += table(
                ["case", "size", "inputs MB", "exit", "runs", "CPU s", "CPU µs / unit", "peak MB"],
                lopsidedResults.map { m in
                    [m.caseName, "\(m.size) \(m.unit)", fixed(Double(m.inputBytes) / LoadMeasurement.megabyte, 2), String(m.runs.status),
                     String(m.runs.count), fixed(m.runs.bestCPU, 3), fixed(m.cpuMicrosecondsPerUnit, 2),
                     fixed(Double(m.runs.peak) / LoadMeasurement.megabyte, 1)]
                })
        }
        if let startUp {
            text += "\nStart-up: `eniplan check` of a generated one-instance manifest (\(startUp.inputBytes) bytes), \(startUp.runs.count) runs: "
            text += "best \(fixed(startUp.runs.bestCPU * 1_000, 1)) ms of CPU, \(fixed(startUp.runs.bestWall * 1_000, 1)) ms of wall time; "
            text += "peak \(fixed(Double(startUp.runs.peak) / LoadMeasurement.megabyte, 1)) MB.\n"
        }
        return text
    }

    /// Each lopsided case's larger size against its smaller: the ratio of CPU time per unit.
    var lopsidedPairs: [(small: LopsidedBenchmark.Measurement, large: LopsidedBenchmark.Measurement, ratio: Double)] {
        var pairs: [(LopsidedBenchmark.Measurement, LopsidedBenchmark.Measurement, Double)] = []
        for (small, large) in zip(lopsidedResults, lopsidedResults.dropFirst()) where small.caseName == large.caseName {
            pairs.append((small, large, large.cpuMicrosecondsPerUnit / small.cpuMicrosecondsPerUnit))
        }
        return pairs
    }
}

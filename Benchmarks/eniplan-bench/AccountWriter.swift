/// Writes a ``GeneratedAccount`` as YAML text, line by line into one byte array, in the block style
/// a person would write: a `kind: Manifest` (desired state) or a `kind: State` (current state).
struct AccountWriter {
    enum Kind: String {
        case manifest = "Manifest"
        case state = "State"
    }

    var kind: Kind
    /// The first line, a comment saying where the file comes from.
    var headline: String

    func write(_ account: GeneratedAccount) -> [UInt8] {
        var output = Output()
        output.bytes.reserveCapacity(account.instances.count * 1_100 + 4_096)
        output.line("# \(headline)")
        output.line("apiVersion: eniplan/v1")
        output.line("kind: \(kind.rawValue)")
        output.line("region: \(GeneratedAccount.region)")
        output.line("instances:")
        for instance in account.instances { write(instance, to: &output) }
        output.line("networkInterfaces:")
        for eni in account.standaloneInterfaces { write(eni, standalone: true, indent: "  - ", to: &output) }
        output.line("eips:")
        for eip in account.eips {
            output.line("  - id: \(eip.id)")
            output.line("    address: \(eip.address)")
            output.line("    chargeType: \(eip.chargeType)")
        }
        output.line("routeTables:")
        for table in account.routeTables {
            output.line("  - id: \(table.id)")
            output.line("    vpc: \(table.vpc)")
            if table.entries.isEmpty {
                output.line("    entries: []")
                continue
            }
            output.line("    entries:")
            for entry in table.entries {
                output.line("      - destination: \(entry.destination)")
                output.line("        nextHop: \(entry.nextHop)")
            }
        }
        return output.bytes
    }

    private func write(_ instance: GeneratedAccount.Instance, to output: inout Output) {
        if let id = instance.id {
            output.line("  - id: \(id)")
            output.line("    name: \(instance.name)")
        } else {
            output.line("  - name: \(instance.name)")
        }
        output.line("    zone: \(instance.zone)")
        output.line("    vpc: \(instance.vpc)")
        output.line("    status: \(instance.isRunning ? "running" : "stopped")")
        output.line("    deletionProtection: \(instance.deletionProtection)")
        output.line("    networkInterfaces:")
        for eni in instance.interfaces { write(eni, standalone: false, indent: "      - ", to: &output) }
    }

    private func write(_ eni: GeneratedAccount.Interface, standalone: Bool, indent first: String, to output: inout Output) {
        let rest = String(repeating: " ", count: first.count)
        if let id = eni.id {
            output.line(first + "id: \(id)")
        } else {
            output.line(first + "name: \(eni.name ?? "")")
        }
        if standalone {
            output.line(rest + "zone: \(eni.zone)")
            output.line(rest + "vpc: \(eni.vpc)")
        } else {
            output.line(rest + "type: \(eni.isPrimary ? "primary" : "secondary")")
        }
        if let flag = eni.deleteOnRelease { output.line(rest + "deleteOnRelease: \(flag)") }
        output.line(rest + "vswitch: \(eni.vswitch)")
        output.line(rest + "privateIpv4: [\(eni.privateIpv4.joined(separator: ", "))]")
        if !eni.ipv4Prefixes.isEmpty { output.line(rest + "ipv4Prefixes: [\(eni.ipv4Prefixes.joined(separator: ", "))]") }
        if !eni.ipv6.isEmpty { output.line(rest + "ipv6: [\(eni.ipv6.map { "\"\($0)\"" }.joined(separator: ", "))]") }
        if !eni.ipv6Prefixes.isEmpty { output.line(rest + "ipv6Prefixes: [\(eni.ipv6Prefixes.map { "\"\($0)\"" }.joined(separator: ", "))]") }
        if let bandwidth = eni.ipv6Bandwidth { output.line(rest + "ipv6Bandwidth: \(bandwidth)") }
        if let eip = eni.eip {
            if eni.hasIgnoreComment { output.line(rest + "# eniplan:ignore ENI002 reason=\"kept for failover\" expires=2027-01-31") }
            output.line(rest + "eip: \(eip)")
        }
        output.line(rest + "securityGroups: [\(eni.securityGroups.joined(separator: ", "))]")
        output.line(rest + "tags: {\(eni.tags.map { "\($0.name): \($0.value)" }.joined(separator: ", "))}")
    }

    private struct Output {
        var bytes: [UInt8] = []

        mutating func line(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(0x0A)
        }
    }
}

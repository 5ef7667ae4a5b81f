/// Writes a state as a `kind: State` manifest: the shape of `Schemas/state.schema.json`, in the key
/// order of the manifest format, resources sorted by id, so that the same state gives the same bytes
/// and a diff in git shows what changed in the cloud.
public enum StateYAMLWriter {
    /// The YAML of `state`, under a comment that names the API calls it was read from.
    public static func render(_ state: AliyunState) -> String {
        let calls = AliyunCall.allCases.compactMap { call -> String? in
            guard let files = state.files[call] else { return nil }
            return files.count == 1 ? call.name : "\(call.name) (\(files.count) files)"
        }
        return render(state.manifest, comment: ["The current state, read by `eniplan state import` from Alibaba Cloud API responses of:"]
            + calls.map { "  " + $0 } + ["Import it again rather than edit it."])
    }

    /// The YAML of `manifest` as a `kind: State` file, under `comment` lines.
    public static func render(_ manifest: Manifest, comment: [String] = []) -> String {
        var lines = comment.map { "# " + $0 }
        lines.append("apiVersion: \(ManifestDecoder.apiVersion)")
        lines.append("kind: State")
        if let region = manifest.region { lines.append("region: \(scalar(region))") }
        if !manifest.instances.isEmpty {
            lines.append("instances:")
            for instance in manifest.instances.sorted(by: { $0.identity < $1.identity }) { lines += self.lines(of: instance) }
        }
        if !manifest.networkInterfaces.isEmpty {
            lines.append("networkInterfaces:")
            for eni in manifest.networkInterfaces.sorted(by: { $0.identity < $1.identity }) {
                lines += self.lines(of: eni, standalone: true, indent: "  ")
            }
        }
        if !manifest.eips.isEmpty {
            lines.append("eips:")
            for eip in manifest.eips.sorted(by: { $0.id < $1.id }) {
                var pairs: [(EIP.Field, String)] = [(.id, scalar(eip.id))]
                if let address = eip.address { pairs.append((.address, scalar(address))) }
                if let chargeType = eip.chargeType { pairs.append((.chargeType, scalar(chargeType))) }
                lines.append("  - " + flowMapping(pairs))
            }
        }
        if !manifest.routeTables.isEmpty {
            lines.append("routeTables:")
            for table in manifest.routeTables.sorted(by: { $0.id < $1.id }) {
                lines.append("  - id: \(scalar(table.id))")
                if let vpc = table.vpc { lines.append("    vpc: \(scalar(vpc))") }
                guard !table.entries.isEmpty else { continue }
                lines.append("    entries:")
                for entry in table.entries {
                    var pairs: [(RouteEntry.Field, String)] = []
                    if let id = entry.id { pairs.append((.id, scalar(id))) }
                    pairs += [(.destination, scalar(entry.destination)), (.nextHop, scalar(entry.nextHop))]
                    lines.append("      - " + flowMapping(pairs))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func lines(of instance: Instance) -> [String] {
        var lines: [String] = []
        var fields: [(Instance.Field, String)] = []
        if let id = instance.id { fields.append((.id, scalar(id))) }
        if let name = instance.name { fields.append((.name, scalar(name))) }
        if let zone = instance.zone { fields.append((.zone, scalar(zone))) }
        if let vpc = instance.vpc { fields.append((.vpc, scalar(vpc))) }
        if let status = instance.status { fields.append((.status, status.rawValue)) }
        if let protection = instance.deletionProtection { fields.append((.deletionProtection, protection ? "true" : "false")) }
        if let charge = instance.chargeType { fields.append((.chargeType, charge.rawValue)) }
        if let expiredTime = instance.expiredTime { fields.append((.expiredTime, scalar(expiredTime))) }
        if let expired = instance.expired { fields.append((.expired, expired ? "true" : "false")) }
        if let publicIp = instance.publicIp { fields.append((.publicIp, scalar(publicIp))) }
        if let eip = instance.eip { fields.append((.eip, scalar(eip))) }
        if !instance.tags.isEmpty { fields.append((.tags, flowMapping(tagPairs(instance.tags)))) }
        if !instance.networkInterfacesComplete { fields.append((.networkInterfacesComplete, "false")) }
        for (index, field) in fields.enumerated() {
            if field.0 == .networkInterfacesComplete && index > 0 {
                lines.append("    # only some of its ENIs are known: add the output of DescribeInstances for the others")
            }
            lines.append((index == 0 ? "  - " : "    ") + "\(field.0.rawValue): \(field.1)")
        }
        if fields.isEmpty { lines.append("  - networkInterfaces:") } else { lines.append("    networkInterfaces:") }
        for eni in instance.networkInterfaces { lines += self.lines(of: eni, standalone: false, indent: "      ") }
        return lines
    }

    private static func lines(of eni: NetworkInterface, standalone: Bool, indent: String) -> [String] {
        var fields: [(NetworkInterface.Field, String)] = []
        if let id = eni.id { fields.append((.id, scalar(id))) }
        if let name = eni.name { fields.append((.name, scalar(name))) }
        if !standalone { fields.append((.type, eni.type.rawValue)) }
        var unknownFlag: String?
        switch eni.deleteOnRelease {
        case .explicit(let flag): fields.append((.deleteOnRelease, flag ? "true" : "false"))
        case .defaulted: break
        case .unknown(let reason): unknownFlag = reason
        }
        if let vswitch = eni.vswitch { fields.append((.vswitch, scalar(vswitch))) }
        if standalone {
            if let zone = eni.zone { fields.append((.zone, scalar(zone))) }
            if let vpc = eni.vpc { fields.append((.vpc, scalar(vpc))) }
            if eni.serviceManaged { fields.append((.serviceManaged, "true")) }
        }
        for (key, values) in [(NetworkInterface.Field.privateIpv4, eni.privateIpv4), (.ipv4Prefixes, eni.ipv4Prefixes), (.ipv6, eni.ipv6),
                              (.ipv6Prefixes, eni.ipv6Prefixes)] where !values.isEmpty {
            fields.append((key, flowSequence(values)))
        }
        if let bandwidth = eni.ipv6Bandwidth { fields.append((.ipv6Bandwidth, String(bandwidth))) }
        if let eips = eipsField(eni.eips) { fields.append(eips) }
        if !eni.securityGroups.isEmpty { fields.append((.securityGroups, flowSequence(eni.securityGroups))) }
        if !eni.tags.isEmpty { fields.append((.tags, flowMapping(tagPairs(eni.tags)))) }
        var lines: [String] = []
        for (index, field) in fields.enumerated() {
            lines.append(indent + (index == 0 ? "- " : "  ") + "\(field.0.rawValue): \(field.1)")
        }
        if let unknownFlag {
            // A comment, not a key: without the key the flag reads back as unknown, and the comment says why.
            lines.append(indent + "  # deleteOnRelease unknown: " + unknownFlag.filter { !$0.isNewline })
        }
        return lines
    }

    /// One EIP with no private address as `eip: eip-1`, as it always was; several as `eips`, each with its address.
    private static func eipsField(_ bindings: [NetworkInterface.EIPBinding]) -> (NetworkInterface.Field, String)? {
        if bindings.count == 1, let only = bindings.first, only.privateIp == nil { return (.eip, scalar(only.id)) }
        guard !bindings.isEmpty else { return nil }
        let entries = bindings.map { binding in
            flowMapping([(NetworkInterface.EIPBinding.Field.id, scalar(binding.id))]
                        + (binding.privateIp.map { [(NetworkInterface.EIPBinding.Field.privateIp, scalar($0))] } ?? []))
        }
        return (.eips, "[" + entries.joined(separator: ", ") + "]")
    }

    private static func tagPairs(_ tags: [String: String]) -> [(String, String)] {
        tags.sorted { $0.key < $1.key }.map { (scalar($0.key), scalar($0.value)) }
    }

    private static func flowSequence(_ values: [String]) -> String {
        "[" + values.map(scalar).joined(separator: ", ") + "]"
    }

    private static func flowMapping<Field: ResourceField>(_ pairs: [(Field, String)]) -> String {
        flowMapping(pairs.map { ($0.0.rawValue, $0.1) })
    }

    private static func flowMapping(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// YAML 1.1 words that other readers (PyYAML) take for booleans or null, in any case.
    private static let specialWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// A scalar, plain where every YAML reader (1.1 and 1.2, block and flow) reads it as the same text,
    /// double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first else { return "\"\"" }
        func isLetter(_ character: Unicode.Scalar) -> Bool { ("a"..."z").contains(character) || ("A"..."Z").contains(character) }
        let isWord = isLetter(first)
        let wordCharacters = scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "/" || $0 == "-" }
        if isWord && wordCharacters && !specialWords.contains(text.lowercased()) { return text }
        // An IPv4 address or CIDR block: digits, at least two dots (so never a number), maybe a slash.
        let dotted = scalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "/" }
        if dotted && scalars.filter({ $0 == "." }).count >= 2 && ("0"..."9").contains(first) { return text }
        var quoted = "\""
        for character in scalars {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if character.properties.generalCategory == .control || character.properties.generalCategory == .format
                    || character == "\u{2028}" || character == "\u{2029}"
                {
                    let hex = String(character.value, radix: 16, uppercase: true)
                    quoted += character.value <= 0xFFFF
                        ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                        : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                } else {
                    quoted.unicodeScalars.append(character)
                }
            }
        }
        return quoted + "\""
    }
}

import EniplanYAML

/// Turns a loaded `kind: Manifest` or `kind: State` file into the model, with a located error for
/// every wrong type, missing field, unknown key, bad value and duplicate id.
package enum ManifestDecoder {
    static let topFields = FieldSchema(Manifest.Field.allCases)
    static let scopeFields = FieldSchema(Scope.Field.allCases)
    static let instanceFields = FieldSchema(Instance.Field.allCases)
    static let attachedInterfaceFields = FieldSchema(NetworkInterface.Field.allCases.filter { $0 != .zone && $0 != .vpc && $0 != .serviceManaged })
    static let standaloneInterfaceFields = FieldSchema(NetworkInterface.Field.allCases.filter { $0 != .type })
    static let eipFields = FieldSchema(EIP.Field.allCases)
    static let eipBindingFields = FieldSchema(NetworkInterface.EIPBinding.Field.allCases)
    static let routeTableFields = FieldSchema(RouteTable.Field.allCases)
    static let routeEntryFields = FieldSchema(RouteEntry.Field.allCases)

    package static let apiVersion = "eniplan/v1"

    /// Whether the document says it is a manifest or a state file (`kind: Manifest` or `kind: State`).
    package static func declaresManifest(_ document: YAMLDocument) -> Bool {
        guard let root = document.root, document.kind(root) == .mapping else { return false }
        return document.entries(root).contains { entry in
            document.scalar(entry.key, equals: Manifest.Field.kind.rawValue)
                && Manifest.Kind.allCases.contains { document.scalar(entry.value, equals: $0.rawValue) }
        }
    }

    /// Decodes `document`; throws ``InputError`` with every problem found.
    package static func decode(_ document: YAMLDocument) throws(InputError) -> Manifest {
        var context = DecodingContext(document: document)
        let manifest = decode(document, context: &context)
        if let manifest, context.diagnostics.isEmpty { return manifest }
        throw InputError(context.diagnostics)
    }

    private static func decode(_ document: YAMLDocument, context: inout DecodingContext) -> Manifest? {
        guard let root = document.root else {
            context.error(.emptyFile, .startOfFile(document.file), "the file is empty; expected a manifest starting with 'apiVersion: \(apiVersion)'")
            return nil
        }
        if let refusal = DocumentShape.refusal(document, as: "an eniplan manifest", fields: topFields.names, kinds: Manifest.Kind.allCases.map(\.rawValue)) {
            context.append(refusal)
            return nil
        }
        guard let top = context.mapping(root, "the manifest", schema: topFields) else { return nil }
        if let version = top[.apiVersion] {
            if let text = context.string(version, "apiVersion"), text != apiVersion {
                context.error(.unsupportedVersion, context.range(version), DocumentShape.apiVersionMismatch(text))
            }
        } else {
            context.error(.missingKey, top.range, "the manifest has no 'apiVersion'; add 'apiVersion: \(apiVersion)'")
        }
        var kind = Manifest.Kind.manifest
        var kindRange = top.range
        if let kindNode = top[.kind] {
            kindRange = top.range(of: .kind) ?? kindRange
            if let text = context.string(kindNode, "kind") {
                if let parsed = Manifest.Kind(rawValue: text) {
                    kind = parsed
                } else {
                    context.error(.wrongKind, context.range(kindNode), DocumentShape.kindMismatch(text, expected: Manifest.Kind.allCases.map(\.rawValue)))
                }
            }
        } else {
            context.error(.missingKey, top.range, "the manifest has no 'kind'; add 'kind: Manifest' (desired state) or 'kind: State' (current state)")
        }
        var manifest = Manifest(kind: kind, file: document.file, range: kindRange)
        manifest.comments = document.comments
        if let region = top[.region] {
            manifest.region = context.string(region, "region")
            manifest.regionRange = top.range(of: .region)
        }
        if let scope = top[.scope], let fields = context.mapping(scope, "scope", schema: scopeFields) {
            manifest.scope = Scope(
                vpcs: fields[.vpcs].map { context.stringList($0, "scope.vpcs") } ?? [],
                tags: fields[.tags].map { context.stringMap($0, "scope.tags") } ?? [:])
        }
        if let list = top[.instances], let items = context.list(list, "instances") {
            manifest.instances = items.compactMap { instance($0, kind: kind, context: &context) }
        }
        if let list = top[.networkInterfaces], let items = context.list(list, "networkInterfaces") {
            manifest.networkInterfaces = items.compactMap {
                networkInterface($0, standalone: true, kind: kind, context: &context)
            }
        }
        if let list = top[.eips], let items = context.list(list, "eips") {
            manifest.eips = items.compactMap { eip($0, context: &context) }
        }
        if let list = top[.routeTables], let items = context.list(list, "routeTables") {
            manifest.routeTables = items.compactMap { routeTable($0, context: &context) }
        }
        checkUniqueIdentities(manifest, context: &context)
        return manifest
    }

    private static func instance(_ node: NodeID, kind: Manifest.Kind, context: inout DecodingContext) -> Instance? {
        guard let fields = context.mapping(node, "an instance", schema: instanceFields) else { return nil }
        var instance = Instance(range: fields.range, fields: fields.ranges)
        instance.id = fields[.id].flatMap { context.string($0, "an instance's id") }
        instance.name = fields[.name].flatMap { context.string($0, "an instance's name") }
        instance.zone = fields[.zone].flatMap { context.string($0, "zone") }
        instance.vpc = fields[.vpc].flatMap { context.string($0, "vpc") }.map { context.shared($0) }
        instance.status = fields[.status].flatMap { context.choice($0, "status", as: Instance.Status.self) }
        instance.deletionProtection = fields[.deletionProtection].flatMap { context.bool($0, "deletionProtection") }
        instance.chargeType = fields[.chargeType].flatMap { context.choice($0, "chargeType", as: Instance.ChargeType.self) }
        instance.expiredTime = fields[.expiredTime].flatMap { context.string($0, "expiredTime") }
        instance.expired = fields[.expired].flatMap { context.bool($0, "expired") }
        instance.publicIp = fields[.publicIp].flatMap { context.string($0, "publicIp", validate: AddressSyntax.ipv4Problem) }
        instance.eip = fields[.eip].flatMap { context.string($0, "eip") }
        instance.tags = fields[.tags].map { context.shared(context.stringMap($0, "tags")) } ?? [:]
        if instance.id == nil && instance.name == nil {
            context.error(.missingKey, fields.range, "an instance needs an 'id' (an existing instance) or a 'name' (a new one)")
        } else if kind == .state && instance.id == nil {
            context.error(.missingKey, fields.range, "instance '\(DisplayText.quoted(instance.identity))' in a state file needs an 'id'")
        }
        if let complete = fields[.networkInterfacesComplete], let flag = context.bool(complete, "networkInterfacesComplete") {
            if kind == .state {
                instance.networkInterfacesComplete = flag
            } else if !flag {
                context.error(.invalidValue, context.range(complete), "'networkInterfacesComplete: false' belongs in a state (kind: State), which may know an instance only through some of its ENIs; a manifest lists every ENI an instance has")
            }
        }
        if let list = fields[.networkInterfaces], let items = context.list(list, "networkInterfaces") {
            instance.networkInterfaces = items.compactMap { networkInterface($0, standalone: false, kind: kind, context: &context) }
            let primaries = instance.networkInterfaces.indices.filter { instance.networkInterfaces[$0].type == .primary }
            // A state that knows only some of the instance's ENIs may not know its primary one.
            if primaries.isEmpty && instance.networkInterfacesComplete {
                context.error(.missingKey, fields.range(of: .networkInterfaces) ?? fields.range,
                              "instance '\(DisplayText.quoted(instance.identity))' has no primary ENI; mark exactly one with 'type: primary'")
            } else if primaries.count > 1 {
                let first = instance.networkInterfaces[primaries[0]], second = instance.networkInterfaces[primaries[1]]
                context.error(.conflictingValues, second.fields[.type] ?? second.range,
                              "instance '\(DisplayText.quoted(instance.identity))' has more than one primary ENI",
                              notes: [YAMLError.Note(range: first.fields[.type] ?? first.range, message: "the first primary ENI is here")])
            }
        } else if fields[.networkInterfaces] == nil {
            context.error(.missingKey, fields.range, "instance '\(DisplayText.quoted(instance.identity))' lists no networkInterfaces; every instance has a primary ENI")
        }
        for index in instance.networkInterfaces.indices {
            instance.networkInterfaces[index].zone = instance.zone
            instance.networkInterfaces[index].vpc = instance.vpc
        }
        return instance
    }

    private static func networkInterface(_ node: NodeID, standalone: Bool, kind: Manifest.Kind,
                                         context: inout DecodingContext) -> NetworkInterface? {
        let what = standalone ? "a standalone ENI" : "an ENI"
        guard let fields = context.mapping(node, what, schema: standalone ? standaloneInterfaceFields : attachedInterfaceFields) else {
            return nil
        }
        var eni = NetworkInterface(range: fields.range, fields: fields.ranges)
        eni.id = fields[.id].flatMap { context.string($0, "an ENI's id") }
        eni.name = fields[.name].flatMap { context.string($0, "an ENI's name") }
        if eni.id == nil && eni.name == nil {
            context.error(.missingKey, fields.range, "\(what) needs an 'id' (an existing ENI) or a 'name' (a new one)")
        }
        if !standalone {
            if let type = fields[.type] {
                eni.type = context.choice(type, "type", as: NetworkInterface.InterfaceType.self) ?? .secondary
            } else {
                context.error(.missingKey, fields.range, "ENI '\(DisplayText.quoted(eni.identity))' has no 'type'; write 'type: primary' or 'type: secondary'")
            }
        }
        if let flag = fields[.deleteOnRelease] {
            eni.deleteOnRelease = context.bool(flag, "deleteOnRelease").map { .explicit($0) } ?? .defaulted
        } else if kind == .state {
            eni.deleteOnRelease = .unknown(reason: "the state file does not record deleteOnRelease for this ENI")
        }
        eni.vswitch = fields[.vswitch].flatMap { context.string($0, "vswitch") }.map { context.shared($0) }
        eni.zone = fields[.zone].flatMap { context.string($0, "zone") }
        eni.vpc = fields[.vpc].flatMap { context.string($0, "vpc") }.map { context.shared($0) }
        eni.privateIpv4 = fields[.privateIpv4].map { context.stringList($0, "privateIpv4", validate: AddressSyntax.ipv4Problem) } ?? []
        eni.ipv4Prefixes = fields[.ipv4Prefixes].map { context.stringList($0, "ipv4Prefixes", validate: AddressSyntax.ipv4CIDRProblem) } ?? []
        eni.ipv6 = fields[.ipv6].map { context.stringList($0, "ipv6", validate: AddressSyntax.ipv6Problem) } ?? []
        eni.ipv6Prefixes = fields[.ipv6Prefixes].map { context.stringList($0, "ipv6Prefixes", validate: AddressSyntax.ipv6CIDRProblem) } ?? []
        eni.ipv6Bandwidth = fields[.ipv6Bandwidth].flatMap { context.integer($0, "ipv6Bandwidth") }
        eni.eips = eipBindings(of: eni, fields, context: &context)
        eni.securityGroups = fields[.securityGroups].map { context.stringList($0, "securityGroups").map { context.shared($0) } } ?? []
        eni.tags = fields[.tags].map { context.shared(context.stringMap($0, "tags")) } ?? [:]
        eni.serviceManaged = fields[.serviceManaged].flatMap { context.bool($0, "serviceManaged") } ?? false
        return eni
    }

    /// An ENI's EIPs: one as `eip`, or several as `eips`, each bound to one of the ENI's private IPv4 addresses
    /// (NAT mode). The two keys together, an EIP listed twice, two EIPs on one address and an address the ENI's
    /// `privateIpv4` does not list are errors.
    private static func eipBindings(of eni: NetworkInterface, _ fields: ResourceMapping<NetworkInterface.Field>,
                                    context: inout DecodingContext) -> [NetworkInterface.EIPBinding] {
        let single = fields[.eip].flatMap { context.string($0, "eip") }
        guard let list = fields[.eips] else { return single.map { [NetworkInterface.EIPBinding(id: $0)] } ?? [] }
        if let eipRange = fields.range(of: .eip) {
            context.error(.conflictingValues, fields.range(of: .eips) ?? fields.range,
                          "ENI '\(DisplayText.quoted(eni.identity))' has both 'eip' and 'eips'; write one EIP as 'eip', or several as 'eips'",
                          notes: [YAMLError.Note(range: eipRange, message: "'eip' is here")])
            return []
        }
        guard let items = context.list(list, "eips") else { return [] }
        var bindings: [NetworkInterface.EIPBinding] = []
        var seenIDs: [String: SourceRange] = [:]
        var seenAddresses: [String: (eip: String, range: SourceRange)] = [:]
        let addresses = Set(eni.privateIpv4)
        for item in items {
            guard let entry = context.mapping(item, "an entry of eips", schema: eipBindingFields) else { continue }
            guard let id = entry[.id].flatMap({ context.string($0, "an EIP's id") }) else {
                if entry[.id] == nil { context.error(.missingKey, entry.range, "an entry of eips needs an 'id' (the EIP's allocation id, like eip-bp1...)") }
                continue
            }
            let idRange = entry.range(of: .id) ?? entry.range
            if let first = seenIDs[id] {
                context.error(.duplicateId, idRange, "EIP '\(DisplayText.quoted(id))' is listed twice in the eips of ENI '\(DisplayText.quoted(eni.identity))'",
                              notes: [YAMLError.Note(range: first, message: "first listed here")])
                continue
            }
            seenIDs[id] = idRange
            var binding = NetworkInterface.EIPBinding(id: id, range: entry.range)
            if let node = entry[.privateIp], let address = context.string(node, "privateIp", validate: AddressSyntax.ipv4Problem) {
                let addressRange = context.range(node)
                if let other = seenAddresses[address] {
                    context.error(.conflictingValues, addressRange,
                                  "EIPs '\(DisplayText.quoted(other.eip))' and '\(DisplayText.quoted(id))' are both bound to '\(DisplayText.quoted(address))'; a private IP address carries one EIP",
                                  notes: [YAMLError.Note(range: other.range, message: "'\(DisplayText.quoted(other.eip))' is bound to it here")])
                } else if !addresses.isEmpty && !addresses.contains(address) {
                    context.error(.invalidValue, addressRange,
                                  "EIP '\(DisplayText.quoted(id))' is bound to '\(DisplayText.quoted(address))', which is not among the privateIpv4 of ENI '\(DisplayText.quoted(eni.identity))'",
                                  notes: fields.range(of: .privateIpv4).map { [YAMLError.Note(range: $0, message: "the ENI's private IPv4 addresses are here")] } ?? [])
                } else {
                    seenAddresses[address] = (id, addressRange)
                }
                binding.privateIp = address
            }
            bindings.append(binding)
        }
        return bindings
    }

    private static func eip(_ node: NodeID, context: inout DecodingContext) -> EIP? {
        guard let fields = context.mapping(node, "an EIP", schema: eipFields) else { return nil }
        guard let id = fields[.id].flatMap({ context.string($0, "an EIP's id") }) else {
            if fields[.id] == nil { context.error(.missingKey, fields.range, "an EIP needs an 'id' (its allocation id, like eip-bp1...)") }
            return nil
        }
        return EIP(id: id,
                   address: fields[.address].flatMap { context.string($0, "address", validate: AddressSyntax.ipv4Problem) },
                   chargeType: fields[.chargeType].flatMap { context.string($0, "chargeType") },
                   range: fields.range)
    }

    private static func routeTable(_ node: NodeID, context: inout DecodingContext) -> RouteTable? {
        guard let fields = context.mapping(node, "a route table", schema: routeTableFields) else { return nil }
        guard let id = fields[.id].flatMap({ context.string($0, "a route table's id") }) else {
            if fields[.id] == nil { context.error(.missingKey, fields.range, "a route table needs an 'id' (like vtb-bp1...)") }
            return nil
        }
        var table = RouteTable(id: id, vpc: fields[.vpc].flatMap { context.string($0, "vpc") }, range: fields.range)
        table.listsEntries = fields[.entries] != nil
        if let list = fields[.entries], let items = context.list(list, "entries") {
            for item in items {
                guard let entry = context.mapping(item, "a route entry", schema: routeEntryFields) else { continue }
                let destination = entry[.destination].flatMap { node -> String? in
                    guard let text = context.string(node, "destination") else { return nil }
                    if let problem = AddressSyntax.destinationProblem(text) {
                        context.error(.invalidValue, context.range(node), problem)
                        return nil
                    }
                    return text
                }
                let nextHop = entry[.nextHop].flatMap { context.string($0, "nextHop") }
                if entry[.destination] == nil { context.error(.missingKey, entry.range, "a route entry needs a 'destination' CIDR block") }
                if entry[.nextHop] == nil { context.error(.missingKey, entry.range, "a route entry needs a 'nextHop' (an ENI or instance id)") }
                guard let destination, let nextHop else { continue }
                table.entries.append(RouteEntry(id: entry[.id].flatMap { context.string($0, "a route entry's id") },
                                                destination: destination, nextHop: nextHop, range: entry.range, fields: entry.ranges))
            }
        }
        return table
    }

    /// The same id twice in one file is an error pointing at both.
    private static func checkUniqueIdentities(_ manifest: Manifest, context: inout DecodingContext) {
        // One namespace per kind of resource; attached and standalone ENIs share one.
        var instances: [String: SourceRange] = [:]
        var instanceNames: [String: SourceRange] = [:]
        var interfaces: [String: SourceRange] = [:]
        var eips: [String: SourceRange] = [:]
        var routeTables: [String: SourceRange] = [:]
        instances.reserveCapacity(manifest.instances.count)
        interfaces.reserveCapacity(manifest.instances.count * 2 + manifest.networkInterfaces.count)
        eips.reserveCapacity(manifest.eips.count)
        func check(_ id: String, in seen: inout [String: SourceRange], _ label: @autoclosure () -> String, _ range: SourceRange) {
            if let first = seen[id] {
                context.error(.duplicateId, range, "\(label()) is defined twice in this file",
                              notes: [YAMLError.Note(range: first, message: "first defined here")])
            } else {
                seen[id] = range
            }
        }
        for instance in manifest.instances {
            if let id = instance.id { check(id, in: &instances, "instance '\(DisplayText.quoted(id))'", instance.fields[.id] ?? instance.range) }
            else if let name = instance.name { check(name, in: &instanceNames, "instance name '\(DisplayText.quoted(name))'", instance.fields[.name] ?? instance.range) }
            for eni in instance.networkInterfaces {
                if let id = eni.id { check(id, in: &interfaces, "ENI '\(DisplayText.quoted(id))'", eni.fields[.id] ?? eni.range) }
            }
        }
        for eni in manifest.networkInterfaces {
            if let id = eni.id { check(id, in: &interfaces, "ENI '\(DisplayText.quoted(id))'", eni.fields[.id] ?? eni.range) }
        }
        for eip in manifest.eips { check(eip.id, in: &eips, "EIP '\(DisplayText.quoted(eip.id))'", eip.range) }
        for table in manifest.routeTables { check(table.id, in: &routeTables, "route table '\(DisplayText.quoted(table.id))'", table.range) }
    }
}

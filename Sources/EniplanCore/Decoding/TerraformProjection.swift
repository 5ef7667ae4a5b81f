import EniplanYAML

/// A Terraform plan turned into eniplan's two sides: the current state (the plan's state before the change, joined
/// with the other current inputs, which alone carry the flag of an instance's own ENIs) and the desired state (that
/// current state with the plan's changes applied).
///
/// Terraform manages only what its configuration declares: everything else the current state holds is desired as it
/// is. Terraform destroys a resource's dependents before the resource, so an ENI whose attachment the plan deletes
/// along with its instance is detached first, and the instance's release does not take it.
struct TerraformProjection {
    let plan: TerraformPlan
    private(set) var diagnostics: [Diagnostic] = []

    /// The two sides, or every problem of the plan's values.
    static func project(_ plan: TerraformPlan, current: [Manifest]) throws(InputError) -> (current: [Manifest], desired: Manifest) {
        var projection = TerraformProjection(plan: plan)
        let joined = projection.joinedCurrent(current)
        let desired = projection.desired(from: joined)
        if !projection.diagnostics.isEmpty { throw InputError(projection.diagnostics) }
        return (joined, desired)
    }

    /// Every located problem of the plan's values, as ``project(_:current:)`` would find them with no other input.
    static func check(_ plan: TerraformPlan) throws(InputError) {
        _ = try project(plan, current: [])
    }

    /// The plan's resources by their address, and by the address of their declaration (`alicloud_instance.web`).
    private let addresses: Set<String>
    /// Each declaration's resources (`module.net["a"].alicloud_instance.web`, module keys kept), by instance key.
    private let instancesByDeclaration: [String: [String: String]]

    private init(plan: TerraformPlan) {
        self.plan = plan
        addresses = Set(plan.resources.map(\.address))
        var groups: [String: [String: String]] = [:]
        for resource in plan.resources {
            let parts = TerraformAddress.segments(resource.address)
            guard parts.count >= 2 else { continue }
            let declaration = TerraformAddress.modulePrefix(resource.address) + parts[parts.count - 2] + "." + parts[parts.count - 1].prefix { $0 != "[" }
            groups[declaration, default: [:]][TerraformAddress.instanceKey(resource.address) ?? ""] = resource.address
        }
        instancesByDeclaration = groups
    }

    // MARK: Reading the resources

    private func resources(_ type: TerraformResourceType) -> [TerraformPlan.Resource] {
        plan.resources.filter { $0.type.canonical == type }
    }

    /// Why a value is unknown: the plan knows it only after apply.
    private static func afterApply(_ attribute: String, of address: String) -> String {
        "the Terraform plan knows '\(attribute)' of \(DisplayText.quoted(address)) only after apply"
    }

    private mutating func instance(_ values: TerraformAttributes, resource: TerraformPlan.Resource) -> Instance {
        var instance = Instance(id: values.text("id", &diagnostics).value, range: resource.range)
        if instance.id == nil { instance.name = resource.address }
        instance.zone = values.text("availability_zone", &diagnostics).value
        instance.vpc = values.text("vpc_id", &diagnostics).value
        if let status = values.text("status", &diagnostics).value { instance.status = Instance.Status(rawValue: status.lowercased()) }
        let protection = values.bool("deletion_protection", &diagnostics)
        instance.deletionProtection = protection.value
        if let range = protection.range { instance.fields[.deletionProtection] = range }
        let charge = values.text("instance_charge_type", &diagnostics)
        instance.chargeType = charge.value.flatMap(Instance.ChargeType.init(rawValue:))
        if let range = charge.range { instance.fields[.chargeType] = range }
        // A static public IP comes with Internet bandwidth at creation; an EIP is another resource.
        if let bandwidth = values.integer("internet_max_bandwidth_out", &diagnostics).value, bandwidth > 0 {
            instance.publicIp = values.text("public_ip", &diagnostics).value ?? "(its address is not in the plan)"
        }
        instance.tags = values.textMap("tags", &diagnostics)
        return instance
    }

    /// The ENIs an instance's own attributes name: the primary ENI it was created with or reuses (`network_interface_id`,
    /// provider 1.284 and later) and its `network_interfaces` blocks.
    private mutating func namedInterfaces(_ values: TerraformAttributes) -> (primary: String?, secondary: [String]) {
        let primary = values.text("network_interface_id", &diagnostics).value
        var secondary: [String] = []
        if let blocks = values.blocks("network_interfaces", &diagnostics).value {
            for block in blocks {
                if let id = block.text("network_interface_id", &diagnostics).value, id != primary { secondary.append(id) }
            }
        }
        return (primary, secondary)
    }

    private mutating func networkInterface(_ values: TerraformAttributes, resource: TerraformPlan.Resource, side: Side) -> NetworkInterface {
        var eni = NetworkInterface(id: values.text("id", &diagnostics).value, range: resource.range)
        if eni.id == nil { eni.name = resource.address }
        switch values.bool("delete_on_release", &diagnostics) {
        case .known(let flag, let range):
            eni.deleteOnRelease = .explicit(flag)
            eni.fields[.deleteOnRelease] = range
        case .unknown(let range):
            eni.deleteOnRelease = .unknown(reason: Self.afterApply("delete_on_release", of: resource.address))
            eni.fields[.deleteOnRelease] = range
        case .absent:
            // Before provider 1.273 the resource has no such attribute; a new ENI gets the cloud's default, true.
            eni.deleteOnRelease = side == .after && resource.before == nil ? .defaulted
                : .unknown(reason: "the Terraform plan does not give 'delete_on_release' of \(DisplayText.quoted(resource.address)) (provider 1.273 and later do)")
        }
        eni.vswitch = values.text("vswitch_id", &diagnostics).value
        let primaryIp = values.text("primary_ip_address", &diagnostics).value ?? values.text("private_ip", &diagnostics).value
        let secondary = values.texts("private_ip_addresses", &diagnostics).value ?? values.texts("private_ips", &diagnostics).value ?? []
        eni.privateIpv4 = (primaryIp.map { [$0] } ?? []) + secondary.filter { $0 != primaryIp }
        eni.ipv6 = values.texts("ipv6_addresses", &diagnostics).value ?? []
        eni.ipv4Prefixes = values.texts("ipv4_prefixes", &diagnostics).value ?? []
        eni.ipv6Prefixes = values.texts("ipv6_prefixes", &diagnostics).value ?? []
        let groups = values.texts("security_group_ids", &diagnostics)
        eni.securityGroups = groups.value ?? values.texts("security_groups", &diagnostics).value ?? []
        if let range = groups.range { eni.fields[.securityGroups] = range }
        eni.tags = values.textMap("tags", &diagnostics)
        return eni
    }

    private enum Side { case before, after }

    /// An attachment (`alicloud_ecs_network_interface_attachment`): which ENI, on which instance, each by id or, when
    /// known only after apply, by the resource the configuration takes it from.
    private struct Attachment {
        var eni: Target
        var instance: Target
        var resource: TerraformPlan.Resource
    }

    /// A resource an attribute names: by id, by the address of a resource of the plan whose id is known only after
    /// apply, or not at all.
    private enum Target: Equatable {
        case id(String)
        case address(String)
        case unknown

        var id: String? {
            if case .id(let id) = self { return id }
            return nil
        }
    }

    private mutating func target(_ attribute: String, of values: TerraformAttributes, resource: TerraformPlan.Resource,
                                 referring type: TerraformResourceType) -> Target {
        switch values.text(attribute, &diagnostics) {
        case .known(let id, _): return .id(id)
        case .absent: return .unknown
        case .unknown: return referencedAddress(attribute, of: resource, type: type).map(Target.address) ?? .unknown
        }
    }

    /// The resource of `type` the configuration takes `attribute` from: the one a reference names with its key
    /// (`alicloud_instance.web[1].id`), the only one of its declaration, or, for an expression indexed by the
    /// resource's own `count.index` or `each.key`, the one at the resource's key. Anything else is not guessed.
    private func referencedAddress(_ attribute: String, of resource: TerraformPlan.Resource, type: TerraformResourceType) -> String? {
        let module = TerraformAddress.modulePrefix(resource.address)
        let references = resource.references[attribute] ?? []
        let indexedByOwnKey = references.contains("count.index") || references.contains("each.key")
        for reference in references {
            let parts = TerraformAddress.segments(reference)
            guard parts.count >= 2, let referencedType = TerraformResourceType(rawValue: String(parts[0])), referencedType.canonical == type else { continue }
            let named = module + parts[0] + "." + parts[1]
            if addresses.contains(named) { return named }
            guard let group = instancesByDeclaration[module + parts[0] + "." + parts[1].prefix { $0 != "[" }] else { continue }
            if group.count == 1 { return group.first?.value }
            if indexedByOwnKey, let match = group[TerraformAddress.instanceKey(resource.address) ?? ""] { return match }
        }
        return nil
    }

    private mutating func attachment(_ values: TerraformAttributes, resource: TerraformPlan.Resource) -> Attachment {
        Attachment(eni: target("network_interface_id", of: values, resource: resource, referring: .networkInterface),
                   instance: target("instance_id", of: values, resource: resource, referring: .instance), resource: resource)
    }

    /// An EIP association (`alicloud_eip_association`): an EIP bound to an ENI or to an instance.
    private struct Association {
        var eip: String
        var target: Target
        var onInterface: Bool
        var privateIp: String?
    }

    private mutating func association(_ values: TerraformAttributes, resource: TerraformPlan.Resource) -> Association? {
        guard let eip = values.text("allocation_id", &diagnostics).value else { return nil }
        let kind = values.text("instance_type", &diagnostics).value
        let onInterface: Bool
        switch kind {
        case "NetworkInterface": onInterface = true
        case "EcsInstance", nil: onInterface = false
        default: return nil
        }
        let target = target("instance_id", of: values, resource: resource, referring: onInterface ? .networkInterface : .instance)
        return Association(eip: eip, target: target, onInterface: onInterface, privateIp: values.text("private_ip_address", &diagnostics).value)
    }

    private struct Route {
        var table: String
        var entry: RouteEntry
    }

    private mutating func route(_ values: TerraformAttributes, resource: TerraformPlan.Resource) -> Route? {
        guard let table = values.text("route_table_id", &diagnostics).value,
              let destination = values.text("destination_cidrblock", &diagnostics).value ?? values.text("destination_cidr_block", &diagnostics).value,
              let nextHop = values.text("nexthop_id", &diagnostics).value
        else { return nil }
        return Route(table: table, entry: RouteEntry(destination: destination, nextHop: nextHop, range: resource.range))
    }

    // MARK: The current side

    /// Where each instance and ENI of the current inputs is.
    private struct Locations {
        var instances: [String: (manifest: Int, index: Int)] = [:]
        var interfaces: [String: InterfaceLocation] = [:]

        enum InterfaceLocation {
            case attached(manifest: Int, instance: Int, index: Int)
            case standalone(manifest: Int, index: Int)
        }

        init(_ manifests: [Manifest]) {
            for (m, manifest) in manifests.enumerated() {
                for (i, instance) in manifest.instances.enumerated() {
                    if let id = instance.id { instances[id] = (m, i) }
                    for (e, eni) in instance.networkInterfaces.enumerated() {
                        if let id = eni.id { interfaces[id] = .attached(manifest: m, instance: i, index: e) }
                    }
                }
                for (e, eni) in manifest.networkInterfaces.enumerated() {
                    if let id = eni.id, interfaces[id] == nil { interfaces[id] = .standalone(manifest: m, index: e) }
                }
            }
        }
    }

    /// The current inputs with what the plan's state adds: each resource the plan manages, located in the plan, with
    /// the values the other inputs lack; the plan's resources they do not have, in a state of the plan's own.
    private mutating func joinedCurrent(_ given: [Manifest]) -> [Manifest] {
        var manifests = given
        manifests.append(Manifest(kind: .state, file: plan.file, range: plan.range))
        let own = manifests.count - 1
        var locations = Locations(manifests)
        var addresses: [String: String] = [:]
        // Instances first: the ENIs and attachments that follow find them.
        for resource in resources(.instance) {
            guard let values = resource.before else { continue }
            let stated = instance(values, resource: resource)
            guard let id = stated.id else { continue }
            addresses[id] = resource.address
            let named = namedInterfaces(values)
            if let (m, i) = locations.instances[id] {
                var known = manifests[m].instances[i]
                // Terraform manages it: its findings point at the plan's change, not at the API's record.
                known.range = resource.range
                known.fields = stated.fields
                known.deletionProtection = known.deletionProtection ?? stated.deletionProtection
                known.chargeType = known.chargeType ?? stated.chargeType
                known.publicIp = known.publicIp ?? stated.publicIp
                known.zone = known.zone ?? stated.zone
                manifests[m].instances[i] = known
                continue
            }
            var added = stated
            // Only the API lists every ENI of an instance and the flag of its primary one.
            added.networkInterfacesComplete = false
            if let primary = named.primary, locations.interfaces[primary] == nil {
                added.networkInterfaces.append(NetworkInterface(id: primary, type: .primary,
                                                                deleteOnRelease: .unknown(reason: Self.primaryUnknown(resource.address)), range: resource.range))
            }
            for eni in named.secondary where locations.interfaces[eni] == nil {
                added.networkInterfaces.append(NetworkInterface(id: eni, deleteOnRelease: .unknown(reason: Self.attachedUnknown(eni)), range: resource.range))
            }
            locations.instances[id] = (own, manifests[own].instances.count)
            for (e, eni) in added.networkInterfaces.enumerated() {
                locations.interfaces[eni.id ?? ""] = .attached(manifest: own, instance: manifests[own].instances.count, index: e)
            }
            manifests[own].instances.append(added)
        }
        var attachedTo: [String: (instance: String, range: SourceRange)] = [:]
        for resource in resources(.attachment) {
            guard let values = resource.before else { continue }
            let attachment = attachment(values, resource: resource)
            if let eni = attachment.eni.id, let instance = attachment.instance.id { attachedTo[eni] = (instance, resource.range) }
        }
        for resource in resources(.networkInterface) {
            guard let values = resource.before else { continue }
            var stated = networkInterface(values, resource: resource, side: .before)
            guard let id = stated.id else { continue }
            addresses[id] = resource.address
            if let location = locations.interfaces[id] {
                update(&manifests, at: location) { known in
                    if known.deleteOnRelease.value == nil, stated.deleteOnRelease.value != nil {
                        known.deleteOnRelease = stated.deleteOnRelease
                        known.fields[.deleteOnRelease] = stated.fields[.deleteOnRelease]
                    }
                    if known.securityGroups.isEmpty { known.securityGroups = stated.securityGroups }
                    if known.privateIpv4.isEmpty { known.privateIpv4 = stated.privateIpv4 }
                    if known.ipv6.isEmpty { known.ipv6 = stated.ipv6 }
                    if known.vswitch == nil { known.vswitch = stated.vswitch }
                    let flagRange = known.fields[.deleteOnRelease] == nil ? nil : stated.fields[.deleteOnRelease] ?? resource.range
                    known.range = resource.range
                    known.fields = stated.fields
                    if known.fields[.deleteOnRelease] == nil, let flagRange { known.fields[.deleteOnRelease] = flagRange }
                }
            } else if let attached = attachedTo[id], let (m, i) = locations.instances[attached.instance] {
                stated.type = .secondary
                locations.interfaces[id] = .attached(manifest: m, instance: i, index: manifests[m].instances[i].networkInterfaces.count)
                manifests[m].instances[i].networkInterfaces.append(stated)
            } else {
                locations.interfaces[id] = .standalone(manifest: own, index: manifests[own].networkInterfaces.count)
                manifests[own].networkInterfaces.append(stated)
            }
        }
        // An attachment of an ENI the plan does not manage still says where that ENI is.
        for (eni, attached) in attachedTo.sorted(by: { $0.key < $1.key }) {
            guard locations.interfaces[eni] == nil, let (m, i) = locations.instances[attached.instance] else { continue }
            locations.interfaces[eni] = .attached(manifest: m, instance: i, index: manifests[m].instances[i].networkInterfaces.count)
            manifests[m].instances[i].networkInterfaces.append(NetworkInterface(id: eni, deleteOnRelease: .unknown(reason: Self.attachedUnknown(eni)),
                                                                                range: attached.range))
        }
        let knownEIPs = Set(manifests.flatMap { $0.eips.map(\.id) })
        for resource in resources(.eipAddress) {
            guard let values = resource.before, let id = values.text("id", &diagnostics).value else { continue }
            addresses[id] = resource.address
            guard !knownEIPs.contains(id) else { continue }
            manifests[own].eips.append(EIP(id: id, address: values.text("ip_address", &diagnostics).value,
                                           chargeType: values.text("payment_type", &diagnostics).value, range: resource.range))
        }
        for resource in resources(.eipAssociation) {
            guard let values = resource.before, let association = association(values, resource: resource), let target = association.target.id else { continue }
            bind(association, to: target, at: resource.range, in: &manifests, locations)
        }
        var tables: [String: Int] = [:]
        for resource in resources(.routeEntry) {
            guard let values = resource.before, let route = route(values, resource: resource) else { continue }
            // A route entry is named by its table and destination in findings.
            addresses["\(route.table):\(route.entry.destination)"] = resource.address
            if tables[route.table] == nil {
                tables[route.table] = manifests[own].routeTables.count
                manifests[own].routeTables.append(RouteTable(id: route.table, range: resource.range))
            }
            manifests[own].routeTables[tables[route.table]!].entries.append(route.entry)
        }
        // An ENI Terraform does not manage on an instance it does (the primary ENI, most often) is named by that
        // instance's address: the change to the instance is what reaches it.
        for resource in resources(.instance) {
            guard let id = resource.before?.text("id", &diagnostics).value, let (m, i) = locations.instances[id] else { continue }
            for eni in manifests[m].instances[i].networkInterfaces {
                if let eniId = eni.id, addresses[eniId] == nil { addresses[eniId] = resource.address }
            }
        }
        for index in manifests.indices {
            manifests[index].terraformAddresses.merge(addresses) { first, _ in first }
        }
        manifests[own].terraformDeclarations = declarations
        return manifests
    }

    /// Where the configuration declares each resource of the plan, by its address.
    private var declarations: [String: SourceRange] {
        var found: [String: SourceRange] = [:]
        for resource in plan.resources {
            if let declaration = resource.declaration { found[resource.address] = declaration }
        }
        return found
    }

    private static func primaryUnknown(_ address: String) -> String {
        "the Terraform plan names the primary ENI of \(DisplayText.quoted(address)) but not its DeleteOnRelease; add the output of DescribeNetworkInterfaces for it"
    }

    private static func attachedUnknown(_ eni: String) -> String {
        "the Terraform plan attaches '\(DisplayText.quoted(eni))' but does not give its DeleteOnRelease; add the output of DescribeNetworkInterfaces for it"
    }

    private func update(_ manifests: inout [Manifest], at location: Locations.InterfaceLocation, _ change: (inout NetworkInterface) -> Void) {
        switch location {
        case .attached(let m, let i, let e): change(&manifests[m].instances[i].networkInterfaces[e])
        case .standalone(let m, let e): change(&manifests[m].networkInterfaces[e])
        }
    }

    private func bind(_ association: Association, to target: String, at range: SourceRange, in manifests: inout [Manifest], _ locations: Locations) {
        if association.onInterface {
            guard let location = locations.interfaces[target] else { return }
            update(&manifests, at: location) { eni in
                if let index = eni.eips.firstIndex(where: { $0.id == association.eip }) {
                    eni.eips[index].range = range
                } else {
                    eni.eips.append(NetworkInterface.EIPBinding(id: association.eip, privateIp: association.privateIp, range: range))
                }
            }
        } else if let (m, i) = locations.instances[target], manifests[m].instances[i].eip == nil {
            manifests[m].instances[i].eip = association.eip
        }
    }
}

// MARK: The desired side

extension TerraformProjection {
    /// The desired side as it is being built: the current state, then each of the plan's changes applied. Indexed,
    /// so that a plan of many resources over a large estate costs a lookup per change.
    private struct Desired {
        private(set) var instances: [Instance?] = []
        private(set) var standalone: [NetworkInterface?] = []
        /// Instances by id, and new ones by `name:` and their address.
        private var instancePositions: [String: Int] = [:]
        private enum Place { case attached(Int), standalone(Int) }
        /// ENIs by id, and new ones by their address.
        private var places: [String: Place] = [:]

        private static func key(_ eni: NetworkInterface) -> String { eni.id ?? eni.name ?? "" }

        mutating func add(_ instance: Instance) {
            let position = instances.count
            instancePositions[instance.id ?? "name:" + (instance.name ?? "")] = position
            for eni in instance.networkInterfaces { places[Self.key(eni)] = .attached(position) }
            instances.append(instance)
        }

        mutating func addStandalone(_ eni: NetworkInterface) {
            places[Self.key(eni)] = .standalone(standalone.count)
            standalone.append(eni)
        }

        mutating func attach(_ eni: NetworkInterface, to position: Int) {
            places[Self.key(eni)] = .attached(position)
            instances[position]?.networkInterfaces.append(eni)
        }

        /// Removes an instance, and returns it with its ENIs.
        mutating func removeInstance(at position: Int) -> Instance? {
            guard let instance = instances[position] else { return nil }
            instances[position] = nil
            instancePositions[instance.id ?? "name:" + (instance.name ?? "")] = nil
            for eni in instance.networkInterfaces { places[Self.key(eni)] = nil }
            return instance
        }

        /// Removes the ENI with `key` (id, or a new ENI's address) from wherever it is, and returns it.
        mutating func removeInterface(_ key: String) -> NetworkInterface? {
            switch places[key] {
            case .standalone(let position)?:
                places[key] = nil
                defer { standalone[position] = nil }
                return standalone[position]
            case .attached(let position)?:
                places[key] = nil
                guard let index = instances[position]?.networkInterfaces.firstIndex(where: { Self.key($0) == key }) else { return nil }
                return instances[position]?.networkInterfaces.remove(at: index)
            case nil:
                return nil
            }
        }

        /// Changes the ENI with `id` where it is.
        mutating func updateInterface(_ id: String, _ change: (inout NetworkInterface) -> Void) {
            switch places[id] {
            case .standalone(let position)?:
                if standalone[position] != nil { change(&standalone[position]!) }
            case .attached(let position)?:
                guard let index = instances[position]?.networkInterfaces.firstIndex(where: { Self.key($0) == id }) else { return }
                change(&instances[position]!.networkInterfaces[index])
            case nil:
                return
            }
        }

        mutating func updateInstance(at position: Int, _ change: (inout Instance) -> Void) {
            if instances[position] != nil { change(&instances[position]!) }
        }

        /// Where the instance an id or a new instance's address names is.
        func instancePosition(_ target: Target) -> Int? {
            switch target {
            case .id(let id): instancePositions[id]
            case .address(let address): instancePositions["name:" + address]
            case .unknown: nil
            }
        }
    }

    /// A current resource as the desired side starts from it: as it is. A flag the inputs do not give stays as it is.
    private static func unchanged(_ eni: NetworkInterface) -> NetworkInterface {
        var copy = eni
        if copy.deleteOnRelease.value == nil { copy.fields[.deleteOnRelease] = nil }
        return copy
    }

    fileprivate mutating func desired(from joined: [Manifest]) -> Manifest {
        var state = Desired()
        var seenInstances: Set<String> = []
        var seenInterfaces: Set<String> = []
        var current: [String: NetworkInterface] = [:]
        var owners: [String: String] = [:]
        var eips: [EIP] = []
        var seenEIPs: Set<String> = []
        for manifest in joined {
            for instance in manifest.instances where seenInstances.insert(instance.identity).inserted {
                var copy = instance
                copy.networkInterfaces = instance.networkInterfaces.filter { seenInterfaces.insert($0.identity).inserted }.map(Self.unchanged)
                for eni in instance.networkInterfaces {
                    current[eni.identity] = eni
                    owners[eni.identity] = instance.identity
                }
                state.add(copy)
            }
            for eni in manifest.networkInterfaces where seenInterfaces.insert(eni.identity).inserted {
                current[eni.identity] = eni
                state.addStandalone(Self.unchanged(eni))
            }
            for eip in manifest.eips where seenEIPs.insert(eip.id).inserted { eips.append(eip) }
        }
        var addresses: [String: String] = [:]
        var released: Set<String> = []
        let managedInterfaces = Set(resources(.networkInterface).compactMap { resource in
            resource.deletes ? nil : resource.before?.text("id", &diagnostics).value
        })
        var releasedBy: [String: TerraformPlan.Resource] = [:]
        for resource in resources(.instance) where resource.deletes {
            guard let id = requiredId(resource) else { continue }
            releasedBy[id] = resource
            guard let position = state.instancePosition(.id(id)), let instance = state.removeInstance(at: position) else { continue }
            // The ENIs Terraform manages on it are still in its configuration: the desired state wants them, Available.
            for eni in instance.networkInterfaces where eni.id.map(managedInterfaces.contains) == true {
                var kept = eni
                kept.type = .secondary
                state.addStandalone(kept)
            }
            released.insert(id)
        }
        var deletedInterfaces: Set<String> = []
        var interfaceResources: [String: TerraformPlan.Resource] = [:]
        for resource in resources(.networkInterface) {
            if let id = resource.before?.text("id", &diagnostics).value { interfaceResources[id] = resource }
            if resource.deletes, let id = requiredId(resource) {
                deletedInterfaces.insert(id)
                _ = state.removeInterface(id)
            }
            guard let after = resource.after else { continue }
            if resource.creates {
                let wanted = networkInterface(after, resource: resource, side: .after)
                if let id = wanted.id { addresses[id] = resource.address }
                state.addStandalone(wanted)
            } else if resource.actions == ["update"], let id = after.text("id", &diagnostics).value {
                var wanted = networkInterface(after, resource: resource, side: .after)
                let flag = after.bool("delete_on_release", &diagnostics)
                let before = resource.before.map { networkInterface($0, resource: resource, side: .before).deleteOnRelease.value } ?? nil
                var changesFlag = flag.range != nil && (flag.value == nil || flag.value != before)
                // An ENI on an instance the plan releases: Terraform destroys a dependent before it updates what it
                // depends on, so when the instance depends on the ENI the release meets the flag as it is; when
                // nothing orders the two, which comes first is unknown.
                if changesFlag, let owner = owners[id], let release = releasedBy[owner] {
                    if depends(release, on: resource) {
                        changesFlag = false
                    } else if flag.value != nil {
                        wanted.deleteOnRelease = .unknown(reason: "the Terraform plan changes 'delete_on_release' of \(DisplayText.quoted(resource.address)) and releases \(DisplayText.quoted(release.address)) in the same apply, and nothing in the plan orders the two")
                    }
                }
                state.updateInterface(id) { eni in
                    if changesFlag {
                        eni.deleteOnRelease = wanted.deleteOnRelease
                        eni.fields[.deleteOnRelease] = wanted.fields[.deleteOnRelease]
                    }
                    if after.texts("security_group_ids", &diagnostics).value != nil { eni.securityGroups = wanted.securityGroups }
                    if !wanted.privateIpv4.isEmpty { eni.privateIpv4 = wanted.privateIpv4 }
                    eni.range = resource.range
                }
            }
        }
        for resource in resources(.instance) {
            guard let after = resource.after else { continue }
            if resource.creates {
                var new = instance(after, resource: resource)
                let named = namedInterfaces(after)
                let inUse = { (eni: inout NetworkInterface) in
                    // Created before the old instance is released (create_before_destroy), the new one asks for an ENI still in use.
                    guard resource.createsBeforeDestroying, let id = eni.id, let owner = owners[id] else { return }
                    eni.deleteOnRelease = .unknown(reason: "\(DisplayText.quoted(resource.address)) is created before '\(DisplayText.quoted(owner))' is released (create_before_destroy), while '\(DisplayText.quoted(id))' is still attached to it: the cloud does not attach an ENI in use, so the apply fails there")
                    eni.fields[.deleteOnRelease] = resource.range
                }
                if let primary = named.primary {
                    var eni = state.removeInterface(primary)
                        ?? NetworkInterface(id: primary, deleteOnRelease: .unknown(reason: Self.primaryUnknown(resource.address)), range: resource.range)
                    eni.type = .primary
                    inUse(&eni)
                    new.networkInterfaces.append(eni)
                }
                for id in named.secondary {
                    var eni = state.removeInterface(id) ?? NetworkInterface(id: id, deleteOnRelease: .unknown(reason: Self.attachedUnknown(id)), range: resource.range)
                    eni.type = .secondary
                    inUse(&eni)
                    new.networkInterfaces.append(eni)
                }
                state.add(new)
            } else if resource.actions == ["update"], let id = after.text("id", &diagnostics).value, let position = state.instancePosition(.id(id)) {
                let wanted = instance(after, resource: resource)
                state.updateInstance(at: position) { kept in
                    if let protection = wanted.deletionProtection { kept.deletionProtection = protection }
                    if let status = wanted.status { kept.status = status }
                }
            }
        }
        var detachedFirst: Set<String> = []
        let attachments = resources(.attachment)
        for resource in attachments where resource.deletes {
            guard let before = resource.before.map({ attachment($0, resource: resource) }), let eni = before.eni.id, let owner = before.instance.id else { continue }
            if resource.creates, let after = resource.after.map({ attachment($0, resource: resource) }), after.eni == before.eni, after.instance == before.instance { continue }
            guard !deletedInterfaces.contains(eni) else { continue }
            if let release = releasedBy[owner] {
                guard var detached = state.removeInterface(eni) ?? current[eni].map(Self.unchanged) else { continue }
                detached.type = .secondary
                if depends(resource, on: release) {
                    // The attachment depends on the instance: Terraform deletes it first, and the release does not take the ENI.
                    detachedFirst.insert(eni)
                } else if detached.deleteOnRelease.value != false {
                    detached.deleteOnRelease = .unknown(reason: "the Terraform plan deletes \(DisplayText.quoted(resource.address)) and releases \(DisplayText.quoted(release.address)) in the same apply, and nothing in the plan orders the two: the release may take the ENI first")
                    detached.fields[.deleteOnRelease] = resource.range
                }
                state.addStandalone(detached)
            } else if let position = state.instancePosition(.id(owner)), state.instances[position]?.networkInterfaces.contains(where: { $0.id == eni }) == true,
                      var detached = state.removeInterface(eni)
            {
                detached.type = .secondary
                state.addStandalone(detached)
            }
        }
        for resource in attachments where resource.creates {
            guard let after = resource.after.map({ attachment($0, resource: resource) }), let position = state.instancePosition(after.instance) else { continue }
            let key: String
            switch after.eni {
            case .id(let id): key = id
            case .address(let address): key = address
            case .unknown: continue
            }
            guard var eni = state.removeInterface(key) else { continue }
            eni.type = .secondary
            state.attach(eni, to: position)
        }
        for resource in resources(.eipAssociation) {
            if resource.deletes, let values = resource.before, let association = association(values, resource: resource), let target = association.target.id {
                if association.onInterface {
                    state.updateInterface(target) { $0.eips.removeAll { $0.id == association.eip } }
                } else if let position = state.instancePosition(.id(target)) {
                    state.updateInstance(at: position) { if $0.eip == association.eip { $0.eip = nil } }
                }
            }
            if resource.creates, let values = resource.after, let association = association(values, resource: resource) {
                if association.onInterface, let target = association.target.id {
                    state.updateInterface(target) { eni in
                        eni.eips.append(NetworkInterface.EIPBinding(id: association.eip, privateIp: association.privateIp, range: resource.range))
                    }
                } else if !association.onInterface, let position = state.instancePosition(association.target) {
                    state.updateInstance(at: position) { $0.eip = association.eip }
                }
            }
        }
        var deletedEIPs: Set<String> = []
        for resource in resources(.eipAddress) where resource.deletes {
            if let id = requiredId(resource) { deletedEIPs.insert(id) }
        }
        eips.removeAll { deletedEIPs.contains($0.id) }
        var desired = Manifest(kind: .manifest, file: plan.file, region: plan.region, regionRange: plan.regionRange,
                               instances: state.instances.compactMap { $0 }, networkInterfaces: state.standalone.compactMap { $0 }, eips: eips,
                               routeTables: routeTables(joined, addresses: &addresses), range: plan.range)
        for resource in plan.resources where resource.creates && resource.before == nil {
            addresses[resource.address] = resource.address
        }
        for manifest in joined { addresses.merge(manifest.terraformAddresses) { first, _ in first } }
        desired.terraformAddresses = addresses
        desired.terraformDeclarations = declarations
        desired.detachedFirst = detachedFirst
        desired.deletedInterfaces = deletedInterfaces
        desired.releasedEIPs = deletedEIPs
        return desired
    }

    /// The id in `before` of a resource the plan deletes; a located problem when the plan does not give it.
    private mutating func requiredId(_ resource: TerraformPlan.Resource) -> String? {
        if let id = resource.before?.text("id", &diagnostics).value { return id }
        diagnostics.append(Diagnostic(.missingKey, at: resource.range,
                                      "the change of '\(DisplayText.quoted(resource.address))' deletes it, but its 'before' gives no 'id'"))
        return nil
    }

    /// Whether Terraform orders `dependent` after `dependency`: the state records the dependency (`depends_on`), or the
    /// configuration's expressions of `dependent` reference it.
    private func depends(_ dependent: TerraformPlan.Resource, on dependency: TerraformPlan.Resource) -> Bool {
        let declared = TerraformPlanDecoder.configurationAddress(dependency.address, module: nil)
        if dependent.dependsOn.contains(where: { TerraformPlanDecoder.configurationAddress($0, module: nil) == declared }) { return true }
        let module = TerraformPlanDecoder.configurationAddress(TerraformAddress.modulePrefix(dependent.address), module: nil)
        for references in dependent.references.values {
            for reference in references {
                let parts = TerraformAddress.segments(reference)
                guard parts.count >= 2 else { continue }
                if TerraformPlanDecoder.configurationAddress(module + parts[0] + "." + parts[1], module: nil) == declared { return true }
            }
        }
        return false
    }

    /// The route tables the plan changes, each as the current state has it with the plan's entries removed and added.
    private mutating func routeTables(_ joined: [Manifest], addresses: inout [String: String]) -> [RouteTable] {
        var tables: [RouteTable] = []
        var positions: [String: Int] = [:]
        var removed: Set<RouteEntry.Key> = []
        var added: [(table: String, entry: RouteEntry)] = []
        for resource in resources(.routeEntry) where resource.deletes || resource.creates {
            if resource.deletes, let values = resource.before, let route = route(values, resource: resource) {
                removed.insert(RouteEntry.Key(table: route.table, destination: route.entry.destination, nextHop: route.entry.nextHop))
                if positions[route.table] == nil {
                    positions[route.table] = tables.count
                    tables.append(RouteTable(id: route.table, range: resource.range))
                }
            }
            if resource.creates, let values = resource.after, let route = route(values, resource: resource) {
                addresses["\(route.table):\(route.entry.destination)"] = resource.address
                added.append((route.table, route.entry))
                if positions[route.table] == nil {
                    positions[route.table] = tables.count
                    tables.append(RouteTable(id: route.table, range: resource.range))
                }
            }
        }
        var seen: Set<RouteEntry.Key> = []
        for manifest in joined {
            for table in manifest.routeTables {
                guard let position = positions[table.id] else { continue }
                for entry in table.entries {
                    let key = RouteEntry.Key(table: table.id, destination: entry.destination, nextHop: entry.nextHop)
                    guard !removed.contains(key), seen.insert(key).inserted else { continue }
                    tables[position].entries.append(entry)
                }
            }
        }
        for (table, entry) in added {
            let key = RouteEntry.Key(table: table, destination: entry.destination, nextHop: entry.nextHop)
            guard seen.insert(key).inserted, let position = positions[table] else { continue }
            tables[position].entries.append(entry)
        }
        return tables
    }
}

import EniplanYAML

/// Several files of one side (current or desired) merged and indexed by id.
struct StateIndex {
    /// Where an ENI sits in this state.
    enum Placement: Hashable {
        case attached(instance: String)
        case standalone
    }

    var instances: [Instance] = []
    var instanceIndex: [String: Int] = [:]
    var standaloneInterfaces: [NetworkInterface] = []
    var interfaces = InterfaceTable()
    var eips: [String: EIP] = [:]
    /// Route entries by next hop (ENI or instance id), each with its table.
    var routesByNextHop: [String: [(table: String, entry: RouteEntry)]] = [:]
    /// Route tables in the order the files first name them, each with its entries from every file, once each.
    var routeTables: [RouteTable] = []
    var routeTableIndex: [String: Int] = [:]
    /// Every route entry by table, destination and next hop: the first file to write one is where it is written.
    var routeEntries: [RouteEntry.Key: RouteEntry] = [:]
    var region: String?
    var regionRange: SourceRange?
    /// Nil when some file has no scope: then everything is in scope.
    var scopes: [Scope]? = []
    /// ENIs detached before any release (``Manifest/detachedFirst``).
    var detachedFirst: Set<String> = []
    /// ENIs deleted outright (``Manifest/deletedInterfaces``).
    var deletedInterfaces: Set<String> = []
    /// EIPs released outright (``Manifest/releasedEIPs``).
    var releasedEIPs: Set<String> = []

    /// Merges `manifests`; the same id twice with different data is an error naming both places.
    init(_ manifests: [Manifest]) throws(InputError) {
        var diagnostics: [Diagnostic] = []
        // Sized up front, so that large inputs do not rehash and move every entry as the tables grow.
        let instanceCount = manifests.reduce(0) { $0 + $1.instances.count }
        instances.reserveCapacity(instanceCount)
        instanceIndex.reserveCapacity(instanceCount)
        var interfaceLocations: [String: InterfaceTable.Location] = [:]
        interfaceLocations.reserveCapacity(manifests.reduce(0) { total, manifest in
            manifest.instances.reduce(total + manifest.networkInterfaces.count) { $0 + $1.networkInterfaces.count }
        })
        eips.reserveCapacity(manifests.reduce(0) { $0 + $1.eips.count })
        for manifest in manifests {
            if region == nil, let value = manifest.region {
                region = value
                regionRange = manifest.regionRange
            } else if let value = manifest.region, let existing = region, value != existing {
                diagnostics.append(Diagnostic(.conflictingValues, at: manifest.regionRange ?? manifest.range,
                                              "region '\(DisplayText.quoted(value))' differs from region '\(DisplayText.quoted(existing))' of another input; plan one region at a time",
                                              notes: regionRange.map { [YAMLError.Note(range: $0, message: "'\(DisplayText.quoted(existing))' is set here")] } ?? []))
            }
            if let scope = manifest.scope { scopes?.append(scope) } else { scopes = nil }
            detachedFirst.formUnion(manifest.detachedFirst)
            deletedInterfaces.formUnion(manifest.deletedInterfaces)
            releasedEIPs.formUnion(manifest.releasedEIPs)
            for instance in manifest.instances {
                let key = instance.id ?? "name:" + (instance.name ?? "")
                if let existing = instanceIndex[key] {
                    if !Self.sameData(instances[existing], instance) {
                        diagnostics.append(Diagnostic(.duplicateId, at: instance.range, "instance '\(DisplayText.quoted(instance.identity))' appears twice with different data",
                                                      notes: [YAMLError.Note(range: instances[existing].range, message: "the other definition")]))
                    }
                    continue
                }
                instanceIndex[key] = instances.count
                instances.append(instance)
                for (position, eni) in instance.networkInterfaces.enumerated() {
                    add(eni, at: .attached(instance: instances.count - 1, interface: position), to: &interfaceLocations, &diagnostics)
                }
            }
            for eni in manifest.networkInterfaces {
                // An id seen before is compared with its first definition, and not listed again.
                if let id = eni.id, interfaceLocations[id] != nil {
                    add(eni, at: .standalone(standaloneInterfaces.count), to: &interfaceLocations, &diagnostics)
                    continue
                }
                standaloneInterfaces.append(eni)
                add(eni, at: .standalone(standaloneInterfaces.count - 1), to: &interfaceLocations, &diagnostics)
            }
            for eip in manifest.eips where eips[eip.id] == nil { eips[eip.id] = eip }
            for table in manifest.routeTables where table.listsEntries {
                let position: Int
                if let existing = routeTableIndex[table.id] {
                    position = existing
                } else {
                    position = routeTables.count
                    routeTableIndex[table.id] = position
                    routeTables.append(RouteTable(id: table.id, vpc: table.vpc, range: table.range))
                }
                for entry in table.entries {
                    let key = RouteEntry.Key(table: table.id, destination: entry.destination, nextHop: entry.nextHop)
                    guard routeEntries[key] == nil else { continue }
                    routeEntries[key] = entry
                    routesByNextHop[entry.nextHop, default: []].append((table.id, entry))
                    routeTables[position].entries.append(entry)
                }
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        // Built last: the table shares the arrays, which must not grow after it holds them.
        interfaces = InterfaceTable(locations: interfaceLocations, instances: instances, standalone: standaloneInterfaces)
    }

    /// Records where the ENI with `eni`'s id is, unless an ENI with that id is already recorded, which
    /// must then be the same ENI in the same place.
    private func add(_ eni: NetworkInterface, at location: InterfaceTable.Location, to locations: inout [String: InterfaceTable.Location],
                     _ diagnostics: inout [Diagnostic]) {
        guard let id = eni.id else { return }
        guard let existingLocation = locations[id] else {
            locations[id] = location
            return
        }
        let existing = InterfaceTable.entry(at: existingLocation, instances: instances, standalone: standaloneInterfaces)
        let placement: Placement
        switch location {
        case .attached(let instance, _):
            placement = .attached(instance: instances[instance].identity)
        case .standalone: placement = .standalone
        }
        if existing.placement != placement || !Self.sameData(existing.eni, eni) {
            diagnostics.append(Diagnostic(.duplicateId, at: eni.range, "ENI '\(DisplayText.quoted(id))' appears twice with different data",
                                          notes: [YAMLError.Note(range: existing.eni.range, message: "the other definition")]))
        }
    }

    func instance(_ identity: String) -> Instance? {
        instanceIndex[identity].map { instances[$0] } ?? instanceIndex["name:" + identity].map { instances[$0] }
    }

    /// Whether a current resource falls under the desired state's scope.
    func scopeContains(vpc: String?, tags: [String: String]) -> Bool {
        guard let scopes, !scopes.isEmpty else { return true }
        return scopes.contains { $0.contains(vpc: vpc, tags: tags) }
    }

    private static func sameData(_ a: Instance, _ b: Instance) -> Bool {
        var a = a, b = b
        a.range = b.range
        a.fields = b.fields
        a.networkInterfaces = a.networkInterfaces.map { var eni = $0; eni.range = b.range; eni.fields = FieldRanges(); return eni }
        b.networkInterfaces = b.networkInterfaces.map { var eni = $0; eni.range = b.range; eni.fields = FieldRanges(); return eni }
        return a == b
    }

    private static func sameData(_ a: NetworkInterface, _ b: NetworkInterface) -> Bool {
        var a = a
        a.range = b.range
        a.fields = b.fields
        return a == b
    }
}

/// Every ENI of one side that has an id, by id. It keeps where each ENI is written, 8 bytes, rather
/// than a copy of it: a large estate has hundreds of thousands of ENIs on each side.
struct InterfaceTable {
    enum Location {
        /// The `interface`th ENI of the `instance`th instance.
        case attached(instance: Int, interface: Int)
        case standalone(Int)
    }

    private var locations: [String: Location] = [:]
    private var instances: [Instance] = []
    private var standalone: [NetworkInterface] = []

    init() {}

    init(locations: [String: Location], instances: [Instance], standalone: [NetworkInterface]) {
        self.locations = locations
        self.instances = instances
        self.standalone = standalone
    }

    subscript(id: String) -> (eni: NetworkInterface, placement: StateIndex.Placement)? {
        locations[id].map { Self.entry(at: $0, instances: instances, standalone: standalone) }
    }

    /// Whether an ENI has `id`, without copying it out.
    func contains(_ id: String) -> Bool { locations[id] != nil }

    /// Every ENI id, in no particular order.
    var ids: Dictionary<String, Location>.Keys { locations.keys }

    /// Where the ENI with `id` sits, without copying it out.
    func placement(of id: String) -> StateIndex.Placement? {
        switch locations[id] {
        case .attached(let instance, _)?: return .attached(instance: instances[instance].identity)
        case .standalone?: return .standalone
        case nil: return nil
        }
    }

    static func entry(at location: Location, instances: [Instance], standalone: [NetworkInterface])
        -> (eni: NetworkInterface, placement: StateIndex.Placement)
    {
        switch location {
        case .attached(let instance, let interface):
            return (instances[instance].networkInterfaces[interface], .attached(instance: instances[instance].identity))
        case .standalone(let index):
            return (standalone[index], .standalone)
        }
    }
}

import EniplanYAML

/// Current state + desired manifest -> a change per resource, following Alibaba Cloud's release rules:
/// an ENI whose DeleteOnRelease is true is released with its instance, and with it its private
/// addresses, prefixes, IPv6 bandwidth and route entries; its EIP and security groups are
/// dissociated. An ENI whose flag is false is retained, a primary one becoming an Available
/// secondary, where the region supports primary retention.
package struct Planner: Sendable {
    package let catalog: RegionCatalog

    package init(catalog: RegionCatalog) { self.catalog = catalog }

    /// Diffs `desired` against `current` and predicts every release, retention and reuse.
    package func plan(current: [Manifest], desired: [Manifest]) throws(InputError) -> Plan {
        try plan(current: try StateIndex(current), desired: try StateIndex(desired), desiredStart: desired.first?.range)
    }

    /// What releasing every instance of `manifests` would do, with nothing else changed.
    package func previewRelease(of manifests: [Manifest]) throws(InputError) -> Plan {
        previewRelease(current: try StateIndex(manifests), nothing: try StateIndex([]))
    }

    /// `plan(current:desired:)` over both sides' indexes; `desiredStart` is where a region mismatch is reported
    /// when the desired state names no region of its own.
    func plan(current now: StateIndex, desired wanted: StateIndex, desiredStart: SourceRange?) throws(InputError) -> Plan {
        // The current state's instances live in its region: a desired state for another region cannot
        // say what their release does (primary-ENI retention depends on the region).
        if let wantedRegion = wanted.region, let currentRegion = now.region, wantedRegion != currentRegion {
            let here = wanted.regionRange ?? desiredStart
            throw InputError([Diagnostic(.conflictingValues,
                at: here, "region '\(DisplayText.quoted(wantedRegion))' of the desired state differs from region '\(DisplayText.quoted(currentRegion))' of the current state; plan one region at a time",
                notes: now.regionRange.map { [YAMLError.Note(range: $0, message: "the current state is in '\(DisplayText.quoted(currentRegion))' here")] } ?? [])])
        }
        var run = PlanRun(planner: self, current: now, desired: wanted, region: wanted.region ?? now.region)
        run.planCurrentInstances()
        run.planNewInstances()
        run.planStandaloneInterfaces()
        run.planRouteTables()
        run.markReassociatedEIPs()
        return Plan(region: run.region, regionCatalog: catalog, changes: run.changes)
    }

    /// `previewRelease(of:)` over the manifests' index; `nothing` is the index of no manifests.
    func previewRelease(current now: StateIndex, nothing: StateIndex) -> Plan {
        var run = PlanRun(planner: self, current: now, desired: nothing, region: now.region)
        run.releaseReason = .releasePreview
        run.planCurrentInstances()
        return Plan(region: run.region, regionCatalog: catalog, changes: run.changes)
    }
}

/// The working state of one planning run.
private struct PlanRun {
    let planner: Planner
    let current: StateIndex
    let desired: StateIndex
    let region: String?
    var releaseReason: ChangeReason = .absentFromDesiredState
    var changes: [Change] = []
    /// ENIs a release retains, and whether the desired state places them somewhere.
    var handledInterfaces: Set<String> = []
    /// The route entries once the desired state's route tables are applied (a table it lists replaces the current
    /// one; the others stay), by next hop: route changes come before any release, as a careful deployment orders them.
    let routesByNextHop: [String: [(table: String, entry: RouteEntry)]]

    init(planner: Planner, current: StateIndex, desired: StateIndex, region: String?) {
        self.planner = planner
        self.current = current
        self.desired = desired
        self.region = region
        var routes: [String: [(table: String, entry: RouteEntry)]] = [:]
        for (nextHop, entries) in current.routesByNextHop {
            let untouched = entries.filter { desired.routeTableIndex[$0.table] == nil }
            if !untouched.isEmpty { routes[nextHop] = untouched }
        }
        for (nextHop, entries) in desired.routesByNextHop { routes[nextHop, default: []] += entries }
        routesByNextHop = routes
    }

    // MARK: Current instances

    mutating func planCurrentInstances() {
        for instance in current.instances {
            guard desired.instance(instance.identity) != nil || desired.scopeContains(vpc: instance.vpc, tags: instance.tags) else {
                continue
            }
            if let kept = desired.instance(instance.identity), instance.id != nil {
                planKept(instance, as: kept)
            } else {
                planRelease(of: instance)
            }
        }
    }

    private mutating func planRelease(of instance: Instance) {
        // A route entry whose next hop is the instance is not deleted with it: DeleteInstance fails while one exists.
        let blockingRoutes = instance.id == nil ? [] : routeEffects(nextHop: instance.identity, outcome: .retained)
        // The cloud refuses the release: deletion protection first, then a subscription not known to have expired
        // (never compared with the clock: a plan depends on its inputs alone), then a route.
        let refusal: ChangeReason? = instance.deletionProtection == true ? .deletionProtectionBlocksRelease
            : instance.chargeType == .prePaid && instance.expired != true ? .subscriptionBlocksRelease
            : blockingRoutes.isEmpty ? nil : .routeEntryBlocksRelease
        let blocked = refusal != nil
        var effects: [Effect] = []
        if let publicIp = instance.publicIp { effects.append(Effect(kind: .publicIpv4, value: publicIp, outcome: .released)) }
        if let eip = instance.eip {
            effects.append(instanceEIPEffect(eip, of: instance))
        }
        effects += blockingRoutes
        if !instance.networkInterfacesComplete {
            effects.append(Effect(kind: .networkInterface, outcome: .unknown, reason: Self.otherInterfacesUnknown(of: instance)))
        }
        changes.append(Change(
            kind: .instance, id: instance.identity, name: instance.name, action: .release,
            reason: refusal ?? releaseReason,
            before: ResourceSnapshot(status: .instance(instance.status)), after: nil,
            location: instance.range, effects: effects))
        let first = changes.count - 1
        for eni in instance.networkInterfaces {
            planInterfaceOfReleasedInstance(eni, instance: instance)
        }
        if blocked {
            for index in first..<changes.count { changes[index].refused = true }
        }
    }

    /// Why the fate of the ENIs a state does not list is unknown, and which input settles it.
    static func otherInterfacesUnknown(of instance: Instance) -> String {
        let known = instance.networkInterfaces.map { "'\(DisplayText.quoted($0.identity))'" }
        let through = known.isEmpty ? "" : " only through ENI\(known.count == 1 ? "" : "s") " + known.joined(separator: ", ")
        let primary = instance.primaryNetworkInterface == nil ? " (its primary ENI among them)" : ""
        return "the inputs know instance '\(DisplayText.quoted(instance.identity))'\(through): its other ENIs\(primary) and their DeleteOnRelease are unknown; add the output of DescribeInstances for it"
    }

    /// An EIP bound to the instance itself is dissociated by the release, unless the primary ENI is
    /// retained: whether the EIP stays on it then, the seed does not say.
    private func instanceEIPEffect(_ eip: String, of instance: Instance) -> Effect {
        guard let primary = instance.networkInterfaces.first(where: { $0.type == .primary }) else {
            return Effect(kind: .eip, id: eip, outcome: .dissociated)
        }
        let wanted = desired.interfaces[primary.identity]
        switch fateOnRelease(primary, flag: appliedFlag(primary, wanted?.eni)) {
        case .released:
            return Effect(kind: .eip, id: eip, outcome: .dissociated)
        case .retained:
            return Effect(kind: .eip, id: eip, outcome: .unknown,
                          reason: "the EIP is bound to the instance, whose primary ENI '\(DisplayText.quoted(primary.identity))' is retained; the documentation does not say whether the EIP stays on the retained ENI")
        case .unknown(_, let detail):
            return Effect(kind: .eip, id: eip, outcome: .unknown,
                          reason: "the EIP is bound to the instance; it is dissociated unless its primary ENI '\(DisplayText.quoted(primary.identity))' is retained, and that is unknown: \(detail)")
        }
    }

    private mutating func planInterfaceOfReleasedInstance(_ eni: NetworkInterface, instance: Instance) {
        let id = eni.identity
        handledInterfaces.insert(id)
        let wanted = desired.interfaces[id]
        // Attribute changes the desired state makes are applied before any release.
        let flag = appliedFlag(eni, wanted?.eni)
        let before = ResourceSnapshot(type: eni.type, status: .inUse, instance: instance.identity, deleteOnRelease: eni.deleteOnRelease.value)
        let location = wanted?.eni.range ?? eni.range
        // Detached before the release (Terraform deletes the attachment first): the release does not take it.
        // Deleted outright by the desired state (a Terraform plan deletes the ENI resource): gone whatever its flag.
        let fate = desired.deletedInterfaces.contains(id) ? .released(reason: .absentFromDesiredState)
            : desired.detachedFirst.contains(id) && eni.type == .secondary ? .retained(reason: .detachedBeforeRelease) : fateOnRelease(eni, flag: flag)
        switch fate {
        case .released(let reason):
            // When the desired state still wants this ENI, the release destroys it first.
            changes.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .release,
                                  reason: wanted == nil ? reason : .releasedBeforeReuse,
                                  before: before, after: nil, location: location,
                                  effects: effects(of: eni, outcome: .released), parentInstance: instance.identity))
        case .retained(let reason):
            let after: ResourceSnapshot
            let action: Action
            switch wanted?.placement {
            case .attached(let newInstance)?:
                action = .reuse
                let newType = wanted?.eni.type ?? .secondary
                after = ResourceSnapshot(type: newType, status: .inUse, instance: newInstance, deleteOnRelease: wanted?.eni.deleteOnRelease.value)
            case .standalone?, nil:
                action = .retain
                after = ResourceSnapshot(type: .secondary, status: .available, instance: nil, deleteOnRelease: flag.value)
            }
            changes.append(Change(kind: .networkInterface, id: id, name: eni.name, action: action,
                                  reason: action == .reuse && reason != .detachedBeforeRelease ? .reusedByInstance : reason,
                                  before: before, after: after, location: location,
                                  effects: effects(of: eni, outcome: .retained), parentInstance: instance.identity))
        case .unknown(let reason, let detail):
            changes.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .unknown, reason: reason,
                                  before: before, after: nil, location: location,
                                  effects: effects(of: eni, outcome: .unknown, reason: detail), parentInstance: instance.identity))
        }
    }

    private enum Fate {
        case released(reason: ChangeReason)
        case retained(reason: ChangeReason)
        case unknown(reason: ChangeReason, detail: String)
    }

    /// The seed's rule: the flag decides, except that a primary ENI is retained only where the region allows it.
    private func fateOnRelease(_ eni: NetworkInterface, flag: DeleteOnRelease) -> Fate {
        switch flag {
        case .defaulted: return .released(reason: .deleteOnReleaseDefault)
        case .explicit(true): return .released(reason: .deleteOnReleaseTrue)
        case .unknown(let detail): return .unknown(reason: .deleteOnReleaseUnknown, detail: detail)
        case .explicit(false):
            guard eni.type == .primary else { return .retained(reason: .deleteOnReleaseFalse) }
            guard let region else {
                return .unknown(reason: .regionUnknown, detail: "no input names the region, and primary ENI retention depends on it")
            }
            switch planner.catalog.lookup(region) {
            case .supportsPrimaryRetention: return .retained(reason: .deleteOnReleaseFalse)
            case .secondaryOnly: return .released(reason: .primaryRetentionUnsupportedInRegion)
            case .unknown:
                return .unknown(reason: .regionUnknown,
                                detail: "region '\(DisplayText.quoted(region))' is not in the region catalogue \(planner.catalog.version), so primary ENI retention cannot be predicted")
            }
        }
    }

    // MARK: Kept instances

    private mutating func planKept(_ instance: Instance, as kept: Instance) {
        var interfaceChanges: [Change] = []
        for eni in instance.networkInterfaces {
            let id = eni.identity
            handledInterfaces.insert(id)
            let before = ResourceSnapshot(type: eni.type, status: .inUse, instance: instance.identity, deleteOnRelease: eni.deleteOnRelease.value)
            guard let wanted = desired.interfaces[id] else {
                if eni.type == .primary {
                    interfaceChanges.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .detach,
                                                   reason: .primaryENICannotBeDetached, before: before, after: before,
                                                   location: kept.range, parentInstance: instance.identity))
                } else {
                    interfaceChanges.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .delete,
                                                   reason: .absentFromDesiredState, before: before, after: nil,
                                                   location: kept.fields[.networkInterfaces] ?? kept.range,
                                                   effects: effects(of: eni, outcome: .released), parentInstance: instance.identity))
                }
                continue
            }
            switch wanted.placement {
            case .attached(let owner) where owner == kept.identity:
                var after = ResourceSnapshot(type: wanted.eni.type, status: .inUse, instance: owner, deleteOnRelease: appliedFlag(eni, wanted.eni).value)
                let (action, reason): (Action, ChangeReason)
                switch (eni.type, wanted.eni.type) {
                case (.primary, .secondary):
                    // Only detaching makes a primary ENI anything else, and primary ENIs cannot be detached:
                    // it stays the primary ENI.
                    (action, reason) = (.detach, .primaryENICannotBeDetached)
                    after.type = .primary
                case (.secondary, .primary):
                    // An instance's primary ENI is the one it was created with: this one stays secondary.
                    (action, reason) = (.keep, .secondaryENICannotBecomePrimary)
                    after.type = .secondary
                default:
                    (action, reason) = attributeDiff(eni, wanted.eni)
                }
                interfaceChanges.append(Change(kind: .networkInterface, id: id, name: eni.name, action: action, reason: reason,
                                               before: before, after: after, location: wanted.eni.range,
                                               effects: attributeEffects(eni, wanted.eni), parentInstance: instance.identity))
            case .attached(let owner):
                let after = ResourceSnapshot(type: wanted.eni.type, status: .inUse, instance: owner, deleteOnRelease: appliedFlag(eni, wanted.eni).value)
                interfaceChanges.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .detach,
                                               reason: eni.type == .primary ? .primaryENICannotBeDetached : .movedToInstance,
                                               before: before, after: after, location: wanted.eni.range, parentInstance: instance.identity))
            case .standalone:
                let after = ResourceSnapshot(type: .secondary, status: .available, instance: nil, deleteOnRelease: appliedFlag(eni, wanted.eni).value)
                interfaceChanges.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .detach,
                                               reason: eni.type == .primary ? .primaryENICannotBeDetached : .detached,
                                               before: before, after: after, location: wanted.eni.range, parentInstance: instance.identity))
            }
        }
        interfaceChanges += incomingInterfaces(of: kept)
        var instanceAction = interfaceChanges.contains { $0.action != .keep } ? Action.update : .keep
        var reason: ChangeReason = instanceAction == .update ? .networkInterfacesChanged : .unchanged
        if kept.status != nil && kept.status != instance.status || kept.deletionProtection != nil && kept.deletionProtection != instance.deletionProtection {
            instanceAction = .update
            reason = .attributesChanged
        }
        var before = ResourceSnapshot(status: .instance(instance.status))
        var after = ResourceSnapshot(status: .instance(kept.status ?? instance.status))
        // An instance cannot change zone: only a new instance in the other zone can, a replacement (ENI021).
        if let zone = instance.zone, let wantedZone = kept.zone, zone != wantedZone {
            instanceAction = .update
            reason = .zoneChanged
            before.zone = zone
            after.zone = wantedZone
        }
        changes.append(Change(kind: .instance, id: instance.identity, name: kept.name ?? instance.name, action: instanceAction, reason: reason,
                              before: before, after: after, location: kept.range))
        changes += interfaceChanges
    }

    /// The flag an ENI has once the desired state is applied. A manifest that lists the ENI sets it:
    /// written, or absent, which means Alibaba Cloud's default, true. Only a desired state that cannot
    /// tell (a `kind: State` without the flag) leaves the current flag in force.
    private func appliedFlag(_ current: NetworkInterface, _ wanted: NetworkInterface?) -> DeleteOnRelease {
        // A flag the desired state writes as unknown (a Terraform plan's value known only after apply) is what applies.
        if let wanted, case .unknown = wanted.deleteOnRelease, wanted.fields[.deleteOnRelease] != nil { return wanted.deleteOnRelease }
        guard let flag = wanted?.deleteOnRelease, flag.value != nil else { return current.deleteOnRelease }
        return flag
    }

    private func attributeDiff(_ current: NetworkInterface, _ wanted: NetworkInterface) -> (Action, ChangeReason) {
        switch wanted.deleteOnRelease {
        case .explicit(let flag) where current.deleteOnRelease.value != flag:
            return (.update, .deleteOnReleaseChanged)
        case .defaulted where current.deleteOnRelease.value != true:
            // Leaving the flag out of the manifest sets the default, true, as writing it would.
            return (.update, .deleteOnReleaseChanged)
        default: break
        }
        if Set(wanted.securityGroups) != Set(current.securityGroups) && manages(wanted, .securityGroups) { return (.update, .securityGroupsChanged) }
        let addressFields: [(NetworkInterface.Field, KeyPath<NetworkInterface, [String]>)] =
            [(.privateIpv4, \.privateIpv4), (.ipv4Prefixes, \.ipv4Prefixes), (.ipv6, \.ipv6), (.ipv6Prefixes, \.ipv6Prefixes)]
        for (field, list) in addressFields where current[keyPath: list] != wanted[keyPath: list] && manages(wanted, field) {
            return (.update, .addressesChanged)
        }
        if eipsDiffer(current.eips, wanted.eips) { return (.update, .eipChanged) }
        return (.keep, .unchanged)
    }

    /// Whether the desired ENI says what `field` should be: it writes the field, or lists something in it. A
    /// desired state that leaves a list out does not ask to empty it.
    private func manages(_ wanted: NetworkInterface, _ field: NetworkInterface.Field) -> Bool {
        if wanted.fields[field] != nil { return true }
        switch field {
        case .securityGroups: return !wanted.securityGroups.isEmpty
        case .privateIpv4: return !wanted.privateIpv4.isEmpty
        case .ipv4Prefixes: return !wanted.ipv4Prefixes.isEmpty
        case .ipv6: return !wanted.ipv6.isEmpty
        case .ipv6Prefixes: return !wanted.ipv6Prefixes.isEmpty
        default: return false
        }
    }

    /// What an update does to what a kept ENI carries: each address and prefix released or added, each security
    /// group left or joined, an EIP dissociated or associated.
    private func attributeEffects(_ current: NetworkInterface, _ wanted: NetworkInterface) -> [Effect] {
        var effects: [Effect] = []
        func diff(_ kind: Effect.Kind, _ field: NetworkInterface.Field, _ before: [String], _ after: [String], byId: Bool, gone: Effect.Outcome) {
            guard before != after, manages(wanted, field) else { return }
            let old = Set(before), new = Set(after)
            for value in before where !new.contains(value) {
                effects.append(byId ? Effect(kind: kind, id: value, outcome: gone) : Effect(kind: kind, value: value, outcome: gone))
            }
            for value in after where !old.contains(value) {
                effects.append(byId ? Effect(kind: kind, id: value, outcome: .added) : Effect(kind: kind, value: value, outcome: .added))
            }
        }
        diff(.privateIpv4, .privateIpv4, current.privateIpv4, wanted.privateIpv4, byId: false, gone: .released)
        diff(.ipv4Prefix, .ipv4Prefixes, current.ipv4Prefixes, wanted.ipv4Prefixes, byId: false, gone: .released)
        diff(.ipv6, .ipv6, current.ipv6, wanted.ipv6, byId: false, gone: .released)
        diff(.ipv6Prefix, .ipv6Prefixes, current.ipv6Prefixes, wanted.ipv6Prefixes, byId: false, gone: .released)
        if eipsDiffer(current.eips, wanted.eips) {
            // An EIP bound to another address is dissociated from the one and associated with the other.
            let before = Dictionary(current.eips.map { ($0.id, $0.privateIp) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary(wanted.eips.map { ($0.id, $0.privateIp) }, uniquingKeysWith: { first, _ in first })
            func moved(_ id: String) -> Bool {
                guard let old = before[id] ?? nil, let new = after[id] ?? nil else { return false }
                return old != new
            }
            for binding in current.eips where after[binding.id] == nil || moved(binding.id) {
                var effect = Effect(kind: .eip, id: binding.id, privateIp: binding.privateIp, outcome: .dissociated)
                // Bound to another address of the same ENI: moved, not left unbound.
                if moved(binding.id) { effect.reassociatedTo = wanted.identity }
                effects.append(effect)
            }
            for binding in wanted.eips where before[binding.id] == nil || moved(binding.id) {
                effects.append(Effect(kind: .eip, id: binding.id, privateIp: binding.privateIp, outcome: .added))
            }
        }
        diff(.securityGroup, .securityGroups, current.securityGroups, wanted.securityGroups, byId: true, gone: .dissociated)
        return effects
    }

    /// Whether the desired EIPs are other than the current ones: another set of allocation ids, or an EIP bound to
    /// another private IP address where both sides name one (the `eip` form names none).
    private func eipsDiffer(_ current: [NetworkInterface.EIPBinding], _ wanted: [NetworkInterface.EIPBinding]) -> Bool {
        guard Set(current.map(\.id)) == Set(wanted.map(\.id)) else { return true }
        let currentAddresses = Dictionary(current.map { ($0.id, $0.privateIp) }, uniquingKeysWith: { first, _ in first })
        return wanted.contains { binding in
            guard let address = binding.privateIp, let existing = currentAddresses[binding.id] ?? nil else { return false }
            return address != existing
        }
    }

    // MARK: New instances and incoming ENIs

    mutating func planNewInstances() {
        for instance in desired.instances where instance.id == nil || current.instance(instance.identity) == nil {
            var interfaceChanges = incomingInterfaces(of: instance)
            for eni in instance.networkInterfaces where eni.id == nil || !current.interfaces.contains(eni.identity) {
                interfaceChanges.append(Change(
                    kind: .networkInterface, id: eni.identity, name: eni.name, action: .create, reason: .newNetworkInterface,
                    after: ResourceSnapshot(type: eni.type, status: .inUse, instance: instance.identity, deleteOnRelease: eni.deleteOnRelease.value),
                    location: eni.range, parentInstance: instance.identity))
            }
            changes.append(Change(kind: .instance, id: instance.identity, name: instance.name, action: .create, reason: .newInstance,
                                  after: ResourceSnapshot(status: .instance(instance.status ?? .running)), location: instance.range))
            changes += interfaceChanges
        }
    }

    /// ENIs the desired instance lists that exist today somewhere else: attached from Available, or reused.
    private func incomingInterfaces(of instance: Instance) -> [Change] {
        var result: [Change] = []
        for eni in instance.networkInterfaces {
            guard let id = eni.id, let existing = current.interfaces[id] else { continue }
            let after = ResourceSnapshot(type: eni.type, status: .inUse, instance: instance.identity, deleteOnRelease: appliedFlag(existing.eni, eni).value)
            switch existing.placement {
            case .standalone:
                result.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .attach, reason: .attachedAvailableENI,
                                     before: ResourceSnapshot(type: .secondary, status: .available, deleteOnRelease: existing.eni.deleteOnRelease.value),
                                     after: after, location: eni.range, parentInstance: instance.identity))
            case .attached(let owner) where owner != instance.identity:
                // Reuse after a release is reported with the released instance; a move from a kept one is an attach.
                if let ownerInstance = current.instance(owner), desired.instance(owner) != nil, ownerInstance.id != nil {
                    result.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .attach,
                                         reason: existing.eni.type == .primary ? .primaryENICannotBeDetached : .movedFromInstance,
                                         before: ResourceSnapshot(type: existing.eni.type, status: .inUse, instance: owner,
                                                                  deleteOnRelease: existing.eni.deleteOnRelease.value),
                                         after: after, location: eni.range, parentInstance: instance.identity))
                }
            case .attached:
                break
            }
        }
        return result
    }

    // MARK: Standalone ENIs

    mutating func planStandaloneInterfaces() {
        for eni in current.standaloneInterfaces {
            let id = eni.identity
            guard !handledInterfaces.contains(id) else { continue }
            let before = ResourceSnapshot(type: .secondary, status: .available, deleteOnRelease: eni.deleteOnRelease.value)
            guard let wanted = desired.interfaces[id] else {
                guard desired.scopeContains(vpc: eni.vpc, tags: eni.tags) else { continue }
                if eni.serviceManaged {
                    // Another service's ENI (a NAT gateway's, say): left alone, whatever the desired state says.
                    changes.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .keep, reason: .serviceManaged,
                                          before: before, after: before, location: eni.range))
                    continue
                }
                changes.append(Change(kind: .networkInterface, id: id, name: eni.name, action: .delete, reason: .absentFromDesiredState,
                                      before: before, location: eni.range, effects: effects(of: eni, outcome: .released)))
                continue
            }
            if case .standalone = wanted.placement {
                var (action, reason) = attributeDiff(eni, wanted.eni)
                var before = before
                var after = ResourceSnapshot(type: .secondary, status: .available, deleteOnRelease: appliedFlag(eni, wanted.eni).value)
                if let zone = eni.zone, let wantedZone = wanted.eni.zone, zone != wantedZone {
                    (action, reason) = (.update, .zoneChanged)
                    before.zone = zone
                    after.zone = wantedZone
                }
                changes.append(Change(kind: .networkInterface, id: id, name: eni.name, action: action, reason: reason, before: before,
                                      after: after, location: wanted.eni.range, effects: attributeEffects(eni, wanted.eni)))
            }
        }
        for eni in desired.standaloneInterfaces where eni.id == nil || !current.interfaces.contains(eni.identity) {
            changes.append(Change(kind: .networkInterface, id: eni.identity, name: eni.name, action: .create, reason: .newNetworkInterface,
                                  after: ResourceSnapshot(type: .secondary, status: .available, deleteOnRelease: eni.deleteOnRelease.value),
                                  location: eni.range))
        }
    }

    // MARK: Effects

    /// The seed's table: what an ENI carries, and what its release or retention does to each.
    private func effects(of eni: NetworkInterface, outcome: Effect.Outcome, reason: String? = nil) -> [Effect] {
        let unbound: Effect.Outcome = outcome == .released ? .dissociated : outcome
        var effects: [Effect] = []
        effects += eni.privateIpv4.map { Effect(kind: .privateIpv4, value: $0, outcome: outcome, reason: reason) }
        effects += eni.ipv4Prefixes.map { Effect(kind: .ipv4Prefix, value: $0, outcome: outcome, reason: reason) }
        effects += eni.ipv6.map { Effect(kind: .ipv6, value: $0, outcome: outcome, reason: reason) }
        effects += eni.ipv6Prefixes.map { Effect(kind: .ipv6Prefix, value: $0, outcome: outcome, reason: reason) }
        if let bandwidth = eni.ipv6Bandwidth, bandwidth > 0 {
            effects.append(Effect(kind: .ipv6Bandwidth, value: String(bandwidth), outcome: outcome, reason: reason))
        }
        effects += eni.eips.map { Effect(kind: .eip, id: $0.id, privateIp: $0.privateIp, outcome: unbound, reason: reason) }
        effects += eni.securityGroups.map { Effect(kind: .securityGroup, id: $0, outcome: unbound, reason: reason) }
        if let id = eni.id {
            effects += routeEffects(nextHop: id, outcome: outcome == .released ? .deleted : outcome, reason: reason)
        }
        return effects
    }

    private func routeEffects(nextHop: String, outcome: Effect.Outcome, reason: String? = nil) -> [Effect] {
        (routesByNextHop[nextHop] ?? []).map { route in
            Effect(kind: .routeEntry, id: route.entry.id ?? currentRouteId(route.table, route.entry), routeTable: route.table,
                   destination: route.entry.destination, outcome: outcome, reason: reason)
        }
    }

    /// The id the current state knows for a route entry the desired state writes without one.
    private func currentRouteId(_ table: String, _ entry: RouteEntry) -> String? {
        current.routeEntries[RouteEntry.Key(table: table, destination: entry.destination, nextHop: entry.nextHop)]?.id
    }

    // MARK: EIPs that move

    /// An EIP dissociated from one ENI (or instance) that the desired state binds to another is moved, not left
    /// unbound: each such effect names where it goes. An ENI this plan releases or deletes binds nothing.
    mutating func markReassociatedEIPs() {
        guard changes.contains(where: { !$0.refused && $0.effects.contains { $0.kind == .eip && $0.outcome == .dissociated } }) else { return }
        let gone = Set(changes.filter { $0.kind == .networkInterface && ($0.action == .release || $0.action == .delete) }.map(\.id))
        var boundTo: [String: String] = [:]
        for instance in desired.instances {
            if let eip = instance.eip { boundTo[eip] = instance.identity }
            for eni in instance.networkInterfaces where !gone.contains(eni.identity) {
                for binding in eni.eips { boundTo[binding.id] = eni.identity }
            }
        }
        for eni in desired.standaloneInterfaces where !gone.contains(eni.identity) {
            for binding in eni.eips { boundTo[binding.id] = eni.identity }
        }
        for index in changes.indices where !changes[index].refused {
            for position in changes[index].effects.indices {
                let effect = changes[index].effects[position]
                guard effect.kind == .eip, effect.outcome == .dissociated, let id = effect.id, let target = boundTo[id],
                      target != changes[index].id else { continue }
                changes[index].effects[position].reassociatedTo = target
            }
        }
    }

    // MARK: Route tables

    /// The route entries each route table the desired state lists adds, removes or re-points; a table the current
    /// state does not know is new, and each of its entries added.
    mutating func planRouteTables() {
        for table in desired.routeTables {
            let existing = current.routeTableIndex[table.id].map { current.routeTables[$0].entries } ?? []
            var before: [String: [RouteEntry]] = [:]
            for entry in existing { before[entry.destination, default: []].append(entry) }
            var after: [String: [RouteEntry]] = [:]
            for entry in table.entries { after[entry.destination, default: []].append(entry) }
            var seen: Set<String> = []
            for entry in table.entries where seen.insert(entry.destination).inserted {
                let old = before[entry.destination] ?? []
                let new = after[entry.destination] ?? []
                let oldHops = Set(old.map(\.nextHop)), newHops = Set(new.map(\.nextHop))
                guard oldHops != newHops else { continue }
                if old.count == 1, new.count == 1 {
                    routeChange(table.id, entry, action: .update, reason: .routeEntryRepointed, outcome: .repointed,
                                from: old[0].nextHop, at: entry.fields[.nextHop] ?? entry.range, id: old[0].id)
                    continue
                }
                // Several next hops for one destination (ECMP): each entry is its own change, named by its next hop.
                let multipath = old.count > 1 || new.count > 1
                for gone in old where !newHops.contains(gone.nextHop) {
                    routeChange(table.id, gone, action: .delete, reason: .routeEntryRemoved, outcome: .deleted, from: gone.nextHop, at: table.range,
                                multipath: multipath)
                }
                for added in new where !oldHops.contains(added.nextHop) {
                    routeChange(table.id, added, action: .create, reason: .routeEntryAdded, outcome: .added, at: added.fields[.nextHop] ?? added.range,
                                multipath: multipath)
                }
            }
            for entry in existing where after[entry.destination] == nil {
                routeChange(table.id, entry, action: .delete, reason: .routeEntryRemoved, outcome: .deleted, from: entry.nextHop, at: table.range,
                            multipath: (before[entry.destination]?.count ?? 0) > 1)
            }
        }
    }

    /// A route entry's change: `from` is its next hop before, `entry`'s the one after unless it is removed.
    private mutating func routeChange(_ table: String, _ entry: RouteEntry, action: Action, reason: ChangeReason, outcome: Effect.Outcome,
                                      from: String? = nil, at location: SourceRange, id: String? = nil, multipath: Bool = false) {
        let routeId = id ?? entry.id
        changes.append(Change(
            kind: .routeEntry, id: "\(table):\(entry.destination)" + (multipath ? ":\(entry.nextHop)" : ""), action: action, reason: reason,
            before: from.map { ResourceSnapshot(nextHop: $0) },
            after: action == .delete ? nil : ResourceSnapshot(nextHop: entry.nextHop),
            location: location,
            effects: [Effect(kind: .routeEntry, id: routeId, routeTable: table, destination: entry.destination, outcome: outcome)]))
    }
}

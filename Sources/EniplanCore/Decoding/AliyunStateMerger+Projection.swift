import EniplanYAML

/// The joined records as the model: instances with their ENIs, EIPs bound to what they name, route tables.
extension AliyunStateMerger {
    /// The model of an instance, its ENIs attached and ordered primary first, then by id.
    mutating func model(of record: AliyunResponse.InstanceRecord, interfaces: [AliyunResponse.InterfaceRecord]) -> Instance {
        var fields = FieldRanges<Instance.Field>()
        fields[.id] = record.idRange
        fields[.name] = record.name?.range
        fields[.zone] = record.zone?.range
        fields[.vpc] = record.vpc?.range
        fields[.status] = record.status?.range
        fields[.deletionProtection] = record.deletionProtection?.range
        fields[.chargeType] = record.chargeType?.range
        // Expiry is a subscription's: DescribeInstances gives a pay-as-you-go instance an ExpiredTime far off
        // (2099-12-31T15:59Z), and a financial lock there means an overdue payment, which no release waits for.
        let subscription = record.chargeType?.value != .postPaid
        fields[.expiredTime] = subscription ? record.expiredTime?.range : nil
        fields[.expired] = subscription ? record.expired?.range : nil
        fields[.publicIp] = record.publicIp?.range
        fields[.tags] = record.tags?.range
        var instance = Instance(id: record.id, name: record.name?.value, zone: record.zone?.value, vpc: record.vpc?.value,
                                status: record.status?.value, deletionProtection: record.deletionProtection?.value,
                                tags: record.tags?.value ?? [:], range: record.range, fields: fields)
        instance.chargeType = record.chargeType?.value
        instance.expiredTime = subscription ? record.expiredTime?.value : nil
        instance.expired = subscription ? record.expired?.value : nil
        instance.publicIp = record.publicIp?.value
        for eni in interfaces where eni.type == nil {
            error(.incompleteInput, eni.range, "none of the API responses gives the Type (Primary or Secondary) of ENI '\(DisplayText.quoted(eni.id))'; add the output of DescribeNetworkInterfaces or DescribeNetworkInterfaceAttribute")
        }
        let ordered = interfaces.filter { $0.type != nil }.sorted { ($0.type?.value == .primary ? 0 : 1, $0.id) < ($1.type?.value == .primary ? 0 : 1, $1.id) }
        instance.networkInterfaces = ordered.map { model(of: $0, instance: instance) }
        let primaries = ordered.filter { $0.type?.value == .primary }
        // No DescribeInstances response describes the instance: the ENI calls name it, and may name only some of its
        // ENIs (one ENI's attribute, a filtered listing without its primary ENI). Its other ENIs are unknown, not missing.
        let partial = record.call != .describeInstances
            && (primaries.isEmpty || interfaces.allSatisfy { $0.call == .describeNetworkInterfaceAttribute })
        instance.networkInterfacesComplete = !partial
        if primaries.isEmpty && ordered.count == interfaces.count && !partial {
            error(.incompleteInput, record.range, "instance '\(DisplayText.quoted(record.id))' has no primary ENI in these API responses; add the output of DescribeInstances, or of DescribeNetworkInterfaces for this instance")
        } else if primaries.count > 1, let second = primaries[1].type, let first = primaries[0].type {
            error(.conflictingValues, second.range, "instance '\(DisplayText.quoted(record.id))' has more than one primary ENI ('\(DisplayText.quoted(primaries[0].id))' and '\(DisplayText.quoted(primaries[1].id))')",
                  notes: [YAMLError.Note(range: first.range, message: "the first primary ENI is here")])
        }
        // DescribeInstances may report an EIP bound to one of the instance's ENIs as the instance's own.
        if let eip = record.eip, let id = eip.value, !instance.networkInterfaces.contains(where: { $0.eips.contains { $0.id == id } }) {
            instance.eip = id
            instance.fields[.eip] = eip.range
        }
        return instance
    }

    /// The model of an ENI; an attached one is in its instance's zone and VPC.
    func model(of record: AliyunResponse.InterfaceRecord, instance: Instance?) -> NetworkInterface {
        var fields = FieldRanges<NetworkInterface.Field>()
        fields[.id] = record.idRange
        fields[.name] = record.name?.range
        fields[.type] = record.type?.range
        fields[.deleteOnRelease] = record.deleteOnRelease?.range
        fields[.zone] = record.zone?.range
        fields[.vpc] = record.vpc?.range
        fields[.vswitch] = record.vswitch?.range
        fields[.privateIpv4] = (record.privateIpv4 ?? record.primaryIpv4.map { $0.map { [$0] } })?.range
        fields[.ipv4Prefixes] = record.ipv4Prefixes?.range
        fields[.ipv6] = record.ipv6?.range
        fields[.ipv6Prefixes] = record.ipv6Prefixes?.range
        let several = record.eipBindings.count > 1
        fields[.eip] = several || record.eip?.value == nil ? nil : record.eip?.range
        fields[.eips] = several ? record.eipBindings.first?.range : nil
        fields[.securityGroups] = record.securityGroups?.range
        fields[.tags] = record.tags?.range
        var addresses = record.privateIpv4?.value ?? []
        if let primary = record.primaryIpv4?.value {
            addresses.removeAll { $0 == primary }
            addresses.insert(primary, at: 0)
        }
        let deleteOnRelease: DeleteOnRelease
        if let flag = record.deleteOnRelease {
            deleteOnRelease = .explicit(flag.value)
        } else if record.call == .describeInstances {
            deleteOnRelease = .unknown(reason: "DescribeInstances does not report DeleteOnRelease; add the output of DescribeNetworkInterfaces or DescribeNetworkInterfaceAttribute")
        } else {
            deleteOnRelease = .unknown(reason: "the \(record.call.name) response gives no DeleteOnRelease for this ENI")
        }
        var eni = NetworkInterface(
            id: record.id, name: record.name?.value, type: record.type?.value ?? .secondary, deleteOnRelease: deleteOnRelease,
            vswitch: record.vswitch?.value, zone: instance?.zone ?? record.zone?.value, vpc: instance?.vpc ?? record.vpc?.value,
            privateIpv4: addresses, ipv4Prefixes: record.ipv4Prefixes?.value ?? [], ipv6: record.ipv6?.value ?? [],
            ipv6Prefixes: record.ipv6Prefixes?.value ?? [],
            eips: several ? record.eipBindings.map { NetworkInterface.EIPBinding(id: $0.id, privateIp: $0.privateIp, range: $0.range) }
                : (record.eip?.value ?? nil).map { [NetworkInterface.EIPBinding(id: $0)] } ?? [],
            securityGroups: record.securityGroups?.value ?? [], tags: record.tags?.value ?? [:], range: record.range, fields: fields)
        eni.ipv6Bandwidth = record.ipv6Bandwidth?.value
        eni.fields[.ipv6Bandwidth] = record.ipv6Bandwidth?.range
        eni.serviceManaged = record.serviceManaged?.value ?? false
        eni.fields[.serviceManaged] = record.serviceManaged?.range
        return eni
    }

    // MARK: EIPs

    /// Merges the EIP records and binds each EIP to the ENI or instance it names, where the state has it.
    mutating func mergeEIPs(_ records: [AliyunResponse.EIPRecord], instances: inout [String: AliyunResponse.InstanceRecord],
                                    interfaces: inout [String: AliyunResponse.InterfaceRecord]) -> [AliyunResponse.EIPRecord] {
        let merged = Self.join(records, by: \.id) { record, base in
            let subject = "EIP '\(DisplayText.quoted(record.id))'"
            merge(&base.address, record.address, subject, "address")
            merge(&base.chargeType, record.chargeType, subject, "charge type")
            merge(&base.region, record.region, subject, "region")
            merge(&base.target, record.target, subject, "binding")
        }
        let eips = merged.values.sorted { $0.id < $1.id }
        var byInterface: [String: [AliyunResponse.EIPRecord]] = [:]
        for eip in eips {
            guard let target = eip.target else { continue }
            switch target.value {
            case .networkInterface(let id):
                byInterface[id, default: []].append(eip)
            case .instance(let id):
                guard var instance = instances[id] else { continue }
                merge(&instance.eip, target.map { _ -> String? in eip.id }, "instance '\(DisplayText.quoted(id))'", "EIP")
                instances[id] = instance
            }
        }
        for id in byInterface.keys.sorted() {
            guard let bound = byInterface[id], let first = bound.first, let target = first.target, var eni = interfaces[id] else { continue }
            if bound.count == 1 && eni.eipBindings.isEmpty {
                merge(&eni.eip, target.map { _ -> String? in first.id }, "ENI '\(DisplayText.quoted(id))'", "EIP")
            } else {
                bind(bound, to: &eni)
            }
            interfaces[id] = eni
        }
        return eips
    }

    // MARK: IPv6 Internet bandwidth

    /// Merges the IPv6 address records and gives each ENI the Internet bandwidth of its addresses, summed: an
    /// address assigned to an ENI counts for that ENI, one assigned to an instance for its primary ENI. An address
    /// the ENI's own record does not list is a conflict; an ENI no response lists them for takes them from here.
    mutating func mergeIpv6Addresses(_ records: [AliyunResponse.Ipv6AddressRecord], interfaces: inout [String: AliyunResponse.InterfaceRecord]) {
        let merged = Self.join(records, by: \.id) { record, base in
            let subject = "IPv6 address '\(DisplayText.quoted(record.id))'"
            merge(&base.address, record.address, subject, "address")
            merge(&base.target, record.target, subject, "binding")
            merge(&base.bandwidth, record.bandwidth, subject, "Internet bandwidth (Mbit/s)")
        }
        guard !merged.isEmpty else { return }
        var primaries: [String: String] = [:]
        for (id, eni) in interfaces where eni.type?.value == .primary {
            if let instance = eni.instance?.value ?? nil { primaries[instance] = id }
        }
        for record in merged.values.sorted(by: { $0.id < $1.id }) {
            guard let target = record.target else { continue }
            let eniID: String?
            switch target.value {
            case .networkInterface(let id): eniID = id
            case .instance(let id): eniID = primaries[id]
            }
            guard let eniID, var eni = interfaces[eniID] else { continue }
            let subject = "ENI '\(DisplayText.quoted(eniID))'"
            if let address = record.address {
                if let listed = eni.ipv6, listed.call != .describeIpv6Addresses {
                    if !listed.value.contains(address.value) {
                        error(.conflictingValues, address.range, "the API responses disagree about \(subject): DescribeIpv6Addresses assigns it IPv6 address \(address.value.shown) here, but its IPv6 addresses are \(listed.value.shown) in \(listed.call.name)",
                              notes: [YAMLError.Note(range: listed.range, message: "\(listed.call.name) gives \(listed.value.shown) here")])
                    }
                } else {
                    // The ENI's own records do not list its addresses: this call's addresses are its list.
                    var addresses = eni.ipv6?.value ?? []
                    if !addresses.contains(address.value) { addresses.append(address.value) }
                    eni.ipv6 = AliyunField(value: addresses, range: eni.ipv6?.range ?? address.range, call: address.call)
                }
            }
            if let bandwidth = record.bandwidth {
                if let sum = eni.ipv6Bandwidth {
                    // Each value is an Int the text gave; their sum saturates rather than wraps.
                    let (total, overflow) = sum.value.addingReportingOverflow(bandwidth.value)
                    eni.ipv6Bandwidth = AliyunField(value: overflow ? Int.max : total, range: sum.range, call: sum.call)
                } else {
                    eni.ipv6Bandwidth = bandwidth
                }
            }
            interfaces[eniID] = eni
        }
    }

    /// Several EIPs on one ENI (NAT mode), as DescribeEipAddresses binds them: each on one of the ENI's private IP
    /// addresses (`PrivateIpAddress`, else the one the ENI call gives), no two on the same one. The ENI calls, where
    /// they give the ENI's EIPs, must give the same ones (or, with no EIP on a secondary address, one of them).
    mutating func bind(_ bound: [AliyunResponse.EIPRecord], to eni: inout AliyunResponse.InterfaceRecord) {
        let subject = "ENI '\(DisplayText.quoted(eni.id))'"
        let ids = bound.map(\.id)
        let firstRange = bound.first.map { $0.target?.range ?? $0.range } ?? eni.range
        if let existing = eni.eip {
            let existingIDs = Self.eipIDs(eni)
            guard Self.sameEIPs(existingIDs, several: !eni.eipBindings.isEmpty, ids, several: true) else {
                let shown = eni.eipBindings.isEmpty ? existing.value.shown : existingIDs.shown
                error(.conflictingValues, firstRange,
                      "the API responses disagree about \(subject): its EIPs are \(ids.shown) here, but \(shown) in \(existing.call.name)",
                      notes: [YAMLError.Note(range: existing.range, message: "\(existing.call.name) gives \(shown) here")])
                return
            }
        }
        var known = Set(eni.privateIpv4?.value ?? [])
        if let primary = eni.primaryIpv4?.value { known.insert(primary) }
        // An ENI call's binding is located in preference, as an ENI's one EIP is (`interfacePreference`).
        let fromInterfaceCall = Dictionary(eni.eipBindings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byAddress: [String: (id: String, range: SourceRange)] = [:]
        var bindings: [AliyunResponse.EIPBinding] = []
        for eip in bound {
            let range = fromInterfaceCall[eip.id]?.range ?? eip.target?.range ?? eip.range
            let address = eip.privateIp.map { (value: $0.value, range: $0.range) }
                ?? fromInterfaceCall[eip.id]?.privateIp.map { (value: $0, range: range) }
            if let address {
                if let other = byAddress[address.value] {
                    error(.conflictingValues, address.range,
                          "EIPs '\(DisplayText.quoted(other.id))' and '\(DisplayText.quoted(eip.id))' are both bound to the private IP address '\(DisplayText.quoted(address.value))' of \(subject); an address carries one EIP",
                          notes: [YAMLError.Note(range: other.range, message: "'\(DisplayText.quoted(other.id))' is bound to it here")])
                    continue
                }
                if !known.isEmpty && !known.contains(address.value) {
                    error(.conflictingValues, address.range,
                          "EIP '\(DisplayText.quoted(eip.id))' is bound to '\(DisplayText.quoted(address.value))', which is not among the private IP addresses of \(subject) in these API responses")
                    continue
                }
                byAddress[address.value] = (eip.id, address.range)
            }
            bindings.append(AliyunResponse.EIPBinding(id: eip.id, privateIp: address?.value, range: range))
        }
        if eni.eip == nil, let first = bound.first {
            eni.eip = AliyunField(value: first.id, range: firstRange, call: first.call)
        }
        eni.eipBindings = bindings
    }

    // MARK: Route tables

    mutating func mergeRouteTables(_ tables: [AliyunResponse.RouteTableRecord],
                                           entries: [AliyunResponse.RouteEntryRecord]) -> [RouteTable] {
        var mergedTables = Self.join(tables, by: \.id) { table, base in
            merge(&base.vpc, table.vpc, "route table '\(DisplayText.quoted(table.id))'", "VPC")
        }
        let mergedEntries = Self.join(entries, by: { RouteEntry.Key(table: $0.table, destination: $0.destination, nextHop: $0.nextHop) }) { entry, base in
            merge(&base.id, entry.id, "the route to '\(DisplayText.quoted(entry.destination))' in '\(DisplayText.quoted(entry.table))' through '\(DisplayText.quoted(entry.nextHop))'", "RouteEntryId")
        }
        // A table that only DescribeRouteEntryList names is located at its first entry.
        for index in Self.mergeOrder(entries) where mergedTables[entries[index].table] == nil {
            let entry = entries[index]
            mergedTables[entry.table] = AliyunResponse.RouteTableRecord(id: entry.table, call: entry.call, range: entry.range)
        }
        var byTable: [String: [AliyunResponse.RouteEntryRecord]] = [:]
        for entry in mergedEntries.values { byTable[entry.table, default: []].append(entry) }
        return mergedTables.values.sorted { $0.id < $1.id }.map { table in
            let entries = (byTable[table.id] ?? []).sorted { ($0.destination, $0.nextHop) < ($1.destination, $1.nextHop) }
            return RouteTable(id: table.id, vpc: table.vpc?.value, entries: entries.map { entry in
                var fields = FieldRanges<RouteEntry.Field>()
                fields[.id] = entry.id?.range
                fields[.destination] = entry.destinationRange
                fields[.nextHop] = entry.nextHopRange
                return RouteEntry(id: entry.id?.value, destination: entry.destination, nextHop: entry.nextHop, range: entry.range, fields: fields)
            }, range: table.range)
        }
    }
}

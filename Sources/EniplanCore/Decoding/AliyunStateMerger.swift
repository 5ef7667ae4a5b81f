import EniplanYAML

/// The current state read from Alibaba Cloud API responses, joined into one `kind: State` manifest.
public struct AliyunState: Sendable, Hashable {
    public var manifest: Manifest
    /// The files each call's responses came from, sorted.
    public var files: [AliyunCall: [String]]
}

/// Joins the partial records of every API response into one state.
///
/// DescribeInstances gives instances and their ENIs but not DeleteOnRelease; the ENI calls give the
/// flag, and DescribeEipAddresses the EIPs bound to ENIs and instances: records of one resource are
/// joined by id. Records are merged in a fixed order (by call, then file, then position), so the
/// result does not depend on the order the files were given in, and each field keeps the location of
/// the first record that gives it. Two records that give one field different values are an error
/// that points at both; a page given twice, or pages that overlap, merge silently.
struct AliyunStateMerger {
    private var diagnostics: [Diagnostic] = []
    private var reportedRegions: Set<String> = []

    static func merge(_ responses: [AliyunResponse]) throws(InputError) -> AliyunState {
        var merger = AliyunStateMerger()
        let state = merger.merge(responses)
        if let state, merger.diagnostics.isEmpty { return state }
        if merger.diagnostics.isEmpty {
            throw InputError([Diagnostic(.noInput, at: nil, "no Alibaba Cloud API responses were given")])
        }
        throw InputError(merger.diagnostics)
    }

    /// How records are ordered before they merge: by call, then by file and position.
    struct Order: Comparable {
        var call: Int
        var file: String
        var offset: Int

        init(_ call: AliyunCall, _ range: SourceRange, preferring preference: [AliyunCall] = AliyunCall.allCases) {
            self.call = preference.firstIndex(of: call) ?? preference.count
            file = range.file
            offset = range.start.offset
        }

        static func < (lhs: Order, rhs: Order) -> Bool {
            (lhs.call, lhs.file, lhs.offset) < (rhs.call, rhs.file, rhs.offset)
        }
    }

    /// An ENI's location is best its record in an ENI call, which carries the flag that decides its fate.
    private static let interfacePreference: [AliyunCall] = [
        .describeNetworkInterfaces, .describeNetworkInterfaceAttribute, .describeInstances, .describeEipAddresses,
    ]

    /// The indices of `records` in merge order; sorting indices leaves the large records where they are.
    static func mergeOrder<Record: AliyunRecord>(_ records: [Record], preferring preference: [AliyunCall] = AliyunCall.allCases) -> [Int] {
        let keys = records.map { Order($0.call, $0.range, preferring: preference) }
        return keys.indices.sorted { keys[$0] < keys[$1] }
    }

    /// Joins the records that describe one resource (the same `key`), in merge order: the first is kept and
    /// each later one is folded into it by `absorb`, which reports the fields they disagree on.
    static func join<Record: AliyunRecord, Key: Hashable>(
        _ records: [Record], preferring preference: [AliyunCall] = AliyunCall.allCases, by key: (Record) -> Key,
        absorb: (Record, inout Record) -> Void
    ) -> [Key: Record] {
        var joined: [Key: Record] = [:]
        joined.reserveCapacity(records.count)
        for index in mergeOrder(records, preferring: preference) {
            let record = records[index]
            let id = key(record)
            if joined[id] == nil {
                joined[id] = record
            } else {
                absorb(record, &joined[id, default: record])
            }
        }
        return joined
    }

    mutating func merge(_ responses: [AliyunResponse]) -> AliyunState? {
        let responses = responses.sorted { Order($0.call, $0.range) < Order($1.call, $1.range) }
        guard let first = responses.first else { return nil }
        checkCompleteness(responses)

        var instances = Self.join(responses.flatMap(\.instances), by: \.id) { absorb($0, into: &$1) }
        var interfaces = Self.join(responses.flatMap(\.interfaces), preferring: Self.interfacePreference, by: \.id) { absorb($0, into: &$1) }
        let eips = mergeEIPs(responses.flatMap(\.eips), instances: &instances, interfaces: &interfaces)
        mergeIpv6Addresses(responses.flatMap(\.ipv6Addresses), interfaces: &interfaces)
        let routeTables = mergeRouteTables(responses.flatMap(\.routeTables), entries: responses.flatMap(\.routeEntries))

        // Attach each ENI to its instance; an instance only the ENI calls name gets a record of its own.
        var attached: [String: [AliyunResponse.InterfaceRecord]] = [:]
        var standalone: [AliyunResponse.InterfaceRecord] = []
        for id in interfaces.keys.sorted() {
            guard let eni = interfaces[id] else { continue }
            guard let owner = eni.instance, let instanceID = owner.value else {
                standalone.append(eni)
                continue
            }
            var instance = instances[instanceID]
                ?? AliyunResponse.InstanceRecord(id: instanceID, call: owner.call, range: owner.range, idRange: owner.range)
            let subject = "instance '\(DisplayText.quoted(instanceID))'"
            merge(&instance.zone, eni.zone, subject, "zone")
            merge(&instance.vpc, eni.vpc, subject, "VPC")
            instances[instanceID] = instance
            attached[instanceID, default: []].append(eni)
        }

        var region: AliyunField<String>?
        let instanceRecords = Array(instances.values)
        for index in Self.mergeOrder(instanceRecords) {
            mergeRegion(&region, instanceRecords[index].region)
        }
        for eip in eips { mergeRegion(&region, eip.region) }

        var manifest = Manifest(kind: .state, file: first.file, region: region?.value, regionRange: region?.range, range: first.range)
        manifest.instances = instances.keys.sorted().compactMap { id in
            instances[id].map { model(of: $0, interfaces: attached[id] ?? []) }
        }
        manifest.networkInterfaces = standalone.map { model(of: $0, instance: nil) }
        manifest.eips = eips.map { eip in
            EIP(id: eip.id, address: eip.address?.value, chargeType: eip.chargeType?.value, range: eip.range)
        }
        manifest.routeTables = routeTables
        var files: [AliyunCall: [String]] = [:]
        for response in responses where files[response.call]?.contains(response.file) != true {
            files[response.call, default: []].append(response.file)
        }
        return AliyunState(manifest: manifest, files: files)
    }

    // MARK: Instances and ENIs

    mutating func absorb(_ record: AliyunResponse.InstanceRecord, into base: inout AliyunResponse.InstanceRecord) {
        let subject = "instance '\(DisplayText.quoted(record.id))'"
        merge(&base.name, record.name, subject, "name")
        merge(&base.region, record.region, subject, "region")
        merge(&base.zone, record.zone, subject, "zone")
        merge(&base.vpc, record.vpc, subject, "VPC")
        merge(&base.status, record.status, subject, "status")
        merge(&base.deletionProtection, record.deletionProtection, subject, "DeletionProtection")
        merge(&base.chargeType, record.chargeType, subject, "InstanceChargeType")
        merge(&base.expiredTime, record.expiredTime, subject, "ExpiredTime")
        merge(&base.expired, record.expired, subject, "expiry")
        merge(&base.publicIp, record.publicIp, subject, "static public IP address")
        merge(&base.eip, record.eip, subject, "EIP")
        merge(&base.tags, record.tags, subject, "tags")
    }

    mutating func absorb(_ record: AliyunResponse.InterfaceRecord, into base: inout AliyunResponse.InterfaceRecord) {
        let subject = "ENI '\(DisplayText.quoted(record.id))'"
        merge(&base.name, record.name, subject, "name")
        merge(&base.type, record.type, subject, "type")
        merge(&base.deleteOnRelease, record.deleteOnRelease, subject, "DeleteOnRelease")
        merge(&base.instance, record.instance, subject, "instance")
        merge(&base.zone, record.zone, subject, "zone")
        merge(&base.vpc, record.vpc, subject, "VPC")
        merge(&base.vswitch, record.vswitch, subject, "vSwitch")
        merge(&base.primaryIpv4, record.primaryIpv4, subject, "primary private IPv4 address")
        merge(&base.privateIpv4, record.privateIpv4, subject, "private IPv4 addresses")
        merge(&base.ipv4Prefixes, record.ipv4Prefixes, subject, "IPv4 prefixes")
        merge(&base.ipv6, record.ipv6, subject, "IPv6 addresses")
        merge(&base.ipv6Prefixes, record.ipv6Prefixes, subject, "IPv6 prefixes")
        if base.eipBindings.isEmpty && record.eipBindings.isEmpty {
            merge(&base.eip, record.eip, subject, "EIP")
        } else {
            mergeEIPBindings(&base, record, subject)
        }
        merge(&base.securityGroups, record.securityGroups, subject, "security groups")
        merge(&base.tags, record.tags, subject, "tags")
        merge(&base.serviceManaged, record.serviceManaged, subject, "ServiceManaged")
    }

    /// Two ENI calls' EIPs of an ENI with several (NAT mode) must be the same set, or, where one call gives only
    /// Whether two records of an ENI give it the same EIPs. A record that gives one EIP only (an ENI call names the
    /// primary private IP's, not the others') agrees with one that gives several when that one is among them.
    static func sameEIPs(_ a: [String], several aGivesAll: Bool, _ b: [String], several bGivesAll: Bool) -> Bool {
        guard aGivesAll && bGivesAll else {
            let (one, several) = aGivesAll ? (b, a) : (a, b)
            return one.count == 1 && several.contains(one[0])
        }
        return Set(a) == Set(b)
    }

    /// one EIP (the primary private IP's `AssociatedPublicIp`), one of the other's; the one with several wins.
    mutating func mergeEIPBindings(_ base: inout AliyunResponse.InterfaceRecord, _ record: AliyunResponse.InterfaceRecord, _ subject: String) {
        guard let other = record.eip else { return }
        guard let existing = base.eip else {
            base.eip = other
            base.eipBindings = record.eipBindings
            return
        }
        let existingIDs = Self.eipIDs(base), otherIDs = Self.eipIDs(record)
        guard Self.sameEIPs(existingIDs, several: !base.eipBindings.isEmpty, otherIDs, several: !record.eipBindings.isEmpty) else {
            let elsewhere = existing.call == other.call ? "another \(existing.call.name) response" : existing.call.name
            error(.conflictingValues, other.range, "the API responses disagree about \(subject): its EIPs are \(otherIDs.shown) here, but \(existingIDs.shown) in \(elsewhere)",
                  notes: [YAMLError.Note(range: existing.range, message: "\(existing.call.name) gives \(existingIDs.shown) here")])
            return
        }
        if base.eipBindings.isEmpty { base.eipBindings = record.eipBindings }
    }

    /// The allocation ids of an ENI record's EIPs: all of them where it has several, else its one EIP, if any.
    static func eipIDs(_ record: AliyunResponse.InterfaceRecord) -> [String] {
        record.eipBindings.isEmpty ? (record.eip?.value).flatMap { $0 }.map { [$0] } ?? [] : record.eipBindings.map(\.id)
    }

    // MARK: Checks

    mutating func mergeRegion(_ region: inout AliyunField<String>?, _ other: AliyunField<String>?) {
        guard let other else { return }
        guard let existing = region else {
            region = other
            return
        }
        // One report per other region is enough, not one per resource in it.
        if existing.value != other.value && reportedRegions.insert(other.value).inserted {
            error(.conflictingValues, other.range, "the API responses cover more than one region ('\(DisplayText.quoted(existing.value))' and '\(DisplayText.quoted(other.value))'); eniplan plans one region at a time, so fetch and plan each region on its own",
                  notes: [YAMLError.Note(range: existing.range, message: "'\(DisplayText.quoted(existing.value))' is here")])
        }
    }

    mutating func error(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, notes: [YAMLError.Note] = []) {
        diagnostics.append(Diagnostic(code, at: range, message, notes: notes))
    }

    /// Keeps `base`, or takes `other` when `base` has no value; two different values are an error
    /// at the later one, with a note at the earlier.
    mutating func merge<Value: AliyunComparable>(_ base: inout AliyunField<Value>?, _ other: AliyunField<Value>?,
                                                         _ subject: String, _ label: String) {
        guard let other else { return }
        guard let existing = base else {
            base = other
            return
        }
        guard !existing.value.sameAs(other.value) else { return }
        let elsewhere = existing.call == other.call ? "another \(existing.call.name) response" : existing.call.name
        error(.conflictingValues, other.range, "the API responses disagree about \(subject): its \(label) is \(other.value.shown) here, but \(existing.value.shown) in \(elsewhere)",
              notes: [YAMLError.Note(range: existing.range, message: "\(existing.call.name) gives \(existing.value.shown) here")])
    }
}

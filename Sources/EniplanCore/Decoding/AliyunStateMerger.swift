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
    private struct Order: Comparable {
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
    private static func mergeOrder<Record: AliyunRecord>(_ records: [Record], preferring preference: [AliyunCall] = AliyunCall.allCases) -> [Int] {
        let keys = records.map { Order($0.call, $0.range, preferring: preference) }
        return keys.indices.sorted { keys[$0] < keys[$1] }
    }

    /// Joins the records that describe one resource (the same `key`), in merge order: the first is kept and
    /// each later one is folded into it by `absorb`, which reports the fields they disagree on.
    private static func join<Record: AliyunRecord, Key: Hashable>(
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

    private mutating func merge(_ responses: [AliyunResponse]) -> AliyunState? {
        let responses = responses.sorted { Order($0.call, $0.range) < Order($1.call, $1.range) }
        guard let first = responses.first else { return nil }
        checkCompleteness(responses)

        var instances = Self.join(responses.flatMap(\.instances), by: \.id) { absorb($0, into: &$1) }
        var interfaces = Self.join(responses.flatMap(\.interfaces), preferring: Self.interfacePreference, by: \.id) { absorb($0, into: &$1) }
        let eips = mergeEIPs(responses.flatMap(\.eips), instances: &instances, interfaces: &interfaces)
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

    private mutating func absorb(_ record: AliyunResponse.InstanceRecord, into base: inout AliyunResponse.InstanceRecord) {
        let subject = "instance '\(DisplayText.quoted(record.id))'"
        merge(&base.name, record.name, subject, "name")
        merge(&base.region, record.region, subject, "region")
        merge(&base.zone, record.zone, subject, "zone")
        merge(&base.vpc, record.vpc, subject, "VPC")
        merge(&base.status, record.status, subject, "status")
        merge(&base.deletionProtection, record.deletionProtection, subject, "DeletionProtection")
        merge(&base.eip, record.eip, subject, "EIP")
        merge(&base.tags, record.tags, subject, "tags")
    }

    private mutating func absorb(_ record: AliyunResponse.InterfaceRecord, into base: inout AliyunResponse.InterfaceRecord) {
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
        merge(&base.eip, record.eip, subject, "EIP")
        merge(&base.securityGroups, record.securityGroups, subject, "security groups")
        merge(&base.tags, record.tags, subject, "tags")
    }

    /// The model of an instance, its ENIs attached and ordered primary first, then by id.
    private mutating func model(of record: AliyunResponse.InstanceRecord, interfaces: [AliyunResponse.InterfaceRecord]) -> Instance {
        var fields = FieldRanges<Instance.Field>()
        fields[.id] = record.idRange
        fields[.name] = record.name?.range
        fields[.zone] = record.zone?.range
        fields[.vpc] = record.vpc?.range
        fields[.status] = record.status?.range
        fields[.deletionProtection] = record.deletionProtection?.range
        fields[.tags] = record.tags?.range
        var instance = Instance(id: record.id, name: record.name?.value, zone: record.zone?.value, vpc: record.vpc?.value,
                                status: record.status?.value, deletionProtection: record.deletionProtection?.value,
                                tags: record.tags?.value ?? [:], range: record.range, fields: fields)
        for eni in interfaces where eni.type == nil {
            error(.incompleteInput, eni.range, "none of the API responses gives the Type (Primary or Secondary) of ENI '\(DisplayText.quoted(eni.id))'; add the output of DescribeNetworkInterfaces or DescribeNetworkInterfaceAttribute")
        }
        let ordered = interfaces.filter { $0.type != nil }.sorted { ($0.type?.value == .primary ? 0 : 1, $0.id) < ($1.type?.value == .primary ? 0 : 1, $1.id) }
        instance.networkInterfaces = ordered.map { model(of: $0, instance: instance) }
        let primaries = ordered.filter { $0.type?.value == .primary }
        if primaries.isEmpty && ordered.count == interfaces.count {
            error(.incompleteInput, record.range, "instance '\(DisplayText.quoted(record.id))' has no primary ENI in these API responses; add the output of DescribeInstances, or of DescribeNetworkInterfaces for this instance")
        } else if primaries.count > 1, let second = primaries[1].type, let first = primaries[0].type {
            error(.conflictingValues, second.range, "instance '\(DisplayText.quoted(record.id))' has more than one primary ENI ('\(DisplayText.quoted(primaries[0].id))' and '\(DisplayText.quoted(primaries[1].id))')",
                  notes: [YAMLError.Note(range: first.range, message: "the first primary ENI is here")])
        }
        // DescribeInstances may report an EIP bound to one of the instance's ENIs as the instance's own.
        if let eip = record.eip, let id = eip.value, !instance.networkInterfaces.contains(where: { $0.eip == id }) {
            instance.eip = id
            instance.fields[.eip] = eip.range
        }
        return instance
    }

    /// The model of an ENI; an attached one is in its instance's zone and VPC.
    private func model(of record: AliyunResponse.InterfaceRecord, instance: Instance?) -> NetworkInterface {
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
        fields[.eip] = record.eip?.value == nil ? nil : record.eip?.range
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
        return NetworkInterface(
            id: record.id, name: record.name?.value, type: record.type?.value ?? .secondary, deleteOnRelease: deleteOnRelease,
            vswitch: record.vswitch?.value, zone: instance?.zone ?? record.zone?.value, vpc: instance?.vpc ?? record.vpc?.value,
            privateIpv4: addresses, ipv4Prefixes: record.ipv4Prefixes?.value ?? [], ipv6: record.ipv6?.value ?? [],
            ipv6Prefixes: record.ipv6Prefixes?.value ?? [], eip: record.eip?.value ?? nil,
            securityGroups: record.securityGroups?.value ?? [], tags: record.tags?.value ?? [:], range: record.range, fields: fields)
    }

    // MARK: EIPs

    /// Merges the EIP records and binds each EIP to the ENI or instance it names, where the state has it.
    private mutating func mergeEIPs(_ records: [AliyunResponse.EIPRecord], instances: inout [String: AliyunResponse.InstanceRecord],
                                    interfaces: inout [String: AliyunResponse.InterfaceRecord]) -> [AliyunResponse.EIPRecord] {
        let merged = Self.join(records, by: \.id) { record, base in
            let subject = "EIP '\(DisplayText.quoted(record.id))'"
            merge(&base.address, record.address, subject, "address")
            merge(&base.chargeType, record.chargeType, subject, "charge type")
            merge(&base.region, record.region, subject, "region")
            merge(&base.target, record.target, subject, "binding")
        }
        let eips = merged.values.sorted { $0.id < $1.id }
        for eip in eips {
            guard let target = eip.target else { continue }
            let binding = target.map { _ -> String? in eip.id }
            switch target.value {
            case .networkInterface(let id):
                guard var eni = interfaces[id] else { continue }
                if let existing = eni.eip, let other = existing.value, other != eip.id, existing.call == binding.call {
                    error(.conflictingValues, binding.range, "ENI '\(DisplayText.quoted(id))' has two EIPs, '\(DisplayText.quoted(other))' and '\(DisplayText.quoted(eip.id))'; eniplan's model holds one EIP per ENI, so it cannot predict this ENI's release",
                          notes: [YAMLError.Note(range: existing.range, message: "'\(DisplayText.quoted(other))' is bound to it here")])
                    continue
                }
                merge(&eni.eip, binding, "ENI '\(DisplayText.quoted(id))'", "EIP")
                interfaces[id] = eni
            case .instance(let id):
                guard var instance = instances[id] else { continue }
                merge(&instance.eip, binding, "instance '\(DisplayText.quoted(id))'", "EIP")
                instances[id] = instance
            }
        }
        return eips
    }

    // MARK: Route tables

    private struct RouteKey: Hashable {
        var table: String
        var destination: String
        var nextHop: String
    }

    private mutating func mergeRouteTables(_ tables: [AliyunResponse.RouteTableRecord],
                                           entries: [AliyunResponse.RouteEntryRecord]) -> [RouteTable] {
        var mergedTables = Self.join(tables, by: \.id) { table, base in
            merge(&base.vpc, table.vpc, "route table '\(DisplayText.quoted(table.id))'", "VPC")
        }
        let mergedEntries = Self.join(entries, by: { RouteKey(table: $0.table, destination: $0.destination, nextHop: $0.nextHop) }) { entry, base in
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

    // MARK: Checks

    private mutating func mergeRegion(_ region: inout AliyunField<String>?, _ other: AliyunField<String>?) {
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

    /// A page that is missing would leave resources out of the state, and a release of them out of
    /// the plan: a `TotalCount` the items given fall short of, or pages that all carry a `NextToken`
    /// (only the last page has none), are errors.
    private mutating func checkCompleteness(_ responses: [AliyunResponse]) {
        for call in AliyunCall.allCases {
            // DescribeEipAddresses and DescribeRouteTables page by number, and the CLI's --pager can stop
            // after their first page; the other calls page by NextToken.
            let hint = [.describeEipAddresses, .describeRouteTables].contains(call)
                ? "fetch every page (repeat the call with PageNumber 1, 2, ... until the pages hold TotalCount items; not with --pager)"
                : "fetch every page (aliyun ... --pager, or repeat the call with NextToken until it comes back empty)"
            let pages = responses.filter { $0.call == call }
            guard !pages.isEmpty else { continue }
            let items = Set(pages.flatMap(\.itemIDs))
            if let total = pages.compactMap(\.totalCount).max(by: { $0.value < $1.value }), total.value > items.count {
                error(.incompleteInput, total.range, "\(call.name) reports TotalCount \(total.value), but the responses given hold \(items.count) \(Self.itemNoun(call, items.count)): a page is missing; \(hint)")
            }
            let tokens = pages.map(\.nextToken)
            if tokens.allSatisfy({ $0.map { !$0.value.isEmpty } ?? false }), let token = tokens.first ?? nil {
                let pagesGiven = pages.count == 1 ? "the \(call.name) page given has" : "every \(call.name) page given has"
                error(.incompleteInput, token.range, "\(pagesGiven) a NextToken, so the last page is missing; \(hint)")
            }
        }
    }

    private static func itemNoun(_ call: AliyunCall, _ count: Int) -> String {
        let singular: String
        switch call {
        case .describeInstances: singular = "instance"
        case .describeNetworkInterfaces, .describeNetworkInterfaceAttribute: singular = "ENI"
        case .describeEipAddresses: singular = "EIP"
        case .describeRouteEntryList: singular = "route entry"
        case .describeRouteTables: singular = "route table"
        }
        if count == 1 { return singular }
        return singular == "route entry" ? "route entries" : singular + "s"
    }

    private mutating func error(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, notes: [YAMLError.Note] = []) {
        diagnostics.append(Diagnostic(code, at: range, message, notes: notes))
    }

    /// Keeps `base`, or takes `other` when `base` has no value; two different values are an error
    /// at the later one, with a note at the earlier.
    private mutating func merge<Value: AliyunComparable>(_ base: inout AliyunField<Value>?, _ other: AliyunField<Value>?,
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

/// A value two API responses can agree or disagree on, and how a message shows it.
protocol AliyunComparable: Hashable, Sendable {
    var shown: String { get }
    func sameAs(_ other: Self) -> Bool
}

extension AliyunComparable {
    func sameAs(_ other: Self) -> Bool { self == other }
}

extension String: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(self))'" }
}

extension Bool: AliyunComparable {
    var shown: String { self ? "true" : "false" }
}

extension Optional: AliyunComparable where Wrapped == String {
    var shown: String { map { "'\(DisplayText.quoted($0))'" } ?? "none" }
}

/// Lists of addresses, prefixes and groups: the order two responses list them in does not matter.
extension Array: AliyunComparable where Element == String {
    var shown: String { isEmpty ? "none" : "[" + DisplayText.quotedList(self, quote: "") + "]" }
    func sameAs(_ other: [String]) -> Bool { Set(self) == Set(other) }
}

extension Dictionary: AliyunComparable where Key == String, Value == String {
    var shown: String {
        isEmpty ? "none" : "{" + DisplayText.quotedList(sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }, quote: "") + "}"
    }
}

extension Instance.Status: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(rawValue))'" }
}

extension NetworkInterface.InterfaceType: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(rawValue))'" }
}

extension AliyunResponse.EIPRecord.Target: AliyunComparable {
    var shown: String {
        switch self {
        case .networkInterface(let id): return "ENI '\(DisplayText.quoted(id))'"
        case .instance(let id): return "instance '\(DisplayText.quoted(id))'"
        }
    }
}

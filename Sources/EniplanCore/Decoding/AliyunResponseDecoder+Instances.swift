import EniplanYAML

extension AliyunResponseDecoder {
    static let instanceStatuses: KeyValuePairs<String, Instance.Status> = [
        "Pending": .pending, "Running": .running, "Starting": .starting, "Stopping": .stopping, "Stopped": .stopped,
    ]

    static let chargeTypes: KeyValuePairs<String, Instance.ChargeType> = ["PostPaid": .postPaid, "PrePaid": .prePaid]

    /// A trunk ENI (`Trunk`, the carrier of a container network's member ENIs) is attached as a secondary ENI of
    /// its instance, and is released or retained with it by the same DeleteOnRelease.
    static let interfaceTypes: KeyValuePairs<String, NetworkInterface.InterfaceType> = ["Primary": .primary, "Secondary": .secondary, "Trunk": .secondary]

    /// DescribeInstances: instances and the ENIs listed under them. It does not give DeleteOnRelease,
    /// nor the security groups or vSwitch of a secondary ENI; the instance's own security groups and
    /// vSwitch are those of its primary ENI.
    static func readInstances(_ root: AliyunObject, into response: inout AliyunResponse, reader: inout AliyunReader) {
        for item in listItems(root, .describeInstances, reader: &reader) {
            guard let object = reader.object(item, "an instance"),
                  let id = requiredID(object, "InstanceId", "an instance", reader: &reader) else { continue }
            var record = AliyunResponse.InstanceRecord(id: id.value, call: .describeInstances, range: object.range, idRange: id.range)
            record.name = reader.text(object, "InstanceName")
            record.region = reader.text(object, "RegionId")
            record.zone = reader.text(object, "ZoneId")
            // An expired subscription: Status Expired, or the financial lock DescribeInstances lists in OperationLocks.
            if let status = reader.text(object, "Status"), status.value == "Expired" {
                record.expired = status.map { _ in true }
            } else {
                record.status = reader.choice(object, "Status", instanceStatuses, subject: "instance '\(DisplayText.quoted(id.value))'")
            }
            if let locks = reader.texts(object, "OperationLocks", "LockReason", member: "LockReason"), locks.value.contains("financial"),
               record.expired == nil {
                record.expired = locks.map { _ in true }
            }
            record.expiredTime = reader.text(object, "ExpiredTime")
            record.deletionProtection = reader.bool(object, "DeletionProtection")
            if let publicIp = reader.texts(object, "PublicIpAddress", "IpAddress", validate: AddressSyntax.ipv4Problem), let first = publicIp.value.first {
                record.publicIp = AliyunField(value: first, range: publicIp.range, call: .describeInstances)
            }
            record.chargeType = reader.choice(object, "InstanceChargeType", chargeTypes, subject: "instance '\(DisplayText.quoted(id.value))'")
            record.tags = reader.tags(object)
            var vswitch: AliyunField<String>?
            if let attributes = reader.nestedObject(object, "VpcAttributes") {
                record.vpc = reader.text(attributes, "VpcId")
                vswitch = reader.text(attributes, "VSwitchId")
            }
            if let eip = reader.nestedObject(object, "EipAddress") {
                record.eip = reader.presentText(eip, "AllocationId")
            }
            let securityGroups = reader.texts(object, "SecurityGroupIds", "SecurityGroupId")
            response.instances.append(record)
            response.itemIDs.append(id.value)
            for node in reader.items(object, "NetworkInterfaces", "NetworkInterface")?.value ?? [] {
                guard let eniObject = reader.object(node, "an ENI of instance '\(DisplayText.quoted(id.value))'"),
                      let eniID = requiredID(eniObject, "NetworkInterfaceId", "an ENI", reader: &reader) else { continue }
                var eni = AliyunResponse.InterfaceRecord(id: eniID.value, call: .describeInstances, range: eniObject.range, idRange: eniID.range)
                eni.instance = AliyunField(value: id.value, range: eniObject.range, call: .describeInstances)
                eni.type = reader.choice(eniObject, "Type", interfaceTypes, subject: "ENI '\(DisplayText.quoted(eniID.value))'")
                eni.primaryIpv4 = reader.text(eniObject, "PrimaryIpAddress", validate: AddressSyntax.ipv4Problem)
                eni.privateIpv4 = privateAddresses(eniObject, reader: &reader).addresses
                readAddressSets(eniObject, into: &eni, reader: &reader)
                if eni.type?.value == .primary {
                    eni.securityGroups = securityGroups
                    eni.vswitch = vswitch
                }
                response.interfaces.append(eni)
            }
        }
    }

    /// IPv6 addresses, IPv4 and IPv6 prefixes, which DescribeInstances and the ENI calls write alike.
    static func readAddressSets(_ object: AliyunObject, into eni: inout AliyunResponse.InterfaceRecord, reader: inout AliyunReader) {
        eni.ipv6 = reader.texts(object, "Ipv6Sets", "Ipv6Set", member: "Ipv6Address", validate: AddressSyntax.ipv6Problem)
        eni.ipv4Prefixes = reader.texts(object, "Ipv4PrefixSets", "Ipv4PrefixSet", member: "Ipv4Prefix", validate: AddressSyntax.ipv4CIDRProblem)
        eni.ipv6Prefixes = reader.texts(object, "Ipv6PrefixSets", "Ipv6PrefixSet", member: "Ipv6Prefix", validate: AddressSyntax.ipv6CIDRProblem)
    }

    /// `PrivateIpSets.PrivateIpSet[]`: the private IPv4 addresses, the primary one first, and the
    /// EIPs associated with any of them, each with its address.
    static func privateAddresses(_ object: AliyunObject, reader: inout AliyunReader)
        -> (addresses: AliyunField<[String]>?, eips: [(eip: AliyunField<String?>, address: String?)])
    {
        guard let list = reader.items(object, "PrivateIpSets", "PrivateIpSet") else { return (nil, []) }
        var primary: [String] = []
        var others: [String] = []
        var eips: [(eip: AliyunField<String?>, address: String?)] = []
        for item in list.value {
            guard let entry = reader.object(item, "each entry of PrivateIpSets.PrivateIpSet") else { continue }
            let address = reader.text(entry, "PrivateIpAddress", validate: AddressSyntax.ipv4Problem)
            if let address {
                if reader.bool(entry, "Primary")?.value == true { primary.append(address.value) } else { others.append(address.value) }
            }
            if let associated = reader.nestedObject(entry, "AssociatedPublicIp"), let eip = reader.presentText(associated, "AllocationId") {
                eips.append((eip, address?.value))
            }
        }
        var addresses: [String] = []
        for address in primary + others where !addresses.contains(address) { addresses.append(address) }
        return (list.map { _ in addresses }, eips)
    }
}

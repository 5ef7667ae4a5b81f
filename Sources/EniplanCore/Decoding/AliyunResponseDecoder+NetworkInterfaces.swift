import EniplanYAML

extension AliyunResponseDecoder {
    /// One ENI of DescribeNetworkInterfaces, or the flat body of DescribeNetworkInterfaceAttribute:
    /// the only calls that give DeleteOnRelease.
    static func interface(_ object: AliyunObject, reader: inout AliyunReader) -> AliyunResponse.InterfaceRecord? {
        guard let id = requiredID(object, "NetworkInterfaceId", "an ENI", reader: &reader) else { return nil }
        var eni = AliyunResponse.InterfaceRecord(id: id.value, call: reader.call, range: object.range, idRange: id.range)
        eni.name = reader.text(object, "NetworkInterfaceName")
        eni.type = reader.choice(object, "Type", interfaceTypes, subject: "ENI '\(DisplayText.quoted(id.value))'")
        eni.deleteOnRelease = reader.bool(object, "DeleteOnRelease")
        eni.instance = reader.presentText(object, "InstanceId")
        eni.zone = reader.text(object, "ZoneId")
        eni.vpc = reader.text(object, "VpcId")
        eni.vswitch = reader.text(object, "VSwitchId")
        eni.primaryIpv4 = reader.text(object, "PrivateIpAddress", validate: AddressSyntax.ipv4Problem)
        let privateAddresses = privateAddresses(object, reader: &reader)
        eni.privateIpv4 = privateAddresses.addresses
        readAddressSets(object, into: &eni, reader: &reader)
        eni.securityGroups = reader.texts(object, "SecurityGroupIds", "SecurityGroupId")
        eni.tags = reader.tags(object)
        // Another service's ENI: so marked, or in use with no instance (the NAT gateway's, a load balancer's).
        let managed = reader.bool(object, "ServiceManaged")
        let status = reader.text(object, "Status")
        if managed?.value == true {
            eni.serviceManaged = managed
        } else if let status, status.value == "InUse", eni.instance?.value == nil {
            eni.serviceManaged = AliyunField(value: true, range: status.range, call: reader.call)
        } else {
            eni.serviceManaged = managed
        }

        // The ENI's EIPs: the one on its primary private IP (AssociatedPublicIp), and those on any other (NAT mode).
        var associated: [(eip: AliyunField<String?>, address: String?)] = []
        if let publicIp = reader.nestedObject(object, "AssociatedPublicIp"), let eip = reader.presentText(publicIp, "AllocationId") {
            associated.append((eip, eni.primaryIpv4?.value))
        }
        associated += privateAddresses.eips
        var eips: [(eip: AliyunField<String?>, address: String?)] = []
        var seen: Set<String> = []
        for entry in associated {
            if let id = entry.eip.value, seen.insert(id).inserted { eips.append(entry) }
        }
        eips.sort { ($0.eip.value ?? "") < ($1.eip.value ?? "") }
        var byAddress: [String: String] = [:]
        for entry in eips {
            guard let address = entry.address, let eip = entry.eip.value else { continue }
            if let other = byAddress[address] {
                reader.error(.conflictingValues, entry.eip.range,
                             "EIPs '\(DisplayText.quoted(other))' and '\(DisplayText.quoted(eip))' are both bound to the private IP address '\(DisplayText.quoted(address))' of ENI '\(DisplayText.quoted(id.value))'; an address carries one EIP")
            } else {
                byAddress[address] = eip
            }
        }
        if eips.count > 1 {
            eni.eipBindings = eips.compactMap { entry in
                entry.eip.value.map { AliyunResponse.EIPBinding(id: $0, privateIp: entry.address, range: entry.eip.range) }
            }
        }
        eni.eip = eips.first?.eip ?? associated.first?.eip
        return eni
    }
}

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

        // The ENI's EIP: the one on its primary private IP (AssociatedPublicIp) or on any other.
        var associated: [AliyunField<String?>] = []
        if let publicIp = reader.nestedObject(object, "AssociatedPublicIp"), let eip = reader.presentText(publicIp, "AllocationId") {
            associated.append(eip)
        }
        associated += privateAddresses.eips
        var eips: [AliyunField<String?>] = []
        for eip in associated where eip.value != nil && !eips.contains(where: { $0.value == eip.value }) { eips.append(eip) }
        if eips.count > 1 {
            reader.error(.conflictingValues, eips[1].range, "ENI '\(DisplayText.quoted(id.value))' has \(eips.count) EIPs ("
                + DisplayText.quotedList(eips.compactMap(\.value))
                + "); eniplan's model holds one EIP per ENI, so it cannot predict this ENI's release",
                notes: [YAMLError.Note(range: eips[0].range, message: "the first EIP is here")])
        }
        eni.eip = eips.first ?? associated.first
        return eni
    }
}

import EniplanYAML

extension AliyunResponseDecoder {
    /// The bindings of an EIP (`InstanceType`) a release touches; the API has more, which eniplan only lists.
    enum BoundInstanceType: String {
        case networkInterface = "NetworkInterface"
        case ecsInstance = "EcsInstance"
    }

    /// One EIP of DescribeEipAddresses: its address and charge type, and what it is bound to.
    /// Only bindings to an ENI (InstanceType NetworkInterface) or to an instance itself (EcsInstance)
    /// matter to a release; EIPs bound to load balancers, NAT gateways and the like are listed only.
    static func eip(_ object: AliyunObject, reader: inout AliyunReader) -> AliyunResponse.EIPRecord? {
        guard let id = requiredID(object, "AllocationId", "an EIP", reader: &reader) else { return nil }
        var record = AliyunResponse.EIPRecord(id: id.value, call: reader.call, range: object.range)
        record.address = reader.text(object, "IpAddress", validate: AddressSyntax.ipv4Problem)
        record.chargeType = reader.text(object, "ChargeType")
        record.region = reader.text(object, "RegionId")
        record.privateIp = reader.text(object, "PrivateIpAddress", validate: AddressSyntax.ipv4Problem)
        record.target = boundTarget(object, type: "InstanceType", id: "InstanceId", reader: &reader)
        return record
    }

    /// What an EIP or an IPv6 address is bound to, from its type and id keys: an ENI (NetworkInterface) or an
    /// instance itself (EcsInstance); nil for anything else (a load balancer, a NAT gateway) or nothing.
    static func boundTarget(_ object: AliyunObject, type typeKey: String, id idKey: String,
                            reader: inout AliyunReader) -> AliyunField<AliyunResponse.EIPRecord.Target>? {
        guard let type = reader.text(object, typeKey), let target = reader.text(object, idKey) else { return nil }
        switch BoundInstanceType(rawValue: type.value) {
        case .networkInterface?: return target.map { .networkInterface($0) }
        case .ecsInstance?: return target.map { .instance($0) }
        case nil: return nil
        }
    }
}

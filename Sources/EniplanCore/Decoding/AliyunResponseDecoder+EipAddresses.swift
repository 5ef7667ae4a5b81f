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
        if let type = reader.text(object, "InstanceType"), let target = reader.text(object, "InstanceId") {
            switch BoundInstanceType(rawValue: type.value) {
            case .networkInterface?: record.target = target.map { .networkInterface($0) }
            case .ecsInstance?: record.target = target.map { .instance($0) }
            case nil: break
            }
        }
        return record
    }
}

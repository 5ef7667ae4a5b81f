import EniplanYAML

extension AliyunResponseDecoder {
    /// One address of DescribeIpv6Addresses: the ENI (AssociatedInstanceType NetworkInterface) or the instance
    /// (EcsInstance) it is assigned to, and the Mbit/s of its Internet bandwidth, where it has any
    /// (`Ipv6InternetBandwidth.Bandwidth`; a private address, NetworkType Private, has none).
    static func ipv6Address(_ object: AliyunObject, reader: inout AliyunReader) -> AliyunResponse.Ipv6AddressRecord? {
        guard let id = requiredID(object, "Ipv6AddressId", "an IPv6 address", reader: &reader) else { return nil }
        var record = AliyunResponse.Ipv6AddressRecord(id: id.value, call: reader.call, range: object.range)
        record.address = reader.text(object, "Ipv6Address", validate: AddressSyntax.ipv6Problem)
        record.target = boundTarget(object, type: "AssociatedInstanceType", id: "AssociatedInstanceId", reader: &reader)
        if let internet = reader.nestedObject(object, "Ipv6InternetBandwidth"), let bandwidth = reader.count(internet, "Bandwidth"),
           bandwidth.value > 0 {
            record.bandwidth = bandwidth
        }
        return record
    }
}

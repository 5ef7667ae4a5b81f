import EniplanYAML

extension AliyunResponseDecoder {
    /// The next hop types a release touches (`NextHopType`): an ENI's routes are deleted with it, an
    /// instance's with it. The API has more (gateways, peers, ...), which a release leaves alone.
    enum ReleasedNextHopType: String {
        case networkInterface = "NetworkInterface"
        case instance = "Instance"
    }

    /// DescribeRouteTables: tables with their entries embedded.
    static func readRouteTables(_ root: AliyunObject, into response: inout AliyunResponse, reader: inout AliyunReader) {
        for item in listItems(root, .describeRouteTables, reader: &reader) {
            guard let object = reader.object(item, "a route table"),
                  let id = requiredID(object, "RouteTableId", "a route table", reader: &reader) else { continue }
            response.routeTables.append(AliyunResponse.RouteTableRecord(id: id.value, call: reader.call, range: object.range,
                                                                         vpc: reader.text(object, "VpcId")))
            response.itemIDs.append(id.value)
            for node in reader.items(object, "RouteEntrys", "RouteEntry")?.value ?? [] {
                guard let entry = reader.object(node, "a route entry") else { continue }
                response.routeEntries += routeEntries(entry, table: id.value, reader: &reader)
            }
        }
    }

    /// A route entry of DescribeRouteEntryList or DescribeRouteTables, one record per next hop that is
    /// an ENI or an instance; none for routes through gateways, peers and the like. Next hops are read
    /// from `NextHops.NextHop[]`, or from the entry's own `NextHopType` and `InstanceId` where an
    /// older response has no list.
    static func routeEntries(_ object: AliyunObject, table: String?, reader: inout AliyunReader) -> [AliyunResponse.RouteEntryRecord] {
        var hops: [(type: String, id: AliyunField<String>)] = []
        if let list = reader.items(object, "NextHops", "NextHop"), !list.value.isEmpty {
            for node in list.value {
                guard let hop = reader.object(node, "each entry of NextHops.NextHop"),
                      let type = reader.text(hop, "NextHopType"), ReleasedNextHopType(rawValue: type.value) != nil else { continue }
                guard let id = reader.text(hop, "NextHopId") else {
                    reader.error(.missingKey, hop.range, "a next hop of type \(type.value) has no NextHopId")
                    continue
                }
                hops.append((type.value, id))
            }
        } else if let type = reader.text(object, "NextHopType"), ReleasedNextHopType(rawValue: type.value) != nil {
            guard let id = reader.text(object, "InstanceId") else {
                reader.error(.missingKey, object.range, "a route entry with NextHopType \(type.value) has no InstanceId")
                return []
            }
            hops.append((type.value, id))
        }
        guard !hops.isEmpty else { return [] }
        let tableID: String
        if let table {
            tableID = table
        } else if let id = requiredID(object, "RouteTableId", "a route entry", reader: &reader) {
            tableID = id.value
        } else {
            return []
        }
        guard let destinationField = requiredID(object, "DestinationCidrBlock", "a route entry", reader: &reader) else { return [] }
        if let problem = AddressSyntax.destinationProblem(destinationField.value) {
            reader.error(.invalidValue, reader.member(object, "DestinationCidrBlock").map { reader.document.range($0.value) } ?? destinationField.range, problem)
            return []
        }
        let entryID = reader.text(object, "RouteEntryId")
        return hops.map { hop in
            AliyunResponse.RouteEntryRecord(table: tableID, destination: destinationField.value, nextHop: hop.id.value, call: reader.call,
                                            range: object.range, id: entryID, destinationRange: destinationField.range,
                                            nextHopRange: hop.id.range)
        }
    }
}

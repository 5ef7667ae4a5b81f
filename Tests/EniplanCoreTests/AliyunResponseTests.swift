import Foundation
import Testing
@testable import EniplanCore
import EniplanYAML

/// The Alibaba Cloud API samples of `Tests/Fixtures/aliyun` and hand-made variants of them.
enum AliyunFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/aliyun").standardizedFileURL

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every sample, with the call whose response it is.
    static let samples: [(file: String, call: AliyunCall)] = [
        ("DescribeEipAddresses.json", .describeEipAddresses),
        ("DescribeInstances.json", .describeInstances),
        ("DescribeNetworkInterfaceAttribute.json", .describeNetworkInterfaceAttribute),
        ("DescribeNetworkInterfaces.json", .describeNetworkInterfaces),
        ("DescribeNetworkInterfaces.page1.json", .describeNetworkInterfaces),
        ("DescribeNetworkInterfaces.page2.json", .describeNetworkInterfaces),
        ("DescribeNetworkInterfaces.pager.json", .describeNetworkInterfaces),
        ("DescribeRouteEntryList.json", .describeRouteEntryList),
        ("DescribeRouteTables.json", .describeRouteTables),
        ("DescribeEipAddresses.camel.json", .describeEipAddresses),
        ("DescribeInstances.camel.json", .describeInstances),
        ("DescribeInstances.camel.to_map.json", .describeInstances),
        ("DescribeNetworkInterfaceAttribute.camel.json", .describeNetworkInterfaceAttribute),
        ("DescribeNetworkInterfaces.camel.json", .describeNetworkInterfaces),
        ("DescribeNetworkInterfaces.to_map.json", .describeNetworkInterfaces),
        ("DescribeRouteEntryList.camel.json", .describeRouteEntryList),
        ("DescribeRouteTables.camel.json", .describeRouteTables),
        ("DescribeIpv6Addresses.json", .describeIpv6Addresses),
        ("DescribeIpv6Addresses.camel.json", .describeIpv6Addresses),
        ("DescribeInstances.prepaid.json", .describeInstances),
        ("DescribeNetworkInterfaceAttribute.attached.json", .describeNetworkInterfaceAttribute),
    ]

    /// Every call once in the SDKs' camelCase, two of them wrapped as `to_map()` writes a response.
    static let everyCallAsTheSDKsWriteIt = ["DescribeInstances.camel.to_map.json", "DescribeNetworkInterfaces.camel.json",
                                           "DescribeNetworkInterfaceAttribute.camel.json", "DescribeEipAddresses.camel.json",
                                           "DescribeRouteEntryList.camel.json", "DescribeRouteTables.camel.json"]

    /// Every call once: the state the issue's "done when" plans against.
    static let everyCall = ["DescribeInstances.json", "DescribeNetworkInterfaces.json", "DescribeNetworkInterfaceAttribute.json",
                            "DescribeEipAddresses.json", "DescribeRouteEntryList.json", "DescribeRouteTables.json"]

    static func state(_ names: [String]) throws(InputError) -> AliyunState {
        try InputLoader().aliyunState(at: names.map(path))
    }

    static func document(_ text: String, file: String = "response.json") throws -> YAMLDocument {
        try YAMLLoader.load(bytes: Array(text.utf8), file: file)
    }

    /// Responses given as text, joined.
    static func state(texts: [(file: String, text: String)]) throws -> AliyunState {
        var responses: [AliyunResponse] = []
        for (file, text) in texts { responses.append(try AliyunResponseDecoder.decode(try document(text, file: file))) }
        return try AliyunStateMerger.merge(responses)
    }

    /// The problems of responses that must be refused.
    static func diagnostics(texts: [(file: String, text: String)]) -> [Diagnostic] {
        do {
            _ = try state(texts: texts)
            return []
        } catch let error as InputError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.yaml(.syntax), at: nil, "\(error)")]
        }
    }

    static func eni(_ id: String, instance: String = "", type: String = "Secondary", deleteOnRelease: String = "true",
                    extra: String = "") -> String {
        """
        {"NetworkInterfaceId": "\(id)", "InstanceId": "\(instance)", "Type": "\(type)", "DeleteOnRelease": \(deleteOnRelease),
         "ZoneId": "cn-hangzhou-h", "VpcId": "vpc-1", "VSwitchId": "vsw-1", "PrivateIpAddress": "10.0.0.9",
         "PrivateIpSets": {"PrivateIpSet": [{"Primary": true, "PrivateIpAddress": "10.0.0.9"}]},
         "SecurityGroupIds": {"SecurityGroupId": ["sg-1"]}, "Tags": {"Tag": [{"TagKey": "env", "TagValue": "prod"}]}\(extra)}
        """
    }

    static func networkInterfaces(_ items: [String], tail: String = "") -> String {
        "{\"NetworkInterfaceSets\": {\"NetworkInterfaceSet\": [\(items.joined(separator: ", "))]}\(tail)}"
    }
}

@Suite("API responses: shapes")
struct AliyunShapeTests {
    @Test(arguments: AliyunFixtures.samples.map(\.file))
    func everySampleIsRecognisedAndDecodes(_ file: String) throws {
        let document = try YAMLLoader.load(contentsOf: AliyunFixtures.path(file))
        let expected = try #require(AliyunFixtures.samples.first { $0.file == file }?.call)
        #expect(AliyunResponseDecoder.recognise(document).call == expected)
        let response = try AliyunResponseDecoder.decode(document)
        #expect(response.call == expected)
        #expect(!response.itemIDs.isEmpty || expected == .describeRouteEntryList)
    }

    @Test func whatEachSampleHolds() throws {
        func decode(_ file: String) throws -> AliyunResponse {
            try AliyunResponseDecoder.decode(try YAMLLoader.load(contentsOf: AliyunFixtures.path(file)))
        }
        let instances = try decode("DescribeInstances.json")
        #expect(instances.instances.map(\.id) == ["i-bp1web1", "i-bp1db1"])
        #expect(instances.interfaces.map(\.id) == ["eni-bp1web1p", "eni-bp1web1s", "eni-bp1db1p"])
        #expect(instances.interfaces.allSatisfy { $0.deleteOnRelease == nil })
        #expect(instances.totalCount?.value == 2)
        #expect(try decode("DescribeNetworkInterfaces.json").interfaces.count == 4)
        #expect(try decode("DescribeNetworkInterfaces.page1.json").nextToken?.value == "AAAAAdDWBF2w6Olxc+cMPjUtUea")
        #expect(try decode("DescribeNetworkInterfaces.page2.json").nextToken?.value == "")
        #expect(try decode("DescribeNetworkInterfaces.pager.json").nextToken == nil)
        #expect(try decode("DescribeNetworkInterfaceAttribute.json").interfaces.map(\.id) == ["eni-bp1spare"])
        let eips = try decode("DescribeEipAddresses.json").eips
        #expect(eips.map(\.id) == ["eip-bp1web1s", "eip-bp1idle"])
        #expect(eips[0].target?.value == .networkInterface("eni-bp1web1s"))
        #expect(eips[1].target == nil)
        let routes = try decode("DescribeRouteEntryList.json").routeEntries
        #expect(routes.map(\.nextHop) == ["eni-bp1web1s", "i-bp1db1"])
        #expect(routes.map { $0.id?.value } == ["rte-bp1appl", "rte-bp1db"])
        let tables = try decode("DescribeRouteTables.json")
        #expect(tables.routeTables.map(\.id) == ["vtb-bp1main"])
        #expect(tables.routeEntries.map(\.destination) == ["192.168.100.0/24"])
        #expect(tables.routeEntries.first?.id == nil)
    }

    @Test(arguments: [
        ("[1, 2]", "found a list"),
        ("{\"Foo\": 1, \"RequestId\": \"x\"}", "found an object with none of their keys"),
        ("\"text\"", "found a scalar"),
    ])
    func aFileOfNoKnownShapeIsAnErrorAtItsRoot(_ text: String, found: String) throws {
        let document = try AliyunFixtures.document(text, file: "odd.json")
        #expect(throws: InputError.self) { try AliyunResponseDecoder.decode(document) }
        do {
            _ = try AliyunResponseDecoder.decode(document)
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1)
            #expect(diagnostic.range?.description == "odd.json:1:1")
            #expect(diagnostic.message.hasPrefix("this file matches no shape eniplan knows"))
            #expect(diagnostic.message.contains(found))
            for call in AliyunCall.allCases { #expect(diagnostic.message.contains(call.name)) }
            #expect(diagnostic.message.contains("kind: State"))
        }
    }

    @Test func anAPIErrorBodyIsNamedAsSuch() throws {
        let document = try AliyunFixtures.document(#"{"Code": "Forbidden.RAM", "Message": "not authorized", "RequestId": "r"}"#)
        do {
            _ = try AliyunResponseDecoder.decode(document)
            Issue.record("an error body was accepted")
        } catch {
            #expect(error.diagnostics.first?.message.contains("API error response (Code 'Forbidden.RAM': not authorized)") == true)
        }
    }

    @Test func twoShapesInOneFileAreRefused() throws {
        let document = try AliyunFixtures.document(#"{"Instances": {"Instance": []}, "EipAddresses": {"EipAddress": []}}"#)
        #expect(AliyunResponseDecoder.recognise(document) == .ambiguous([.describeInstances, .describeEipAddresses]))
    }

    @Test func keyOrderTabsEmptySubObjectsAndUnknownFieldsMakeNoDifference() throws {
        let plain = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a", extra: #", "Ipv6Sets": {"Ipv6Set": []}, "AssociatedPublicIp": {"AllocationId": ""}"#)])
        let reordered = """
            {
            \t"RequestId": "r",
            \t"SomethingNew": {"Nested": [1, 2, {"Deep": true}]},
            \t"NetworkInterfaceSets": {
            \t\t"NetworkInterfaceSet": [
            \t\t\t{
            \t\t\t\t"Tags": {"Tag": [{"TagValue": "prod", "TagKey": "env"}]},
            \t\t\t\t"SecurityGroupIds": {"SecurityGroupId": ["sg-1"]},
            \t\t\t\t"PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": "10.0.0.9", "Primary": true}]},
            \t\t\t\t"Ipv6Sets": {},
            \t\t\t\t"Ipv4PrefixSets": {},
            \t\t\t\t"AssociatedPublicIp": {},
            \t\t\t\t"PrivateIpAddress": "10.0.0.9",
            \t\t\t\t"VSwitchId": "vsw-1",
            \t\t\t\t"VpcId": "vpc-1",
            \t\t\t\t"ZoneId": "cn-hangzhou-h",
            \t\t\t\t"DeleteOnRelease": true,
            \t\t\t\t"Type": "Secondary",
            \t\t\t\t"InstanceId": "",
            \t\t\t\t"NetworkInterfaceId": "eni-a",
            \t\t\t\t"QueueNumber": 8
            \t\t\t}
            \t\t]
            \t}
            }
            """
        let a = try AliyunFixtures.state(texts: [("a.json", plain)])
        let b = try AliyunFixtures.state(texts: [("b.json", reordered)])
        #expect(StateYAMLWriter.render(a.manifest) == StateYAMLWriter.render(b.manifest))
        #expect(b.manifest.networkInterfaces.first?.deleteOnRelease == .explicit(true))
        #expect(b.manifest.networkInterfaces.first?.tags == ["env": "prod"])
    }

    @Test func aWronglyTypedFieldIsALocatedError() {
        let text = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a", deleteOnRelease: "\"maybe\"")])
        let diagnostics = AliyunFixtures.diagnostics(texts: [("bad.json", text)])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "DeleteOnRelease must be true or false, not 'maybe'")
        #expect(diagnostics.first?.range?.start.line == 1)
    }

    @Test func anENIWithoutItsIdIsALocatedError() {
        let text = #"{"NetworkInterfaceSets": {"NetworkInterfaceSet": [{"Type": "Secondary"}]}}"#
        let diagnostics = AliyunFixtures.diagnostics(texts: [("bad.json", text)])
        #expect(diagnostics.map(\.message) == ["an ENI in this DescribeNetworkInterfaces response has no NetworkInterfaceId"])
        #expect(diagnostics.first?.range?.start.column == 51)
    }

    @Test func anENITypeEniplanDoesNotModelIsAnError() {
        let text = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a", type: "Member")])
        let diagnostics = AliyunFixtures.diagnostics(texts: [("bad.json", text)])
        #expect(diagnostics.first?.message == "ENI 'eni-a' has Type 'Member'; eniplan knows Primary, Secondary, Trunk")
    }
}

@Suite("API responses: the SDKs' forms")
struct AliyunSDKFormTests {
    /// What a state says, without where: the same resources read from differently spelled files.
    static func summary(_ manifest: Manifest) -> [String] {
        func eni(_ eni: NetworkInterface) -> String {
            let eips = eni.eips.map { "\($0.id)@\($0.privateIp ?? "-")" }
            return "\(eni.identity):\(eni.type):\(eni.deleteOnRelease):\(eni.privateIpv4):\(eni.ipv6):\(eips)"
        }
        let instances: [String] = manifest.instances.map { instance in
            "\(instance.identity) \(instance.status.map(\.rawValue) ?? "-") \(instance.chargeType.map(\.rawValue) ?? "-") "
                + instance.networkInterfaces.map(eni).joined(separator: ",")
        }
        let tables: [String] = manifest.routeTables.map { "\($0.id) \($0.entries.map(\.destination))" }
        return instances + manifest.networkInterfaces.map(\.identity) + manifest.eips.map(\.id) + tables
    }

    @Test func theCamelCaseAndWrappedFormsReadAsTheAPIsOwn() throws {
        let pascal = try AliyunFixtures.state(AliyunFixtures.everyCall).manifest
        let camel = try AliyunFixtures.state(AliyunFixtures.everyCallAsTheSDKsWriteIt).manifest
        #expect(Self.summary(camel) == Self.summary(pascal))
        #expect(camel.region == "cn-hangzhou")
        #expect(!camel.instances.isEmpty)
    }

    @Test func aWrappedBodyIsLocatedInsideItsFile() throws {
        let response = try AliyunResponseDecoder.decode(try YAMLLoader.load(contentsOf: AliyunFixtures.path("DescribeNetworkInterfaces.to_map.json")))
        #expect(response.range.start.line == 10)
        #expect(response.interfaces.first?.range.start.line == 13)
        #expect(response.totalCount?.range.start.line ?? 0 > 10)
    }

    @Test(arguments: [
        (#"{"headers": {}, "statusCode": 403, "body": {"Code": "Forbidden.RAM", "Message": "denied"}}"#, "response.json:1:31",
         "this SDK response has statusCode '403', not 200: the call failed (Code 'Forbidden.RAM': denied), so its body is not data"),
        (#"{"headers": {}, "statusCode": 500, "body": ""}"#, "response.json:1:31", "this SDK response has statusCode '500', not 200: the call failed, so"),
        (#"{"headers": {}, "statusCode": 200, "body": {"code": "Throttling", "message": "slow down"}}"#, "response.json:1:44",
         "this is an Alibaba Cloud API error response (Code 'Throttling': slow down), not data"),
        (#"{"statusCode": 200, "body": {"Vpcs": {}}}"#, "response.json:1:29", "this SDK response's body matches no shape eniplan knows"),
        (#"{"instances": {"instance": []}, "Instances": {"Instance": []}}"#, "response.json:1:1",
         "this file has the key of DescribeInstances (Instances.Instance[]) twice, in PascalCase ('Instances') and in camelCase ('instances')"),
        (#"{"networkInterfaceSets": {"networkInterfaceSet": [{"networkInterfaceId": "eni-1", "DeleteOnRelease": true}]}}"#, "response.json:1:83",
         "this DescribeNetworkInterfaces response spells its keys in camelCase (as the TypeScript and Java SDKs write them), but this key is 'DeleteOnRelease'"),
        (#"{"NetworkInterfaceSets": {"NetworkInterfaceSet": [{"NetworkInterfaceId": "eni-1", "deleteOnRelease": true}]}}"#, "response.json:1:83",
         "this DescribeNetworkInterfaces response spells its keys in PascalCase (as the API and the aliyun CLI write them), but this key is 'deleteOnRelease'"),
    ])
    func whatCannotBeReadIsALocatedError(_ text: String, location: String, message: String) throws {
        let document = try AliyunFixtures.document(text)
        do {
            _ = try AliyunResponseDecoder.decode(document)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.range?.description == location)
            #expect(error.diagnostics.first?.message.hasPrefix(message) == true, "\(error.diagnostics.first?.message ?? "")")
        }
    }

    @Test func camelCaseMessagesNameTheKeysAsTheFileSpellsThem() throws {
        let document = try AliyunFixtures.document(#"{"networkInterfaceSets": {"networkInterfaceSet": [{"networkInterfaceId": "eni-1", "deleteOnRelease": "yes"}]}}"#)
        do {
            _ = try AliyunResponseDecoder.decode(document)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["deleteOnRelease must be true or false, not 'yes'"])
        }
    }

    @Test func aManifestIsNeverTakenForACamelCaseResponse() throws {
        let manifest = try AliyunFixtures.document("apiVersion: eniplan/v1\nkind: State\ninstances: {instance: []}\n")
        #expect(AliyunResponseDecoder.recognise(manifest) == .unknown)
        let list = try AliyunFixtures.document("instances: []\nrouteTables: []\n")
        #expect(AliyunResponseDecoder.recognise(list) == .unknown)
        let mapping = try AliyunFixtures.document("instances: {id: i-1}\n")
        #expect(AliyunResponseDecoder.recognise(mapping) == .unknown)
        #expect(InputFormats.format(of: mapping) is EniplanManifestFormat)
        let response = try AliyunFixtures.document("{\"instances\": {\"instance\": []}, \"requestId\": \"r\", \"totalCount\": 0}")
        #expect(AliyunResponseDecoder.recognise(response).call == .describeInstances)
        #expect(InputFormats.format(of: response) is AliyunResponseFormat)
        #expect(InputFormats.format(of: manifest) is EniplanManifestFormat)
    }
}

@Suite("API responses: DescribeIpv6Addresses")
struct AliyunIpv6AddressTests {
    static func addresses(_ items: [String], tail: String = "") -> String {
        "{\"Ipv6Addresses\": {\"Ipv6Address\": [\(items.joined(separator: ", "))]}\(tail)}"
    }

    static func address(_ id: String, _ address: String, type: String, target: String, bandwidth: String? = nil) -> String {
        let internet = bandwidth.map { #"{"Bandwidth": \#($0), "InternetChargeType": "PayByTraffic"}"# } ?? "{}"
        return #"{"Ipv6AddressId": "\#(id)", "Ipv6Address": "\#(address)", "AssociatedInstanceType": "\#(type)", "AssociatedInstanceId": "\#(target)", "NetworkType": "\#(bandwidth == nil ? "Private" : "Public")", "Ipv6InternetBandwidth": \#(internet)}"#
    }

    @Test func theSampleGivesThePrimaryENIOfItsInstanceItsBandwidth() throws {
        let manifest = try AliyunFixtures.state(["DescribeInstances.json", "DescribeNetworkInterfaces.json", "DescribeIpv6Addresses.json"]).manifest
        let web = try #require(manifest.instances.first { $0.id == "i-bp1web1" })
        #expect(web.networkInterfaces.map(\.ipv6Bandwidth) == [10, nil])
        #expect(web.networkInterfaces[0].fields[.ipv6Bandwidth]?.description == AliyunFixtures.path("DescribeIpv6Addresses.json") + ":14:11")
        let camel = try AliyunFixtures.state(["DescribeInstances.camel.json", "DescribeNetworkInterfaces.camel.json", "DescribeIpv6Addresses.camel.json"]).manifest
        #expect(camel.instances.flatMap(\.networkInterfaces).map(\.ipv6Bandwidth) == manifest.instances.flatMap(\.networkInterfaces).map(\.ipv6Bandwidth))
    }

    @Test func anENIsAddressesAddUpAndAddressesOfNoKnownENIAreLeftOut() throws {
        let enis = AliyunFixtures.networkInterfaces([
            AliyunFixtures.eni("eni-p", instance: "i-a", type: "Primary"),
            AliyunFixtures.eni("eni-s", instance: "i-a", extra: #", "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408::1"}, {"Ipv6Address": "2408::2"}]}"#),
        ])
        let addresses = Self.addresses([
            Self.address("ipv6-1", "2408::1", type: "NetworkInterface", target: "eni-s", bandwidth: "5"),
            Self.address("ipv6-2", "2408::2", type: "NetworkInterface", target: "eni-s", bandwidth: "\"20\""),
            Self.address("ipv6-3", "2408::3", type: "EcsInstance", target: "i-a"),
            Self.address("ipv6-5", "2408::5", type: "EcsInstance", target: "i-a", bandwidth: "1"),
            Self.address("ipv6-4", "2408::4", type: "NetworkInterface", target: "eni-elsewhere", bandwidth: "100"),
        ])
        let manifest = try AliyunFixtures.state(texts: [("enis.json", enis), ("v6.json", addresses)]).manifest
        let interfaces = manifest.instances.flatMap(\.networkInterfaces)
        #expect(interfaces.map(\.identity) == ["eni-p", "eni-s"])
        #expect(interfaces.map(\.ipv6Bandwidth) == [1, 25])
        #expect(interfaces[0].ipv6 == ["2408::3", "2408::5"])
    }

    @Test func anAddressTheENIDoesNotListIsAConflictAtBothPlaces() {
        let enis = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-p", instance: "i-a", type: "Primary", extra: #", "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408::1"}]}"#)])
        let addresses = Self.addresses([Self.address("ipv6-9", "2408::9", type: "EcsInstance", target: "i-a", bandwidth: "5")])
        let diagnostics = AliyunFixtures.diagnostics(texts: [("enis.json", enis), ("v6.json", addresses)])
        #expect(diagnostics.map(\.message) == ["the API responses disagree about ENI 'eni-p': DescribeIpv6Addresses assigns it IPv6 address '2408::9' here, but its IPv6 addresses are [2408::1] in DescribeNetworkInterfaces"])
        #expect(diagnostics.first?.range?.file == "v6.json")
        #expect(diagnostics.first?.notes.first?.range.file == "enis.json")
    }

    @Test(arguments: [
        (#", "TotalCount": 3, "PageNumber": 1, "PageSize": 1"#, "DescribeIpv6Addresses reports TotalCount 3, but the responses given hold 1 IPv6 address: a page is missing; fetch every page (repeat the call with PageNumber 1, 2, ..."),
    ])
    func aMissingPageIsAnError(_ tail: String, message: String) {
        let addresses = Self.addresses([Self.address("ipv6-1", "2408::1", type: "NetworkInterface", target: "eni-s", bandwidth: "5")], tail: tail)
        let messages = AliyunFixtures.diagnostics(texts: [("v6.json", addresses)]).map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix(message) == true, "\(messages)")
    }

    @Test func aBandwidthThatIsNotANumberIsALocatedError() {
        let addresses = Self.addresses([Self.address("ipv6-1", "2408::1", type: "NetworkInterface", target: "eni-s", bandwidth: "\"ten\"")])
        let diagnostics = AliyunFixtures.diagnostics(texts: [("v6.json", addresses)])
        #expect(diagnostics.map(\.message) == ["Bandwidth must be a whole number, not 'ten'"])
        #expect(diagnostics.first?.range != nil)
    }
}

@Suite("API responses: subscriptions")
struct AliyunSubscriptionTests {
    static func instances(_ fields: String) -> String {
        #"{"Instances": {"Instance": [{"InstanceId": "i-a", "InstanceChargeType": "PrePaid", \#(fields), "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": "eni-a", "Type": "Primary"}]}}]}}"#
    }

    @Test(arguments: [
        (#""Status": "Running", "ExpiredTime": "2027-01-01T00:00Z""#, Instance.Status.running as Instance.Status?, nil as Bool?, "2027-01-01T00:00Z" as String?),
        (#""Status": "Stopped", "ExpiredTime": "2026-01-01T00:00Z", "OperationLocks": {"LockReason": [{"LockReason": "financial"}]}"#, .stopped, true, "2026-01-01T00:00Z"),
        (#""Status": "Expired""#, nil, true, nil),
        (#""Status": "Running", "OperationLocks": {"LockReason": [{"LockReason": "security"}]}"#, .running, nil, nil),
    ])
    func whetherASubscriptionHasExpiredIsWhatTheResponseSays(_ fields: String, status: Instance.Status?, expired: Bool?, expiredTime: String?) throws {
        let instance = try #require(try AliyunFixtures.state(texts: [("instances.json", Self.instances(fields))]).manifest.instances.first)
        #expect(instance.chargeType == .prePaid)
        #expect(instance.status == status)
        #expect(instance.expired == expired)
        #expect(instance.expiredTime == expiredTime)
    }

    @Test func aPayAsYouGoInstanceHasNoExpiry() throws {
        let text = Self.instances(#""Status": "Running", "ExpiredTime": "2099-12-31T15:59Z", "OperationLocks": {"LockReason": [{"LockReason": "financial"}]}"#)
            .replacingOccurrences(of: "PrePaid", with: "PostPaid")
        let instance = try #require(try AliyunFixtures.state(texts: [("instances.json", text)]).manifest.instances.first)
        #expect(instance.chargeType == .postPaid)
        #expect(instance.expiredTime == nil)
        #expect(instance.expired == nil)
    }

    @Test func thePrePaidSample() throws {
        let manifest = try AliyunFixtures.state(["DescribeInstances.prepaid.json"]).manifest
        #expect(manifest.instances.map(\.expired) == [nil, true])
        #expect(manifest.instances.map(\.expiredTime) == ["2027-01-01T00:00Z", "2026-01-01T00:00Z"])
        #expect(manifest.instances[1].fields[.expired] != nil)
    }
}

@Suite("API responses: the join")
struct AliyunJoinTests {
    @Test func everyCallTogether() throws {
        let state = try AliyunFixtures.state(AliyunFixtures.everyCall)
        let manifest = state.manifest
        #expect(manifest.kind == .state)
        #expect(manifest.region == "cn-hangzhou")
        #expect(manifest.regionRange?.file.hasSuffix("DescribeInstances.json") == true)
        #expect(manifest.instances.map(\.identity) == ["i-bp1db1", "i-bp1web1"])
        let db = manifest.instances[0]
        #expect(db.deletionProtection == true)
        #expect(db.status == .running)
        #expect(db.zone == "cn-hangzhou-h" && db.vpc == "vpc-bp1demo0001")
        #expect(db.tags == ["app": "db-1"])
        #expect(db.fields[.deletionProtection]?.start.line == 107)
        let web = manifest.instances[1]
        #expect(web.networkInterfaces.map(\.identity) == ["eni-bp1web1p", "eni-bp1web1s"])
        let primary = web.networkInterfaces[0]
        #expect(primary.type == .primary && primary.deleteOnRelease == .explicit(false))
        #expect(primary.ipv6 == ["2408:4005:3a0:1::10"])
        #expect(primary.securityGroups == ["sg-bp1web"])
        #expect(primary.vswitch == "vsw-bp1demo0001")
        let secondary = web.networkInterfaces[1]
        #expect(secondary.type == .secondary && secondary.deleteOnRelease == .explicit(true))
        #expect(secondary.eips.map(\.id) == ["eip-bp1web1s"])
        #expect(secondary.privateIpv4 == ["10.0.1.11"])
        #expect(secondary.ipv4Prefixes == ["10.0.1.32/28"])
        // Locations point at the JSON node the value came from: the ENI call, which carries the flag.
        #expect(secondary.range.file.hasSuffix("DescribeNetworkInterfaces.json"))
        #expect(secondary.fields[.deleteOnRelease]?.start.line == 74)
        #expect(secondary.fields[.id]?.start.line == 91)
        #expect(manifest.networkInterfaces.map(\.identity) == ["eni-bp1spare"])
        #expect(manifest.networkInterfaces[0].zone == "cn-hangzhou-h")
        #expect(manifest.eips.map(\.id) == ["eip-bp1idle", "eip-bp1web1s"])
        #expect(manifest.eips[1].address == "203.0.113.11" && manifest.eips[1].chargeType == "PostPaid")
        let table = try #require(manifest.routeTables.first)
        #expect(manifest.routeTables.count == 1 && table.id == "vtb-bp1main")
        #expect(table.entries.map(\.destination) == ["192.168.100.0/24", "192.168.200.0/24"])
        #expect(table.entries.map(\.nextHop) == ["eni-bp1web1s", "i-bp1db1"])
        // DescribeRouteTables lists the first route without its id; DescribeRouteEntryList gives it.
        #expect(table.entries.map(\.id) == ["rte-bp1appl", "rte-bp1db"])
        #expect(table.entries[1].fields[.nextHop]?.start.line == 40)
    }

    @Test func describeInstancesAloneLeavesEveryFlagUnknownWithTheCallToAdd() throws {
        let manifest = try AliyunFixtures.state(["DescribeInstances.json"]).manifest
        let interfaces = manifest.instances.flatMap(\.networkInterfaces)
        #expect(interfaces.count == 3)
        for eni in interfaces {
            guard case .unknown(let reason) = eni.deleteOnRelease else {
                Issue.record("\(eni.identity) has a flag DescribeInstances does not give")
                continue
            }
            #expect(reason == "DescribeInstances does not report DeleteOnRelease; add the output of DescribeNetworkInterfaces or DescribeNetworkInterfaceAttribute")
        }
        // The instance's security groups and vSwitch are its primary ENI's.
        #expect(manifest.instances[1].networkInterfaces[0].securityGroups == ["sg-bp1web"])
        #expect(manifest.instances[1].networkInterfaces[1].securityGroups.isEmpty)
        #expect(manifest.instances[1].networkInterfaces[0].privateIpv4 == ["10.0.1.10"])
    }

    @Test func theENICallsAloneMakeInstancesOfTheirOwn() throws {
        let manifest = try AliyunFixtures.state(["DescribeNetworkInterfaces.json"]).manifest
        #expect(manifest.region == nil)
        #expect(manifest.instances.map(\.identity) == ["i-bp1db1", "i-bp1web1"])
        #expect(manifest.instances[1].zone == "cn-hangzhou-h")
        #expect(manifest.instances[1].deletionProtection == nil)
        #expect(manifest.instances[1].networkInterfaces.map(\.deleteOnRelease) == [.explicit(false), .explicit(true)])
        #expect(manifest.networkInterfaces.map(\.identity) == ["eni-bp1spare"])
    }

    @Test(arguments: [
        (["DescribeNetworkInterfaceAttribute.json"], 0, 1, 0, 0),
        (["DescribeEipAddresses.json"], 0, 0, 2, 0),
        (["DescribeRouteEntryList.json"], 0, 0, 0, 2),
        (["DescribeRouteTables.json"], 0, 0, 0, 1),
        (["DescribeNetworkInterfaces.page2.json"], 1, 1, 0, 0),
        (["DescribeNetworkInterfaces.pager.json"], 2, 1, 0, 0),
    ])
    func eachCallAlone(_ files: [String], instances: Int, standalone: Int, eips: Int, routes: Int) throws {
        let manifest = try AliyunFixtures.state(files).manifest
        #expect(manifest.instances.count == instances)
        #expect(manifest.networkInterfaces.count == standalone)
        #expect(manifest.eips.count == eips)
        #expect(manifest.routeTables.flatMap(\.entries).count == routes)
    }

    @Test func aFirstPageAloneIsMissingItsLastPage() {
        do {
            _ = try AliyunFixtures.state(["DescribeNetworkInterfaces.page1.json"])
            Issue.record("a lone first page was accepted")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "the DescribeNetworkInterfaces page given has a NextToken, so the last page is missing; fetch every page (aliyun ... --pager, or repeat the call with NextToken until it comes back empty)",
            ])
            #expect(error.diagnostics.first?.range?.start.line == 129)
        }
    }

    @Test func pagesInEitherOrderGiveTheSameState() throws {
        let rest = ["DescribeInstances.json", "DescribeEipAddresses.json", "DescribeRouteEntryList.json"]
        let forward = try AliyunFixtures.state(rest + ["DescribeNetworkInterfaces.page1.json", "DescribeNetworkInterfaces.page2.json"])
        let backward = try AliyunFixtures.state(["DescribeNetworkInterfaces.page2.json"] + rest.reversed() + ["DescribeNetworkInterfaces.page1.json"])
        #expect(forward == backward)
        let whole = try AliyunFixtures.state(rest + ["DescribeNetworkInterfaces.json"])
        #expect(StateYAMLWriter.render(forward.manifest) == StateYAMLWriter.render(whole.manifest))
    }

    @Test func overlappingPagesAndThePagerFormMergeIntoTheSameState() throws {
        let whole = try AliyunFixtures.state(["DescribeInstances.json", "DescribeNetworkInterfaces.json"])
        let overlapping = try AliyunFixtures.state(["DescribeNetworkInterfaces.page2.json", "DescribeInstances.json",
                                                    "DescribeNetworkInterfaces.json", "DescribeNetworkInterfaces.page1.json"])
        #expect(overlapping.manifest == whole.manifest)
        #expect(overlapping.files[.describeNetworkInterfaces]?.count == 3)
        let pager = try AliyunFixtures.state(["DescribeInstances.json", "DescribeNetworkInterfaces.pager.json"])
        #expect(StateYAMLWriter.render(pager.manifest) == StateYAMLWriter.render(whole.manifest))
    }

    @Test func theSameResourceWithDifferentDataIsAnErrorAtBothPlaces() throws {
        let attribute = try String(contentsOfFile: AliyunFixtures.path("DescribeNetworkInterfaceAttribute.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"DeleteOnRelease\": false", with: "\"DeleteOnRelease\": true")
        let whole = try String(contentsOfFile: AliyunFixtures.path("DescribeNetworkInterfaces.json"), encoding: .utf8)
        let diagnostics = AliyunFixtures.diagnostics(texts: [("nis.json", whole), ("attribute.json", attribute)])
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "the API responses disagree about ENI 'eni-bp1spare': its DeleteOnRelease is true here, but false in DescribeNetworkInterfaces")
        #expect(diagnostic.range?.description == "attribute.json:7:3")
        #expect(diagnostic.notes.map(\.range.description) == ["nis.json:188:9"])
    }

    @Test func anInstanceListedUnderAnotherInstanceIsAConflict() {
        let instances = """
            {"Instances": {"Instance": [{"InstanceId": "i-a", "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h",
              "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": "eni-a", "Type": "Primary"}]}}]}}
            """
        let enis = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a", instance: "i-b", type: "Primary")])
        let messages = AliyunFixtures.diagnostics(texts: [("instances.json", instances), ("enis.json", enis)]).map(\.message)
        #expect(messages.contains("the API responses disagree about ENI 'eni-a': its instance is 'i-a' here, but 'i-b' in DescribeNetworkInterfaces"))
    }

    @Test func eipsAttachToTheENIOrTheInstanceTheyAreBoundTo() throws {
        let instances = """
            {"Instances": {"Instance": [{"InstanceId": "i-a", "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h",
              "EipAddress": {"AllocationId": ""},
              "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": "eni-a", "Type": "Primary"}]}}]}}
            """
        let eips = """
            {"EipAddresses": {"EipAddress": [
              {"AllocationId": "eip-i", "IpAddress": "203.0.113.1", "InstanceType": "EcsInstance", "InstanceId": "i-a", "RegionId": "cn-hangzhou"},
              {"AllocationId": "eip-e", "IpAddress": "203.0.113.2", "InstanceType": "NetworkInterface", "InstanceId": "eni-a", "RegionId": "cn-hangzhou"},
              {"AllocationId": "eip-s", "IpAddress": "203.0.113.3", "InstanceType": "SlbInstance", "InstanceId": "lb-1", "RegionId": "cn-hangzhou"}]}}
            """
        let diagnostics = AliyunFixtures.diagnostics(texts: [("instances.json", instances), ("eips.json", eips)])
        // DescribeInstances said the instance has no EIP of its own; DescribeEipAddresses binds one to it.
        #expect(diagnostics.map(\.message) == ["the API responses disagree about instance 'i-a': its EIP is 'eip-i' here, but none in DescribeInstances"])
        let agreeing = instances.replacingOccurrences(of: #""AllocationId": """#, with: #""AllocationId": "eip-i""#)
        let manifest = try AliyunFixtures.state(texts: [("instances.json", agreeing), ("eips.json", eips)]).manifest
        #expect(manifest.instances.first?.eip == "eip-i")
        #expect(manifest.instances.first?.networkInterfaces.first?.eips.map(\.id) == ["eip-e"])
        #expect(manifest.eips.map(\.id) == ["eip-e", "eip-i", "eip-s"])
    }

    @Test func severalEIPsOnOneENIAreEachBoundToTheirPrivateAddress() throws {
        let enis = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a", extra: #", "AssociatedPublicIp": {"AllocationId": ""}"#)])
        let eips = """
            {"EipAddresses": {"EipAddress": [
              {"AllocationId": "eip-2", "InstanceType": "NetworkInterface", "InstanceId": "eni-a", "PrivateIpAddress": "10.0.0.10"},
              {"AllocationId": "eip-1", "InstanceType": "NetworkInterface", "InstanceId": "eni-a", "PrivateIpAddress": "10.0.0.9"}]}}
            """
        // The ENI call says the ENI has no EIP; DescribeEipAddresses binds two.
        let messages = AliyunFixtures.diagnostics(texts: [("eips.json", eips)] + [("enis.json", enis)]).map(\.message)
        #expect(messages == ["the API responses disagree about ENI 'eni-a': its EIPs are [eip-1, eip-2] here, but none in DescribeNetworkInterfaces"])
        let twoAddresses = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a").replacingOccurrences(
            of: #"{"Primary": true, "PrivateIpAddress": "10.0.0.9"}"#,
            with: #"{"Primary": true, "PrivateIpAddress": "10.0.0.9"}, {"Primary": false, "PrivateIpAddress": "10.0.0.10"}"#)])
        let manifest = try AliyunFixtures.state(texts: [("eips.json", eips), ("enis.json", twoAddresses)]).manifest
        let eni = try #require(manifest.networkInterfaces.first)
        #expect(eni.eips.map(\.id) == ["eip-1", "eip-2"])
        #expect(eni.eips.map(\.privateIp) == ["10.0.0.9", "10.0.0.10"])
        #expect(eni.eips.allSatisfy { $0.range?.file == "eips.json" })
        // An address the ENI does not have, and two EIPs on one address, are refused at the address.
        let elsewhere = eips.replacingOccurrences(of: "10.0.0.10", with: "10.0.0.77")
        #expect(AliyunFixtures.diagnostics(texts: [("eips.json", elsewhere), ("enis.json", twoAddresses)]).map(\.message)
            == ["EIP 'eip-2' is bound to '10.0.0.77', which is not among the private IP addresses of ENI 'eni-a' in these API responses"])
        let shared = eips.replacingOccurrences(of: "10.0.0.10", with: "10.0.0.9")
        #expect(AliyunFixtures.diagnostics(texts: [("eips.json", shared), ("enis.json", twoAddresses)]).map(\.message)
            == ["EIPs 'eip-1' and 'eip-2' are both bound to the private IP address '10.0.0.9' of ENI 'eni-a'; an address carries one EIP"])
    }

    @Test func theENICallsGiveSeveralEIPsWithTheirAddresses() throws {
        let sets = #"{"Primary": true, "PrivateIpAddress": "10.0.0.9", "AssociatedPublicIp": {"AllocationId": "eip-1"}}, "#
            + #"{"Primary": false, "PrivateIpAddress": "10.0.0.10", "AssociatedPublicIp": {"AllocationId": "eip-2"}}"#
        let several = AliyunFixtures.eni("eni-a").replacingOccurrences(of: #"{"Primary": true, "PrivateIpAddress": "10.0.0.9"}"#, with: sets)
        let enis = AliyunFixtures.networkInterfaces([several])
        let eni = try #require(try AliyunFixtures.state(texts: [("enis.json", enis)]).manifest.networkInterfaces.first)
        #expect(eni.eips.map(\.id) == ["eip-1", "eip-2"])
        #expect(eni.eips.map(\.privateIp) == ["10.0.0.9", "10.0.0.10"])
        // DescribeNetworkInterfaceAttribute giving only the primary address's EIP agrees; another EIP does not.
        let plainSets = #"{"Primary": true, "PrivateIpAddress": "10.0.0.9"}, {"Primary": false, "PrivateIpAddress": "10.0.0.10"}"#
        let primaryOnly = AliyunFixtures.eni("eni-a", extra: #", "AssociatedPublicIp": {"AllocationId": "eip-1"}"#)
            .replacingOccurrences(of: #"{"Primary": true, "PrivateIpAddress": "10.0.0.9"}"#, with: plainSets)
        let joined = try AliyunFixtures.state(texts: [("enis.json", enis), ("attribute.json", primaryOnly)]).manifest
        #expect(joined.networkInterfaces.first?.eips.map(\.id) == ["eip-1", "eip-2"])
        let other = primaryOnly.replacingOccurrences(of: #""AllocationId": "eip-1""#, with: #""AllocationId": "eip-9""#)
        #expect(AliyunFixtures.diagnostics(texts: [("enis.json", enis), ("attribute.json", other)]).map(\.message)
            == ["the API responses disagree about ENI 'eni-a': its EIPs are [eip-9] here, but [eip-1, eip-2] in DescribeNetworkInterfaces"])
        // Two EIPs on one address of one response are refused there.
        let shared = several.replacingOccurrences(of: #""PrivateIpAddress": "10.0.0.10""#, with: #""PrivateIpAddress": "10.0.0.9""#)
        #expect(AliyunFixtures.diagnostics(texts: [("enis.json", AliyunFixtures.networkInterfaces([shared]))]).map(\.message)
            == ["EIPs 'eip-1' and 'eip-2' are both bound to the private IP address '10.0.0.9' of ENI 'eni-a'; an address carries one EIP"])
    }

    @Test func aTotalCountThePagesFallShortOfIsAMissingPage() {
        let page = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a")], tail: #", "TotalCount": 3"#)
        let diagnostics = AliyunFixtures.diagnostics(texts: [("page.json", page)])
        #expect(diagnostics.map(\.message) == [
            "DescribeNetworkInterfaces reports TotalCount 3, but the responses given hold 1 ENI: a page is missing; fetch every page (aliyun ... --pager, or repeat the call with NextToken until it comes back empty)",
        ])
    }

    /// The API reference calls TotalCount invalid in NextToken mode: there only the tokens tell a missing page.
    @Test func inNextTokenModeTotalCountNeedNotAddUp() {
        let last = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a")], tail: #", "TotalCount": 3, "NextToken": """#)
        #expect(AliyunFixtures.diagnostics(texts: [("page.json", last)]).isEmpty)
        let first = AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-a")], tail: #", "TotalCount": 3, "NextToken": "AAAA""#)
        #expect(AliyunFixtures.diagnostics(texts: [("page.json", first)]).map(\.message)
            == ["the DescribeNetworkInterfaces page given has a NextToken, so the last page is missing; fetch every page (aliyun ... --pager, or repeat the call with NextToken until it comes back empty)"])
    }

    @Test func aMissingPageOfAPageNumberedCallSaysToFetchByNumber() {
        let eips = #"{"EipAddresses": {"EipAddress": [{"AllocationId": "eip-1"}]}, "TotalCount": 2, "PageNumber": 1, "PageSize": 1}"#
        let diagnostics = AliyunFixtures.diagnostics(texts: [("eips.json", eips)])
        #expect(diagnostics.map(\.message) == [
            "DescribeEipAddresses reports TotalCount 2, but the responses given hold 1 EIP: a page is missing; fetch every page (repeat the call with PageNumber 1, 2, ... until the pages hold TotalCount items; not with --pager)",
        ])
    }

    @Test func twoRegionsAreRefused() {
        let eips = #"{"EipAddresses": {"EipAddress": [{"AllocationId": "eip-1", "RegionId": "cn-hangzhou"}, {"AllocationId": "eip-2", "RegionId": "cn-shanghai"}]}}"#
        let messages = AliyunFixtures.diagnostics(texts: [("eips.json", eips)]).map(\.message)
        #expect(messages == ["the API responses cover more than one region ('cn-hangzhou' and 'cn-shanghai'); eniplan plans one region at a time, so fetch and plan each region on its own"])
    }

    @Test func anInstanceDescribeInstancesListsWithoutAPrimaryENIIsRefused() {
        let instances = #"{"Instances": {"Instance": [{"InstanceId": "i-a", "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": "eni-s", "Type": "Secondary"}]}}]}}"#
        let messages = AliyunFixtures.diagnostics(texts: [("instances.json", instances)]).map(\.message)
        #expect(messages == ["instance 'i-a' has no primary ENI in these API responses; add the output of DescribeInstances, or of DescribeNetworkInterfaces for this instance"])
    }

    /// Without DescribeInstances, the ENI calls may name only some of an instance's ENIs: the others are unknown, not missing.
    @Test(arguments: [
        ([AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-s", instance: "i-a")])], false),
        ([AliyunFixtures.eni("eni-p", instance: "i-a", type: "Primary")], false),
        ([AliyunFixtures.networkInterfaces([AliyunFixtures.eni("eni-p", instance: "i-a", type: "Primary")])], true),
        ([AliyunFixtures.eni("eni-s", instance: "i-a"), #"{"Instances": {"Instance": [{"InstanceId": "i-a", "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": "eni-p", "Type": "Primary"}, {"NetworkInterfaceId": "eni-s", "Type": "Secondary"}]}}]}}"#], true),
    ])
    func anInstanceKnownOnlyThroughSomeOfItsENIs(_ texts: [String], complete: Bool) throws {
        let manifest = try AliyunFixtures.state(texts: texts.enumerated().map { ("response\($0.offset).json", $0.element) }).manifest
        let instance = try #require(manifest.instances.first)
        #expect(instance.id == "i-a")
        #expect(instance.networkInterfacesComplete == complete)
    }

    @Test func routesThroughGatewaysAreNotReleaseEffects() throws {
        let routes = """
            {"RouteEntrys": {"RouteEntry": [
              {"RouteTableId": "vtb-1", "DestinationCidrBlock": "0.0.0.0/0", "RouteEntryId": "rte-nat",
               "NextHops": {"NextHop": [{"NextHopType": "NatGateway", "NextHopId": "ngw-1"}]}},
              {"RouteTableId": "vtb-1", "DestinationCidrBlock": "pl-prefix-list", "NextHops": {"NextHop": [{"NextHopType": "VpcPeer", "NextHopId": "pcc-1"}]}},
              {"RouteTableId": "vtb-1", "DestinationCidrBlock": "10.9.0.0/16", "NextHopType": "Instance", "InstanceId": "i-old", "NextHops": {}},
              {"RouteTableId": "vtb-1", "DestinationCidrBlock": "10.8.0.0/16", "RouteEntryId": "rte-ecmp",
               "NextHops": {"NextHop": [{"NextHopType": "NetworkInterface", "NextHopId": "eni-1"}, {"NextHopType": "NetworkInterface", "NextHopId": "eni-2"}]}}]}}
            """
        let manifest = try AliyunFixtures.state(texts: [("routes.json", routes)]).manifest
        let entries = try #require(manifest.routeTables.first).entries
        #expect(entries.map(\.nextHop) == ["eni-1", "eni-2", "i-old"])
        #expect(entries.map(\.id) == ["rte-ecmp", "rte-ecmp", nil])
    }

    @Test func theInputLoaderJoinsAPIResponsesAndKeepsManifests() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eniplan-aliyun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state.yaml").path
        try "apiVersion: eniplan/v1\nkind: State\nregion: cn-hangzhou\n".write(toFile: state, atomically: true, encoding: .utf8)
        let manifests = try InputLoader().manifests(at: [AliyunFixtures.path("DescribeInstances.json"), state,
                                                         AliyunFixtures.path("DescribeNetworkInterfaces.json")])
        #expect(manifests.count == 2)
        #expect(manifests[0].instances.flatMap(\.networkInterfaces).allSatisfy { $0.deleteOnRelease.value != nil })
        #expect(manifests[1].file == state)
    }
}

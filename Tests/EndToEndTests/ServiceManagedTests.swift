import Foundation
import Testing

/// An ENI another cloud service owns (a NAT gateway's, a load balancer's) is never planned as deleted.
@Suite("service-managed ENIs")
struct ServiceManagedTests {
    @Test func aServiceManagedENIIsKeptNotDeleted() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", """
            apiVersion: eniplan/v1
            kind: State
            region: cn-hangzhou
            networkInterfaces:
              - {id: eni-nat, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: true, serviceManaged: true}
              - {id: eni-spare, zone: cn-hangzhou-h, vpc: vpc-1, deleteOnRelease: true}

            """)
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n")
        let json = try EniplanRunner.run(["plan", "--format", "json", "--current", state, desired], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(plan["changes"] as? [[String: Any]])
        let nat = try #require(changes.first { $0["id"] as? String == "eni-nat" })
        #expect(nat["action"] as? String == "keep" && nat["reason"] as? String == "service_managed", "\(nat)")
        #expect(changes.first { $0["id"] as? String == "eni-spare" }?["action"] as? String == "delete")
    }

    /// DescribeNetworkInterfaces marks them with ServiceManaged, or shows them InUse with no InstanceId.
    @Test(arguments: [("\"ServiceManaged\": false", "\"ServiceManaged\": true"), ("\"Status\": \"InUse\"", "\"Status\": \"InUse\"")])
    func describeNetworkInterfacesMarksThem(_ from: String, _ to: String) throws {
        let folder = try ScratchFolder()
        let response = """
            {"RequestId": "R", "TotalCount": 1, "NetworkInterfaceSets": {"NetworkInterfaceSet": [{
              "NetworkInterfaceId": "eni-nat", "Type": "Secondary", "InstanceId": "", "DeleteOnRelease": true,
              "ServiceManaged": false, "Status": "InUse", "ZoneId": "cn-hangzhou-h", "VpcId": "vpc-1", "VSwitchId": "vsw-1",
              "PrivateIpAddress": "10.0.0.9"}]}}
            """.replacingOccurrences(of: from, with: to)
        let path = try folder.write("DescribeNetworkInterfaces.json", response)
        let imported = try EniplanRunner.run(["state", "import", path], in: folder.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("serviceManaged: true"), "\(imported.stdout)")
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances: []\n")
        let plan = try EniplanRunner.run(["plan", "--current", path, desired], in: folder.url)
        #expect(plan.stdout.hasPrefix("No changes"), "\(plan.stdout)")
    }
}

/// API output as real accounts have it: a trunk ENI is read, not refused.
@Suite("trunk ENIs")
struct TrunkInterfaceTests {
    @Test func aTrunkENIIsASecondaryENIOfItsInstance() throws {
        let folder = try ScratchFolder()
        let response = """
            {"RequestId": "R", "NetworkInterfaceSets": {"NetworkInterfaceSet": [
              {"NetworkInterfaceId": "eni-p", "Type": "Primary", "InstanceId": "i-1", "DeleteOnRelease": true, "Status": "InUse",
               "ZoneId": "cn-hangzhou-h", "VpcId": "vpc-1", "VSwitchId": "vsw-1", "PrivateIpAddress": "10.0.0.8"},
              {"NetworkInterfaceId": "eni-trunk", "Type": "Trunk", "InstanceId": "i-1", "DeleteOnRelease": false, "Status": "InUse",
               "ZoneId": "cn-hangzhou-h", "VpcId": "vpc-1", "VSwitchId": "vsw-1", "PrivateIpAddress": "10.0.0.9"}]}}
            """
        let path = try folder.write("DescribeNetworkInterfaces.json", response)
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances: []\n")
        let plan = try EniplanRunner.run(["plan", "--current", path, desired], in: folder.url)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("> ENI eni-trunk secondary: retained"), "\(plan.stdout)")
    }
}

import Foundation
import Testing

/// Terraform plan JSON (`terraform show -json`) as the desired state, through the real binary: each mapping of the
/// alicloud provider's resources on its own, values known only after apply, replacements, and where findings point.
@Suite("Terraform plans")
struct TerraformPlanTests {
    /// A plan as `terraform show -json` writes it, built resource by resource; keys sorted and indented, so that
    /// positions are easy to find in the text.
    struct Plan {
        var changes: [[String: Any]] = []
        var prior: [[String: Any]] = []
        var declarations: [[String: Any]] = []
        var region: String? = "cn-hangzhou"
        var formatVersion = "1.2"
        /// The configuration's `root_module`, when not the declarations `change` records.
        var rootModule: [String: Any]?

        /// One resource change; `before` is the state, `after` the planned values, `unknown` the attributes known only after apply.
        mutating func change(_ address: String, _ actions: [String], before: [String: Any]?, after: [String: Any]?,
                             unknown: [String: Any] = [:], references: [String: [String]] = [:]) {
            let type = String(address.split(separator: ".").first { $0.hasPrefix("alicloud_") } ?? "")
            let name = String(address.split(separator: ".").last?.prefix { $0 != "[" } ?? "")
            changes.append(["address": address, "mode": "managed", "type": type, "name": name,
                            "provider_name": "registry.terraform.io/aliyun/alicloud",
                            "change": ["actions": actions, "before": before.map { $0 as Any } ?? NSNull(), "after": after.map { $0 as Any } ?? NSNull(),
                                       "after_unknown": unknown, "before_sensitive": [:] as [String: Any], "after_sensitive": [:] as [String: Any]]])
            if let before {
                prior.append(["address": address, "mode": "managed", "type": type, "name": name, "schema_version": 0, "values": before])
            }
            let declared = address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
            if !declarations.contains(where: { $0["address"] as? String == declared }) {
                declarations.append(["address": declared, "mode": "managed", "type": type, "name": name, "provider_config_key": "alicloud",
                                     "expressions": references.mapValues { ["references": $0] }])
            }
        }

        /// A resource only the prior state has (a plan of Terraform before 0.15 lists changes only).
        mutating func state(_ address: String, _ values: [String: Any]) {
            let type = String(address.split(separator: ".").first { $0.hasPrefix("alicloud_") } ?? "")
            prior.append(["address": address, "mode": "managed", "type": type, "name": String(address.split(separator: ".").last ?? ""),
                          "schema_version": 0, "values": values])
        }

        /// Provider configurations beside the default one, by key (`alicloud.dubai`), each with its region.
        var aliases: [String: String] = [:]

        var json: String {
            var configuration: [String: Any] = ["root_module": rootModule ?? ["resources": declarations]]
            var providers: [String: Any] = [:]
            if let region {
                providers["alicloud"] = ["name": "alicloud", "full_name": "registry.terraform.io/aliyun/alicloud",
                                         "expressions": ["region": ["constant_value": region]]]
            }
            for (key, region) in aliases {
                providers[key] = ["name": "alicloud", "alias": String(key.split(separator: ".").last ?? ""),
                                  "expressions": ["region": ["constant_value": region]]]
            }
            if !providers.isEmpty { configuration["provider_config"] = providers }
            let document: [String: Any] = ["format_version": formatVersion, "terraform_version": "1.9.8", "resource_changes": changes,
                                           "prior_state": ["format_version": "1.0", "values": ["root_module": ["resources": prior]]],
                                           "configuration": configuration]
            let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        }

        /// `line:column` of the resource change of `address` in ``json``: the `{` before its last `"address"` line.
        func position(of address: String) -> String {
            let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
            let index = lines.lastIndex { $0.contains("\"address\" : \"\(address)\"") }!
            let open = lines[index - 1]
            return "\(index):\(open.prefix { $0 == " " }.count + 1)"
        }
    }

    static func instance(_ id: String, eni: String? = nil, _ extra: [String: Any] = [:]) -> [String: Any] {
        var values: [String: Any] = ["id": id, "instance_name": id, "availability_zone": "cn-hangzhou-h", "status": "Running",
                                     "deletion_protection": false, "instance_charge_type": "PostPaid", "internet_max_bandwidth_out": 0,
                                     "network_interfaces": [] as [Any]]
        if let eni { values["network_interface_id"] = eni }
        return values.merging(extra) { $1 }
    }

    static func eni(_ id: String, deleteOnRelease: Any? = true, _ extra: [String: Any] = [:]) -> [String: Any] {
        var values: [String: Any] = ["id": id, "vswitch_id": "vsw-1", "primary_ip_address": "10.0.0.9", "private_ip_addresses": [] as [Any],
                                     "security_group_ids": ["sg-1"], "status": "InUse"]
        if let deleteOnRelease { values["delete_on_release"] = deleteOnRelease }
        return values.merging(extra) { $1 }
    }

    /// The flags of an instance's own ENIs, which only the API gives: one DescribeNetworkInterfaces response.
    static func describeNetworkInterfaces(_ enis: [(id: String, instance: String, type: String, deleteOnRelease: Bool)]) -> String {
        let sets = enis.map { eni -> [String: Any] in
            ["NetworkInterfaceId": eni.id, "InstanceId": eni.instance, "Type": eni.type, "DeleteOnRelease": eni.deleteOnRelease,
             "Status": "InUse", "VSwitchId": "vsw-1", "VpcId": "vpc-1", "ZoneId": "cn-hangzhou-h", "PrivateIpAddress": "10.0.0.\(eni.id.count)",
             "PrivateIpSets": ["PrivateIpSet": [["Primary": true, "PrivateIpAddress": "10.0.0.\(eni.id.count)"]]],
             "SecurityGroupIds": ["SecurityGroupId": ["sg-1"]]]
        }
        let data = try! JSONSerialization.data(withJSONObject: ["NetworkInterfaceSets": ["NetworkInterfaceSet": sets], "TotalCount": sets.count],
                                               options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Plans `plan` (with `current` API responses, if any) and returns the run and its JSON report.
    static func run(_ plan: Plan, current: [String: String] = [:], format: String = "json", extra: [String] = []) throws -> (RunResult, [String: Any]) {
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", plan.json)
        var arguments = ["plan"]
        for (name, text) in current.sorted(by: { $0.key < $1.key }) { arguments += ["--current", try folder.write(name, text)] }
        let result = try EniplanRunner.run(arguments + [path, "--format", format] + extra, in: folder.url)
        let report = format == "json" ? (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:] : [:]
        return (result, report)
    }

    static func changes(_ report: [String: Any]) -> [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        for change in report["changes"] as? [[String: Any]] ?? [] { found[change["id"] as? String ?? ""] = change }
        return found
    }

    static func findings(_ report: [String: Any], _ rule: String) -> [[String: Any]] {
        (report["findings"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == rule }
    }

    // MARK: The example

    /// `Examples/terraform`: a plan `terraform show -json` wrote, with the API responses that give the flags of the
    /// instances' own ENIs, planned in every format as recorded. Re-record with `ENIPLAN_RECORD=1`.
    @Test(arguments: [("text", "plan.txt"), ("json", "plan.json"), ("sarif", "report.sarif"), ("junit", "report.junit.xml"), ("markdown", "report.md")])
    func theExamplePlansAsRecorded(_ format: String, _ golden: String) throws {
        let base = "Examples/terraform/"
        let result = try EniplanRunner.run(["plan", "--format", format, "--current", base + "DescribeInstances.json",
                                            "--current", base + "DescribeNetworkInterfaces.json", base + "tfplan.json"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        // SARIF names the repository's root by its absolute URI; the golden file spells it as a placeholder.
        let root = EniplanRunner.packageRoot.standardizedFileURL.path
        let output = result.stdout.replacingOccurrences(of: "\"file://\(root)/\"", with: "\"file:///path/to/eniplan/\"")
        let url = EniplanRunner.packageRoot.appendingPathComponent(base + golden)
        let exit = EniplanRunner.packageRoot.appendingPathComponent(base + "plan.exitcode")
        if ProcessInfo.processInfo.environment["ENIPLAN_RECORD"] == "1" {
            try output.write(to: url, atomically: true, encoding: .utf8)
            try "\(result.status)\n".write(to: exit, atomically: true, encoding: .utf8)
            return
        }
        #expect(output == (try String(contentsOf: url, encoding: .utf8)), "output differs from \(base + golden); re-record with ENIPLAN_RECORD=1 if the change is intended")
        #expect("\(result.status)\n" == (try String(contentsOf: exit, encoding: .utf8)))
    }

    // MARK: Instances

    @Test(arguments: [["delete", "create"], ["create", "delete"]])
    func aReplacementReleasesTheOldInstanceAndCreatesANewOne(_ actions: [String]) throws {
        var plan = Plan()
        plan.change("alicloud_instance.web[0]", actions, before: Self.instance("i-web", eni: "eni-webp"),
                    after: Self.instance("i-web").filter { $0.key != "id" }, unknown: ["id": true, "network_interface_id": true])
        let api = Self.describeNetworkInterfaces([("eni-webp", "i-web", "Primary", true)])
        let (result, report) = try Self.run(plan, current: ["eni.json": api])
        #expect(result.status == 0, "\(result.stderr)")
        let changes = Self.changes(report)
        #expect(changes["i-web"]?["action"] as? String == "release")
        #expect(changes["eni-webp"]?["action"] as? String == "release")
        #expect(changes["eni-webp"]?["reason"] as? String == "delete_on_release_true")
        #expect(changes["alicloud_instance.web[0]"]?["action"] as? String == "create")
        let location = changes["i-web"]?["location"] as? [String: Any]
        #expect("\(location?["line"] ?? 0):\(location?["column"] ?? 0)" == plan.position(of: "alicloud_instance.web[0]"))
    }

    @Test func aDeletedInstanceIsReleasedAndItsFindingsNameItsAddress() throws {
        var plan = Plan()
        plan.change("alicloud_instance.batch", ["delete"], before: Self.instance("i-batch", eni: "eni-batchp", ["internet_max_bandwidth_out": 5, "public_ip": "47.96.0.1"]), after: nil)
        let (result, report) = try Self.run(plan, current: ["eni.json": Self.describeNetworkInterfaces([("eni-batchp", "i-batch", "Primary", true)])],
                                            format: "text")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.isEmpty)
        #expect(result.stdout.contains("plan.json:\(plan.position(of: "alicloud_instance.batch")): warning[ENI017] alicloud_instance.batch: instance 'i-batch' has the static public IP address 47.96.0.1"), "\(result.stdout)")
        #expect(result.stdout.contains("note: alicloud_instance.batch is declared in the plan's configuration at /"), "\(result.stdout)")
    }

    @Test func deletionProtectionAndASubscriptionRefuseTheRelease() throws {
        var plan = Plan()
        plan.change("alicloud_instance.guarded", ["delete"], before: Self.instance("i-guarded", ["deletion_protection": true]), after: nil)
        plan.change("alicloud_instance.prepaid", ["delete"], before: Self.instance("i-prepaid", ["instance_charge_type": "PrePaid"]), after: nil)
        let (_, report) = try Self.run(plan)
        let changes = Self.changes(report)
        #expect(changes["i-guarded"]?["reason"] as? String == "deletion_protection_blocks_release")
        #expect(changes["i-prepaid"]?["reason"] as? String == "subscription_blocks_release")
        #expect(changes["i-guarded"]?["refused"] as? Bool == true)
    }

    @Test func aPrimaryENIReusedThroughNetworkInterfaceIdIsRetainedAndReused() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete", "create"], before: Self.instance("i-app", eni: "eni-appp"),
                    after: Self.instance("i-app", eni: "eni-appp").filter { $0.key != "id" }, unknown: ["id": true])
        let api = Self.describeNetworkInterfaces([("eni-appp", "i-app", "Primary", false)])
        let (result, report) = try Self.run(plan, current: ["eni.json": api])
        #expect(result.status == 0, "\(result.stderr)")
        let eni = Self.changes(report)["eni-appp"]
        #expect(eni?["action"] as? String == "reuse")
        #expect((eni?["after"] as? [String: Any])?["instance"] as? String == "alicloud_instance.app")
    }

    @Test func theNetworkInterfacesBlockAttachesSecondaryENIs() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"],
                    before: Self.instance("i-app", ["network_interfaces": [["network_interface_id": "eni-side", "vswitch_id": "vsw-1"]]]), after: nil)
        plan.change("alicloud_ecs_network_interface.side", ["no-op"], before: Self.eni("eni-side", deleteOnRelease: false),
                    after: Self.eni("eni-side", deleteOnRelease: false))
        let (_, report) = try Self.run(plan)
        let eni = Self.changes(report)["eni-side"]
        #expect(eni?["instance"] as? String == "i-app")
        #expect(eni?["action"] as? String == "retain")
        #expect(eni?["reason"] as? String == "delete_on_release_false")
    }

    // MARK: ENIs

    @Test(arguments: ["alicloud_ecs_network_interface", "alicloud_network_interface"])
    func anAttachedENIMeetsItsFlagAndLosesItsAddresses(_ type: String) throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        let values = Self.eni("eni-data", deleteOnRelease: true, ["private_ip_addresses": ["10.0.0.10"], "ipv6_addresses": ["2408:4005::10"],
                                                                  "ipv4_prefixes": ["10.0.8.0/28"]])
        plan.change("\(type).data", ["no-op"], before: values, after: values)
        plan.change("alicloud_ecs_network_interface_attachment.data", ["no-op"],
                    before: ["id": "eni-data:i-app", "instance_id": "i-app", "network_interface_id": "eni-data"],
                    after: ["id": "eni-data:i-app", "instance_id": "i-app", "network_interface_id": "eni-data"])
        let (_, report) = try Self.run(plan)
        let eni = Self.changes(report)["eni-data"]
        #expect(eni?["action"] as? String == "release")
        let released = (eni?["effects"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        #expect(released.contains("10.0.0.9") && released.contains("10.0.0.10") && released.contains("2408:4005::10") && released.contains("10.0.8.0/28"), "\(released)")
        #expect(Self.findings(report, "ENI004").first?["message"] as? String == "\(type).data: ENI 'eni-data' will be dissociated from security group 'sg-1'; the groups' rules stay")
    }

    @Test(arguments: ["alicloud_ecs_network_interface_attachment", "alicloud_network_interface_attachment"])
    func anAttachmentDeletedWithItsInstanceDetachesTheENIFirst(_ type: String) throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        plan.change("alicloud_ecs_network_interface.data", ["no-op"], before: Self.eni("eni-data"), after: Self.eni("eni-data"))
        plan.change("\(type).data", ["delete"], before: ["id": "eni-data:i-app", "instance_id": "i-app", "network_interface_id": "eni-data"], after: nil,
                    references: ["instance_id": ["alicloud_instance.app.id", "alicloud_instance.app"]])
        let (_, report) = try Self.run(plan)
        let eni = Self.changes(report)["eni-data"]
        #expect(eni?["action"] as? String == "retain")
        #expect(eni?["reason"] as? String == "detached_before_release")
    }

    /// Without a dependency of the attachment on the instance (a literal instance_id), Terraform may run both deletes at once.
    @Test func anAttachmentDeletedBesideItsInstanceWithNothingOrderingThemIsUnknown() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        plan.change("alicloud_ecs_network_interface.data", ["no-op"], before: Self.eni("eni-data"), after: Self.eni("eni-data"))
        plan.change("alicloud_ecs_network_interface_attachment.data", ["delete"],
                    before: ["id": "eni-data:i-app", "instance_id": "i-app", "network_interface_id": "eni-data"], after: nil)
        let (_, report) = try Self.run(plan)
        let eni = Self.changes(report)["eni-data"]
        #expect(eni?["action"] as? String == "unknown")
        let reasons = (eni?["effects"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.contains { $0.contains("nothing in the plan orders the two") }, "\(reasons)")
    }

    /// Terraform destroys a dependent before it updates what it depends on: the release meets the flag as it was.
    @Test func aFlagChangedOnTheENIOfAReleasedInstanceAppliesAfterTheRelease() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"],
                    before: Self.instance("i-app", ["network_interfaces": [["network_interface_id": "eni-side"]]]), after: nil,
                    references: ["network_interfaces.network_interface_id": ["alicloud_ecs_network_interface.side.id"]])
        plan.change("alicloud_ecs_network_interface.side", ["update"], before: Self.eni("eni-side", deleteOnRelease: true),
                    after: Self.eni("eni-side", deleteOnRelease: false))
        let (_, ordered) = try Self.run(plan)
        #expect(Self.changes(ordered)["eni-side"]?["action"] as? String == "release")
        plan.declarations = []
        plan.change("alicloud_ecs_network_interface.unused", ["no-op"], before: Self.eni("eni-unused"), after: Self.eni("eni-unused"))
        let (_, unordered) = try Self.run(plan)
        #expect(Self.changes(unordered)["eni-side"]?["action"] as? String == "unknown")
    }

    @Test func anENIThePlanDeletesIsGoneWhateverItsFlagWithItsRoutes() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        plan.change("alicloud_ecs_network_interface.data", ["delete"], before: Self.eni("eni-data", deleteOnRelease: false), after: nil)
        plan.change("alicloud_ecs_network_interface_attachment.data", ["delete"],
                    before: ["instance_id": "i-app", "network_interface_id": "eni-data"], after: nil)
        let route: [String: Any] = ["route_table_id": "vtb-1", "destination_cidrblock": "10.9.0.0/16", "nexthop_type": "NetworkInterface", "nexthop_id": "eni-data"]
        plan.change("alicloud_route_entry.r", ["no-op"], before: route, after: route)
        let (_, report) = try Self.run(plan)
        #expect(Self.changes(report)["eni-data"]?["action"] as? String == "release")
        #expect(Self.findings(report, "ENI003").count == 1)
        #expect(Self.findings(report, "ENI009").isEmpty)
    }

    @Test func aReplacementCreatedBeforeTheOldIsDestroyedCannotTakeItsPrimaryENI() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["create", "delete"], before: Self.instance("i-app", eni: "eni-appp"),
                    after: Self.instance("i-app", eni: "eni-appp").filter { $0.key != "id" }, unknown: ["id": true])
        let api = Self.describeNetworkInterfaces([("eni-appp", "i-app", "Primary", false)])
        let (_, report) = try Self.run(plan, current: ["eni.json": api])
        let eni = Self.changes(report)["eni-appp"]
        #expect(eni?["action"] as? String == "unknown")
        let reasons = (eni?["effects"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.contains { $0.contains("create_before_destroy") }, "\(reasons)")
    }

    @Test func anEIPThePlanReleasesLeavesNothingBilling() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        let eip: [String: Any] = ["id": "eip-9", "ip_address": "47.96.0.9"]
        plan.change("alicloud_eip_address.ip", ["delete"], before: eip, after: nil)
        let association: [String: Any] = ["allocation_id": "eip-9", "instance_id": "i-app", "instance_type": "EcsInstance"]
        plan.change("alicloud_eip_association.ip", ["delete"], before: association, after: nil)
        let (_, report) = try Self.run(plan)
        #expect(Self.findings(report, "ENI002").isEmpty)
        #expect(Self.findings(report, "ENI006").isEmpty)
    }

    @Test func aReplacedAttachmentMovesTheENIToTheNewInstanceItReferences() throws {
        var plan = Plan()
        plan.change("alicloud_instance.web[1]", ["delete", "create"], before: Self.instance("i-web1"),
                    after: Self.instance("i-web1").filter { $0.key != "id" }, unknown: ["id": true])
        plan.change("alicloud_ecs_network_interface.data", ["no-op"], before: Self.eni("eni-data"), after: Self.eni("eni-data"))
        plan.change("alicloud_ecs_network_interface_attachment.data", ["delete", "create"],
                    before: ["id": "eni-data:i-web1", "instance_id": "i-web1", "network_interface_id": "eni-data"],
                    after: ["network_interface_id": "eni-data"], unknown: ["id": true, "instance_id": true],
                    references: ["instance_id": ["alicloud_instance.web[1].id", "alicloud_instance.web[1]", "alicloud_instance.web"]])
        let (_, report) = try Self.run(plan)
        let eni = Self.changes(report)["eni-data"]
        #expect(eni?["action"] as? String == "reuse")
        #expect(eni?["reason"] as? String == "detached_before_release")
        #expect((eni?["after"] as? [String: Any])?["instance"] as? String == "alicloud_instance.web[1]")
    }

    @Test func aFlagKnownOnlyAfterApplyIsUnknownWithThatReason() throws {
        var plan = Plan()
        plan.change("alicloud_instance.batch", ["delete"],
                    before: Self.instance("i-batch", ["network_interfaces": [["network_interface_id": "eni-scratch"]]]), after: nil)
        plan.change("alicloud_ecs_network_interface.scratch", ["update"], before: Self.eni("eni-scratch", deleteOnRelease: false),
                    after: Self.eni("eni-scratch", deleteOnRelease: nil), unknown: ["delete_on_release": true])
        let (result, report) = try Self.run(plan, extra: ["--fail-on", "warning"])
        #expect(result.status == 3)
        let eni = Self.changes(report)["eni-scratch"]
        #expect(eni?["action"] as? String == "unknown")
        let unknown = Self.findings(report, "ENI016").compactMap { $0["message"] as? String }
        #expect(unknown.contains { $0.contains("the Terraform plan knows 'delete_on_release' of alicloud_ecs_network_interface.scratch only after apply") }, "\(unknown)")
    }

    @Test func withoutTheAPIAnInstancesOwnENIsAreUnknown() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app", eni: "eni-appp"), after: nil)
        let (result, report) = try Self.run(plan)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.changes(report)["eni-appp"]?["action"] as? String == "unknown")
        #expect(!Self.findings(report, "ENI016").isEmpty)
        // The API response gives the flag, and the plan then knows the fate.
        let api = Self.describeNetworkInterfaces([("eni-appp", "i-app", "Primary", true)])
        let (_, joined) = try Self.run(plan, current: ["eni.json": api])
        #expect(Self.changes(joined)["eni-appp"]?["action"] as? String == "release")
    }

    @Test func aResourceOnlyThePriorStateHasIsCurrentAndADeletedAttachmentDetachesItsENI() throws {
        var plan = Plan()
        plan.state("alicloud_instance.keep", Self.instance("i-keep"))
        plan.state("alicloud_ecs_network_interface.side", Self.eni("eni-side"))
        plan.change("alicloud_ecs_network_interface_attachment.side", ["delete"],
                    before: ["instance_id": "i-keep", "network_interface_id": "eni-side"], after: nil)
        let (result, report) = try Self.run(plan)
        #expect(result.status == 0, "\(result.stderr)")
        let changes = Self.changes(report)
        #expect(changes["i-keep"]?["action"] as? String == "update")
        #expect(changes["eni-side"]?["action"] as? String == "detach")
        #expect(changes["eni-side"]?["reason"] as? String == "detached")
    }

    // MARK: EIPs and routes

    @Test func anEIPAssociatedWithAnENIIsDissociatedAndKeepsBilling() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        plan.change("alicloud_ecs_network_interface.data", ["no-op"], before: Self.eni("eni-data"), after: Self.eni("eni-data"))
        plan.change("alicloud_ecs_network_interface_attachment.data", ["no-op"],
                    before: ["instance_id": "i-app", "network_interface_id": "eni-data"], after: ["instance_id": "i-app", "network_interface_id": "eni-data"])
        let eip: [String: Any] = ["id": "eip-1", "ip_address": "47.96.0.2", "payment_type": "PayAsYouGo"]
        plan.change("alicloud_eip_address.ip", ["no-op"], before: eip, after: eip)
        let association: [String: Any] = ["allocation_id": "eip-1", "instance_id": "eni-data", "instance_type": "NetworkInterface"]
        plan.change("alicloud_eip_association.ip", ["no-op"], before: association, after: association)
        let (_, report) = try Self.run(plan)
        let finding = try #require(Self.findings(report, "ENI002").first)
        #expect((finding["message"] as? String ?? "").hasPrefix("alicloud_eip_address.ip: EIP 'eip-1' (47.96.0.2) will be dissociated"), "\(finding)")
        let location = finding["location"] as? [String: Any]
        #expect("\(location?["line"] ?? 0):\(location?["column"] ?? 0)" == plan.position(of: "alicloud_eip_association.ip"))
    }

    @Test func anEIPAssociatedWithTheInstanceIsDissociated() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        let association: [String: Any] = ["allocation_id": "eip-2", "instance_id": "i-app", "instance_type": "EcsInstance"]
        plan.change("alicloud_eip_association.ip", ["no-op"], before: association, after: association)
        let (_, report) = try Self.run(plan)
        let effects = Self.changes(report)["i-app"]?["effects"] as? [[String: Any]] ?? []
        #expect(effects.contains { $0["id"] as? String == "eip-2" && $0["outcome"] as? String == "dissociated" }, "\(effects)")
    }

    @Test func routeEntriesToAReleasedENIAreDeletedAndToTheInstanceRefuseTheRelease() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        plan.change("alicloud_ecs_network_interface.data", ["no-op"], before: Self.eni("eni-data"), after: Self.eni("eni-data"))
        plan.change("alicloud_ecs_network_interface_attachment.data", ["no-op"],
                    before: ["instance_id": "i-app", "network_interface_id": "eni-data"], after: ["instance_id": "i-app", "network_interface_id": "eni-data"])
        let toENI: [String: Any] = ["route_table_id": "vtb-1", "destination_cidrblock": "172.16.0.0/24", "nexthop_type": "NetworkInterface", "nexthop_id": "eni-data"]
        plan.change("alicloud_route_entry.to_eni", ["no-op"], before: toENI, after: toENI)
        let (_, report) = try Self.run(plan)
        #expect(Self.findings(report, "ENI003").count == 1)
        let toInstance: [String: Any] = ["route_table_id": "vtb-1", "destination_cidrblock": "172.16.1.0/24", "nexthop_type": "Instance", "nexthop_id": "i-app"]
        plan.change("alicloud_route_entry.to_instance", ["no-op"], before: toInstance, after: toInstance)
        let (_, refused) = try Self.run(plan)
        #expect(Self.changes(refused)["i-app"]?["reason"] as? String == "route_entry_blocks_release")
        #expect(Self.findings(refused, "ENI018").count == 1)
    }

    // MARK: Reports

    @Test func sarifJUnitAndMarkdownNameTheTerraformAddress() throws {
        var plan = Plan()
        plan.change("module.net.alicloud_instance.app[\"a\"]", ["delete"], before: Self.instance("i-app", ["internet_max_bandwidth_out": 1]), after: nil)
        let (sarif, _) = try Self.run(plan, format: "sarif")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let logical = results.flatMap { (($0["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]]) ?? [] }
        #expect(logical.contains { $0["fullyQualifiedName"] as? String == "module.net.alicloud_instance.app[\"a\"]" }, "\(logical)")
        let (junit, _) = try Self.run(plan, format: "junit")
        #expect(junit.stdout.contains("name=\"ENI017 instance i-app (module.net.alicloud_instance.app[&quot;a&quot;])\""), "\(junit.stdout)")
        let (markdown, _) = try Self.run(plan, format: "markdown")
        #expect(markdown.stdout.contains("module.net.alicloud\\_instance.app\\[\"a\"\\]") || markdown.stdout.contains("`module.net.alicloud_instance.app[\"a\"]`"), "\(markdown.stdout)")
    }

    @Test func aModulesResourceIsDeclaredInItsModuleCall() throws {
        var plan = Plan()
        plan.change("module.net.alicloud_instance.app", ["delete"], before: Self.instance("i-app", ["internet_max_bandwidth_out": 1]), after: nil)
        // The configuration of a module's resources sits under module_calls.
        plan.rootModule = ["module_calls": ["net": ["source": "./net", "module": ["resources": [
            ["address": "alicloud_instance.app", "mode": "managed", "type": "alicloud_instance", "name": "app"]]]]]]
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", plan.json)
        let result = try EniplanRunner.run(["plan", path], in: folder.url)
        #expect(result.stdout.contains("note: module.net.alicloud_instance.app is declared in the plan's configuration at \(path):"), "\(result.stdout)\(result.stderr)")
    }

    @Test func eachResourcesProviderGivesTheRegion() throws {
        var plan = Plan()
        plan.aliases = ["alicloud.dubai": "me-east-1"]
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app", eni: "eni-appp"), after: nil)
        plan.declarations[0]["provider_config_key"] = "alicloud.dubai"
        let api = Self.describeNetworkInterfaces([("eni-appp", "i-app", "Primary", false)])
        let (_, report) = try Self.run(plan, current: ["eni.json": api])
        // me-east-1 does not retain primary ENIs: the flag asks in vain.
        #expect(report["region"] as? String == "me-east-1")
        #expect(Self.changes(report)["eni-appp"]?["reason"] as? String == "primary_retention_unsupported_in_region")
        plan.change("alicloud_instance.other", ["delete"], before: Self.instance("i-other"), after: nil)
        let (mixed, _) = try Self.run(plan, current: ["eni.json": api])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("plan one region at a time"), "\(mixed.stderr)")
    }

    // MARK: What is refused

    @Test func aPlanStandsWithoutCurrentButNothingElseDoes() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances: []\n")
        let result = try EniplanRunner.run(["plan", manifest], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("give the current state with --current FILE"))
    }

    @Test func aTerraformPlanIsNoCurrentStateAndNoCheckedFile() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", plan.json)
        let desired = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\ninstances: []\n")
        let asCurrent = try EniplanRunner.run(["plan", "--current", path, desired], in: folder.url)
        #expect(asCurrent.status == 1)
        #expect(asCurrent.stderr.contains("plan.json:1:1: error: this is a Terraform plan, a change: it is read as the desired state"), "\(asCurrent.stderr)")
        let checked = try EniplanRunner.run(["check", path], in: folder.url)
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("this is a Terraform plan"), "\(checked.stderr)")
        let validated = try EniplanRunner.run(["validate", path], in: folder.url)
        #expect(validated.status == 0, "\(validated.stderr)")
    }

    @Test func aStateAnUnknownFormatAndAWrongTypeAreLocatedErrors() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.json", #"{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{}}}"#)
        let stateRun = try EniplanRunner.run(["plan", state], in: folder.url)
        #expect(stateRun.status == 1)
        #expect(stateRun.stderr.contains("state.json:1:1: error: this is a Terraform state, not a plan"), "\(stateRun.stderr)")
        var future = Plan()
        future.formatVersion = "2.0"
        let futureRun = try EniplanRunner.run(["plan", try folder.write("future.json", future.json)], in: folder.url)
        #expect(futureRun.status == 1)
        #expect(futureRun.stderr.contains("error: Terraform plan format_version '2.0' is not supported"), "\(futureRun.stderr)")
        let noId = #"{"format_version":"1.2","resource_changes":[{"type":"alicloud_instance","address":"alicloud_instance.a","change":{"actions":["delete"],"before":{}}}]}"#
        let noIdRun = try EniplanRunner.run(["plan", try folder.write("noid.json", noId)], in: folder.url)
        #expect(noIdRun.status == 1)
        #expect(noIdRun.stderr.contains("noid.json:1:45: error: the change of 'alicloud_instance.a' deletes it, but its 'before' gives no 'id'"), "\(noIdRun.stderr)")
        let badBefore = #"{"format_version":"1.2","resource_changes":[{"type":"alicloud_instance","address":"alicloud_instance.a","change":{"actions":["delete"],"before":[1]}}]}"#
        let badBeforeRun = try EniplanRunner.run(["plan", try folder.write("before.json", badBefore)], in: folder.url)
        #expect(badBeforeRun.status == 1)
        #expect(badBeforeRun.stderr.contains("'before' of the change of 'alicloud_instance.a' must be an object or null"), "\(badBeforeRun.stderr)")
        var wrong = Plan()
        wrong.change("alicloud_ecs_network_interface.data", ["update"], before: Self.eni("eni-data"), after: Self.eni("eni-data", deleteOnRelease: "yes\u{1b}[31m"))
        let path = try folder.write("wrong.json", wrong.json)
        let wrongRun = try EniplanRunner.run(["plan", path], in: folder.url)
        #expect(wrongRun.status == 1)
        let line = wrong.json.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"delete_on_release\" : \"yes") }! + 1
        #expect(wrongRun.stderr.contains("wrong.json:\(line):"), "\(wrongRun.stderr)")
        #expect(wrongRun.stderr.contains("'delete_on_release' of alicloud_ecs_network_interface.data must be true or false, not 'yes\\u{1B}[31m'"), "\(wrongRun.stderr)")
        #expect(!wrongRun.stderr.contains("\u{1b}"))
    }

    @Test func twoPlansAreOneTooMany() throws {
        var plan = Plan()
        plan.change("alicloud_instance.app", ["delete"], before: Self.instance("i-app"), after: nil)
        let folder = try ScratchFolder()
        let first = try folder.write("a.json", plan.json)
        let second = try folder.write("b.json", plan.json)
        let result = try EniplanRunner.run(["plan", first, second], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.json:1:1: error: a second Terraform plan; plan one at a time"), "\(result.stderr)")
    }
}

import Foundation
import Testing

/// Current state straight from the Alibaba Cloud API, through the real binary: `plan --current` and
/// `check` on the samples of `Tests/Fixtures/aliyun`, and `state import`.
@Suite("API responses through the real binary")
struct AliyunStateTests {
    static let fixtures = EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/aliyun").standardizedFileURL

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The ENI calls' forms: the whole response, its two pages (either order) and the `--pager` form.
    static let interfaceForms: [[String]] = [
        ["DescribeNetworkInterfaces.json"],
        ["DescribeNetworkInterfaces.page1.json", "DescribeNetworkInterfaces.page2.json"],
        ["DescribeNetworkInterfaces.page2.json", "DescribeNetworkInterfaces.page1.json"],
        ["DescribeNetworkInterfaces.pager.json"],
        ["DescribeNetworkInterfaces.page1.json", "DescribeNetworkInterfaces.json", "DescribeNetworkInterfaces.page2.json"],
    ]

    static let otherCalls = ["DescribeInstances.json", "DescribeEipAddresses.json", "DescribeRouteEntryList.json", "DescribeRouteTables.json"]

    static func current(_ names: [String]) -> [String] { names.flatMap { ["--current", fixture($0)] } }

    /// A desired manifest with no instances in cn-hangzhou: everything in the current state goes.
    static let emptyDesired = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n"

    static func planJSON(_ arguments: [String]) throws -> (result: RunResult, plan: [String: Any]) {
        let result = try EniplanRunner.run(["plan", "--format", "json"] + arguments)
        guard result.status == 0 || result.status == 3,
              let plan = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            Issue.record("plan failed (exit \(result.status)): \(result.stderr)")
            return (result, [:])
        }
        return (result, plan)
    }

    static func changes(_ plan: [String: Any]) -> [[String: Any]] { plan["changes"] as? [[String: Any]] ?? [] }

    static func change(_ plan: [String: Any], _ id: String) -> [String: Any]? { changes(plan).first { $0["id"] as? String == id } }

    static func effects(_ change: [String: Any]?) -> [[String: Any]] { change?["effects"] as? [[String: Any]] ?? [] }

    // MARK: The issue's "done when"

    @Test(arguments: interfaceForms)
    func releasingEverythingFromTheAPISamples(_ interfaceFiles: [String]) throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let (result, plan) = try Self.planJSON(Self.current(Self.otherCalls + interfaceFiles) + [desired])
        #expect(result.stderr.isEmpty)
        #expect(plan["region"] as? String == "cn-hangzhou")

        let retained = Self.change(plan, "eni-bp1web1p")
        #expect(retained?["action"] as? String == "retain")
        let after = retained?["after"] as? [String: Any]
        #expect(after?["type"] as? String == "secondary")
        #expect(after?["status"] as? String == "available")

        let released = Self.change(plan, "eni-bp1web1s")
        #expect(released?["action"] as? String == "release")
        let releasedEffects = Self.effects(released)
        #expect(releasedEffects.contains { $0["kind"] as? String == "eip" && $0["id"] as? String == "eip-bp1web1s" && $0["outcome"] as? String == "dissociated" })
        #expect(releasedEffects.contains {
            $0["kind"] as? String == "routeEntry" && $0["destination"] as? String == "192.168.100.0/24" && $0["outcome"] as? String == "deleted"
                && $0["id"] as? String == "rte-bp1appl"
        })

        let database = Self.change(plan, "i-bp1db1")
        #expect(database?["action"] as? String == "release")
        #expect(database?["reason"] as? String == "deletion_protection_blocks_release")
        // Its route's next hop is the instance: the route is not deleted, it refuses the release too (ENI018).
        #expect(Self.effects(database).contains {
            $0["kind"] as? String == "routeEntry" && $0["destination"] as? String == "192.168.200.0/24" && $0["outcome"] as? String == "retained"
        })

        let spare = Self.change(plan, "eni-bp1spare")
        #expect(spare?["action"] as? String == "delete")
        #expect(Self.change(plan, "i-bp1web1")?["action"] as? String == "release")
        #expect(Self.change(plan, "eni-bp1db1p")?["action"] as? String == "release")
        #expect(Self.changes(plan).count == 6)
    }

    @Test func theTextPlanSaysTheSame() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let result = try EniplanRunner.run(["plan"] + Self.current(Self.otherCalls + ["DescribeNetworkInterfaces.pager.json"]) + [desired])
        #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
        let text = result.stdout
        #expect(text.contains("instance i-bp1db1 (db-1) will be released, but deletion protection is on: the release will fail  [\(Self.fixture("DescribeInstances.json")):106:7]"))
        #expect(text.contains("> ENI eni-bp1web1p primary: retained, becomes an Available secondary ENI (deleteOnRelease: false)  [\(Self.fixture("DescribeNetworkInterfaces.pager.json")):4:4]"))
        #expect(text.contains("$ EIP eip-bp1web1s dissociated"))
        #expect(text.contains("! route 192.168.100.0/24 in vtb-bp1main (rte-bp1appl) deleted"))
        #expect(text.contains("= route 192.168.200.0/24 in vtb-bp1main (rte-bp1db) retained"))
        #expect(text.contains("- ENI eni-bp1spare secondary: deleted"))
    }

    // MARK: API state and hand-written state

    /// What a plan says, without where it says it: locations point at different files.
    static func withoutLocations(_ plan: [String: Any]) throws -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { $0.key != "location" && $0.key != "fingerprint" }.mapValues(strip)
            }
            if let list = value as? [Any] { return list.map(strip) }
            return value
        }
        var copy = plan
        copy["changes"] = strip(plan["changes"] ?? [])
        // Findings are ordered by location; compare them as a sorted list.
        let findings = (strip(plan["findings"] ?? []) as? [[String: Any]] ?? []).map { finding in
            String(decoding: (try? JSONSerialization.data(withJSONObject: finding, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        }
        copy["findings"] = findings.sorted()
        return String(decoding: try JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    @Test func aPlanFromAPIStateEqualsThePlanFromTheEquivalentHandWrittenState() throws {
        let example = "Examples/aliyun-api-state/"
        let fromAPI = try Self.planJSON(Self.current(["DescribeInstances.json", "DescribeNetworkInterfaces.json", "DescribeEipAddresses.json",
                                                      "DescribeRouteEntryList.json"]) + [example + "desired.yaml"])
        let handWritten = try Self.planJSON(["--current", example + "current.yaml", example + "desired.yaml"])
        #expect(fromAPI.result.status == handWritten.result.status)
        #expect(try Self.withoutLocations(fromAPI.plan) == Self.withoutLocations(handWritten.plan))
        #expect(!Self.changes(fromAPI.plan).isEmpty)
    }

    @Test func checkPreviewsTheReleaseOfAPIState() throws {
        let result = try EniplanRunner.run(["check", "--format", "json"] + Self.otherCalls.map(Self.fixture) + [Self.fixture("DescribeNetworkInterfaces.json")])
        #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("\"release_preview\""))
        #expect(result.stdout.contains("\"eni-bp1web1p\""))
    }

    // MARK: The SDKs' forms

    /// Every call once as the API writes it, and as the SDKs do: camelCase (TypeScript, Java), two of them wrapped as
    /// `Response.to_map()` writes a response, one of those with the API's own spelling inside (Python).
    static let everyCall = ["DescribeInstances.json", "DescribeNetworkInterfaces.json", "DescribeNetworkInterfaceAttribute.json",
                            "DescribeEipAddresses.json", "DescribeRouteEntryList.json", "DescribeRouteTables.json",
                            "DescribeIpv6Addresses.json"]
    static let everyCallAsTheSDKsWriteIt = ["DescribeInstances.camel.to_map.json", "DescribeNetworkInterfaces.to_map.json",
                                           "DescribeNetworkInterfaceAttribute.camel.json", "DescribeEipAddresses.camel.json",
                                           "DescribeRouteEntryList.camel.json", "DescribeRouteTables.camel.json",
                                           "DescribeIpv6Addresses.camel.json"]
    static let everyCamelCaseFixture = ["DescribeInstances.camel.json", "DescribeNetworkInterfaces.camel.json",
                                        "DescribeNetworkInterfaceAttribute.camel.json", "DescribeEipAddresses.camel.json",
                                        "DescribeRouteEntryList.camel.json", "DescribeRouteTables.camel.json",
                                        "DescribeIpv6Addresses.camel.json"]

    @Test(arguments: [everyCallAsTheSDKsWriteIt, everyCamelCaseFixture])
    func theSDKsFormsPlanAndImportAsTheAPIsOwn(_ files: [String]) throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let fromAPI = try Self.planJSON(Self.current(Self.everyCall) + [desired])
        let fromSDK = try Self.planJSON(Self.current(files) + [desired])
        #expect(fromSDK.result.stderr.isEmpty)
        #expect(fromSDK.result.status == fromAPI.result.status)
        #expect(try Self.withoutLocations(fromSDK.plan) == Self.withoutLocations(fromAPI.plan))
        #expect(Self.changes(fromSDK.plan).count == 6)

        let imported = try EniplanRunner.run(["state", "import"] + files.map(Self.fixture))
        let reference = try EniplanRunner.run(["state", "import"] + Self.everyCall.map(Self.fixture))
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout == reference.stdout)

        let checked = try EniplanRunner.run(["check", "--format", "json"] + files.map(Self.fixture))
        #expect(checked.status == 0 || checked.status == 3, "stderr: \(checked.stderr)")
        #expect(checked.stdout.contains("\"release_preview\""))
    }

    @Test func aWrappedResponsesLocationsPointInsideItsBody() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let result = try EniplanRunner.run(["plan"] + Self.current(["DescribeInstances.json", "DescribeNetworkInterfaces.to_map.json"]) + [desired])
        #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("> ENI eni-bp1web1p primary: retained, becomes an Available secondary ENI (deleteOnRelease: false)  [\(Self.fixture("DescribeNetworkInterfaces.to_map.json")):13:9]"))

        // With CRLF line endings and a header of multibyte text a line above: one line further down, same column.
        let folder2 = try ScratchFolder()
        let original = try String(contentsOfFile: Self.fixture("DescribeNetworkInterfaces.to_map.json"), encoding: .utf8)
        let crlf = try folder2.write("to_map.json", original
            .replacingOccurrences(of: "\"headers\": {\n", with: "\"headers\": {\n    \"x-note\": \"弹性网卡 ✓ ééé\",\n")
            .replacingOccurrences(of: "\n", with: "\r\n"))
        let moved = try EniplanRunner.run(["plan", "--current", Self.fixture("DescribeInstances.json"), "--current", crlf, desired])
        #expect(moved.status == 0 || moved.status == 3, "stderr: \(moved.stderr)")
        #expect(moved.stdout.contains("> ENI eni-bp1web1p primary: retained, becomes an Available secondary ENI (deleteOnRelease: false)  [\(crlf):14:9]"))
    }

    @Test func aFailedSDKCallAndAMixedSpellingAreLocatedErrors() throws {
        let folder = try ScratchFolder()
        let failed = try folder.write("failed.json", """
            {
              "headers": {"x-acs-request-id": "r"},
              "statusCode": 403,
              "body": {"Code": "Forbidden.RAM", "Message": "User not authorized to operate on the specified resource."}
            }

            """)
        let camel = try String(contentsOfFile: Self.fixture("DescribeNetworkInterfaces.camel.json"), encoding: .utf8)
        let mixed = try folder.write("mixed.json", camel.replacingOccurrences(of: "\"deleteOnRelease\": true", with: "\"DeleteOnRelease\": true"))
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        for command in [["plan", "--current", failed, desired], ["check", failed], ["state", "import", failed]] {
            let result = try EniplanRunner.run(command)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "\(failed):3:17: error: this SDK response has statusCode '403', not 200: the call failed (Code 'Forbidden.RAM': User not authorized to operate on the specified resource.), so its body is not data; fix the call and save its response again\n")
        }
        let result = try EniplanRunner.run(["state", "import", mixed])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(mixed):"))
        #expect(result.stderr.contains(": error: this DescribeNetworkInterfaces response spells its keys in camelCase (as the TypeScript and Java SDKs write them), but this key is 'DeleteOnRelease'; a response is written in one spelling"))
    }

    // MARK: The plan schema

    /// The plans and release previews of the new inputs (an instance known through one ENI, IPv6 bandwidth,
    /// subscriptions, the SDKs' forms) match `Schemas/plan.schema.json`.
    @Test(arguments: [["DescribeNetworkInterfaceAttribute.attached.json"],
                      ["DescribeInstances.json", "DescribeNetworkInterfaces.json", "DescribeIpv6Addresses.json"],
                      ["DescribeInstances.prepaid.json"], everyCallAsTheSDKsWriteIt])
    func plansOfTheNewInputsMatchThePlanSchema(_ files: [String]) throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let plan = try EniplanRunner.run(["plan", "--format", "json"] + Self.current(files) + [desired])
        let check = try EniplanRunner.run(["check", "--format", "json"] + files.map(Self.fixture))
        for (name, result) in [("plan.json", plan), ("check.json", check)] {
            #expect(result.status == 0 || result.status == 3, "stderr: \(result.stderr)")
            let path = try folder.write(name, result.stdout)
            let verdict = try SchemaValidator.validate(path, against: "plan")
            #expect(verdict.isValid, "\(name) of \(files) does not match Schemas/plan.schema.json:\n\(verdict.errors)")
        }
    }

    // MARK: DescribeIpv6Addresses

    @Test func ipv6BandwidthFromTheAPIIsReleasedWithItsENIAndENI012Fires() throws {
        let folder = try ScratchFolder()
        // The sample's primary ENI, released this time: its instance's IPv6 address is assigned to it.
        let enis = try folder.write("enis.json", try String(contentsOfFile: Self.fixture("DescribeNetworkInterfaces.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"DeleteOnRelease\": false,\n        \"Description\": \"\",\n        \"InstanceId\": \"i-bp1web1\"",
                                  with: "\"DeleteOnRelease\": true,\n        \"Description\": \"\",\n        \"InstanceId\": \"i-bp1web1\""))
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let inputs = ["--current", Self.fixture("DescribeInstances.json"), "--current", enis, "--current", Self.fixture("DescribeIpv6Addresses.json"), desired]
        let (_, plan) = try Self.planJSON(inputs)
        let primary = Self.change(plan, "eni-bp1web1p")
        #expect(primary?["action"] as? String == "release")
        #expect(Self.effects(primary).contains { $0["kind"] as? String == "ipv6Bandwidth" && $0["value"] as? String == "10" && $0["outcome"] as? String == "released" })
        let text = try EniplanRunner.run(["plan"] + inputs)
        #expect(text.stdout.contains("\(Self.fixture("DescribeIpv6Addresses.json")):14:11: note[ENI012] ENI 'eni-bp1web1p' will be released with its 10 Mbit/s of IPv6 Internet bandwidth"))

        // Retained, as the sample has it: the bandwidth stays with the ENI, and ENI012 is quiet.
        let (_, kept) = try Self.planJSON(Self.current(["DescribeInstances.json", "DescribeNetworkInterfaces.json", "DescribeIpv6Addresses.json"]) + [desired])
        #expect(Self.effects(Self.change(kept, "eni-bp1web1p")).contains { $0["kind"] as? String == "ipv6Bandwidth" && $0["outcome"] as? String == "retained" })
        #expect(!(kept["findings"] as? [[String: Any]] ?? []).contains { $0["ruleId"] as? String == "ENI012" })
    }

    @Test func aMissingPageOfDescribeIpv6AddressesIsALocatedError() throws {
        let folder = try ScratchFolder()
        let page = try folder.write("v6.json", try String(contentsOfFile: Self.fixture("DescribeIpv6Addresses.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"TotalCount\": 2", with: "\"TotalCount\": 60"))
        let result = try EniplanRunner.run(["check", Self.fixture("DescribeInstances.json"), page])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(page):54:3: error: DescribeIpv6Addresses reports TotalCount 60, but the responses given hold 2 IPv6 addresses: a page is missing"))
    }

    // MARK: One attached ENI's attribute alone

    @Test func oneAttachedENIsAttributeAlonePlansItsInstanceWithItsOtherENIsUnknown() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let attribute = Self.fixture("DescribeNetworkInterfaceAttribute.attached.json")
        let (result, plan) = try Self.planJSON(["--current", attribute, desired])
        #expect(result.stderr.isEmpty)
        let instance = Self.change(plan, "i-bp1web1")
        #expect(instance?["action"] as? String == "release")
        let unlisted = Self.effects(instance).filter { $0["kind"] as? String == "networkInterface" }
        #expect(unlisted.count == 1)
        #expect(unlisted.first?["outcome"] as? String == "unknown")
        let reason = "the inputs know instance 'i-bp1web1' only through ENI 'eni-bp1web1s': its other ENIs (its primary ENI among them) and their DeleteOnRelease are unknown; add the output of DescribeInstances for it"
        #expect(unlisted.first?["reason"] as? String == reason)
        #expect(Self.change(plan, "eni-bp1web1s")?["action"] as? String == "release")
        let findings = (plan["findings"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == "ENI016" }
        #expect(findings.map { $0["message"] as? String } == ["what releasing instance 'i-bp1web1' does to its other ENIs is unknown: " + reason])

        let text = try EniplanRunner.run(["plan", "--current", attribute, desired])
        #expect(text.status == 0 || text.status == 3, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("    ? its other ENIs unknown (\(reason))\n"))
        #expect(text.stdout.contains("but the fate of the other ENIs of 1 instance is unknown") || !text.stdout.contains("nothing blocks"))

        let checked = try EniplanRunner.run(["check", "--format", "json", attribute])
        #expect(checked.status == 0 || checked.status == 3, "stderr: \(checked.stderr)")
        #expect(checked.stdout.contains("\"release_preview\""))
        #expect(checked.stdout.contains(reason.replacingOccurrences(of: "'", with: "'")))

        // state import keeps what is not known, and the imported state plans the same.
        let output = folder.url.appendingPathComponent("state.yaml").path
        let imported = try EniplanRunner.run(["state", "import", attribute, "-o", output])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        let state = try String(contentsOfFile: output, encoding: .utf8)
        #expect(state.contains("    # only some of its ENIs are known: add the output of DescribeInstances for the others\n    networkInterfacesComplete: false\n    networkInterfaces:\n      - id: eni-bp1web1s\n"))
        let verdict = try SchemaValidator.validate(output, against: "state", yaml: true, expectingKind: "State")
        #expect(verdict.isValid, "\(verdict.errors)")
        let validated = try EniplanRunner.run(["validate", output])
        #expect(validated.status == 0, "stderr: \(validated.stderr)")
        let fromImport = try Self.planJSON(["--current", output, desired])
        #expect(try Self.withoutLocations(fromImport.plan) == Self.withoutLocations(plan))

        // With DescribeInstances the instance is whole again.
        let (_, whole) = try Self.planJSON(["--current", attribute, "--current", Self.fixture("DescribeInstances.json"), desired])
        #expect(!Self.effects(Self.change(whole, "i-bp1web1")).contains { $0["kind"] as? String == "networkInterface" })
    }

    @Test func aManifestCannotLeaveAnInstancesENIsIncomplete() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("desired.yaml", """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            instances:
              - id: i-1
                networkInterfacesComplete: false
                networkInterfaces:
                  - {id: eni-2, type: secondary}

            """)
        let result = try EniplanRunner.run(["validate", manifest])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(manifest):6:32: error: 'networkInterfacesComplete: false' belongs in a state (kind: State)"))
    }

    // MARK: Subscriptions

    @Test func aSubscriptionIsRefusedUnlessTheAPISaysItHasExpired() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let (result, plan) = try Self.planJSON(Self.current(["DescribeInstances.prepaid.json"]) + [desired])
        #expect(result.status == 3)
        #expect(Self.change(plan, "i-bp1sub1")?["reason"] as? String == "subscription_blocks_release")
        #expect(Self.change(plan, "i-bp1sub2")?["reason"] as? String == "absent_from_desired_state")
        let refusals = (plan["findings"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == "ENI019" }
        #expect(refusals.count == 1)
        #expect(refusals.first?["message"] as? String == "instance 'i-bp1sub1' is released by this plan, but it is a subscription (PrePaid) instance: DeleteInstance refuses to release it before it expires (its ExpiredTime is '2027-01-01T00:00Z'; eniplan does not compare it with the clock, and no input says it has expired)")

        // The same bytes on every run: ExpiredTime is never compared with the clock.
        let again = try EniplanRunner.run(["plan", "--format", "json"] + Self.current(["DescribeInstances.prepaid.json"]) + [desired])
        #expect(again.stdout == result.stdout)

        // state import carries both, and the imported state plans the same.
        let output = folder.url.appendingPathComponent("state.yaml").path
        let imported = try EniplanRunner.run(["state", "import", Self.fixture("DescribeInstances.prepaid.json"), "-o", output])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        let state = try String(contentsOfFile: output, encoding: .utf8)
        #expect(state.contains("    chargeType: PrePaid\n    expiredTime: \"2027-01-01T00:00Z\"\n    networkInterfaces:\n"))
        #expect(state.contains("    chargeType: PrePaid\n    expiredTime: \"2026-01-01T00:00Z\"\n    expired: true\n"))
        let verdict = try SchemaValidator.validate(output, against: "state", yaml: true, expectingKind: "State")
        #expect(verdict.isValid, "\(verdict.errors)")
        // (The ENIs' unknown flags are worded for the file they come from; the instances' fates are the same.)
        let fromImport = try Self.planJSON(["--current", output, desired])
        for id in ["i-bp1sub1", "i-bp1sub2"] {
            #expect(Self.change(fromImport.plan, id)?["reason"] as? String == Self.change(plan, id)?["reason"] as? String)
        }
        #expect((fromImport.plan["findings"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == "ENI019" }.map { $0["message"] as? String }
            == refusals.map { $0["message"] as? String })
    }

    // MARK: Missing flags, bad inputs

    @Test func withoutAnENICallEveryENIIsUnknownWithTheCallToAdd() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let (_, plan) = try Self.planJSON(Self.current(["DescribeInstances.json"]) + [desired])
        let interfaces = Self.changes(plan).filter { $0["kind"] as? String == "networkInterface" }
        #expect(interfaces.count == 3)
        for change in interfaces {
            #expect(change["action"] as? String == "unknown")
            #expect(change["reason"] as? String == "delete_on_release_unknown")
            for effect in Self.effects(change) {
                #expect(effect["outcome"] as? String == "unknown")
                #expect((effect["reason"] as? String)?.contains("add the output of DescribeNetworkInterfaces or DescribeNetworkInterfaceAttribute") == true)
            }
        }
    }

    @Test func aFileOfNoKnownShapeIsALocatedErrorNamingTheShapes() throws {
        let folder = try ScratchFolder()
        let odd = try folder.write("odd.json", "{\n  \"Vpcs\": {\"Vpc\": []},\n  \"RequestId\": \"r\"\n}\n")
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let result = try EniplanRunner.run(["plan", "--current", odd, desired])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(odd):1:1: error: this file matches no shape eniplan knows: expected an eniplan manifest"))
        for call in ["DescribeInstances", "DescribeNetworkInterfaces", "DescribeNetworkInterfaceAttribute", "DescribeEipAddresses",
                     "DescribeRouteEntryList", "DescribeRouteTables", "DescribeIpv6Addresses"] {
            #expect(result.stderr.contains(call))
        }
    }

    @Test func conflictingDataIsAnErrorNamingBothPlaces() throws {
        let folder = try ScratchFolder()
        let page = try String(contentsOfFile: Self.fixture("DescribeNetworkInterfaces.page2.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"DeleteOnRelease\": true", with: "\"DeleteOnRelease\": false")
        // Responses merge in the order of their paths, whatever the order of the arguments: both files
        // live in one folder so that the earlier one is known wherever the fixtures are. The error is at the
        // later response, the note at the earlier.
        let full = try folder.write("a-full.json", String(contentsOfFile: Self.fixture("DescribeNetworkInterfaces.json"), encoding: .utf8))
        let changed = try folder.write("b-page2.json", page)
        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        for order in [[full, changed], [changed, full]] {
            let result = try EniplanRunner.run(["plan", "--current", order[0], "--current", order[1], desired])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == """
                \(changed):10:9: error: the API responses disagree about ENI 'eni-bp1db1p': its DeleteOnRelease is false here, but true in another DescribeNetworkInterfaces response
                \(full):133:9: note: DescribeNetworkInterfaces gives true here

                """)
        }
    }

    @Test func aMissingLastPageIsAnError() throws {
        let result = try EniplanRunner.run(["check", Self.fixture("DescribeNetworkInterfaces.page1.json")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(Self.fixture("DescribeNetworkInterfaces.page1.json")):129:3: error: the DescribeNetworkInterfaces page given has a NextToken, so the last page is missing"))
    }

    // MARK: state import

    static let everyFixture = ["DescribeEipAddresses.json", "DescribeInstances.json", "DescribeNetworkInterfaceAttribute.json",
                               "DescribeNetworkInterfaces.json", "DescribeNetworkInterfaces.page1.json", "DescribeNetworkInterfaces.page2.json",
                               "DescribeNetworkInterfaces.pager.json", "DescribeRouteEntryList.json", "DescribeRouteTables.json",
                               "DescribeIpv6Addresses.json"]

    @Test func importWritesAStateThatMatchesTheSchemaAndReadsBackToTheSamePlan() throws {
        let folder = try ScratchFolder()
        let output = folder.url.appendingPathComponent("state.yaml").path
        let imported = try EniplanRunner.run(["state", "import"] + Self.everyFixture.map(Self.fixture) + ["-o", output])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout.isEmpty && imported.stderr.isEmpty)
        let verdict = try SchemaValidator.validate(output, against: "state", yaml: true, expectingKind: "State")
        #expect(verdict.isValid, "the imported state does not match Schemas/state.schema.json:\n\(verdict.errors)")
        let validated = try EniplanRunner.run(["validate", output])
        #expect(validated.status == 0, "stderr: \(validated.stderr)")

        let desired = try folder.write("desired.yaml", Self.emptyDesired)
        let fromAPI = try Self.planJSON(Self.current(Self.everyFixture) + [desired])
        let fromImport = try Self.planJSON(["--current", output, desired])
        #expect(try Self.withoutLocations(fromAPI.plan) == Self.withoutLocations(fromImport.plan))
        #expect(fromAPI.result.status == fromImport.result.status)
    }

    @Test func importIsDeterministicWhateverTheOrderOfItsFiles() throws {
        let forward = try EniplanRunner.run(["state", "import"] + Self.everyFixture.map(Self.fixture))
        let backward = try EniplanRunner.run(["state", "import"] + Self.everyFixture.reversed().map(Self.fixture))
        #expect(forward.status == 0, "stderr: \(forward.stderr)")
        #expect(forward.stdout == backward.stdout)
        #expect(forward.stdout.contains("kind: State\nregion: cn-hangzhou\ninstances:\n  - id: i-bp1db1\n"))
        #expect(forward.stdout.contains("        eip: eip-bp1web1s\n"))
        #expect(forward.stdout.contains("      - {id: rte-bp1appl, destination: 192.168.100.0/24, nextHop: eni-bp1web1s}\n"))
        #expect(forward.stdout.contains("        ipv6Bandwidth: 10\n"))
    }

    @Test func theImportedStateOfTheSamplesIsTheHandWrittenExample() throws {
        // The example's current.yaml is written by hand; stripped of its comments it is what the import writes.
        let imported = try EniplanRunner.run(["state", "import"] + ["DescribeInstances.json", "DescribeNetworkInterfaces.json",
                                                                   "DescribeEipAddresses.json", "DescribeRouteEntryList.json"].map(Self.fixture))
        let example = try String(contentsOf: EniplanRunner.packageRoot.appendingPathComponent("Examples/aliyun-api-state/current.yaml"), encoding: .utf8)
        func data(_ yaml: String) -> [String] {
            yaml.split(separator: "\n").compactMap { line in
                let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let trimmed = code.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        #expect(data(imported.stdout) == data(example))
    }

    @Test func importFailsWholeAndLeavesNoOutputFile() throws {
        let folder = try ScratchFolder()
        let odd = try folder.write("odd.json", "[]\n")
        let output = folder.url.appendingPathComponent("state.yaml").path
        let result = try EniplanRunner.run(["state", "import", Self.fixture("DescribeInstances.json"), odd, "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(odd):1:1: error: this file matches no shape eniplan knows"))
        #expect(!FileManager.default.fileExists(atPath: output))

        let kept = try folder.write("kept.yaml", "previous state\n")
        let again = try EniplanRunner.run(["state", "import", odd, "-o", kept])
        #expect(again.status == 1)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "previous state\n")
    }

    @Test func importRefusesAManifestAndAnUnwritableOutput() throws {
        let folder = try ScratchFolder()
        let manifest = try folder.write("state.yaml", "apiVersion: eniplan/v1\nkind: State\n")
        let refused = try EniplanRunner.run(["state", "import", manifest])
        #expect(refused.status == 1)
        #expect(refused.stderr == "\(manifest):2:1: error: this is an eniplan manifest, not an Alibaba Cloud API response; give it to 'plan --current' as it is\n")

        let nowhere = folder.url.appendingPathComponent("missing/state.yaml").path
        let unwritable = try EniplanRunner.run(["state", "import", Self.fixture("DescribeInstances.json"), "-o", nowhere])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.hasPrefix("\(nowhere):1:1: error: cannot write the state"))
    }
}

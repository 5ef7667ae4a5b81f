import Foundation
import Testing

/// Several EIPs on one ENI (NAT mode: one per private IPv4 address), through the real binary: the `eips` form of
/// a manifest, DescribeEipAddresses and DescribeNetworkInterfaces (`Tests/Fixtures/aliyun/nat-mode`), `state import`,
/// and every wrong form as a located error.
@Suite("several EIPs on one ENI")
struct MultipleEIPTests {
    static let natMode = EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/aliyun/nat-mode").standardizedFileURL

    static func fixture(_ name: String) -> String { natMode.appendingPathComponent(name).path }

    /// A state with instance `i-1`: a primary ENI, and a secondary ENI `eni-2` written with `eniLines` after its flag.
    static func state(_ eniLines: [String], privateIpv4: String = "[10.0.0.4, 10.0.0.5, 10.0.0.6]") -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: cn-hangzhou
        instances:
          - id: i-1
            networkInterfaces:
              - {id: eni-1, type: primary, deleteOnRelease: true}
              - id: eni-2
                type: secondary
                deleteOnRelease: true
                privateIpv4: \(privateIpv4)

        """ + eniLines.map { "        \($0)\n" }.joined() + """
        eips:
          - {id: eip-1, address: 203.0.113.10}
          - {id: eip-2, address: 203.0.113.11}

        """
    }

    static let empty = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n"

    static func planJSON(_ arguments: [String], in folder: ScratchFolder) throws -> [String: Any] {
        let result = try EniplanRunner.run(["plan", "--format", "json"] + arguments, in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func eipEffects(_ plan: [String: Any], of eni: String) -> [[String: Any]] {
        let change = (plan["changes"] as? [[String: Any]])?.first { $0["id"] as? String == eni }
        return (change?["effects"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "eip" }
    }

    // MARK: Manifests

    @Test func eachEIPOfAReleasedENIIsDissociatedFromItsAddress() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state([
            "eips:",
            "  - {id: eip-1, privateIp: 10.0.0.4}",
            "  - {id: eip-2, privateIp: 10.0.0.5}",
        ]))
        let desired = try folder.write("desired.yaml", Self.empty)
        let text = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("Plan: instance: 1 to release; ENIs: 2 to release; 2 EIPs left unbound\n"), "\(text.stdout)")
        #expect(text.stdout.contains("        $ EIP eip-1 on 10.0.0.4 dissociated: stays allocated and keeps billing until released or re-associated\n"))
        #expect(text.stdout.contains("        $ EIP eip-2 on 10.0.0.5 dissociated: stays allocated and keeps billing until released or re-associated\n"))
        // ENI002 once per EIP, each at its own entry of eips.
        #expect(text.stdout.contains("state.yaml:13:13: warning[ENI002] EIP 'eip-1' (203.0.113.10) will be dissociated from 10.0.0.4 when 'i-1' is released"), "\(text.stdout)")
        #expect(text.stdout.contains("state.yaml:14:13: warning[ENI002] EIP 'eip-2' (203.0.113.11) will be dissociated from 10.0.0.5 when 'i-1' is released"), "\(text.stdout)")

        let plan = try Self.planJSON(["--current", state, desired], in: folder)
        let effects = Self.eipEffects(plan, of: "eni-2")
        #expect(effects.map { $0["id"] as? String } == ["eip-1", "eip-2"])
        #expect(effects.map { $0["privateIp"] as? String } == ["10.0.0.4", "10.0.0.5"])
        #expect(effects.allSatisfy { $0["outcome"] as? String == "dissociated" })
        let summary = (plan["summary"] as? [String: Any])?["effects"] as? [String: Any]
        #expect((summary?["eip"] as? [String: Any])?["dissociated"] as? Int == 2)
    }

    @Test func oneEIPWrittenAsEIPPlansAsItAlwaysDid() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state(["eip: eip-1"]))
        let desired = try folder.write("desired.yaml", Self.empty)
        let plan = try Self.planJSON(["--current", state, desired], in: folder)
        let effects = Self.eipEffects(plan, of: "eni-2")
        #expect(effects.count == 1)
        #expect(effects.first?.keys.sorted() == ["id", "kind", "outcome"])
        let text = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(text.stdout.contains("        $ EIP eip-1 dissociated: stays allocated"))
        #expect(text.stdout.contains("state.yaml:12:9: warning[ENI002] EIP 'eip-1' (203.0.113.10) will be dissociated when 'i-1' is released"), "\(text.stdout)")
    }

    @Test func aPolicyOnEIPEffectsSeesEveryEIP() throws {
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state(["eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2, privateIp: 10.0.0.5}]"]))
        let desired = try folder.write("desired.yaml", Self.empty)
        let policy = try folder.write("policy.yaml", """
            apiVersion: eniplan/v1
            kind: Policy
            rules:
              - id: no-unbound-eip
                message: no plan may leave an EIP unbound
                severity: error
                match: {kind: networkInterface}
                require:
                  outcomes:
                    - {effect: eip, not: dissociated}

            """)
        let result = try EniplanRunner.run(["plan", "--policy", policy, "--current", state, desired], in: folder.url)
        #expect(result.status == 3, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stdout.contains("error[no-unbound-eip] no plan may leave an EIP unbound: EIP 'eip-1' of ENI 'eni-2' will be dissociated"), "\(result.stdout)")
        #expect(result.stdout.contains("EIP 'eip-2' of ENI 'eni-2' will be dissociated"), "\(result.stdout)")
    }

    @Test func aKeptENIWhoseEIPsMoveToOtherAddressesIsUpdated() throws {
        let folder = try ScratchFolder()
        let current = Self.state(["eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2, privateIp: 10.0.0.5}]"])
        let state = try folder.write("state.yaml", current)
        let same = try folder.write("same.yaml", current.replacingOccurrences(of: "kind: State", with: "kind: Manifest"))
        let moved = try folder.write("moved.yaml", current.replacingOccurrences(of: "kind: State", with: "kind: Manifest")
            .replacingOccurrences(of: "{id: eip-2, privateIp: 10.0.0.5}", with: "{id: eip-2, privateIp: 10.0.0.6}"))
        let kept = Self.eniChange(try Self.planJSON(["--current", state, same], in: folder), "eni-2")
        #expect(kept?["action"] as? String == "keep")
        let updated = Self.eniChange(try Self.planJSON(["--current", state, moved], in: folder), "eni-2")
        #expect(updated?["action"] as? String == "update" && updated?["reason"] as? String == "eip_changed")
    }

    static func eniChange(_ plan: [String: Any], _ id: String) -> [String: Any]? {
        (plan["changes"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    /// Each wrong form is refused with exit 1 at the exact node, by `validate` and by `plan`.
    static let wrongForms: [(lines: [String], error: String)] = [
        (["eip: eip-1", "eips: [{id: eip-2, privateIp: 10.0.0.5}]"],
         "state.yaml:13:9: error: ENI 'eni-2' has both 'eip' and 'eips'; write one EIP as 'eip', or several as 'eips'"),
        (["eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-1, privateIp: 10.0.0.5}]"],
         "state.yaml:12:51: error: EIP 'eip-1' is listed twice in the eips of ENI 'eni-2'"),
        (["eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2, privateIp: 10.0.0.9}]"],
         "state.yaml:12:73: error: EIP 'eip-2' is bound to '10.0.0.9', which is not among the privateIpv4 of ENI 'eni-2'"),
        (["eips: [{id: eip-1, privateIp: 10.0.0.4}, {id: eip-2, privateIp: 10.0.0.4}]"],
         "state.yaml:12:73: error: EIPs 'eip-1' and 'eip-2' are both bound to '10.0.0.4'; a private IP address carries one EIP"),
        (["eips: [{id: eip-1, privateIp: 10.0.0.400}]"],
         "state.yaml:12:39: error: '10.0.0.400' is not an IPv4 address"),
        (["eips: [{id: eip-1, privateIp: 10.0.0.4, mode: NAT}]"],
         "state.yaml:12:49: error: unknown key 'mode' in an entry of eips; expected one of id, privateIp"),
        (["eips: [{privateIp: 10.0.0.4}]"],
         "state.yaml:12:16: error: an entry of eips needs an 'id' (the EIP's allocation id, like eip-bp1...)"),
        (["eips: eip-1"],
         "state.yaml:12:15: error: eips must be a list, not 'eip-1'"),
    ]

    @Test(arguments: wrongForms.indices)
    func aWrongFormIsALocatedError(_ index: Int) throws {
        let (lines, error) = Self.wrongForms[index]
        let folder = try ScratchFolder()
        let state = try folder.write("state.yaml", Self.state(lines))
        let desired = try folder.write("desired.yaml", Self.empty)
        let validated = try EniplanRunner.run(["validate", "state.yaml"], in: folder.url)
        #expect(validated.status == 1)
        #expect(validated.stderr.contains(error), "\(validated.stderr)")
        let planned = try EniplanRunner.run(["plan", "--current", state, desired], in: folder.url)
        #expect(planned.status == 1)
        #expect(planned.stdout.isEmpty)
    }

    // MARK: API responses

    @Test func describeEipAddressesBindsEachEIPToItsPrivateAddress() throws {
        let folder = try ScratchFolder()
        let desired = try folder.write("desired.yaml", Self.empty)
        for files in [["DescribeNetworkInterfaces.json", "DescribeEipAddresses.json"], ["DescribeEipAddresses.json", "DescribeNetworkInterfaces.json"],
                      ["DescribeNetworkInterfaces.json"]] {
            let plan = try Self.planJSON(files.flatMap { ["--current", Self.fixture($0)] } + [desired], in: folder)
            let released = Self.eipEffects(plan, of: "eni-bp1nat1s")
            #expect(released.map { $0["id"] as? String } == ["eip-bp1nats1", "eip-bp1nats2"], "\(files)")
            #expect(released.map { $0["privateIp"] as? String } == ["10.0.2.20", "10.0.2.21"], "\(files)")
            #expect(released.allSatisfy { $0["outcome"] as? String == "dissociated" })
            let retained = Self.eipEffects(plan, of: "eni-bp1nat1p")
            #expect(retained.map { $0["privateIp"] as? String } == ["10.0.2.10", "10.0.2.11"], "\(files)")
            #expect(retained.allSatisfy { $0["outcome"] as? String == "retained" })
            let unbound = (plan["findings"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == "ENI002" }
            #expect(unbound.compactMap { ($0["resource"] as? [String: Any])?["id"] as? String } == ["eip-bp1nats1", "eip-bp1nats2"], "\(files)")
            // Located where the ENI call binds each, as an ENI's one EIP is, whichever files are given.
            #expect(unbound.allSatisfy { (($0["location"] as? [String: Any])?["file"] as? String)?.hasSuffix("DescribeNetworkInterfaces.json") == true })
        }
    }

    @Test func stateImportWritesTheEIPsFormAndItReadsBackToTheSamePlan() throws {
        let folder = try ScratchFolder()
        let output = folder.url.appendingPathComponent("state.yaml").path
        let files = ["DescribeEipAddresses.json", "DescribeNetworkInterfaces.json"].map(Self.fixture)
        let imported = try EniplanRunner.run(["state", "import"] + files + ["-o", output])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        let yaml = try String(contentsOfFile: output, encoding: .utf8)
        let reversed = try EniplanRunner.run(["state", "import"] + files.reversed())
        #expect(reversed.stdout == yaml, "the import depends on the order of its files")
        #expect(yaml.contains("        eips: [{id: eip-bp1nats1, privateIp: 10.0.2.20}, {id: eip-bp1nats2, privateIp: 10.0.2.21}]\n"), "\(yaml)")
        let verdict = try SchemaValidator.validate(output, against: "state", yaml: true, expectingKind: "State")
        #expect(verdict.isValid, "the imported state does not match Schemas/state.schema.json:\n\(verdict.errors)")
        let desired = try folder.write("desired.yaml", Self.empty)
        let fromAPI = try Self.planJSON(files.flatMap { ["--current", $0] } + [desired], in: folder)
        let fromImport = try Self.planJSON(["--current", output, desired], in: folder)
        #expect(try AliyunStateTests.withoutLocations(fromAPI) == AliyunStateTests.withoutLocations(fromImport))
    }

    @Test func responsesThatDisagreeAboutAnENIsEIPsAreLocatedErrors() throws {
        let folder = try ScratchFolder()
        let eips = try String(contentsOfFile: Self.fixture("DescribeEipAddresses.json"), encoding: .utf8)
        let enis = try folder.write("enis.json", try String(contentsOfFile: Self.fixture("DescribeNetworkInterfaces.json"), encoding: .utf8))
        let cases: [(String, String, String)] = [
            // An address the ENI does not have.
            ("\"PrivateIpAddress\": \"10.0.2.21\"", "\"PrivateIpAddress\": \"10.0.2.99\"",
             "EIP 'eip-bp1nats2' is bound to '10.0.2.99', which is not among the private IP addresses of ENI 'eni-bp1nat1s' in these API responses"),
            // Two EIPs on one address.
            ("\"PrivateIpAddress\": \"10.0.2.21\"", "\"PrivateIpAddress\": \"10.0.2.20\"",
             "EIPs 'eip-bp1nats1' and 'eip-bp1nats2' are both bound to the private IP address '10.0.2.20' of ENI 'eni-bp1nat1s'; an address carries one EIP"),
            // Another set of EIPs than the ENI call's.
            ("\"AllocationId\": \"eip-bp1nats2\"", "\"AllocationId\": \"eip-bp1nats9\"",
             "the API responses disagree about ENI 'eni-bp1nat1s': its EIPs are [eip-bp1nats1, eip-bp1nats9] here, but [eip-bp1nats1, eip-bp1nats2] in DescribeNetworkInterfaces"),
        ]
        for (old, new, message) in cases {
            let edited = try folder.write("eips.json", eips.replacingOccurrences(of: old, with: new))
            let result = try EniplanRunner.run(["state", "import", enis, edited], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("eips.json:"), "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    /// An EIP bound to another address of the same ENI is moved, not left billing: no ENI002, nothing lost.
    @Test func anEIPMovedToAnotherAddressOfItsENIIsMoved() throws {
        let folder = try ScratchFolder()
        _ = try folder.write("state.yaml", Self.state(["eips: [{id: eip-2, privateIp: 10.0.0.5}]"]))
        let desired = Self.state(["eips: [{id: eip-2, privateIp: 10.0.0.6}]"]).replacingOccurrences(of: "kind: State", with: "kind: Manifest")
        _ = try folder.write("desired.yaml", desired)
        let plan = try Self.planJSON(["--current", "state.yaml", "desired.yaml"], in: folder)
        let effects = Self.eipEffects(plan, of: "eni-2")
        #expect(effects.map { "\($0["privateIp"] as? String ?? "-") \($0["outcome"] as? String ?? "?") \($0["reassociatedTo"] as? String ?? "-")" }
                == ["10.0.0.5 dissociated eni-2", "10.0.0.6 added -"], "\(effects)")
        #expect((plan["findings"] as? [[String: Any]] ?? []).allSatisfy { $0["ruleId"] as? String != "ENI002" })
        let text = try EniplanRunner.run(["plan", "--current", "state.yaml", "desired.yaml"], in: folder.url)
        #expect(text.stdout.hasPrefix("Verdict: nothing blocks at --fail-on error; nothing is lost\n"), "\(text.stdout)")
        let written = try folder.write("plan.json", try EniplanRunner.run(["plan", "--format", "json", "--current", "state.yaml", "desired.yaml"], in: folder.url).stdout)
        let verdict = try SchemaValidator.validate(written, against: "plan")
        #expect(verdict.isValid, "\(verdict.errors)")
    }

    /// An ENI the desired state drops from an instance it keeps is deleted: its EIP is left by that deletion, not by a release.
    @Test func anEIPOfADeletedENIIsLeftByTheDeletion() throws {
        let folder = try ScratchFolder()
        _ = try folder.write("state.yaml", Self.state(["eip: eip-2"]))
        _ = try folder.write("desired.yaml", "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances:\n  - id: i-1\n    networkInterfaces:\n      - {id: eni-1, type: primary, deleteOnRelease: true}\n")
        let text = try EniplanRunner.run(["plan", "--current", "state.yaml", "desired.yaml"], in: folder.url)
        #expect(text.stdout.contains("warning[ENI002] EIP 'eip-2' (203.0.113.11) will be dissociated when this change deletes ENI 'eni-2' and keeps billing"), "\(text.stdout)")
        #expect(text.stdout.contains("fix: bind the EIP to another ENI or instance in the desired state"), "\(text.stdout)")
    }
}

import Foundation
import Testing

/// Policy fields are a vocabulary of their own: each is found where the manifest writes the resource's
/// field of that name, and a field the resource's kind does not write there (an attached ENI's `vpc`,
/// the `instance` an ENI is attached to) points at the resource.
@Suite("vocabulary through the binary")
struct VocabularyCommandTests {
    static let manifest = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            status: running
            networkInterfaces:
              - {id: eni-1, type: primary, deleteOnRelease: true, vswitch: vsw-1}
        networkInterfaces:
          - {id: eni-2, zone: cn-hangzhou-h, vpc: vpc-2, deleteOnRelease: false}

        """

    static let policy = """
        apiVersion: eniplan/v1
        kind: Policy
        rules:
          - id: ATTACHED-KEPT
            severity: error
            message: ENIs of i-1 are retained
            match:
              kind: networkInterface
              where:
                - {field: instance, equals: i-1}
            require:
              fields: {deleteOnRelease: false, vpc: vpc-9}
          - id: STANDALONE-VPC
            severity: warning
            message: standalone ENIs live in vpc-9
            match:
              kind: networkInterface
              where:
                - {field: instance, exists: false}
            require:
              fields: {vpc: vpc-9}
          - id: INSTANCE-STOPPED
            severity: note
            message: instances are stopped
            match:
              kind: instance
            require:
              fields: {status: stopped, deletionProtection: "true"}

        """

    @Test func policyFindingsPointAtTheFieldsTheyTest() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.manifest)
        try folder.write("p.yaml", Self.policy)
        let result = try EniplanRunner.run(["check", "--policy", "p.yaml", "m.yaml"], in: folder.url)
        #expect(result.status == 3, "stderr:\n\(result.stderr)")
        let findings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  m.yaml:") }.map(String.init)
        // Worst first, then in the file's order.
        #expect(findings == [
            "  m.yaml:10:9: error[ATTACHED-KEPT] ENIs of i-1 are retained: ENI 'eni-1' has vpc 'vpc-1', the policy requires 'vpc-9'",
            "  m.yaml:10:36: error[ATTACHED-KEPT] ENIs of i-1 are retained: ENI 'eni-1' has deleteOnRelease 'true', the policy requires 'false'",
            "  m.yaml:12:38: warning[STANDALONE-VPC] standalone ENIs live in vpc-9: ENI 'eni-2' has vpc 'vpc-2', the policy requires 'vpc-9'",
            "  m.yaml:5:5: note[INSTANCE-STOPPED] instances are stopped: instance 'i-1' has deletionProtection not set, the policy requires 'true'",
            "  m.yaml:8:5: note[INSTANCE-STOPPED] instances are stopped: instance 'i-1' has status 'running', the policy requires 'stopped'",
        ])
    }

    /// A field the kind cannot be tested on is refused with the kind's fields, in their order.
    @Test(arguments: [
        ("instance", "deleteOnRelease",
         "unknown field 'deleteOnRelease'; expected one of id, name, zone, vpc, status, deletionProtection, eip"),
        ("networkInterface", "status",
         "unknown field 'status'; expected one of id, name, type, deleteOnRelease, vswitch, zone, vpc, eip, ipv6Bandwidth, securityGroups, privateIpv4, instance"),
        ("networkInterface", "deletionProtection",
         "unknown field 'deletionProtection'; expected one of id, name, type, deleteOnRelease, vswitch, zone, vpc, eip, ipv6Bandwidth, securityGroups, privateIpv4, instance"),
    ])
    func aFieldOfAnotherKindIsRefused(_ kind: String, _ field: String, _ message: String) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", PolicyConfigErrorTests.manifest)
        try folder.write("p.yaml", """
            apiVersion: eniplan/v1
            kind: Policy
            rules:
              - id: R
                severity: error
                message: m
                match: {kind: \(kind), where: [{field: \(field), exists: true}]}
                require: {actions: {not: release}}

            """)
        let result = try EniplanRunner.run(["check", "--policy", "p.yaml", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        // The field's value starts 37 characters into line 7, after the kind.
        #expect(result.stderr == "p.yaml:7:\(37 + kind.count): error: \(message)\n")
    }
}

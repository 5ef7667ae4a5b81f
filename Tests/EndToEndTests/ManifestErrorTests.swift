import Foundation
import Testing

/// Every problem in a manifest is a located error through the real binary, exit code 1, nothing on stdout.
@Suite("manifest errors through the real binary")
struct ManifestErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Replaces the line `        deleteOnRelease: false` of the template's primary ENI.
        var eniLines: String
        var expected: String
        var testDescription: String { name }
    }

    static let template = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances:
          - id: i-1
            zone: cn-hangzhou-h
            vpc: vpc-1
            networkInterfaces:
              - id: eni-1
                type: primary
        ENI_LINES

        """

    static let cases: [Case] = [
        Case(name: "YAML 1.1 boolean", eniLines: "        deleteOnRelease: yes",
             expected: "11:26: error: deleteOnRelease must be true or false; 'yes' is not a boolean in eniplan, write true"),
        Case(name: "off", eniLines: "        deleteOnRelease: off",
             expected: "11:26: error: deleteOnRelease must be true or false; 'off' is not a boolean in eniplan, write false"),
        Case(name: "quoted boolean", eniLines: "        deleteOnRelease: \"false\"",
             expected: "11:26: error: deleteOnRelease must be true or false; 'false' (quoted, so it is text) is not a boolean in eniplan, write false"),
        Case(name: "misspelt key", eniLines: "        deleteOnRelase: false",
             expected: "11:9: error: unknown key 'deleteOnRelase' in an ENI; did you mean 'deleteOnRelease'?"),
        Case(name: "bad enum value", eniLines: "        deleteOnRelease: false\n      - id: eni-2\n        type: secondry",
             expected: "13:15: error: type must be one of primary, secondary, not 'secondry'; did you mean 'secondary'?"),
        Case(name: "bad IPv4", eniLines: "        privateIpv4: [10.0.0.4, 10.0.0.300]",
             expected: "11:33: error: '10.0.0.300' is not an IPv4 address"),
        Case(name: "bad prefix", eniLines: "        ipv4Prefixes: [10.0.8.0/33]",
             expected: "11:24: error: '10.0.8.0/33' is not an IPv4 CIDR block"),
        Case(name: "bad IPv6", eniLines: "        ipv6: [\"2408:4005::1::2\"]",
             expected: "11:16: error: '2408:4005::1::2' is not an IPv6 address"),
        Case(name: "list expected", eniLines: "        securityGroups: sg-1",
             expected: "11:25: error: securityGroups must be a list, not 'sg-1'"),
        Case(name: "number expected", eniLines: "        ipv6Bandwidth: ten",
             expected: "11:24: error: ipv6Bandwidth must be a whole number of at least 0, not 'ten'"),
        Case(name: "two primary ENIs", eniLines: "      - id: eni-2\n        type: primary",
             expected: "12:9: error: instance 'i-1' has more than one primary ENI"),
        Case(name: "same ENI twice", eniLines: "      - id: eni-1\n        type: secondary",
             expected: "11:9: error: ENI 'eni-1' is defined twice in this file"),
    ]

    @Test(arguments: cases)
    func rejectedWithALocatedError(_ testCase: Case) throws {
        let folder = try ScratchFolder()
        let path = try folder.write("m.yaml", Self.template.replacingOccurrences(of: "ENI_LINES", with: testCase.eniLines))
        let result = try EniplanRunner.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(path):\(testCase.expected)"), "stderr: \(result.stderr)")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("m.yaml", """
            apiVersion: eniplan/v2
            kind: Manifesto
            instances:
              - name: web
                stauts: running
                networkInterfaces:
                  - {name: eni-a, type: primary, deleteOnRelease: on}

            """)
        let result = try EniplanRunner.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(path):1:13: error: apiVersion must be 'eniplan/v1', not 'eniplan/v2'
            \(path):2:7: error: kind must be Manifest or State, not 'Manifesto'; did you mean 'Manifest'?
            \(path):5:5: error: unknown key 'stauts' in an instance; did you mean 'status'?
            \(path):7:55: error: deleteOnRelease must be true or false; 'on' is not a boolean in eniplan, write true

            """)
    }

    @Test func anInstanceWithoutAPrimaryENIIsAnError() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("m.yaml", Self.template.replacingOccurrences(of: "type: primary", with: "type: secondary")
            .replacingOccurrences(of: "ENI_LINES", with: ""))
        let result = try EniplanRunner.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):8:5: error: instance 'i-1' has no primary ENI; mark exactly one with 'type: primary'"))
    }

    @Test func stateInstancesNeedIds() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("s.yaml", "apiVersion: eniplan/v1\nkind: State\ninstances:\n  - name: web\n    networkInterfaces:\n      - {id: eni-1, type: primary}\n")
        let result = try EniplanRunner.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):4:5: error: instance 'web' in a state file needs an 'id'"))
    }

    @Test func validateAlsoChecksManifests() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("m.yaml", Self.template.replacingOccurrences(of: "ENI_LINES", with: "        deleteOnRelease: no"))
        let result = try EniplanRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):11:26: error: deleteOnRelease must be true or false"))
    }

    @Test func validateJoinsAPIResponsesAsPlanDoes() throws {
        let fixtures = EniplanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/aliyun")
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".json") }.sorted()
        let together = try EniplanRunner.run(["validate"] + files.map { fixtures.appendingPathComponent($0).path })
        #expect(together.status == 0, "\(together.stderr)")
        let alone = try EniplanRunner.run(["validate", fixtures.appendingPathComponent("DescribeNetworkInterfaces.page1.json").path])
        #expect(alone.status == 1)
        #expect(alone.stderr.contains("the last page is missing"))
    }

    @Test func planWithoutCurrentStateIsAUsageError() throws {
        let result = try EniplanRunner.run(["plan", "Examples/retained-primary/desired.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--current"))
    }

    @Test func regionCatalogueOverrideIsValidated() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("regions.yaml", "apiVersion: eniplan/v1\nkind: RegionCatalog\nversion: \"2027-01-01\"\nsource: test\nregions:\n  - {id: me-east-1, primaryEniRetention: yes}\n")
        let result = try EniplanRunner.run(["regions", "--regions", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):6:42: error: primaryEniRetention must be true or false"))
    }

    @Test func regionCatalogueOverrideChangesThePlan() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("regions.yaml", "apiVersion: eniplan/v1\nkind: RegionCatalog\nversion: \"2027-01-01\"\nsource: test\nregions:\n  - {id: me-east-1, name: UAE, primaryEniRetention: true}\n")
        let listed = try EniplanRunner.run(["regions", "--regions", path])
        #expect(listed.stdout.hasPrefix("Region catalogue 2027-01-01 (\(path))\n"))
        let base = "Examples/unsupported-region-primary/"
        let result = try EniplanRunner.run(["plan", "--regions", path, "--format", "json", "--current", base + "current.yaml", base + "desired.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"reason\" : \"delete_on_release_false\""))
        #expect(!result.stdout.contains("primary_retention_unsupported_in_region"))
    }

    @Test func builtInCatalogueListsTheSeedRegions() throws {
        let result = try EniplanRunner.run(["regions"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Region catalogue 2026-02-28 (built-in)\n"))
        let supported = result.stdout.split(separator: "\n").filter { $0.contains("  yes  ") }
        #expect(supported.count == 23)
        #expect(result.stdout.contains("me-east-1 ") && result.stdout.contains("cn-shanghai-finance-1"))
    }
}

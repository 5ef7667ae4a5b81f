import Testing
@testable import EniplanCore

@Suite("state YAML writer")
struct StateYAMLWriterTests {
    @Test(arguments: [
        ("eni-bp1web1p", "eni-bp1web1p"), ("cn-hangzhou-h", "cn-hangzhou-h"), ("10.0.1.10", "10.0.1.10"),
        ("10.0.1.32/28", "10.0.1.32/28"), ("2408:4005::1", "\"2408:4005::1\""), ("2024", "\"2024\""), ("1.5", "\"1.5\""),
        ("yes", "\"yes\""), ("No", "\"No\""), ("null", "\"null\""), ("", "\"\""), ("web 1", "\"web 1\""),
        ("a: b", "\"a: b\""), ("#x", "\"#x\""), ("say \"hi\"", "\"say \\\"hi\\\"\""), ("tab\there", "\"tab\\there\""),
        ("bell\u{7}", "\"bell\\u0007\""), ("名前", "\"名前\""), ("acs:ecs:tag", "\"acs:ecs:tag\""),
    ])
    func scalarsArePlainOnlyWhereEveryReaderAgrees(_ text: String, written: String) {
        #expect(StateYAMLWriter.scalar(text) == written)
    }

    @Test func writtenStateReadsBackToTheSameState() throws {
        let state = try AliyunFixtures.state(AliyunFixtures.everyCall + ["DescribeNetworkInterfaces.page1.json"])
        let yaml = StateYAMLWriter.render(state)
        let reread = try ManifestDecoder.decode(try AliyunFixtures.document(yaml, file: "state.yaml"))
        #expect(reread.kind == .state)
        #expect(StateYAMLWriter.render(reread) == StateYAMLWriter.render(state.manifest))
        #expect(yaml.hasPrefix("# The current state, read by `eniplan state import`"))
        #expect(yaml.contains("#   DescribeNetworkInterfaces (2 files)\n"))
    }

    @Test func anUnknownFlagIsACommentThatReadsBackAsUnknown() throws {
        let state = try AliyunFixtures.state(["DescribeInstances.json"])
        let yaml = StateYAMLWriter.render(state)
        #expect(yaml.contains("        # deleteOnRelease unknown: DescribeInstances does not report DeleteOnRelease; add the output of DescribeNetworkInterfaces or DescribeNetworkInterfaceAttribute\n"))
        let reread = try ManifestDecoder.decode(try AliyunFixtures.document(yaml, file: "state.yaml"))
        #expect(reread.instances.flatMap(\.networkInterfaces).allSatisfy { $0.deleteOnRelease.value == nil })
    }

    @Test func oddNamesAndTagsReadBack() throws {
        var manifest = Manifest(kind: .state, file: "x", region: "cn-hangzhou", range: .startOfFile("x"))
        let eni = NetworkInterface(id: "eni-1", name: "primary: #1", type: .primary, deleteOnRelease: .explicit(true),
                                   privateIpv4: ["10.0.0.1"], tags: ["acs:team": "a, b", "yes": "no", "n": "\"q\""], range: .startOfFile("x"))
        manifest.instances = [Instance(id: "i-1", name: "名前 [x]", networkInterfaces: [eni], tags: ["k": "{v}"], range: .startOfFile("x"))]
        let yaml = StateYAMLWriter.render(manifest)
        let reread = try ManifestDecoder.decode(try AliyunFixtures.document(yaml, file: "state.yaml"))
        #expect(reread.instances.first?.name == "名前 [x]")
        #expect(reread.instances.first?.tags == ["k": "{v}"])
        #expect(reread.instances.first?.networkInterfaces.first?.name == "primary: #1")
        #expect(reread.instances.first?.networkInterfaces.first?.tags == ["acs:team": "a, b", "yes": "no", "n": "\"q\""])
    }
}

import Foundation
import Testing

/// Inputs a security review built: suppression comments naming thousands of rules, aliases that repeat one
/// node's problems, files of another kind a config names, and line breaks editors do not show.
@Suite("hostile review")
struct HostileReviewTests {
    static let header = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\n"

    static func names(_ count: Int, from first: Int = 0) -> String {
        (first..<(first + count)).map { "POLICYRULX" + String(repeating: "0", count: 6 - String($0).count) + String($0) }.joined(separator: ",")
    }

    /// A policy of `count` rules named POLICYRULE000000 on, each one letter from the names above.
    static func policy(_ count: Int) -> String {
        "apiVersion: eniplan/v1\nkind: Policy\nrules:\n" + (0..<count).map { index in
            let id = "POLICYRULE" + String(repeating: "0", count: 6 - String(index).count) + String(index)
            return "  - id: \(id)\n    severity: error\n    message: m\n    match: {kind: instance}\n    require: {fields: {name: x}}\n"
        }.joined()
    }

    // MARK: Suppression comments

    @Test func aCommentNamingMoreThan64RulesIsOneMalformedSuppressionAndStaysFast() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.header + "instances: [] # eniplan:ignore \(Self.names(4000)) reason=\"r\"\n")
        try folder.write("p.yaml", Self.policy(1000))
        let (result, elapsed) = try HostileLoadingTests.guardedRun(["check", "--policy", "p.yaml", "m.yaml"], in: folder)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
        #expect(result.status == 3, "\(result.stderr)")
        let findings = result.stdout.split(separator: "\n").filter { $0.contains("error[SUP") }
        #expect(findings == ["  m.yaml:4:15: error[SUP003] this suppression names 4000 rules, more than the 64 one comment may name; it suppresses nothing (split it into several comments)"])
    }

    @Test func sixtyFourNamesAreEachCheckedAndDidYouMeanStaysBoundedAmongAThousandPolicyRules() throws {
        let folder = try ScratchFolder()
        // 200 comments of 64 unknown names each, every one a letter from a policy rule: far too many to suggest for.
        let comments = (0..<200).map { "# eniplan:ignore \(Self.names(64, from: $0 * 64)) reason=\"r\"\n" }.joined()
        try folder.write("m.yaml", Self.header + comments + "instances: []\n")
        try folder.write("p.yaml", Self.policy(1000))
        let (result, elapsed) = try HostileLoadingTests.guardedRun(["check", "--policy", "p.yaml", "m.yaml"], in: folder)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
        #expect(result.status == 3, "\(result.stderr)")
        let findings = result.stdout.split(separator: "\n").filter { $0.contains("error[SUP003]") }
        #expect(findings.count == 200 * 64)
        // The first names get a suggestion, and every suggestion is the nearest rule, the same each run.
        #expect(findings.first == "  m.yaml:4:1: error[SUP003] this suppression names unknown rule 'POLICYRULX000000'; did you mean 'POLICYRULE000000'?")
        #expect(findings.last == "  m.yaml:203:1: error[SUP003] this suppression names unknown rule 'POLICYRULX012799'")
    }

    // MARK: Aliases and error output

    @Test func anAliasedNodesProblemsArePrintedOnceAndAtMost100ErrorsARun() throws {
        let folder = try ScratchFolder()
        // 200 unknown keys anchored once and aliased 200 times: 2.8 KB that printed 40,001 lines.
        let keys = (0..<200).map { "bad\($0): 1" }.joined(separator: ", ")
        let aliases = (0..<200).map { _ in "  - *i\n" }.joined()
        try folder.write("amp.yaml", Self.header + "x: &i {\(keys)}\ninstances:\n" + aliases)
        let result = try EniplanRunner.run(["check", "amp.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 102, "\(lines.count) lines")
        #expect(lines.first == "amp.yaml:4:1: error: unknown key 'x' in the manifest; expected one of apiVersion, kind, region, scope, instances, networkInterfaces, eips, routeTables")
        #expect(lines[1].hasPrefix("amp.yaml:4:8: error: unknown key 'bad0' in an instance; expected one of id,"))
        #expect(lines[100] == "eniplan: 103 more errors not shown")
        #expect(lines[101] == "")
        #expect(Set(lines).count == lines.count)
    }

    @Test func fewerThan100ErrorsArePrintedWithoutACount() throws {
        let folder = try ScratchFolder()
        let keys = (0..<99).map { "bad\($0): 1" }.joined(separator: ", ")
        try folder.write("m.yaml", Self.header + "instances:\n  - {id: i-1, \(keys)}\n")
        let result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("not shown"))
    }

    // MARK: Files of another kind a config names

    static let concealed: [(content: String, stderr: String)] = [
        ("*hunter2SECRET\n", "./pw:1:1: error: an alias to an anchor that is not defined before it in this document\n"),
        ("!p4ssSECRET\n", "./pw:1:1: error: an unsupported tag; eniplan reads only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)\n"),
        ("!!SECRETcore x\n", "./pw:1:1: error: an unsupported tag; eniplan reads only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)\n"),
        ("!<SECRETverb> x\n", "./pw:1:1: error: an unsupported tag; eniplan reads only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)\n"),
        ("SECRET: 1\nSECRET: 2\n", "./pw:2:1: error: a duplicate key in this mapping\n./pw:1:1: note: the key is first defined here\n"),
        ("a: [*SECRET]\n", "./pw:1:5: error: an alias to an anchor that is not defined before it in this document\n"),
        ("a: !SECRET x\n", "./pw:1:4: error: an unsupported tag; eniplan reads only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)\n"),
    ]

    @Test(arguments: ["regions: pw", "policies: [pw]", "baseline: pw"], concealed.indices)
    func aFileAConfigNamesNeverHasItsNamesQuoted(_ entry: String, _ index: Int) throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.header + "instances: []\n")
        try folder.write("pw", Self.concealed[index].content)
        try folder.write(".eniplan.yaml", "apiVersion: eniplan/v1\nkind: Config\n\(entry)\n")
        let result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == Self.concealed[index].stderr)
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test func theConfigItselfAndAnyFilesRootAreDescribedButAManifestsInnerNamesAreQuoted() throws {
        let folder = try ScratchFolder()
        try folder.write("m.yaml", Self.header + "instances: []\n")
        try folder.write(".eniplan.yaml", "apiVersion: eniplan/v1\nkind: Config\nfailOn: !SECRET error\n")
        var result = try EniplanRunner.run(["check", "m.yaml"], in: folder.url)
        #expect(result.stderr == ".eniplan.yaml:3:9: error: an unsupported tag; eniplan reads only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)\n")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent(".eniplan.yaml"))
        try folder.write("root.yaml", "*hunter2SECRET\n")
        result = try EniplanRunner.run(["check", "root.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "root.yaml:1:1: error: an alias to an anchor that is not defined before it in this document\n")
        try folder.write("inner.yaml", Self.header + "instances: [*nowhere]\n")
        result = try EniplanRunner.run(["check", "inner.yaml"], in: folder.url)
        #expect(result.stderr == "inner.yaml:4:13: error: alias '*nowhere' refers to no anchor '&nowhere' defined before it in this document\n")
    }

    @Test func aFoundConfigLinkedFromOutsideTheRepositoryIsRefusedUnlessGivenWithConfig() throws {
        let folder = try ScratchFolder()
        let repo = folder.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try folder.write("sec.txt", "apiVersion: eniplan/v1\nkind: Config\nfailOn: warning\n")
        try folder.write("repo/m.yaml", Self.header + "instances: []\n")
        try folder.write("repo/inside.yaml", "apiVersion: eniplan/v1\nkind: Config\n")
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent(".eniplan.yaml").path, withDestinationPath: "../sec.txt")
        let refusal = "this config is a symbolic link that leads outside the repository; eniplan reads such a config only when it is given with --config\n"
        var result = try EniplanRunner.run(["check", "m.yaml"], in: repo)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == ".eniplan.yaml:1:1: error: " + refusal)
        // Found from a folder below, it is refused at its path from there.
        result = try EniplanRunner.run(["check", "../m.yaml"], in: repo.appendingPathComponent("sub"))
        #expect(result.stderr == "\(repo.path)/.eniplan.yaml:1:1: error: " + refusal)
        result = try EniplanRunner.run(["check", "--config", ".eniplan.yaml", "m.yaml"], in: repo)
        #expect(result.status == 0, "\(result.stderr)")
        // A link within the repository is the repository's own file.
        try FileManager.default.removeItem(at: repo.appendingPathComponent(".eniplan.yaml"))
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent(".eniplan.yaml").path, withDestinationPath: "inside.yaml")
        result = try EniplanRunner.run(["check", "m.yaml"], in: repo)
        #expect(result.status == 0, "\(result.stderr)")
    }

    // MARK: Line breaks editors do not show

    @Test(arguments: [("\u{85}", "NEL (U+0085)", "\\x85"), ("\u{2028}", "LS (U+2028)", "\\u2028"), ("\u{2029}", "PS (U+2029)", "\\u2029")])
    func nelLSAndPSAreRefusedWhereTheyAre(_ lineBreak: (String, String, String)) throws {
        let folder = try ScratchFolder()
        // What an editor shows as one comment line hides an ENI list from it.
        try folder.write("m.yaml", Self.header + "instances: [] # nothing here\(lineBreak.0)networkInterfaces: [{id: eni-1}]\n")
        try folder.write("c.json", "{\"Instances\": {\"Instance\": []}, \"x\": \"a\(lineBreak.0)\"}\n")
        for (file, location) in [("m.yaml", "4:29"), ("c.json", "1:40")] {
            let result = try EniplanRunner.run(["validate", file], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "\(file):\(location): error: \(lineBreak.1) is not allowed: YAML reads it as a line break that editors and wc -l do not show; remove it or write it as \(lineBreak.2) in a double-quoted scalar\n")
        }
    }
}

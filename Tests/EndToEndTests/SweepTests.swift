import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `eniplan check` over a repository, through the real binary: folders walked, other files skipped and counted,
/// each manifest file its own estate, or all of them one with `--estate combined`.
@Suite("compliance sweeps")
struct SweepTests {
    static func manifest(region: String, zone: String, instance: String, flag: String = "true") -> String {
        """
        apiVersion: eniplan/v1
        kind: State
        region: \(region)
        instances:
          - id: \(instance)
            zone: \(zone)
            networkInterfaces:
              - {id: eni-\(instance), type: primary, deleteOnRelease: \(flag)}

        """
    }

    /// A repository: two manifests of cn-hangzhou describing the same instance, one of me-east-1 whose primary asks
    /// to be retained (ENI001), a policy, a config, other YAML and JSON, and manifests in `.hidden` and `.build`.
    static func repository() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        for sub in ["infra/hz", "infra/me", "policies", ".hidden", ".build/x", "docs"] {
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        _ = try folder.write("infra/hz/a.yaml", manifest(region: "cn-hangzhou", zone: "cn-hangzhou-h", instance: "i-web"))
        _ = try folder.write("infra/hz/b.yml", manifest(region: "cn-hangzhou", zone: "cn-hangzhou-h", instance: "i-web"))
        _ = try folder.write("infra/me/c.yaml", manifest(region: "me-east-1", zone: "me-east-1a", instance: "i-api", flag: "false"))
        _ = try folder.write("policies/p.yaml", "apiVersion: eniplan/v1\nkind: Policy\nrules:\n  - id: P1\n    severity: note\n    message: m\n    match: {kind: instance}\n    require: {fields: {status: running}}\n")
        _ = try folder.write("infra/values.yaml", "replicas: 3\n")
        _ = try folder.write("infra/package.json", "{\"name\": \"x\"}\n")
        _ = try folder.write("docs/readme.md", "# not YAML\n")
        _ = try folder.write(".hidden/x.yaml", manifest(region: "cn-beijing", zone: "cn-beijing-a", instance: "i-hidden"))
        _ = try folder.write(".build/x/y.yaml", manifest(region: "cn-beijing", zone: "cn-beijing-a", instance: "i-build"))
        return folder
    }

    @Test func aFolderIsWalkedAndEachManifestIsItsOwnEstate() throws {
        let folder = try Self.repository()
        let result = try EniplanRunner.run(["check", "."], in: folder.url)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("Swept 3 estates, each a manifest file or the API responses given (cn-hangzhou: 2, me-east-1: 1); 3 other files skipped: not eniplan manifests\n"), "\(result.stdout)")
        #expect(result.stdout.contains("Findings: 1 error; 1 blocking at --fail-on error\nBy region: me-east-1: 1 error\n"), "\(result.stdout)")
        #expect(result.stdout.contains("./infra/me/c.yaml:8:40: error[ENI001]"), "\(result.stdout)")
        #expect(!result.stdout.contains("i-hidden") && !result.stdout.contains("i-build"), "\(result.stdout)")
        // The walk's order is the paths' bytes: a.yaml, b.yml, then me/c.yaml.
        let instances = result.stdout.split(separator: "\n").filter { $0.hasPrefix("- instance ") }.map { String($0.split(separator: "[").last ?? "") }
        #expect(instances == ["./infra/hz/a.yaml:5:5]", "./infra/hz/b.yml:5:5]", "./infra/me/c.yaml:5:5]"], "\(instances)")

        let json = try EniplanRunner.run(["check", "--format", "json", "infra", "policies"], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sweep = try #require(plan["sweep"] as? [String: Any])
        #expect((sweep["estates"] as? [[String: Any]])?.map { "\($0["file"] as? String ?? "?") \($0["region"] as? String ?? "-")" }
                == ["infra/hz/a.yaml cn-hangzhou", "infra/hz/b.yml cn-hangzhou", "infra/me/c.yaml me-east-1"])
        #expect(sweep["skipped"] as? [String] == ["infra/package.json", "infra/values.yaml", "policies/p.yaml"])
        #expect(plan["region"] is NSNull)
        let written = try folder.write("sweep.json", json.stdout)
        let verdict = try SchemaValidator.validate(written, against: "plan")
        #expect(verdict.isValid, "\(verdict.errors)")
    }

    @Test func combinedIsOneEstateAsBefore() throws {
        let folder = try Self.repository()
        let result = try EniplanRunner.run(["check", "--estate", "combined", "infra"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("infra/me/c.yaml:3:1: error: region 'me-east-1' differs from region 'cn-hangzhou' of another input"), "\(result.stderr)")
        let one = try EniplanRunner.run(["check", "--estate", "combined", "infra/hz"], in: folder.url)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("Swept 2 manifest files as one estate (cn-hangzhou)\n"), "\(one.stdout)")
        let json = try EniplanRunner.run(["check", "--estate", "combined", "--format", "json", "infra/hz"], in: folder.url)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sweep = try #require(plan["sweep"] as? [String: Any])
        #expect(sweep["combined"] as? Bool == true)
        #expect((sweep["estates"] as? [[String: Any]])?.compactMap { $0["file"] as? String } == ["infra/hz/a.yaml", "infra/hz/b.yml"])
        #expect(one.stdout.contains("other files skipped") == false)
    }

    @Test func aFileNamedThatIsNoManifestIsStillAnError() throws {
        let folder = try Self.repository()
        let result = try EniplanRunner.run(["check", "infra/hz", "policies/p.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("policies/p.yaml:1:1: error: 'policies/p.yaml' is not an eniplan manifest: it is a policy (kind: Policy)"), "\(result.stderr)")
    }

    @Test func aFolderWithNoManifestIsAnError() throws {
        let folder = try Self.repository()
        let result = try EniplanRunner.run(["check", "docs", "policies"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "error: found no eniplan manifest in 'docs', 'policies' (1 other file skipped)\n", "\(result.stderr)")
    }

    @Test func aBrokenFileThatNamesEniplanIsReportedNotSkipped() throws {
        let folder = try Self.repository()
        _ = try folder.write("infra/broken.yaml", "apiVersion: eniplan/v1\nkind: State\nregion: [\n")
        let result = try EniplanRunner.run(["check", "infra"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("infra/broken.yaml:"), "\(result.stderr)")
    }

    /// What decides whether a found file is a manifest is what it says, wherever it says it; anything else is
    /// skipped, and a file is read once however it is reached.
    @Test func whatAFileSaysDecidesNotWhereItSaysIt() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("s"), withIntermediateDirectories: true)
        // JSON whose apiVersion comes last, after 100 KiB of instances: a manifest.
        let instances = (0..<600).map { "{\"id\": \"i-\($0)\", \"zone\": \"me-east-1a\", \"networkInterfaces\": [{\"id\": \"eni-\($0)\", \"type\": \"primary\", \"deleteOnRelease\": false}]}" }
        _ = try folder.write("s/late.json", "{\"kind\": \"State\", \"region\": \"me-east-1\", \"instances\": [" + instances.joined(separator: ", ") + "], \"apiVersion\": \"eniplan/v1\"}\n")
        // Kubernetes YAML that mentions eniplan in a comment, and a multi-document file that embeds a manifest: not ours.
        _ = try folder.write("s/deploy.yaml", "apiVersion: v1 # eniplan/v1 lives elsewhere\nkind: ConfigMap\ndata:\n  a: b\n")
        _ = try folder.write("s/multi.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  m: |\n    apiVersion: eniplan/v1\n---\napiVersion: v1\nkind: Secret\n")
        // A link to the JSON manifest (read once), a link to nothing and a link to a pipe (skipped, never waited on).
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("s/again.json").path, withDestinationPath: "late.json")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("s/gone.yaml").path, withDestinationPath: "nowhere.yaml")
        #expect(mkfifo(folder.url.appendingPathComponent("pipe").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("s/pipe.yaml").path, withDestinationPath: "../pipe")
        let result = try EniplanRunner.run(["check", "--format", "json", "s", "s/late.json"], in: folder.url)
        #expect(result.status == 3, "\(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sweep = try #require(plan["sweep"] as? [String: Any])
        #expect((sweep["estates"] as? [[String: Any]])?.compactMap { $0["file"] as? String } == ["s/again.json"], "the link comes first in byte order; the file it names is not read again")
        #expect(sweep["skipped"] as? [String] == ["s/deploy.yaml", "s/gone.yaml", "s/multi.yaml", "s/pipe.yaml"])
        #expect((plan["findings"] as? [[String: Any]])?.filter { $0["ruleId"] as? String == "ENI001" }.count == 600)
    }

    @Test func aUTF16ManifestIsReportedNotSkipped() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("s"), withIntermediateDirectories: true)
        _ = try folder.write("s/ok.yaml", Self.manifest(region: "cn-hangzhou", zone: "cn-hangzhou-h", instance: "i-1"))
        let text = Self.manifest(region: "cn-hangzhou", zone: "cn-hangzhou-h", instance: "i-2")
        _ = try folder.write("s/wide.yaml", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let result = try EniplanRunner.run(["check", "s"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("s/wide.yaml:"), "\(result.stderr)")
    }
}

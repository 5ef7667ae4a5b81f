import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `plan --base REF`: the current state read from a real git repository made in the test, through the real binary.
@Suite("plan --base")
struct GitBaseTests {
    /// One instance whose release dissociates an EIP (ENI002), on the lines the tests name.
    static let base = """
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
                deleteOnRelease: true
                eip: eip-1
        eips:
          - {id: eip-1, address: 203.0.113.10}

        """

    /// The head: the instance is gone, the EIP stays.
    static let head = """
        apiVersion: eniplan/v1
        kind: Manifest
        region: cn-hangzhou
        instances: []
        eips:
          - {id: eip-1, address: 203.0.113.10}

        """

    /// A repository with `files` committed on `main`, then a branch `feature` checked out.
    final class Repository {
        let folder: ScratchFolder
        var url: URL { folder.url }

        init(_ files: [String: String]) throws {
            folder = try ScratchFolder()
            try git("init", "-q", "-b", "main")
            for (path, text) in files { try write(path, text) }
            try git("add", "-A")
            try git("commit", "-q", "-m", "base")
            try git("checkout", "-q", "-b", "feature")
        }

        func write(_ path: String, _ text: String) throws {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }

        /// Runs git in the repository, with an identity and no user or system config, so commits work on a fresh machine.
        @discardableResult
        func git(_ arguments: String...) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=eniplan tests", "-c", "user.email=tests@eniplan.invalid", "-c", "commit.gpgsign=false"]
                + arguments
            process.currentDirectoryURL = url
            process.environment = ProcessInfo.processInfo.environment.merging(GitBaseTests.gitEnvironment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
            return process.terminationStatus
        }

        func plan(_ arguments: [String]) throws -> RunResult {
            try EniplanRunner.run(["plan"] + arguments, in: url, environment: GitBaseTests.gitEnvironment)
        }
    }

    static let gitEnvironment = [
        "GIT_AUTHOR_NAME": "eniplan tests", "GIT_AUTHOR_EMAIL": "tests@eniplan.invalid",
        "GIT_COMMITTER_NAME": "eniplan tests", "GIT_COMMITTER_EMAIL": "tests@eniplan.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    ]

    @Test func aReleasedInstanceIsFoundInTheHeadFileWithTheBaseLocationInANote() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try repository.write("infra/eni.yaml", Self.head)
        let result = try repository.plan(["--base", "main", "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        // The `instances:` key of the head file, line 4; the base has the ENI's EIP on line 12.
        #expect(result.stdout.contains("infra/eni.yaml:4:1: warning[ENI002] EIP 'eip-1'"))
        #expect(result.stdout.contains("note: the base revision has it at main:infra/eni.yaml:"))
        #expect(result.stdout.contains("instance i-1 will be released"))
        // Naming the file plans the same.
        let named = try repository.plan(["--base", "main", "--color", "never", "infra/eni.yaml"])
        #expect(named.stdout == result.stdout)
    }

    @Test func anENITakenOffAKeptInstanceIsFoundAtTheInstance() throws {
        let kept = """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            instances:
              - id: i-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                networkInterfaces:
                  - {id: eni-1, type: primary, deleteOnRelease: true}

            """
        let repository = try Repository(["infra/eni.yaml": kept + "      - {id: eni-2, type: secondary, eip: eip-1}\neips:\n  - {id: eip-1, address: 203.0.113.10}\n"])
        try repository.write("infra/eni.yaml", kept.replacingOccurrences(of: "  - id: i-1\n", with: "  # eniplan:ignore ENI002 reason=\"eip-1 moves by hand\"\n  - id: i-1\n")
            + "eips:\n  - {id: eip-1, address: 203.0.113.10}\n")
        let result = try repository.plan(["--base", "main", "--color", "never", "--fail-on", "warning"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // The instance still stands in the head (line 6, under the comment): the finding is there, and the comment covers it.
        #expect(result.stdout.contains("infra/eni.yaml:6:5: warning[ENI002] EIP 'eip-1'"), "\(result.stdout)")
        #expect(result.stdout.contains("suppressed (inline): eip-1 moves by hand"))
        #expect(!result.stdout.contains("SUP002"))
    }

    @Test func everyReportPointsIntoTheRepository() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try repository.write("infra/eni.yaml", Self.head)
        let sarif = try repository.plan(["--base", "main", "--format", "sarif"])
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let uris = Self.strings(forKey: "uri", in: try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)))
        #expect(!uris.isEmpty)
        for uri in uris where !uri.hasPrefix("file://") {
            #expect(uri == "infra/eni.yaml", "a SARIF location outside the repository: \(uri)")
        }
        let github = try repository.plan(["--base", "main", "--format", "github"])
        #expect(github.stdout.contains("::warning file=infra/eni.yaml,line=4,col=1"))
        #expect(!github.stdout.contains("file=main:"))
        #expect(github.stdout.contains("%0Anote: the base revision has it at main:infra/eni.yaml:12:9%0A"))
        let markdown = try repository.plan(["--base", "main", "--format", "markdown"])
        #expect(markdown.stdout.contains("| `infra/eni.yaml:4` |"))
        #expect(markdown.stdout.contains("<br>**note:** the base revision has it at main:infra/eni.yaml:12:9<br>"))
        let junit = try repository.plan(["--base", "main", "--format", "junit"])
        #expect(junit.stdout.contains("file=\"infra/eni.yaml\""))
        #expect(!junit.stdout.contains("file=\"main:"))
    }

    @Test func anInlineSuppressionInTheHeadCoversABaseOnlyFinding() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try repository.write("infra/eni.yaml", Self.head.replacingOccurrences(
            of: "instances: []", with: "# eniplan:ignore ENI002 reason=\"eip-1 is released by hand\"\ninstances: []"))
        let result = try repository.plan(["--base", "main", "--color", "never", "--fail-on", "warning"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("suppressed (inline): eip-1 is released by hand"))
        #expect(!result.stdout.contains("SUP002"))
    }

    @Test func aSuppressionTheBaseAlsoHasIsReadOnceFromTheHead() throws {
        let commented = Self.base.replacingOccurrences(of: "instances:\n", with: "instances: # eniplan:ignore ENI002 reason=\"accepted\"\n")
        let repository = try Repository(["infra/eni.yaml": commented])
        try repository.write("infra/eni.yaml", Self.head.replacingOccurrences(of: "instances: []", with: "instances: [] # eniplan:ignore ENI002 reason=\"accepted\""))
        let result = try repository.plan(["--base", "main", "--color", "never", "--format", "github"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("SUP002"), "the base's copy of the comment is reported unused: \(result.stdout)")
        #expect(!result.stdout.contains("file=main:"))
    }

    @Test func deletedRenamedAddedAndUntrackedManifestsArePlannedFromTheDiff() throws {
        let other = Self.base.replacingOccurrences(of: "i-1", with: "i-2").replacingOccurrences(of: "eni-1", with: "eni-2")
            .replacingOccurrences(of: "eip-1", with: "eip-2").replacingOccurrences(of: "203.0.113.10", with: "203.0.113.20")
        let repository = try Repository(["infra/gone.yaml": Self.base, "infra/old.yaml": other, "notes.yaml": "just: notes\n"])
        try repository.git("rm", "-q", "infra/gone.yaml")
        try repository.git("mv", "infra/old.yaml", "infra/new.yaml")
        // A small edit keeps the rename a rename; the instance stays.
        try repository.write("infra/new.yaml", other.replacingOccurrences(of: "vpc: vpc-1", with: "vpc: vpc-1 # same"))
        try repository.write("infra/added.yaml", "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n")
        try repository.write("notes.yaml", "just: other notes\n")
        let result = try repository.plan(["--base", "main", "--color", "never", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let changes = (plan["changes"] as? [[String: Any]]) ?? []
        let released = changes.filter { $0["action"] as? String == "release" && $0["kind"] as? String == "instance" }.compactMap { $0["id"] as? String }
        #expect(released == ["i-1"], "only the deleted file's instance is released: \(released)")
        let text = try repository.plan(["--base", "main", "--color", "never"])
        // The deleted file's finding is at its first line, at the path it had.
        #expect(text.stdout.contains("infra/gone.yaml:1:1: warning[ENI002]"), "\(text.stdout)")
        #expect(text.stdout.contains("note: the base revision has it at main:infra/gone.yaml:"))
        // Named, a file the work tree no longer has adds its base version alone.
        let named = try repository.plan(["--base", "main", "--color", "never", "infra/gone.yaml"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("infra/gone.yaml:1:1: warning[ENI002]"), "\(named.stdout)")
    }

    @Test func fromASubfolderPathsAreRelativeToIt() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try repository.write("infra/eni.yaml", Self.head)
        let infra = repository.url.appendingPathComponent("infra")
        for arguments in [["--base", "main"], ["--base", "main", "eni.yaml"], ["--base", "main", "../infra/./eni.yaml"]] {
            let result = try EniplanRunner.run(["plan", "--color", "never"] + arguments, in: infra, environment: Self.gitEnvironment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("note: the base revision has it at main:infra/eni.yaml:"), "\(arguments): \(result.stdout)")
        }
        let sarif = try EniplanRunner.run(["plan", "--base", "main", "--format", "sarif"], in: infra, environment: Self.gitEnvironment)
        for uri in Self.strings(forKey: "uri", in: try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8))) where !uri.hasPrefix("file://") {
            #expect(uri == "infra/eni.yaml")
        }
    }

    @Test func aRenamedFileFindsItsBaseVersion() throws {
        let repository = try Repository(["infra/old.yaml": Self.base])
        try repository.git("mv", "infra/old.yaml", "infra/new.yaml")
        try repository.write("infra/new.yaml", Self.base.replacingOccurrences(of: "deleteOnRelease: true", with: "deleteOnRelease: false"))
        let result = try repository.plan(["--base", "main", "--color", "never", "--format", "json", "infra/new.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        // The same instance on both sides: updated, not added, so the base version was read under the old name.
        #expect(!result.stdout.contains("\"create\""))
        #expect(result.stdout.contains("\"update\""), "\(result.stdout)")
    }

    @Test func aNewFileHasAnEmptyCurrentState() throws {
        let repository = try Repository(["README.md": "hello\n"])
        try repository.write("infra/eni.yaml", Self.base)
        let result = try repository.plan(["--base", "main", "--color", "never", "--format", "json", "infra/eni.yaml"])
        #expect(result.status != 1, "\(result.stderr)")
        #expect(result.stdout.contains("\"action\" : \"create\""), "\(result.stdout)")
        #expect(!result.stdout.contains("\"action\" : \"release\""))
    }

    @Test func baseAndCurrentCombine() throws {
        let repository = try Repository(["infra/eni.yaml": Self.head])
        try repository.write("state.yaml", Self.base.replacingOccurrences(of: "kind: Manifest", with: "kind: State"))
        let result = try repository.plan(["--base", "main", "--current", "state.yaml", "--color", "never", "infra/eni.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("state.yaml:"))
        #expect(result.stdout.contains("instance i-1 will be released"))
    }

    @Test func errorsSayWhatIsWrong() throws {
        let outside = try ScratchFolder()
        try outside.write("eni.yaml", Self.head)
        let notARepository = try EniplanRunner.run(["plan", "--base", "main", "eni.yaml"], in: outside.url, environment: Self.gitEnvironment)
        #expect(notARepository.status == 1)
        #expect(notARepository.stderr.hasPrefix("eniplan: error: --base reads the manifests from git, but "))
        #expect(notARepository.stderr.contains("is not in a git work tree"))

        let repository = try Repository(["infra/eni.yaml": Self.base, "infra/policy.yaml": "apiVersion: eniplan/v1\nkind: Policy\nrules: []\n"])
        let unknown = try repository.plan(["--base", "no-such-branch"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("eniplan: error: unknown revision 'no-such-branch': no commit of that name"))

        let empty = try repository.plan(["--base", "", "infra/eni.yaml"])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--base needs a git revision"))
        let option = try repository.plan(["--base=--output=x", "infra/eni.yaml"])
        #expect(option.status == 64)

        try repository.write("infra/policy.yaml", Self.head)
        let notAManifest = try repository.plan(["--base", "main", "infra/policy.yaml"])
        #expect(notAManifest.status == 1)
        #expect(notAManifest.stderr.hasPrefix("main:infra/policy.yaml:1:1: error: this is not an eniplan manifest (kind Manifest or State) at 'main'"),
                "\(notAManifest.stderr)")

        try repository.write("infra/eni.yaml", Self.head)
        let tooLarge = try repository.plan(["--base", "main", "--max-file-size", "200", "infra/eni.yaml"])
        #expect(tooLarge.status == 1)
        #expect(tooLarge.stderr.hasPrefix("main:infra/eni.yaml:1:1: error: the file is \(Self.base.utf8.count) bytes, over the limit of 200"),
                "\(tooLarge.stderr)")

        let missing = try repository.plan(["--base", "main", "infra/none.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("infra/none.yaml:1:1: error: cannot read"))
    }

    @Test func hostilePathsAreArgumentsAndEscapedForDisplay() throws {
        let name = "infra/-n $(touch pwned) \u{1b}[31m.yaml"
        let repository = try Repository([name: Self.base])
        try repository.write(name, Self.head)
        let result = try repository.plan(["--base", "main", "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repository.url.appendingPathComponent("pwned").path))
        #expect(!result.stdout.contains("\u{1b}"))
        #expect(result.stdout.contains("warning[ENI002]"))
    }

    @Test func aFolderNamedLikeABaseVersionIsNotTakenForOne() throws {
        let repository = try Repository(["main:infra/eni.yaml": Self.base, "infra/eni.yaml": Self.base])
        try repository.write("main:infra/eni.yaml", Self.head)
        let result = try repository.plan(["--base", "main", "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("./main:infra/eni.yaml:4:1: warning[ENI002]"), "\(result.stdout)")
        let named = try repository.plan(["--base", "main", "infra/eni.yaml", "main:infra/eni.yaml"])
        #expect(named.status == 1)
        #expect(named.stderr.contains("is both a file given and the name of its base version"))
    }

    @Test func aLinkIsPlannedAsTheFileItPointsTo() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try FileManager.default.createSymbolicLink(atPath: repository.url.appendingPathComponent("eni.yaml").path, withDestinationPath: "infra/eni.yaml")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "link")
        try repository.write("infra/eni.yaml", Self.head)
        // An untracked link to the changed file: the file is planned once, not again through the link.
        try FileManager.default.createSymbolicLink(atPath: repository.url.appendingPathComponent("again.yaml").path, withDestinationPath: "infra/eni.yaml")
        let result = try repository.plan(["--base", "HEAD", "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("infra/eni.yaml:4:1: warning[ENI002]"), "\(result.stdout)")
        let named = try repository.plan(["--base", "HEAD", "eni.yaml"])
        #expect(named.status == 1)
        #expect(named.stderr.hasPrefix("HEAD:eni.yaml:1:1: error: this is a symbolic link at 'HEAD', not a file"), "\(named.stderr)")
    }

    @Test func aManifestBrokenInTheHeadIsAnErrorNotSkipped() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base, "infra/broken.yaml": Self.base, "chart/values.yaml": "a: 1\n"])
        try repository.write("infra/eni.yaml", Self.head.replacingOccurrences(of: "kind: Manifest", with: "kind: Manfest"))
        try repository.write("infra/broken.yaml", "instances: [\n")
        try repository.write("chart/values.yaml", "a: {{ .Values.a }\n")
        let result = try repository.plan(["--base", "main"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("infra/eni.yaml:2:7: error:"), "\(result.stderr)")
        #expect(result.stderr.contains("infra/broken.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("eniplan: note: skipped 'chart/values.yaml', which does not load"), "\(result.stderr)")
    }

    /// A changed YAML file that is not eniplan's (a values file with a `region` key) is no manifest, as a sweep says too.
    @Test func aChangedFileThatIsNotEniplansIsLeftAlone() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try repository.write("infra/eni.yaml", Self.head)
        try repository.write("values.yaml", "region: us-east-1\nreplicas: 3\n")
        let result = try repository.plan(["--base", "main", "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("instance i-1 will be released"), "\(result.stdout)")
    }

    /// git's messages are read while its output is: a git that warns a lot (a line per file) must not stall the run.
    @Test func aGitThatWarnsALotDoesNotStallTheRun() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base])
        try repository.write("infra/eni.yaml", Self.head)
        let tools = try ScratchFolder()
        let wrapper = try tools.write("git", "#!/bin/sh\nhead -c 400000 /dev/zero | tr '\\0' 'w' >&2\nexec /usr/bin/env -u ENIPLAN_NO_SUCH PATH=\"$REAL_PATH\" git \"$@\"\n")
        #expect(chmod(wrapper, 0o755) == 0)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var environment = GitBaseTests.gitEnvironment
        environment["PATH"] = tools.url.path + ":" + path
        environment["REAL_PATH"] = path
        let result = try EniplanRunner.run(["plan", "--base", "main", "--color", "never"], in: repository.url, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("instance i-1 will be released"), "\(result.stdout)")
    }

    @Test func twoRunsAreByteIdentical() throws {
        let repository = try Repository(["infra/eni.yaml": Self.base, "infra/b.yaml": Self.head])
        try repository.write("infra/eni.yaml", Self.head)
        try repository.write("infra/b.yaml", Self.base)
        let first = try repository.plan(["--base", "main", "--format", "sarif"])
        let second = try repository.plan(["--base", "main", "--format", "sarif"])
        #expect(first.status == second.status)
        #expect(first.stdout == second.stdout)
    }

    /// Every string value stored under `key` anywhere in a decoded JSON value.
    static func strings(forKey key: String, in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { entry -> [String] in
                if entry.key == key, let text = entry.value as? String { return [text] }
                return strings(forKey: key, in: entry.value)
            }
        }
        if let array = value as? [Any] { return array.flatMap { strings(forKey: key, in: $0) } }
        return []
    }
}

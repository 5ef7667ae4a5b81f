import Foundation
import Testing

/// The JSON Schemas in `Schemas/` checked against what eniplan really reads and writes: the JSON the
/// binary prints for every example, every example manifest, the built-in region catalogue, and files
/// that eniplan refuses. Validation is python3's `jsonschema` (Draft 2020-12), YAML reading is PyYAML;
/// `.ci/run` installs both, and a missing one fails these tests rather than skipping them.
@Suite("JSON Schemas")
struct SchemaTests {
    // MARK: The schemas themselves

    @Test(arguments: ["manifest", "state", "plan", "regions"])
    func schemaIsValidDraft202012WithIdAndTitle(_ name: String) throws {
        let file = SchemaValidator.schema(name)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["$id"] as? String == "https://eniplan.dev/schemas/\(name).schema.json")
        #expect((object["title"] as? String)?.isEmpty == false)
        #expect((object["description"] as? String)?.isEmpty == false)
        let verdict = try SchemaValidator.checkSchema(file)
        #expect(verdict.isValid, "\(file) is not a valid Draft 2020-12 schema:\n\(verdict.errors)")
    }

    // MARK: What the binary prints

    @Test func examplesExist() {
        #expect(!ExampleFiles.planPairs().isEmpty, "no folder under Examples/ has current.yaml and desired.yaml (or base.yaml and head.yaml)")
        #expect(!ExampleFiles.typedInputs().isEmpty, "no file under Examples/ has kind Manifest or State")
    }

    @Test(arguments: ExampleFiles.planPairs())
    func planOutputMatchesThePlanSchema(_ pair: ExampleFiles.PlanPair) throws {
        let result = try EniplanRunner.run(["plan", "--format", "json", "--current", pair.current, pair.desired])
        try expectValidPlan(result, of: "plan --current \(pair.current) \(pair.desired)")
    }

    /// `check` on every example manifest and state: each desired.yaml, and current, base and head files too.
    @Test(arguments: ExampleFiles.typedInputs().filter { $0.schema != "regions" }.map(\.file))
    func checkOutputMatchesThePlanSchema(_ file: String) throws {
        let result = try EniplanRunner.run(["check", "--format", "json", file])
        try expectValidPlan(result, of: "check \(file)")
    }

    /// Expected outputs kept beside the examples, where they are JSON plans.
    @Test(arguments: ExampleFiles.recordedPlans())
    func recordedPlanMatchesThePlanSchema(_ file: String) throws {
        let verdict = try SchemaValidator.validate(ExampleFiles.absolute(file), against: "plan")
        #expect(verdict.isValid, "\(file) does not match Schemas/plan.schema.json:\n\(verdict.errors)")
    }

    private func expectValidPlan(_ result: RunResult, of run: String) throws {
        try #require(result.status == 0 || result.status == 3,
                     "\(run) exited \(result.status), so it printed no plan; stderr:\n\(result.stderr)")
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", result.stdout)
        let verdict = try SchemaValidator.validate(path, against: "plan")
        #expect(verdict.isValid, "the JSON of \(run) does not match Schemas/plan.schema.json:\n\(verdict.errors)\n\(result.stdout)")
    }

    /// A small plan in the contract, and edits that each take it outside: the plan schema must refuse them.
    static let planInContract = """
        {"formatVersion": "1.0", "tool": {"name": "eniplan", "version": "0.1.0"},
         "regionCatalog": {"version": "2026-02-28", "source": "seed"}, "region": "cn-hangzhou",
         "summary": {"instances": {"release": 1}, "networkInterfaces": {"release": 1}, "effects": {"eip": {"dissociated": 1}}},
         "changes": [
           {"kind": "instance", "id": "i-a", "action": "release", "reason": "absent_from_desired_state",
            "before": {"status": "running"}, "after": null, "effects": []},
           {"kind": "networkInterface", "id": "eni-a", "action": "release", "reason": "delete_on_release_default",
            "before": {"type": "primary", "status": "inuse", "instance": "i-a", "deleteOnRelease": true}, "after": null,
            "location": {"file": "desired.yaml", "line": 3, "column": 5, "endLine": 9, "endColumn": 1},
            "effects": [{"kind": "eip", "id": "eip-a", "outcome": "dissociated"},
                        {"kind": "privateIpv4", "value": "10.0.0.4", "outcome": "released"}],
            "instance": "i-a"}],
         "findings": []}
        """

    static let planEdits: [(name: String, from: String, to: String)] = [
        ("an unknown top-level key", #""findings": []"#, #""findings": [], "warnings": []"#),
        ("another format version", #""formatVersion": "1.0""#, #""formatVersion": "2.0""#),
        ("an instance retained", #""id": "i-a", "action": "release""#, #""id": "i-a", "action": "retain""#),
        ("an EIP released", #""outcome": "dissociated""#, #""outcome": "released""#),
        ("an unknown outcome without a reason", #""value": "10.0.0.4", "outcome": "released""#, #""value": "10.0.0.4", "outcome": "unknown""#),
        ("an address that is not one", #""value": "10.0.0.4""#, #""value": "eni-a""#),
        ("an ENI snapshot without deleteOnRelease", #", "deleteOnRelease": true"#, ""),
        ("an unknown action in the summary", #""networkInterfaces": {"release": 1}"#, #""networkInterfaces": {"evaporate": 1}"#),
        ("a reason that is not snake_case", #""delete_on_release_default""#, #""Delete on release""#),
        ("a finding without a rule id", #""findings": []"#, #""findings": [{"severity": "error", "message": "m"}]"#),
    ]

    @Test func planSchemaAcceptsASmallPlan() throws {
        let folder = try ScratchFolder()
        let verdict = try SchemaValidator.validate(try folder.write("plan.json", Self.planInContract), against: "plan")
        #expect(verdict.isValid, "\(verdict.errors)")
    }

    @Test(arguments: planEdits.map(\.name))
    func planSchemaRefusesOutputOutsideTheContract(_ name: String) throws {
        let edit = try #require(Self.planEdits.first { $0.name == name })
        try #require(Self.planInContract.contains(edit.from))
        let folder = try ScratchFolder()
        let path = try folder.write("plan.json", Self.planInContract.replacingOccurrences(of: edit.from, with: edit.to))
        let verdict = try SchemaValidator.validate(path, against: "plan")
        #expect(!verdict.isValid, "Schemas/plan.schema.json accepts a plan with \(name)")
    }

    // MARK: What the binary reads

    @Test(arguments: ExampleFiles.typedInputs())
    func exampleInputMatchesItsSchema(_ input: ExampleFiles.TypedInput) throws {
        let verdict = try SchemaValidator.validate(ExampleFiles.absolute(input.file), against: input.schema, yaml: true,
                                                   expectingKind: input.kind)
        #expect(verdict.isValid, "\(input.file) does not match Schemas/\(input.schema).schema.json:\n\(verdict.errors)")
    }

    @Test func builtInRegionCatalogueMatchesTheRegionsSchema() throws {
        let catalogue = EniplanRunner.packageRoot.appendingPathComponent("Sources/EniplanCore/Resources/regions.yaml").path
        let verdict = try SchemaValidator.validate(catalogue, against: "regions", yaml: true, expectingKind: "RegionCatalog")
        #expect(verdict.isValid, "the built-in regions.yaml does not match Schemas/regions.schema.json:\n\(verdict.errors)")
    }

    // MARK: The schemas agree with the decoder

    /// An input, the schema it is checked against, and for an input that eniplan refuses, the words
    /// the schema's complaint must contain (so a schema that accepts everything fails).
    struct Sample: CustomTestStringConvertible, Sendable {
        var name: String
        var schema = "manifest"
        var yaml: String
        var complaint = ""

        var testDescription: String { name }
    }

    static let refused: [Sample] = [
        Sample(name: "misspelt key", yaml: manifest(eni: "deleteOnRelaese: false"), complaint: "'deleteOnRelaese' was unexpected"),
        Sample(name: "misspelt top-level key", yaml: "apiVersion: eniplan/v1\nkind: Manifest\nregoin: cn-hangzhou\n",
                complaint: "'regoin' was unexpected"),
        Sample(name: "YAML 1.1 boolean", yaml: manifest(eni: "deleteOnRelease: yes"), complaint: "'yes' is not of type 'boolean'"),
        Sample(name: "capitalised boolean", yaml: manifest(instance: "deletionProtection: True"), complaint: "'True' is not of type 'boolean'"),
        Sample(name: "quoted boolean", yaml: manifest(eni: "deleteOnRelease: \"false\""), complaint: "'false' is not of type 'boolean'"),
        Sample(name: "unknown status", yaml: manifest(instance: "status: runing"), complaint: "'runing' is not one of"),
        Sample(name: "unknown ENI type", yaml: manifest(type: "primay"), complaint: "'primay' is not one of"),
        Sample(name: "ENI without type", yaml: manifest(type: nil), complaint: "'type' is a required property"),
        Sample(name: "two primary ENIs", yaml: manifest(eni: "privateIpv4: [10.0.0.4]\n      - id: eni-b\n        type: primary"),
                complaint: "expected at most 1"),
        Sample(name: "no primary ENI", yaml: manifest(type: "secondary"), complaint: "does not contain items matching"),
        Sample(name: "an instance with an empty ENI list", yaml: "apiVersion: eniplan/v1\nkind: Manifest\ninstances:\n  - id: i-a\n    networkInterfaces: []\n",
               complaint: "does not contain items matching"),
        Sample(name: "instance without ENIs", yaml: "apiVersion: eniplan/v1\nkind: Manifest\ninstances:\n  - id: i-a\n",
                complaint: "'networkInterfaces' is a required property"),
        Sample(name: "IPv4 octet over 255", yaml: manifest(eni: "privateIpv4: [10.0.0.256]"), complaint: "does not match"),
        Sample(name: "IPv4 with a leading zero", yaml: manifest(eni: "privateIpv4: [10.0.0.04]"), complaint: "does not match"),
        Sample(name: "prefix length over 32", yaml: manifest(eni: "ipv4Prefixes: [10.0.8.0/33]"), complaint: "does not match"),
        Sample(name: "bad IPv6", yaml: manifest(eni: "ipv6: [\"2408::4005::1\"]"), complaint: "does not match"),
        Sample(name: "negative bandwidth", yaml: manifest(eni: "ipv6Bandwidth: -1"), complaint: "less than the minimum of 0"),
        Sample(name: "route without next hop",
                yaml: "apiVersion: eniplan/v1\nkind: Manifest\nrouteTables:\n  - id: vtb-1\n    entries:\n      - destination: 10.1.0.0/16\n",
                complaint: "'nextHop' is a required property"),
        Sample(name: "wrong apiVersion", yaml: "apiVersion: eniplan/v2\nkind: Manifest\n", complaint: "'eniplan/v1' was expected"),
        Sample(name: "missing kind", yaml: "apiVersion: eniplan/v1\n", complaint: "'kind' is a required property"),
        Sample(name: "state instance without id", schema: "state",
                yaml: manifest(instance: "name: web-1", kind: "State", id: nil), complaint: "'id' is a required property"),
        Sample(name: "misspelt catalogue key", schema: "regions",
                yaml: "apiVersion: eniplan/v1\nkind: RegionCatalog\nversion: \"1\"\nsource: test\nregions:\n  - {id: cn-hangzhou, primaryEniRetention: true, nmae: x}\n",
                complaint: "'nmae' was unexpected"),
    ]

    @Test(arguments: refused)
    func refusedByTheSchemaAndByEniplan(_ testCase: Sample) throws {
        let folder = try ScratchFolder()
        let path = try folder.write("input.yaml", testCase.yaml)
        let verdict = try SchemaValidator.validate(path, against: testCase.schema, yaml: true)
        #expect(!verdict.isValid, "Schemas/\(testCase.schema).schema.json accepts what eniplan refuses:\n\(testCase.yaml)")
        #expect(verdict.errors.contains(testCase.complaint), "the schema's errors were:\n\(verdict.errors)")
        let result = try decode(path, schema: testCase.schema, in: folder)
        #expect(result.status == 1, "eniplan accepts what the schema refuses:\n\(testCase.yaml)\nstdout:\n\(result.stdout)")
    }

    /// Manifests that look odd but that eniplan accepts: the schema must accept them too.
    static let accepted: [Sample] = [
        Sample(name: "the sketch of DESIGN.md", yaml: """
            apiVersion: eniplan/v1
            kind: Manifest
            region: cn-hangzhou
            scope:
              vpcs: [vpc-1]
              tags: {team: payments}
            instances:
              - id: i-web1
                name: web-1
                zone: cn-hangzhou-h
                vpc: vpc-1
                status: running
                deletionProtection: false
                networkInterfaces:
                  - id: eni-web1
                    type: primary
                    deleteOnRelease: false
                    vswitch: vsw-1
                    privateIpv4: [10.0.0.4, 10.0.0.5]
                    ipv4Prefixes: [10.0.8.0/28]
                    ipv6: ["2408:4005::1"]
                    ipv6Prefixes: []
                    ipv6Bandwidth: 10
                    eip: eip-1
                    securityGroups: [sg-1]
                    tags: {env: prod}
            networkInterfaces:
              - id: eni-spare
                zone: cn-hangzhou-h
                vpc: vpc-1
                deleteOnRelease: false
            eips:
              - id: eip-1
                address: 203.0.113.10
                chargeType: PostPaid
            routeTables:
              - id: vtb-1
                vpc: vpc-1
                entries:
                  - destination: 10.1.0.0/16
                    nextHop: eni-web1

            """),
        Sample(name: "optional keys written empty or null",
               yaml: manifest(instance: "zone:\n    vpc: ~\n    eip: null\n    tags:", eni: "deleteOnRelease:\n        ipv6Bandwidth: ~")
                   + "scope:\nnetworkInterfaces:\neips: ~\n"),
        Sample(name: "a new instance with a name only", yaml: manifest(instance: "name: web-2", id: nil)),
        Sample(name: "unquoted numbers and booleans as text", yaml: manifest(instance: "name: 2024\n    tags: {costCenter: 1234, managed: true}")),
        Sample(name: "IPv6 with an IPv4 tail and a zero-padded prefix length",
               yaml: manifest(eni: "ipv6: [\"::ffff:10.0.0.4\", \"1:2:3:4:5:6:1.2.3.4\"]\n        ipv4Prefixes: [10.0.8.0/028]")),
        Sample(name: "an IPv6 route destination",
               yaml: "apiVersion: eniplan/v1\nkind: Manifest\nrouteTables:\n  - id: vtb-1\n    entries:\n      - {destination: \"2408:4005::/56\", nextHop: i-a, id: rte-1}\n"),
        Sample(name: "a state snapshot", schema: "state", yaml: manifest(instance: "status: stopped", kind: "State")),
    ]

    @Test(arguments: accepted)
    func acceptedByTheSchemaAndByEniplan(_ testCase: Sample) throws {
        let folder = try ScratchFolder()
        let path = try folder.write("input.yaml", testCase.yaml)
        let result = try decode(path, schema: testCase.schema, in: folder)
        #expect(result.status != 1, "eniplan refuses this case, so it shows nothing about the schema:\n\(result.stderr)")
        let verdict = try SchemaValidator.validate(path, against: testCase.schema, yaml: true)
        #expect(verdict.isValid, "Schemas/\(testCase.schema).schema.json refuses what eniplan accepts:\n\(verdict.errors)\n\(testCase.yaml)")
    }

    /// Has eniplan decode `path`: as a manifest through `check`, or as a region catalogue through `--regions`.
    private func decode(_ path: String, schema: String, in folder: ScratchFolder) throws -> RunResult {
        if schema == "regions" {
            let manifest = try folder.write("empty.yaml", "apiVersion: eniplan/v1\nkind: Manifest\n")
            return try EniplanRunner.run(["check", "--format", "json", "--regions", path, manifest])
        }
        return try EniplanRunner.run(["check", "--format", "json", path])
    }

    /// A one-instance manifest with one ENI, with `instance` and `eni` lines added to them.
    static func manifest(instance: String? = nil, eni: String? = nil, type: String? = "primary", kind: String = "Manifest",
                         id: String? = "i-a") -> String {
        var text = "apiVersion: eniplan/v1\nkind: \(kind)\nregion: cn-hangzhou\ninstances:\n  - "
        var instanceLines = [id.map { "id: \($0)" }, instance].compactMap { $0 }
        if instanceLines.isEmpty { instanceLines = ["name: web-1"] }
        text += instanceLines.joined(separator: "\n    ") + "\n    networkInterfaces:\n      - id: eni-a\n"
        if let type { text += "        type: \(type)\n" }
        if let eni { text += "        \(eni)\n" }
        return text
    }
}

/// The files under `Examples/`, found afresh on every run so that new examples are checked without
/// touching this file. Paths are relative to the package root, where the binary runs.
enum ExampleFiles {
    /// The current and desired state of one `plan`: `current.yaml` and `desired.yaml`, or a pull
    /// request's `base.yaml` and `head.yaml`.
    struct PlanPair: CustomTestStringConvertible, Sendable {
        var current: String
        var desired: String

        var testDescription: String { desired }
    }

    /// A manifest, state or region catalogue and the schema it must match.
    struct TypedInput: CustomTestStringConvertible, Sendable {
        var file: String
        var kind: String
        var schema: String

        var testDescription: String { file }
    }

    static func absolute(_ file: String) -> String { EniplanRunner.packageRoot.appendingPathComponent(file).path }

    /// Every file under `Examples/`, relative and sorted.
    static func all() -> [String] {
        let root = EniplanRunner.packageRoot
        guard let walker = FileManager.default.enumerator(at: root.appendingPathComponent("Examples"),
                                                          includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let prefix = root.standardizedFileURL.path + "/"
        var files: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { files.append(String(path.dropFirst(prefix.count))) }
        }
        return files.sorted()
    }

    /// Folders with `current.yaml` and `desired.yaml` (or `base.yaml` and `head.yaml`): a `plan` each.
    static func planPairs() -> [PlanPair] {
        let files = Set(all())
        var pairs: [PlanPair] = []
        for (current, desired) in [("current.yaml", "desired.yaml"), ("base.yaml", "head.yaml")] {
            for file in files where file.hasSuffix("/" + desired) {
                let folder = file.dropLast(desired.count)
                if files.contains(folder + current) { pairs.append(PlanPair(current: folder + current, desired: file)) }
            }
        }
        return pairs.sorted { $0.desired < $1.desired }
    }

    /// YAML and JSON inputs by their top-level `kind`.
    static func typedInputs() -> [TypedInput] {
        let schemas = ["Manifest": "manifest", "State": "state", "RegionCatalog": "regions"]
        return all().filter { file in [".yaml", ".yml", ".json"].contains { file.hasSuffix($0) } }.compactMap { file in
            guard let text = try? String(contentsOfFile: absolute(file), encoding: .utf8),
                  let kind = topLevelKind(text, json: file.hasSuffix(".json")), let schema = schemas[kind] else { return nil }
            return TypedInput(file: file, kind: kind, schema: schema)
        }
    }

    /// JSON files that hold a plan (a `formatVersion` key), such as recorded expected output.
    static func recordedPlans() -> [String] {
        all().filter { file in
            file.hasSuffix(".json") && ((try? String(contentsOfFile: absolute(file), encoding: .utf8))?.contains("\"formatVersion\"") ?? false)
        }
    }

    /// The value of the top-level `kind`: a `kind:` line in YAML, the first `"kind"` member in JSON. A
    /// guess from the text; the validator checks the parsed document has that kind, so a wrong guess fails.
    static func topLevelKind(_ text: String, json: Bool) -> String? {
        if json {
            guard let key = text.range(of: "\"kind\"") else { return nil }
            let rest = text[key.upperBound...].drop { $0.isWhitespace }
            guard rest.first == ":" else { return nil }
            let value = rest.dropFirst().drop { $0.isWhitespace }
            guard value.first == "\"" else { return nil }
            return String(value.dropFirst().prefix { $0.isLetter })
        }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("kind:") {
            let value = line.dropFirst("kind:".count).drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }
            return String(value.prefix { $0.isLetter })
        }
        return nil
    }
}

/// Validates a file against a schema in `Schemas/` with python3's jsonschema.
enum SchemaValidator {
    struct Verdict {
        var isValid: Bool
        /// One line per error: the JSON path, then jsonschema's message.
        var errors: String
    }

    /// Python or one of its modules is missing: a failure with the fix, never a skip.
    struct ToolMissing: Error, CustomStringConvertible {
        var description: String
    }

    static func schema(_ name: String) -> String {
        EniplanRunner.packageRoot.appendingPathComponent("Schemas/\(name).schema.json").path
    }

    static func checkSchema(_ file: String) throws -> Verdict {
        try run(["check-schema", file])
    }

    /// `yaml` reads the file as eniplan does (YAML 1.2 core: only true/false are booleans, no dates);
    /// `expectingKind` also requires the document's `kind` to be that.
    static func validate(_ file: String, against name: String, yaml: Bool = false, expectingKind kind: String? = nil) throws -> Verdict {
        try run([yaml ? "yaml" : "json", schema(name), file, kind ?? ""])
    }

    private static func run(_ arguments: [String]) throws -> Verdict {
        let folder = try ScratchFolder()
        let outPath = try folder.write("stdout", [])
        let errPath = try folder.write("stderr", [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try String(contentsOfFile: outPath, encoding: .utf8)
        let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
        switch process.terminationStatus {
        case 0: return Verdict(isValid: true, errors: "")
        case 1: return Verdict(isValid: false, errors: stdout)
        case 127: throw ToolMissing(description: "python3 is not on PATH; the schema tests need python3 with jsonschema and PyYAML (.ci/run installs them)")
        case 3: throw ToolMissing(description: stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        default: throw ToolMissing(description: "the schema validator failed (exit \(process.terminationStatus)):\n\(stderr)")
        }
    }

    /// Exit 0: valid; 1: invalid, one error a line on stdout; 2: the script failed; 3: a module is missing.
    static let script = #"""
        import json, re, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 has no jsonschema module; install it with 'python3 -m pip install jsonschema pyyaml' (.ci/run does)", file=sys.stderr)
            sys.exit(3)

        def load_yaml(path):
            try:
                import yaml
            except ImportError:
                print("python3 has no yaml module (PyYAML); install it with 'python3 -m pip install pyyaml' (.ci/run does)", file=sys.stderr)
                sys.exit(3)
            class Loader(yaml.SafeLoader):
                pass
            # Scalars as eniplan reads them: booleans are exactly true and false, null is empty, ~ or null,
            # integers are decimal (08 is 8), and there are no dates, sexagesimals or merge keys.
            Loader.yaml_implicit_resolvers = {}
            Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
            Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
            Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10))
            Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
                list("-+0123456789."))
            Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])
            with open(path, encoding="utf-8") as f:
                return yaml.load(f, Loader=Loader)

        def where(error):
            return "/" + "/".join(str(part) for part in error.absolute_path)

        def main():
            mode = sys.argv[1]
            with open(sys.argv[2], encoding="utf-8") as f:
                schema = json.load(f)
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as error:
                print(f"the schema itself is invalid: {where(error)}: {error.message}")
                sys.exit(1)
            if mode == "check-schema":
                sys.exit(0)
            path, kind = sys.argv[3], sys.argv[4]
            if mode == "yaml":
                document = load_yaml(path)
            else:
                with open(path, encoding="utf-8") as f:
                    document = json.load(f)
            problems = []
            if kind and not (isinstance(document, dict) and document.get("kind") == kind):
                problems.append(f"/kind: expected the document to have kind {kind}")
            for error in sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
                problems.append(f"{where(error)}: {error.message}")
                for detail in error.context or []:
                    problems.append(f"  {where(detail)}: {detail.message}")
            print("\n".join(problems))
            sys.exit(1 if problems else 0)

        try:
            main()
        except SystemExit:
            raise
        except BaseException:
            import traceback
            traceback.print_exc()
            sys.exit(2)
        """#
}

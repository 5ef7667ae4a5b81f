import Foundation
import Testing
import EniplanYAML
@testable import EniplanCore

/// Every diagnostic carries a stable code: the YAML loader's codes cross into the core unchanged, and
/// each of the core's codes is one some decoder or check gives.
@Suite("diagnostic codes")
struct DiagnosticCodeTests {
    /// The package's `Sources/<module>` folder, read from the sources beside this test.
    static func sources(_ module: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources").appendingPathComponent(module)
    }

    /// The text of every Swift file under `folder`, but `except`.
    static func swiftText(under folder: URL, except excluded: String = "") throws -> String {
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var text = ""
        for case let file as URL in files where file.pathExtension == "swift" && file.lastPathComponent != excluded {
            text += try String(contentsOf: file, encoding: .utf8)
        }
        return text
    }

    /// The libraries say what is wrong and carry ``Advice``; only the CLI knows its flags and commands. No message of
    /// the loader, the decoders or the inputs layer names one (the Alibaba Cloud CLI's `--pager` is the user's command).
    @Test func inputMessagesNameNoFlagOrCommand() throws {
        let folders = [Self.sources("EniplanYAML")] + ["Decoding", "Inputs", "Diagnostics"].map { Self.sources("EniplanCore").appendingPathComponent($0) }
        for folder in folders {
            let code = try Self.swiftText(under: folder).split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            for line in code {
                let text = line.replacing("--pager", with: "")
                #expect(text.firstMatch(of: /"[^"]*(?:--[a-z]|'eniplan [a-z])[^"]*"/) == nil, "\(folder.lastPathComponent): \(line)")
            }
        }
    }

    @Test func aLimitErrorCarriesItsAdvice() throws {
        var options = LoaderOptions()
        options.limits.maxFileBytes = 4
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load(bytes: Array("a: b\n".utf8), file: "x.yaml", options: options) }
        #expect(error.advice == .raiseLimit(.fileSize))
        #expect(!error.message.contains("--"))
    }

    @Test func everyYAMLCodeKeepsItsRawValue() {
        for code in YAMLError.Code.allCases {
            #expect(Diagnostic(YAMLError(code, at: .startOfFile("x.yaml"), "m")).code.rawValue == code.rawValue)
        }
    }

    @Test func rawValuesAreUniqueSnakeCase() {
        let raw = Diagnostic.Code.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for value in raw {
            #expect(value.allSatisfy { ("a"..."z").contains($0) || $0 == "_" } && !value.hasPrefix("_") && !value.hasSuffix("_"), "\(value)")
        }
    }

    /// Every code is given somewhere: a YAML code by the loader, a core code by a decoder or check.
    @Test func everyCodeIsGiven() throws {
        let yaml = try Self.swiftText(under: Self.sources("EniplanYAML"), except: "YAMLError.swift")
        let core = try Self.swiftText(under: Self.sources("EniplanCore"), except: "DiagnosticCode.swift")
        for code in YAMLError.Code.allCases {
            #expect(yaml.contains("YAMLError(.\(code),"), "the loader never gives \(code.rawValue)")
        }
        for code in DiagnosticCode.allCases {
            let given = core.contains("(.\(code),") || core.contains("? .\(code) :") || core.contains(": .\(code)\n")
            #expect(given, "no source gives the code \(code.rawValue)")
        }
    }

    static func decodingCodes(_ text: String, file: String = "manifest.yaml") -> [Diagnostic.Code] {
        do {
            _ = try ManifestDecoder.decode(try YAMLLoader.load(bytes: Array(text.utf8), file: file))
            return []
        } catch let error as InputError {
            return error.diagnostics.map(\.code)
        } catch let error as YAMLError {
            return InputError(error).diagnostics.map(\.code)
        } catch {
            return []
        }
    }

    static let header = "apiVersion: eniplan/v1\nkind: Manifest\nregion: cn-hangzhou\n"

    @Test(arguments: [
        (header + "instances: []\nregoin: x\n", [Diagnostic.Code.input(.unknownKey)]),
        (header + "instances: {a: 1}\n", [.input(.wrongType)]),
        ("kind: Manifest\nregion: cn-hangzhou\ninstances: []\n", [.input(.missingKey)]),
        ("apiVersion: eniplan/v9\nkind: Manifest\nregion: cn-hangzhou\ninstances: []\n", [.input(.unsupportedVersion)]),
        ("apiVersion: eniplan/v1\nkind: Policy\nrules: []\n", [.input(.wrongKind)]),
        (header + "instances:\n  - id: i-1\n    networkInterfaces:\n      - {id: eni-1, type: primary, deleteOnRelease: yes}\n", [.input(.wrongType)]),
        (header + "instances:\n  - id: i-1\n    networkInterfaces:\n      - {id: eni-1, type: primry}\n", [.input(.invalidValue), .input(.missingKey)]),
        (header + "instances:\n  - id: i-1\n    networkInterfaces: [{id: eni-1, type: primary}]\n  - id: i-1\n    networkInterfaces: [{id: eni-2, type: primary}]\n",
         [.input(.duplicateId)]),
        (header + "instances: [\n", [.yaml(.syntax)]),
        (header + "instances: []\nregion: cn-beijing\n", [.yaml(.duplicateKey)]),
        ("", [.input(.emptyFile)]),
    ])
    func manifestProblemsHaveTheirCode(text: String, codes: [Diagnostic.Code]) {
        #expect(Self.decodingCodes(text) == codes)
    }

    @Test func aliasBudgetKeepsTheLoaderCode() throws {
        var limits = LoaderLimits()
        limits.maxAliasExpansion = 10
        let text = "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a, *a]\n"
        #expect(throws: YAMLError.self) { try YAMLLoader.load(bytes: Array(text.utf8), file: "x.yaml", options: LoaderOptions(limits: limits)) }
        do {
            _ = try YAMLLoader.load(bytes: Array(text.utf8), file: "x.yaml", options: LoaderOptions(limits: limits))
        } catch {
            let diagnostic = try #require(InputError(error).diagnostics.first)
            #expect(diagnostic.code == .yaml(.aliasBudgetExceeded))
            #expect(diagnostic.range?.description == "x.yaml:2:13")
        }
    }

    @Test func refusedPolicyPatternAndConfigPathHaveTheirCodes() throws {
        let policy = "apiVersion: eniplan/v1\nkind: Policy\nrules:\n  - id: P1\n    severity: error\n    message: m\n"
            + "    match: {kind: networkInterface, where: [{field: name, matches: '(a+)+\\1'}]}\n    require: {fields: {deleteOnRelease: false}}\n"
        #expect(throws: InputError.self) { try PolicyDecoder.decode(try YAMLLoader.load(bytes: Array(policy.utf8), file: "p.yaml"), known: InputLoader.knownRules) }
        do {
            _ = try PolicyDecoder.decode(try YAMLLoader.load(bytes: Array(policy.utf8), file: "p.yaml"), known: InputLoader.knownRules)
        } catch let error as InputError {
            #expect(error.diagnostics.map(\.code) == [.input(.patternRefused)])
        }
        let config = "apiVersion: eniplan/v1\nkind: Config\npolicies: [/etc/passwd]\n"
        do {
            _ = try InputLoader.configuration(from: try YAMLLoader.load(bytes: Array(config.utf8), file: "/tmp/repo/.eniplan.yaml"))
            Issue.record("an absolute policy path was accepted")
        } catch let error as InputError {
            #expect(error.diagnostics.map(\.code) == [.input(.pathOutsideConfig)])
            #expect(error.diagnostics.first?.range?.description == "/tmp/repo/.eniplan.yaml:3:12")
        }
    }

    /// No responses at all is a problem with no place in any file: the range is nil, not a made-up file.
    @Test func noInputHasNoLocation() {
        do {
            _ = try AliyunStateMerger.merge([])
            Issue.record("no responses were accepted")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.input(.noInput)])
            #expect(error.diagnostics.first?.range == nil)
            #expect(error.diagnostics.first?.message == "no Alibaba Cloud API responses were given")
        }
    }
}

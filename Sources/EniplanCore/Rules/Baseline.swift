import Foundation
import EniplanYAML

/// Accepted findings, keyed by fingerprint (rule and resource identity, never a line number).
public struct Baseline: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var ruleId: String
        public var resource: ResourceReference
        public var message: String
    }

    public static let formatVersion = "1.0"
    public var entries: [Entry]

    public init(findings: [Finding]) {
        var seen: Set<String> = []
        entries = findings.filter { $0.suppression == nil && seen.insert($0.fingerprint).inserted }
            .map { Entry(fingerprint: $0.fingerprint, ruleId: $0.ruleId, resource: $0.resource, message: $0.message) }
            .sorted { ($0.ruleId, $0.resource.id, $0.fingerprint) < ($1.ruleId, $1.resource.id, $1.fingerprint) }
    }

    private struct File: Codable {
        var formatVersion: String
        var tool: String
        var findings: [Entry]
    }

    /// The baseline as a JSON document, deterministic.
    public func rendered() -> String {
        // Strings and numbers only: encoding cannot fail.
        (try? PrettyJSONEncoder().encodeLine(File(formatVersion: Self.formatVersion, tool: "eniplan", findings: entries))) ?? "{}\n"
    }

    /// Reads a baseline written by `eniplan baseline write`.
    public static func load(contentsOf path: String) throws(InputError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError([Diagnostic(at: .startOfFile(path), "cannot read baseline '\(path)'")])
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.formatVersion.hasPrefix("1.") else {
                throw InputError([Diagnostic(at: .startOfFile(path), "baseline format \(file.formatVersion) is not supported (expected 1.x)")])
            }
            var baseline = Baseline(findings: [])
            baseline.entries = file.findings
            return baseline
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError([Diagnostic(at: .startOfFile(path), "'\(path)' is not an eniplan baseline (write one with 'eniplan baseline write')")])
        }
    }
}

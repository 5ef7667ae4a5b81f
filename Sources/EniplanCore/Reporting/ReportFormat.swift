/// Every output eniplan can write; one run can write several (`--format text --format sarif=out.sarif`).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case text
    case json
    case sarif
    case junit
    case github
    case markdown
}

/// What reporters need beyond the analysis itself.
public struct ReportOptions: Sendable {
    /// The least severe finding that blocks, for verdicts.
    public var failOn: Severity
    /// Whether a baseline was given, so reports separate new, baselined and fixed findings.
    public var usedBaseline: Bool
    /// ANSI colour, for text on a terminal.
    public var useColor: Bool
    /// Absolute path of the repository root (or working folder): SARIF URIs and GitHub paths are relative to it.
    public var rootDirectory: String
    /// Absolute path of the working folder, against which the input paths in locations were given.
    public var workingDirectory: String
    /// SARIF `automationDetails.id`: the code-scanning category.
    public var category: String
    /// Whether the text plan lists resources the change keeps as they are (hidden by default: a reviewer reads
    /// what changes).
    public var showUnchanged = false

    public init(failOn: Severity = .error, usedBaseline: Bool = false, useColor: Bool = false, rootDirectory: String,
                workingDirectory: String, category: String = "eniplan/") {
        self.failOn = failOn
        self.usedBaseline = usedBaseline
        self.useColor = useColor
        self.rootDirectory = rootDirectory
        self.workingDirectory = workingDirectory
        self.category = category
    }

    /// `path` (as written in a location) relative to the repository root, with forward slashes.
    public func repositoryPath(_ path: String) -> String {
        var absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        absolute = Self.normalized(absolute)
        let root = Self.normalized(rootDirectory)
        if absolute.hasPrefix(root + "/") { return String(absolute.dropFirst(root.count + 1)) }
        return absolute
    }

    /// Removes `.` and `..` components and duplicate slashes: an absolute path.
    package static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

import EniplanYAML

/// Applies inline (`# eniplan:ignore ENI002 reason="..." expires=YYYY-MM-DD`) and config suppressions,
/// and reports the ones that are malformed, expired or unused.
struct Suppressions {
    private struct Entry {
        var rules: [String]
        var resource: String?
        var reason: String?
        var expires: String?
        var source: SuppressionMark.Source
        var location: SourceRange
        /// Inline: the lines the comment covers.
        var lines: ClosedRange<Int>?
        var used = false
    }

    /// A resource entry (an instance, an ENI, an EIP, a route entry) whose first line an inline suppression
    /// covers: the suppression covers the findings located anywhere inside it too.
    private struct CoveredResource {
        var range: SourceRange
        /// Resource entries written inside this one (an instance's ENIs): findings there are theirs, not its.
        var nested: [SourceRange]
        var entries: [Int]

        func contains(_ position: SourcePosition) -> Bool {
            Self.range(range, contains: position) && !nested.contains { Self.range($0, contains: position) }
        }

        private static func range(_ range: SourceRange, contains position: SourcePosition) -> Bool {
            range.start <= position && (position < range.end || position == range.start)
        }
    }

    private var entries: [Entry] = []
    /// Inline entries by file, then by each line they cover.
    private var inlineByLine: [String: [Int: [Int]]] = [:]
    /// Covered resources by file, then by each line they span, so a finding looks only at those around its line.
    private var coveredResources: [String: [Int: [CoveredResource]]] = [:]
    /// Problems with the suppressions themselves, reported as findings.
    private(set) var problems: [Finding] = []

    static let marker = "eniplan:ignore"
    /// The rule ids a suppression may name: the built-in rules and the policies' rules.
    private let knownRules: Set<String>
    /// Did-you-mean for unknown rule ids, each distinct id worked out once and at most a budget of them.
    private var suggestions: SuggestionIndex
    /// Most rule ids one comment may name; a comment naming more is malformed and suppresses nothing.
    static let maximumRules = 64

    init(manifests: [Manifest], configuration: Configuration, knownRules: Set<String>) {
        self.knownRules = knownRules
        suggestions = SuggestionIndex(knownRules)
        for manifest in manifests {
            for comment in manifest.comments {
                let text = comment.text.trimmingLeadingSpaces()
                guard text.hasPrefix(Self.marker) else { continue }
                parseInline(String(text.dropFirst(Self.marker.count)), comment: comment, knownRules: knownRules)
            }
        }
        indexInlineEntries(manifests: manifests)
        for suppression in configuration.suppressions {
            entries.append(Entry(rules: [suppression.rule], resource: suppression.resource, reason: suppression.reason,
                                 expires: suppression.expires, source: .config, location: suppression.range))
            validate(entries[entries.count - 1], knownRules: knownRules)
        }
    }

    private mutating func parseInline(_ body: String, comment: YAMLComment, knownRules: Set<String>) {
        var rules: [String] = []
        var ruleCount = 0
        var reason: String?
        var expires: String?
        var rest = Substring(body)
        while let first = rest.first(where: { $0 != " " }) {
            rest = rest.drop { $0 == " " }
            if rest.hasPrefix("reason=") {
                rest = rest.dropFirst("reason=".count)
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                    reason = String(rest[..<end])
                    rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
                } else {
                    let end = rest.firstIndex(of: " ") ?? rest.endIndex
                    reason = String(rest[..<end])
                    rest = rest[end...]
                }
            } else if rest.hasPrefix("expires=") {
                rest = rest.dropFirst("expires=".count)
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                expires = String(rest[..<end])
                rest = rest[end...]
            } else {
                _ = first
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                // Past the limit the names are only counted: the comment is refused whatever they are.
                if rules.count <= Self.maximumRules {
                    rules += rest[..<end].split(separator: ",").map(String.init)
                    ruleCount = rules.count
                } else {
                    ruleCount += rest[..<end].split(separator: ",").count
                }
                rest = rest[end...]
            }
        }
        let line = comment.range.start.line
        // A comment on its own line covers the line below; a trailing one covers its own line.
        let lines = comment.isOwnLine ? line...(line + 1) : line...line
        if ruleCount > Self.maximumRules {
            let resource = ResourceReference(kind: .suppression, id: "\(comment.range.file):\(ruleCount) rules")
            problems.append(problem(Self.malformed, "this suppression names \(ruleCount) rules, more than the \(Self.maximumRules) one comment may name; it suppresses nothing (split it into several comments)",
                                    resource, comment.range))
            // No rule and a reason: nothing it could suppress, and not reported again as naming no rule or unused.
            entries.append(Entry(rules: [], resource: nil, reason: "", expires: nil, source: .inline, location: comment.range, lines: lines))
            return
        }
        let entry = Entry(rules: rules, resource: nil, reason: reason?.isEmpty == true ? nil : reason, expires: expires,
                          source: .inline, location: comment.range, lines: lines)
        entries.append(entry)
        validate(entry, knownRules: knownRules)
    }

    /// Indexes the inline entries by the lines they cover, and finds the resource entries whose first line
    /// one of them covers (a comment on the resource's line or the line above).
    private mutating func indexInlineEntries(manifests: [Manifest]) {
        for (entryIndex, entry) in entries.enumerated() {
            guard let lines = entry.lines else { continue }
            for line in lines { inlineByLine[entry.location.file, default: [:]][line, default: []].append(entryIndex) }
        }
        guard !inlineByLine.isEmpty else { return }
        func cover(_ range: SourceRange, nested: [SourceRange] = []) {
            guard let covering = inlineByLine[range.file]?[range.start.line] else { return }
            let resource = CoveredResource(range: range, nested: nested, entries: covering)
            for line in range.start.line...max(range.start.line, range.end.line) {
                coveredResources[range.file, default: [:]][line, default: []].append(resource)
            }
        }
        for manifest in manifests {
            for instance in manifest.instances {
                cover(instance.range, nested: instance.networkInterfaces.map(\.range).filter { $0.file == instance.range.file })
                for eni in instance.networkInterfaces { cover(eni.range) }
            }
            for eni in manifest.networkInterfaces { cover(eni.range) }
            for eip in manifest.eips { cover(eip.range) }
            for table in manifest.routeTables {
                for entry in table.entries { cover(entry.range) }
            }
        }
    }

    /// The inline entries that cover `location`: on its line or the line above, or on the first line (or the line
    /// above) of the innermost resource entry it lies in. In the entries' order, without repeats.
    private func inlineEntries(covering location: SourceRange) -> [Int] {
        var found = inlineByLine[location.file]?[location.start.line] ?? []
        for resource in coveredResources[location.file]?[location.start.line] ?? [] where resource.contains(location.start) {
            found += resource.entries
        }
        return found.count > 1 ? Array(Set(found)).sorted() : found
    }

    private mutating func validate(_ entry: Entry, knownRules: Set<String>) {
        let resource = ResourceReference(kind: .suppression, id: "\(entry.location.file):\(entry.rules.joined(separator: ","))")
        if entry.rules.isEmpty {
            problems.append(problem(Self.malformed,
                                    "this suppression names no rule; write the rule id after '\(DisplayText.quoted(Self.marker))'", resource, entry.location))
        }
        for rule in entry.rules where !knownRules.contains(rule) {
            let hint = suggestions.closest(to: rule).map { "; did you mean '\(DisplayText.quoted($0))'?" } ?? ""
            problems.append(problem(Self.malformed, "this suppression names unknown rule '\(DisplayText.quoted(rule))'\(hint)",
                                    resource, entry.location))
        }
        if let expires = entry.expires, let message = Self.dateProblem(expires) {
            problems.append(problem(Self.malformed, message, resource, entry.location))
        }
        if entry.reason == nil {
            problems.append(problem(Self.missingReason,
                                    "this suppression has no reason; add reason=\"...\" saying why the finding is accepted",
                                    resource, entry.location))
        }
    }

    /// Marks every finding a valid, unexpired suppression covers; notes expired ones.
    mutating func apply(to findings: inout [Finding], today: String) {
        // Index the config entries by rule, so each finding tries only those that can cover it; inline ones are
        // indexed by file and line. Candidates keep the entries' order, so the first that applies wins.
        var byRule: [String: [Int]] = [:]
        for (entryIndex, entry) in entries.enumerated() where entry.lines == nil {
            for rule in entry.rules { byRule[rule, default: []].append(entryIndex) }
        }
        for index in findings.indices {
            let finding = findings[index]
            let candidates = (inlineEntries(covering: finding.location) + (byRule[finding.ruleId] ?? [])).sorted()
            for entryIndex in candidates {
                let entry = entries[entryIndex]
                // A malformed suppression (no reason, a bad date) is reported and suppresses nothing.
                guard entry.rules.contains(finding.ruleId), entry.reason != nil, entry.expires.map(Self.isDate) ?? true,
                      entry.source == .inline || entry.resource == nil || entry.resource == finding.resource.id else { continue }
                if let expires = entry.expires, expires < today {
                    findings[index].notes.append("a suppression at \(DisplayText.location(entry.location)) expired on \(expires) and no longer applies")
                    entries[entryIndex].used = true
                    continue
                }
                entries[entryIndex].used = true
                findings[index].suppression = SuppressionMark(source: entry.source, reason: entry.reason ?? "", expires: entry.expires,
                                                              location: entry.location)
                break
            }
        }
        // A malformed one (no reason, no rule, an unknown rule, a bad date) is reported as such, not as unused as well.
        for entry in entries where !entry.used && entry.reason != nil && !entry.rules.isEmpty && entry.rules.allSatisfy(knownRules.contains)
            && (entry.expires.map(Self.isDate) ?? true) {
            let resource = ResourceReference(kind: .suppression, id: "\(entry.location.file):\(entry.rules.joined(separator: ","))")
            problems.append(problem(Self.unused,
                                    "this suppression of \(entry.rules.joined(separator: ", ")) matches no finding; remove it",
                                    resource, entry.location))
        }
    }

    /// A finding of the suppression check `rule`, with its default severity.
    private func problem(_ rule: RuleDescription, _ message: String, _ resource: ResourceReference, _ location: SourceRange) -> Finding {
        Finding(ruleId: rule.id, slug: rule.slug, severity: rule.severity, message: message, resource: resource, location: location,
                discriminator: message)
    }

    /// Whether `text` is a calendar date written `YYYY-MM-DD` (2027-02-30 is not).
    static func isDate(_ text: String) -> Bool { dateProblem(text) == nil }

    /// Why `text` is not a calendar date written `YYYY-MM-DD`, or nil when it is one.
    static func dateProblem(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return "expires must be a date written YYYY-MM-DD, not '\(DisplayText.quoted(text))'"
        }
        guard (1...12).contains(month) else { return "expires '\(DisplayText.quoted(text))' is not a date: there is no month \(parts[1])" }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            return "expires '\(DisplayText.quoted(text))' is not a date: \(parts[0])-\(parts[1]) has \(days) days"
        }
        return nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Dates as eniplan reads them: `YYYY-MM-DD`, checked against the calendar.
public enum CalendarDate {
    /// Whether `text` is such a date (2028-02-29 is, 2027-02-29 and 2027-02-30 are not).
    public static func isValid(_ text: String) -> Bool { Suppressions.isDate(text) }
}

private extension String {
    func trimmingLeadingSpaces() -> Substring { drop { $0 == " " || $0 == "\t" } }
}

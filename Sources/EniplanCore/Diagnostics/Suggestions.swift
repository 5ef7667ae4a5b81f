/// Did-you-mean suggestions for misspelt keys and values.
package enum Suggestions {
    /// The candidate closest to `text` by edit distance, if it is close enough to be a likely typo.
    ///
    /// A candidate is at most 3 edits away, and the edit distance is at least the difference in length, so a
    /// value more than 3 characters longer than every candidate matches none and is never compared: a 1 MiB
    /// value costs no more than a short one.
    package static func closest(to text: String, in candidates: [String]) -> String? {
        let longest = candidates.map(\.count).max() ?? 0
        guard text.index(text.startIndex, offsetBy: longest + maximumDistance + 1, limitedBy: text.endIndex) == nil else { return nil }
        let source = Array(text.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let target = Array(candidate.lowercased())
            let allowed = max(1, min(maximumDistance, candidate.count / 3))
            guard abs(source.count - target.count) <= allowed else { continue }
            let distance = editDistance(source, target, limit: allowed)
            if distance <= allowed && distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Most edits a suggestion may be away from the text.
    static let maximumDistance = 3

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        editDistance(a, b, limit: max(a.count, b.count))
    }

    /// The edit distance of `a` and `b` when it is at most `limit`, else `limit + 1`: only the cells within `limit` of
    /// the diagonal are worked out, and a row whose every cell is over the limit ends the search. A suggestion allows
    /// three edits, so comparing two unrelated ids costs a few rows of seven cells, not the whole table.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let over = limit + 1
        var previous = [Int](repeating: over, count: b.count + 1)
        var current = [Int](repeating: over, count: b.count + 1)
        for j in 0...min(b.count, limit) { previous[j] = j }
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[low - 1] = low == 1 && i <= limit ? i : over
            var smallest = current[low - 1]
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    let value = min(previous[j] + 1, current[j - 1] + 1, substitution, over)
                    current[j] = value
                    smallest = min(smallest, value)
                }
            }
            if high < b.count { current[high + 1] = over }
            if smallest > limit { return over }
            swap(&previous, &current)
        }
        return min(previous[b.count], over)
    }
}

/// Did-you-mean over one fixed set of candidates, for callers that ask about many names (a suppression's rule
/// ids): candidates are sorted and lowercased once and kept by length, each distinct name is worked out once,
/// and once ``defaultBudget`` names have been compared in all no more are, so a file of thousands of unknown
/// names among a thousand policy rules costs a bounded number of comparisons.
struct SuggestionIndex {
    /// Comparisons (edit distances) one index makes in all; a name met after they are spent gets no suggestion.
    static let defaultBudget = 20_000

    private let byLength: [Int: [(candidate: String, lowered: [Character])]]
    private var found: [String: String?] = [:]
    private var budget: Int

    init(_ candidates: some Sequence<String>, budget: Int = defaultBudget) {
        var byLength: [Int: [(candidate: String, lowered: [Character])]] = [:]
        for candidate in Set(candidates).sorted() {
            let lowered = Array(candidate.lowercased())
            byLength[lowered.count, default: []].append((candidate, lowered))
        }
        self.byLength = byLength
        self.budget = budget
    }

    /// What ``Suggestions/closest(to:in:)`` suggests for `text` among the candidates, or nil once the budget is spent.
    mutating func closest(to text: String) -> String? {
        if let known = found[text] { return known }
        guard budget > 0 else { return nil }
        var best: (String, Int)?
        // A candidate allows at most `maximumDistance` edits, and at least its length differs from the text's.
        let limit = Suggestions.maximumDistance
        if text.index(text.startIndex, offsetBy: (byLength.keys.max() ?? 0) + limit + 1, limitedBy: text.endIndex) == nil {
            let source = Array(text.lowercased())
            for length in max(0, source.count - limit)...(source.count + limit) {
                for (candidate, target) in byLength[length] ?? [] {
                    let allowed = max(1, min(limit, candidate.count / 3))
                    guard abs(source.count - target.count) <= allowed else { continue }
                    guard budget > 0 else { found[text] = .some(nil); return nil }
                    budget -= 1
                    let distance = Suggestions.editDistance(source, target, limit: allowed)
                    if distance <= allowed && (best.map { distance < $0.1 || distance == $0.1 && candidate < $0.0 } ?? true) {
                        best = (candidate, distance)
                    }
                }
            }
        }
        found[text] = best?.0
        return best?.0
    }
}

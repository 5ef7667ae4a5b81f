/// Did-you-mean suggestions for misspelt keys and values.
enum Suggestions {
    /// The candidate closest to `text` by edit distance, if it is close enough to be a likely typo.
    ///
    /// A candidate is at most 3 edits away, and the edit distance is at least the difference in length, so a
    /// value more than 3 characters longer than every candidate matches none and is never compared: a 1 MiB
    /// value costs no more than a short one.
    static func closest(to text: String, in candidates: [String]) -> String? {
        let longest = candidates.map(\.count).max() ?? 0
        guard text.index(text.startIndex, offsetBy: longest + maximumDistance + 1, limitedBy: text.endIndex) == nil else { return nil }
        let source = Array(text.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let target = Array(candidate.lowercased())
            let allowed = max(1, min(maximumDistance, candidate.count / 3))
            guard abs(source.count - target.count) <= allowed else { continue }
            let distance = editDistance(source, target)
            if distance <= allowed && distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Most edits a suggestion may be away from the text.
    static let maximumDistance = 3

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

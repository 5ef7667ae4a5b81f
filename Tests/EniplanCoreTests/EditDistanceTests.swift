import Testing
@testable import EniplanCore

/// The banded edit distance, which stops at a limit, agrees with the whole table wherever the distance is within it.
@Suite("edit distance")
struct EditDistanceTests {
    /// The textbook table, every cell worked out: the oracle.
    static func full(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    @Test func theBandAgreesWithTheWholeTableOnEveryPairOfShortWords() {
        // Every word of up to four letters over a two-letter alphabet, with a few longer ones: all the shapes of a band.
        var words: [String] = [""]
        for _ in 0..<4 { words += words.flatMap { [$0 + "a", $0 + "b"] } }
        words = Array(Set(words)).sorted() + ["eni-bp1web1", "eni-bp1web2", "eni-bp1wbe1", "i-bp1db1", "abababab", "bbbbbbbbba"]
        for a in words {
            for b in words {
                let x = Array(a), y = Array(b)
                let exact = Self.full(x, y)
                for limit in 0...4 {
                    #expect(Suggestions.editDistance(x, y, limit: limit) == min(exact, limit + 1), "'\(a)' '\(b)' limit \(limit)")
                }
                #expect(Suggestions.editDistance(x, y) == exact)
            }
        }
    }
}

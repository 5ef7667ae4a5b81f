import Testing
@testable import EniplanCore

/// The policy pattern matcher: the same answers as Swift's `Regex` on the subset, the refusals, the bounds.
@Suite("policy patterns")
struct PolicyPatternTests {
    static let patterns = [
        "", "i-", "^i-", "-prod$", "^i-[0-9a-z]+$", "^eni-[a-f0-9]{4,8}$", "web|db", "^(web|db)-\\d+$", "^(?:web|db)-\\d{1,3}$",
        "a*", "a+b", "ab?c", "^a{3}$", "^a{2,}$", "^a{0,2}$", "^(ab)*$", "^(a|b)*c", "x.y", "^.$", "^..$", "^...$", "\\.",
        "^[^-]+$", "[-a]", "[a-]", "[\\]]", "[\\w-]+$", "\\s", "\\S+", "^\\D*$", "^\\W$", "\\w", "^\\d+$", "[\\d.]+",
        "cn-(hangzhou|beijing)-[a-z]", "^sg-[a-z0-9]+(,sg-[a-z0-9]+)*$", "^10\\.0\\.\\d+\\.\\d+", "^$", "$", "^", "()", "(|a)b",
        "^(a*)*$", "^(a+)+$", "(a|aa)*b", "^[à-ÿ]$", "^[a-z]$", "^é$", "^[é]$", "^[^a]$", "e", "^\\$\\^\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\\\$",
        "a*?b", "^a+?$", "^a??b", "^a{1,2}?$", "[A-Z][a-z]+", "^[^\\s,]+$", "^[\\S]+$", "^[^\\d]+$", "}", "]", "a}",
    ]

    static let values = [
        "", "i-", "i-0abc123", "eni-beef", "eni-beef0123x", "web-1", "db-22", "web-1234", "cache", "aaa", "aa", "a", "aaaa", "ab",
        "abab", "aba", "abc", "ac", "aab", "aaab", "b", "c", "x.y", "xzy", "x\ny", "cn-hangzhou-h", "cn-shanghai-a", "10.0.3.4",
        "10.1.3.4", "sg-1,sg-2", "sg-1,", "a b", "a\tb", "e\u{301}", "é", "ÿ", "A", "Prod", "42", "٣", "½", "_", "-", "]", "}",
        "a}", "$^*+?()[]{}|\\", "line\n", "\r\n", "🇫🇷", "👍🏽", "a\u{2028}b", "x\u{85}y",
    ]

    /// Every pattern of the corpus, on every value, answers as `String.firstMatch(of:)` with Swift's `Regex` does.
    @Test(arguments: patterns)
    func agreesWithSwiftRegex(_ source: String) throws {
        let pattern = try PolicyPattern(source)
        let regex = try Regex(source)
        for value in Self.values {
            #expect(pattern.matches(value) == (value.firstMatch(of: regex) != nil),
                    "pattern \(source.debugDescription) on \(value.debugDescription)")
        }
    }

    /// Patterns built at random from the subset's constructs over a small alphabet, on every short value
    /// of that alphabet, answer as Swift's `Regex` does (a fixed seed: the same patterns every run).
    @Test func agreesWithSwiftRegexOnGeneratedPatterns() throws {
        var random = SplitMix(seed: 0x5EED_0A11)
        let values = (0...5).flatMap { length in Self.strings(of: length, over: ["a", "b", "-"]) }
        for _ in 0..<300 {
            let source = Self.pattern(depth: 3, random: &random)
            let pattern = try PolicyPattern(source)
            let regex = try Regex(source)
            for value in values {
                #expect(pattern.matches(value) == (value.firstMatch(of: regex) != nil), "pattern \(source.debugDescription) on \(value.debugDescription)")
            }
        }
    }

    private static func strings(of length: Int, over alphabet: [String]) -> [String] {
        length == 0 ? [""] : strings(of: length - 1, over: alphabet).flatMap { prefix in alphabet.map { prefix + $0 } }
    }

    private static func pattern(depth: Int, random: inout SplitMix) -> String {
        let atoms = ["a", "b", "-", ".", "[ab]", "[^a]", "\\w", "\\W", "[a-b]", "^", "$", "\\-"]
        let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,}", "{0,2}", "*?", "+?"]
        var parts: [String] = []
        for _ in 0..<(1 + random.next(3)) {
            var atom = depth > 0 && random.next(3) == 0
                ? (random.next(2) == 0 ? "(" : "(?:") + pattern(depth: depth - 1, random: &random) + ")"
                : atoms[random.next(atoms.count)]
            if atom != "^" && atom != "$" { atom += quantifiers[random.next(quantifiers.count)] }
            parts.append(atom)
        }
        let branch = parts.joined()
        return depth > 0 && random.next(4) == 0 ? branch + "|" + pattern(depth: depth - 1, random: &random) : branch
    }

    /// A small deterministic generator (SplitMix64).
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var pattern: String
        var position: Int
        var reason: String
        var testDescription: String { pattern }
    }

    static let refusals: [Refusal] = [
        .init(pattern: "^(a)\\1$", position: 5, reason: "back-reference '\\1' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?<n>a)\\k<n>", position: 1, reason: "named group '(?<name>' is not supported; use '(' or '(?:'"),
        .init(pattern: "a(?=b)", position: 2, reason: "lookahead '(?=' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "a(?!b)", position: 2, reason: "negative lookahead '(?!' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?<=a)b", position: 1, reason: "lookbehind '(?<=' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?<!a)b", position: 1, reason: "negative lookbehind '(?<!' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?>a+)b", position: 1, reason: "atomic group '(?>' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "(?i)prod", position: 1, reason: "group option '(?i' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "a++", position: 2, reason: "possessive quantifier '++' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "a{2}+", position: 2, reason: "possessive quantifier '{2}+' is not supported (policy patterns run in linear time, without backtracking)"),
        .init(pattern: "\\bweb", position: 1, reason: "word boundary '\\b' is not supported"),
        .init(pattern: "\\Aweb\\z", position: 1, reason: "anchor '\\A' is not supported; use '^' and '$'"),
        .init(pattern: "\\p{L}", position: 1, reason: "Unicode property '\\p' is not supported; use a class such as '[a-z]'"),
        .init(pattern: "\\x41", position: 1, reason: "code point escape '\\x' is not supported; write the character itself"),
        .init(pattern: "a\\nb", position: 2, reason: "control escape '\\n' is not supported; write the character itself"),
        .init(pattern: "\\q", position: 1, reason: "escape '\\q' is not supported; the escapes are \\d \\w \\s \\D \\W \\S and a backslash before punctuation"),
        .init(pattern: "ab\\", position: 3, reason: "the pattern ends in a lone '\\'; write '\\\\' for a literal backslash"),
        .init(pattern: "(ab", position: 1, reason: "'(' is never closed; write '\\(' for a literal '('"),
        .init(pattern: "a(b(c)", position: 2, reason: "'(' is never closed; write '\\(' for a literal '('"),
        .init(pattern: "ab)", position: 3, reason: "')' closes no group; write '\\)' for a literal ')'"),
        .init(pattern: "[ab", position: 1, reason: "'[' is never closed; write '\\[' for a literal '['"),
        .init(pattern: "[]a]", position: 1, reason: "a character class cannot be empty or start with ']'; write '\\]' for a literal ']'"),
        .init(pattern: "[z-a]", position: 2, reason: "invalid range 'z-a': 'z' comes after 'a'"),
        .init(pattern: "[\\d-z]", position: 2, reason: "a range must run between two single characters, not from a class escape"),
        .init(pattern: "[a-\\w]", position: 4, reason: "a range must run between two single characters, not to a class escape"),
        .init(pattern: "[[:alpha:]]", position: 2, reason: "nested classes and POSIX classes such as '[:alpha:]' are not supported; write '\\[' for a literal '['"),
        .init(pattern: "[a-z&&[^x]]", position: 5, reason: "class operator '&&' is not supported; escape it as '\\&\\&'"),
        .init(pattern: "*a", position: 1, reason: "quantifier '*' has nothing to repeat; write '\\*' for a literal '*'"),
        .init(pattern: "a|?", position: 3, reason: "quantifier '?' has nothing to repeat; write '\\?' for a literal '?'"),
        .init(pattern: "a**", position: 3, reason: "quantifier '*' follows another quantifier; group the repeated part, as in '(a+)*'"),
        .init(pattern: "a{2}{3}", position: 5, reason: "quantifier '{' follows another quantifier; group the repeated part, as in '(a+)*'"),
        .init(pattern: "a{,3}", position: 2, reason: "count '{,3}' has no lower bound; write '{0,3}'"),
        .init(pattern: "a{3,2}", position: 2, reason: "count '{3,2}' is an invalid range: 3 is more than 2"),
        .init(pattern: "a{1001}", position: 2, reason: "count '{1001}' is more than 1000, the largest a policy pattern may repeat"),
        .init(pattern: "a{99999999999999999999}", position: 2, reason: "count '{99999999999999999999}' is more than 1000, the largest a policy pattern may repeat"),
        .init(pattern: "x{", position: 2, reason: "'{' does not start a count {n}, {n,} or {n,m}; write '\\{' for a literal '{'"),
        .init(pattern: "(a{1000}){3}", position: 1, reason: "the pattern expands to 3001 steps once its counted repetitions are written out, more than the 2000 a policy pattern may have"),
        .init(pattern: "((a{1000}){1000}){1000}", position: 1, reason: "the pattern expands to more than 20000 steps once its counted repetitions are written out, more than the 2000 a policy pattern may have"),
        .init(pattern: String(repeating: "a", count: 1001), position: 1001, reason: "the pattern is 1001 characters long, more than the 1000 a policy pattern may have"),
        .init(pattern: String(repeating: "(", count: 101) + String(repeating: ")", count: 101), position: 101, reason: "groups are nested more than 100 deep"),
    ]

    @Test(arguments: refusals)
    func refusesWhatTheSubsetLeavesOut(_ refusal: Refusal) {
        #expect(throws: PolicyPatternError(reason: refusal.reason, position: refusal.position)) { try PolicyPattern(refusal.pattern) }
    }

    /// The patterns that make a backtracking engine take exponential time answer at once, and rightly.
    @Test(arguments: [
        ("^i-(a+)+$", "i-" + String(repeating: "a", count: 5_000) + "!", false),
        ("^i-(a+)+$", "i-" + String(repeating: "a", count: 5_000), true),
        ("(a|aa)*b", String(repeating: "a", count: 5_000), false),
        ("(a|aa)*b", String(repeating: "a", count: 5_000) + "b", true),
        ("(a*)*$", String(repeating: "a", count: 5_000) + "!", true),
        ("^(a*)*$", String(repeating: "a", count: 5_000) + "!", false),
        ("(.*a){20}", String(repeating: "a", count: 19) + String(repeating: "b", count: 5_000), false),
        ("(.*a){20}", String(repeating: "ab", count: 2_500), true),
    ])
    func catastrophicPatternsRunInLinearTime(_ source: String, _ value: String, _ expected: Bool) throws {
        let pattern = try PolicyPattern(source)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(pattern.matches(value) == expected)
        #expect(clock.now - start < .seconds(10))
    }

    /// The largest counts and programs the bounds allow still compile and match.
    @Test func theBoundsThemselvesAreAccepted() throws {
        let counted = try PolicyPattern("^a{1000}$")
        #expect(counted.matches(String(repeating: "a", count: 1000)))
        #expect(!counted.matches(String(repeating: "a", count: 999)))
        #expect(try PolicyPattern("(a{999}){2}").program.count <= PolicyPattern.maxProgramSize)
        #expect(try PolicyPattern(String(repeating: "a", count: 1000)).matches(String(repeating: "a", count: 1000)))
    }
}

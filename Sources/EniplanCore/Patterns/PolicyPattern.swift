import Foundation

/// A policy's `matches` pattern, compiled once at load to a small program that a Pike VM (a Thompson
/// NFA simulation without backtracking) runs in time O(program size × value length).
///
/// The syntax is an RE2-like subset of Swift's `Regex` with the same meaning for it (see README,
/// "Declarative policies"): the pattern is read and the value matched as `Character`s (extended
/// grapheme clusters, compared by canonical equivalence), and a value matches when the pattern is
/// found anywhere in it, as `String.firstMatch(of:)` finds it. Back-references, lookaround, atomic
/// groups and the like, which need backtracking, are refused when the pattern is compiled.
public struct PolicyPattern: Sendable, Hashable, CustomStringConvertible {
    /// The longest pattern accepted, in `Character`s.
    public static let maxPatternLength = 1_000
    /// The largest count of a bounded repetition (`{n}`, `{n,}`, `{n,m}`).
    public static let maxRepetitionCount = 1_000
    /// The largest program, in instructions, once counted repetitions are expanded.
    public static let maxProgramSize = 2_000
    /// The longest value matched, in UTF-8 bytes; a longer value is an error where it is written.
    public static let maxValueBytes = 16 * 1024

    /// The pattern as written.
    public let source: String
    /// The instructions; a `.character` one names its test by index in `tests`.
    let program: [Step]
    let tests: [CharacterTest]
    /// Each test's answers for the 128 ASCII characters, so an ASCII value (ids, zones, names) needs no
    /// Unicode property look-up.
    private let asciiAnswers: [ASCIIMask]

    /// Compiles `source`, refusing what the subset leaves out or what exceeds the bounds.
    public init(_ source: String) throws(PolicyPatternError) {
        self.source = source
        var tests: [CharacterTest] = []
        var positions: [CharacterTest: Int] = [:]
        program = try PolicyPatternCompiler.compile(source).map { instruction in
            switch instruction {
            case .character(let test):
                let index = positions[test] ?? tests.count
                if index == tests.count { tests.append(test); positions[test] = index }
                return .character(index)
            case .split(let first, let second): return .split(first, second)
            case .jump(let target): return .jump(target)
            case .startOfValue: return .startOfValue
            case .endOfValue: return .endOfValue
            case .match: return .match
            }
        }
        self.tests = tests
        asciiAnswers = tests.map(ASCIIMask.init)
    }

    public var description: String { source }

    public static func == (lhs: PolicyPattern, rhs: PolicyPattern) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Whether the pattern matches somewhere in `value`. Each `Character` of the value advances every
    /// live thread once and each instruction is entered at most once per position, so the work is at
    /// most (value length + 1) × program size steps.
    public func matches(_ value: String) -> Bool {
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        var generation = 0
        var iterator = value.makeIterator()
        var upcoming = iterator.next()
        if add(0, to: &current, generation: generation, atStart: true, atEnd: upcoming == nil, stack: &stack) { return true }
        while let character = upcoming {
            upcoming = iterator.next()
            let atEnd = upcoming == nil
            generation += 1
            next.removeAll()
            // A one-byte character is ASCII (and not CR-LF, which is one Character of two bytes).
            let ascii = character.utf8.count == 1 ? character.utf8.first : nil
            for pc in current.threads {
                guard case .character(let test) = program[pc] else { continue }
                let passes = if let ascii { asciiAnswers[test].contains(ascii) } else { tests[test].matches(character) }
                guard passes else { continue }
                if add(pc + 1, to: &next, generation: generation, atStart: false, atEnd: atEnd, stack: &stack) { return true }
            }
            // A search: a match may also begin after this character.
            if add(0, to: &next, generation: generation, atStart: false, atEnd: atEnd, stack: &stack) { return true }
            swap(&current, &next)
        }
        return false
    }

    /// Adds the thread at `start` and every thread reachable from it without consuming a character;
    /// true when one of them reaches `match`.
    private func add(_ start: Int, to list: inout ThreadList, generation: Int, atStart: Bool, atEnd: Bool, stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            guard list.insert(pc, generation: generation) else { continue }
            switch program[pc] {
            case .match: return true
            case .character: list.threads.append(pc)
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .startOfValue: if atStart { stack.append(pc + 1) }
            case .endOfValue: if atEnd { stack.append(pc + 1) }
            }
        }
        return false
    }
}

/// Why a pattern is refused, and at which `Character` of it (1-based).
public struct PolicyPatternError: Error, Sendable, Hashable {
    public var reason: String
    public var position: Int
}

extension PolicyPattern {
    /// An instruction as the matcher runs it: `Instruction` with its test replaced by an index.
    enum Step: Sendable, Hashable {
        case character(Int)
        case split(Int, Int)
        case jump(Int)
        case startOfValue
        case endOfValue
        case match
    }

    /// A set of ASCII bytes.
    private struct ASCIIMask: Sendable, Hashable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init(_ test: CharacterTest) {
            for byte in UInt8(0)..<128 where test.matches(Character(Unicode.Scalar(byte))) {
                if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
            }
        }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << byte) != 0 : byte < 128 && high & (1 << (byte - 64)) != 0
        }
    }

    /// One instruction of a compiled pattern.
    enum Instruction: Sendable, Hashable {
        /// Consume one character that passes the test, then go on at the next instruction.
        case character(CharacterTest)
        /// Go on at both instructions.
        case split(Int, Int)
        case jump(Int)
        /// `^`: only at the start of the value.
        case startOfValue
        /// `$`: only at the end of the value.
        case endOfValue
        case match
    }

    /// What one character must be, as Swift's `Regex` tests it at the grapheme-cluster level.
    enum CharacterTest: Sendable, Hashable {
        case literal(Character)
        /// `.`: any character but a newline (`Character.isNewline`).
        case any
        case shorthand(Shorthand, negated: Bool)
        case set(Members, negated: Bool)

        enum Shorthand: Sendable, Hashable {
            /// `\d`: `Character.isNumber`.
            case digit
            /// `\w`: a letter, a number or `_`.
            case word
            /// `\s`: `Character.isWhitespace`.
            case space

            func matches(_ character: Character) -> Bool {
                switch self {
                case .digit: character.isNumber
                case .word: character.isLetter || character.isNumber || character == "_"
                case .space: character.isWhitespace
                }
            }
        }

        /// The members of a bracketed class.
        struct Members: Sendable, Hashable {
            var characters: [Character] = []
            /// Inclusive ranges of Unicode scalars; a character is in one when its canonical composition is
            /// a single scalar in it (`[à-ÿ]` holds `e` + U+0301, which composes to `é`).
            var ranges: [ClosedRange<Unicode.Scalar>] = []
            var shorthands: [Shorthand] = []
            var negatedShorthands: [Shorthand] = []

            func contains(_ character: Character) -> Bool {
                if characters.contains(character) { return true }
                if !ranges.isEmpty, let scalar = Self.singleScalar(character), ranges.contains(where: { $0.contains(scalar) }) { return true }
                return shorthands.contains { $0.matches(character) } || negatedShorthands.contains { !$0.matches(character) }
            }

            private static func singleScalar(_ character: Character) -> Unicode.Scalar? {
                let scalars = character.unicodeScalars
                if scalars.count == 1 { return scalars.first }
                let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
                return composed.count == 1 ? composed.first : nil
            }
        }

        func matches(_ character: Character) -> Bool {
            switch self {
            case .literal(let expected): character == expected
            case .any: !character.isNewline
            case .shorthand(let shorthand, let negated): shorthand.matches(character) != negated
            case .set(let set, let negated): set.contains(character) != negated
            }
        }
    }

    /// The live threads at one position: a list, and a mark per instruction of the generation (position)
    /// that last added it, so no instruction is added twice.
    private struct ThreadList {
        var threads: [Int] = []
        private var marks: [Int]

        init(capacity: Int) {
            threads.reserveCapacity(capacity)
            marks = Array(repeating: -1, count: capacity)
        }

        mutating func insert(_ pc: Int, generation: Int) -> Bool {
            guard marks[pc] != generation else { return false }
            marks[pc] = generation
            return true
        }

        mutating func removeAll() { threads.removeAll(keepingCapacity: true) }
    }
}

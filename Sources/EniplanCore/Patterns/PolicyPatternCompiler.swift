private typealias Instruction = PolicyPattern.Instruction
private typealias CharacterTest = PolicyPattern.CharacterTest

/// Parses a policy pattern and compiles it to a `PolicyPattern` program, refusing, with the position
/// of the construct, everything outside the subset and anything over the bounds.
enum PolicyPatternCompiler {
    /// The deepest nesting of groups accepted.
    static let maxGroupDepth = 100

    static func compile(_ source: String) throws(PolicyPatternError) -> [PolicyPattern.Instruction] {
        let characters = Array(source)
        guard characters.count <= PolicyPattern.maxPatternLength else {
            throw PolicyPatternError(
                reason: "the pattern is \(characters.count) characters long, more than the \(PolicyPattern.maxPatternLength) a policy pattern may have",
                position: PolicyPattern.maxPatternLength + 1)
        }
        var parser = Parser(characters: characters)
        let tree = try parser.parseAlternation(depth: 0)
        if parser.index < characters.count {
            // Only a ')' stops the top-level alternation early.
            throw PolicyPatternError(reason: "')' closes no group; write '\\)' for a literal ')'", position: parser.index + 1)
        }
        let size = tree.size + 1
        guard size <= PolicyPattern.maxProgramSize else {
            let shown = size > PolicyPattern.maxProgramSize * 10 ? "more than \(PolicyPattern.maxProgramSize * 10)" : "\(size)"
            throw PolicyPatternError(
                reason: "the pattern expands to \(shown) steps once its counted repetitions are written out, more than the \(PolicyPattern.maxProgramSize) a policy pattern may have",
                position: 1)
        }
        var emitter = Emitter()
        emitter.program.reserveCapacity(size)
        emitter.emit(tree)
        emitter.program.append(.match)
        return emitter.program
    }
}

/// A parsed pattern.
indirect enum PatternNode: Sendable, Hashable {
    typealias CharacterTest = PolicyPattern.CharacterTest
    case empty
    case character(CharacterTest)
    case startOfValue
    case endOfValue
    case sequence([PatternNode])
    case alternation([PatternNode])
    /// `max` nil: no upper bound.
    case repetition(PatternNode, min: Int, max: Int?)

    /// The number of instructions the node compiles to, saturating well above the program bound.
    var size: Int {
        let cap = PolicyPattern.maxProgramSize * 10
        func add(_ a: Int, _ b: Int) -> Int { min(a + b, cap) }
        func multiply(_ a: Int, _ b: Int) -> Int { a == 0 || b == 0 ? 0 : min(a, cap) > cap / b ? cap : a * b }
        switch self {
        case .empty: return 0
        case .character, .startOfValue, .endOfValue: return 1
        case .sequence(let nodes): return nodes.reduce(0) { add($0, $1.size) }
        case .alternation(let branches): return add(branches.reduce(0) { add($0, $1.size) }, multiply(2, branches.count - 1))
        case .repetition(let node, let minimum, let maximum):
            let body = node.size
            guard let maximum else { return minimum == 0 ? add(body, 2) : add(multiply(minimum, body), 1) }
            return add(multiply(minimum, body), multiply(maximum - minimum, add(body, 1)))
        }
    }
}

private struct Parser {
    let characters: [Character]
    var index = 0

    init(characters: [Character]) { self.characters = characters }

    private var current: Character? { index < characters.count ? characters[index] : nil }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private func refuse(_ reason: String, at position: Int? = nil) -> PolicyPatternError {
        PolicyPatternError(reason: reason, position: (position ?? index) + 1)
    }

    /// Branches separated by `|`, up to a `)` or the end.
    mutating func parseAlternation(depth: Int) throws(PolicyPatternError) -> PatternNode {
        var branches = [try parseSequence(depth: depth)]
        while current == "|" {
            index += 1
            branches.append(try parseSequence(depth: depth))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence(depth: Int) throws(PolicyPatternError) -> PatternNode {
        var nodes: [PatternNode] = []
        while let character = current, character != "|", character != ")" {
            let atom = try parseAtom(depth: depth)
            nodes.append(try parseQuantifiers(of: atom))
        }
        return nodes.isEmpty ? .empty : nodes.count == 1 ? nodes[0] : .sequence(nodes)
    }

    private mutating func parseAtom(depth: Int) throws(PolicyPatternError) -> PatternNode {
        guard let character = current else { return .empty }
        switch character {
        case "(": return try parseGroup(depth: depth)
        case "[": return .character(try parseClass())
        case ".": index += 1; return .character(.any)
        case "^": index += 1; return .startOfValue
        case "$": index += 1; return .endOfValue
        case "\\": return .character(try parseEscape())
        case "*", "+", "?":
            throw refuse("quantifier '\(character)' has nothing to repeat; write '\\\(character)' for a literal '\(character)'")
        case "{":
            if countedRepetition() != nil {
                throw refuse("quantifier '{' has nothing to repeat; write '\\{' for a literal '{'")
            }
            throw refuse("'{' does not start a count {n}, {n,} or {n,m}; write '\\{' for a literal '{'")
        default:
            index += 1
            return .character(.literal(character))
        }
    }

    private mutating func parseGroup(depth: Int) throws(PolicyPatternError) -> PatternNode {
        let open = index
        guard depth < PolicyPatternCompiler.maxGroupDepth else {
            throw refuse("groups are nested more than \(PolicyPatternCompiler.maxGroupDepth) deep")
        }
        index += 1
        if current == "?" {
            let construct: String
            switch (peek(1), peek(2)) {
            case (":", _):
                index += 2
                return try parseGroupBody(open: open, depth: depth)
            case ("=", _): construct = "lookahead '(?='"
            case ("!", _): construct = "negative lookahead '(?!'"
            case ("<", "="): construct = "lookbehind '(?<='"
            case ("<", "!"): construct = "negative lookbehind '(?<!'"
            case (">", _): construct = "atomic group '(?>'"
            case ("<", _), ("P", _), ("'", _):
                throw refuse("named group '(?<name>' is not supported; use '(' or '(?:'", at: open)
            case ("#", _): construct = "comment '(?#'"
            default: construct = "group option '(?\(peek(1).map(String.init) ?? "")'"
            }
            throw refuse("\(construct) is not supported (policy patterns run in linear time, without backtracking)", at: open)
        }
        if current == "*" {
            throw refuse("verb '(*' is not supported", at: open)
        }
        return try parseGroupBody(open: open, depth: depth)
    }

    private mutating func parseGroupBody(open: Int, depth: Int) throws(PolicyPatternError) -> PatternNode {
        let body = try parseAlternation(depth: depth + 1)
        guard current == ")" else { throw refuse("'(' is never closed; write '\\(' for a literal '('", at: open) }
        index += 1
        return body
    }

    /// `*`, `+`, `?` and counts after an atom, each optionally lazy (`*?`, which matches the same values).
    private mutating func parseQuantifiers(of atom: PatternNode) throws(PolicyPatternError) -> PatternNode {
        let start = index
        let bounds: (min: Int, max: Int?)
        switch current {
        case "*": bounds = (0, nil); index += 1
        case "+": bounds = (1, nil); index += 1
        case "?": bounds = (0, 1); index += 1
        case "{":
            guard let counted = countedRepetition() else {
                throw refuse("'{' does not start a count {n}, {n,} or {n,m}; write '\\{' for a literal '{'")
            }
            let text = String(characters[index..<counted.end])
            guard let minimum = counted.min, minimum <= PolicyPattern.maxRepetitionCount,
                  counted.max.map({ $0 <= PolicyPattern.maxRepetitionCount }) ?? true else {
                if counted.min == nil {
                    throw refuse("count '\(text)' has no lower bound; write '{0,\(counted.max.map(String.init) ?? "")}'")
                }
                throw refuse("count '\(text)' is more than \(PolicyPattern.maxRepetitionCount), the largest a policy pattern may repeat")
            }
            if let maximum = counted.max, maximum < minimum {
                throw refuse("count '\(text)' is an invalid range: \(minimum) is more than \(maximum)")
            }
            bounds = (minimum, counted.max)
            index = counted.end
        default:
            return atom
        }
        if current == "?" {
            index += 1
        } else if current == "+" {
            throw refuse("possessive quantifier '\(String(characters[start...index]))' is not supported (policy patterns run in linear time, without backtracking)", at: start)
        }
        if let next = current, next == "*" || next == "+" || next == "?" || (next == "{" && countedRepetition() != nil) {
            throw refuse("quantifier '\(next)' follows another quantifier; group the repeated part, as in '(a+)*'")
        }
        return .repetition(atom, min: bounds.min, max: bounds.max)
    }

    /// The count at `index` (`{n}`, `{n,}`, `{n,m}`, or `{,m}`, which is refused), and where it ends.
    private func countedRepetition() -> (min: Int?, max: Int?, end: Int)? {
        guard current == "{" else { return nil }
        var position = index + 1
        // Counts above the bound are refused, so a long one saturates instead of overflowing.
        func number() -> Int? {
            let start = position
            while position < characters.count, characters[position].isASCII, characters[position].isNumber { position += 1 }
            guard position > start else { return nil }
            return position - start > 6 ? Int.max : Int(String(characters[start..<position]))
        }
        let minimum = number()
        if position < characters.count, characters[position] == "}" {
            return minimum.map { ($0, $0, position + 1) }
        }
        guard position < characters.count, characters[position] == "," else { return nil }
        position += 1
        let maximum = number()
        guard position < characters.count, characters[position] == "}", minimum != nil || maximum != nil else { return nil }
        return (minimum, maximum, position + 1)
    }

    /// A backslash escape, at `index`.
    private mutating func parseEscape() throws(PolicyPatternError) -> CharacterTest {
        let start = index
        guard let escaped = peek(1) else {
            throw refuse("the pattern ends in a lone '\\'; write '\\\\' for a literal backslash")
        }
        index += 2
        switch escaped {
        case "d": return .shorthand(.digit, negated: false)
        case "D": return .shorthand(.digit, negated: true)
        case "w": return .shorthand(.word, negated: false)
        case "W": return .shorthand(.word, negated: true)
        case "s": return .shorthand(.space, negated: false)
        case "S": return .shorthand(.space, negated: true)
        default: break
        }
        if let ascii = escaped.asciiValue, ascii > 0x20, ascii < 0x7F, !escaped.isLetter, !escaped.isNumber {
            return .literal(escaped)
        }
        let written = "'\\\(escaped)'"
        let reason: String
        switch escaped {
        case "1"..."9": reason = "back-reference \(written) is not supported (policy patterns run in linear time, without backtracking)"
        case "k", "g": reason = "back-reference \(written) is not supported (policy patterns run in linear time, without backtracking)"
        case "b", "B": reason = "word boundary \(written) is not supported"
        case "A", "z", "Z", "G": reason = "anchor \(written) is not supported; use '^' and '$'"
        case "p", "P": reason = "Unicode property \(written) is not supported; use a class such as '[a-z]'"
        case "x", "u", "U", "o", "0", "N": reason = "code point escape \(written) is not supported; write the character itself"
        case "n", "t", "r", "f", "v", "e", "a": reason = "control escape \(written) is not supported; write the character itself"
        case "Q", "E": reason = "quoting \(written) is not supported; escape each metacharacter with '\\'"
        default: reason = "escape \(written) is not supported; the escapes are \\d \\w \\s \\D \\W \\S and a backslash before punctuation"
        }
        throw refuse(reason, at: start)
    }

    /// A bracketed class, at `index`.
    private mutating func parseClass() throws(PolicyPatternError) -> CharacterTest {
        let open = index
        index += 1
        var negated = false
        if current == "^" { negated = true; index += 1 }
        var members = CharacterTest.Members()
        if current == "]" {
            throw refuse("a character class cannot be empty or start with ']'; write '\\]' for a literal ']'", at: open)
        }
        while let character = current, character != "]" {
            let itemStart = index
            let item: CharacterTest
            switch character {
            case "[":
                throw refuse("nested classes and POSIX classes such as '[:alpha:]' are not supported; write '\\[' for a literal '['")
            case "&" where peek(1) == "&", "~" where peek(1) == "~", "-" where peek(1) == "-":
                throw refuse("class operator '\(character)\(character)' is not supported; escape it as '\\\(character)\\\(character)'")
            case "\\":
                item = try parseEscape()
            default:
                index += 1
                item = .literal(character)
            }
            // A '-' between two single characters makes a range; first or last in the class it is itself.
            if current == "-", let upper = peek(1), upper != "]" {
                guard case .literal(let lower) = item else {
                    throw refuse("a range must run between two single characters, not from a class escape", at: itemStart)
                }
                index += 1
                let upperStart = index
                let upperItem: CharacterTest
                if upper == "\\" {
                    upperItem = try parseEscape()
                } else if upper == "[" {
                    throw refuse("nested classes and POSIX classes such as '[:alpha:]' are not supported; write '\\[' for a literal '['")
                } else {
                    index += 1
                    upperItem = .literal(upper)
                }
                guard case .literal(let upperCharacter) = upperItem else {
                    throw refuse("a range must run between two single characters, not to a class escape", at: upperStart)
                }
                guard let low = Self.scalar(lower), let high = Self.scalar(upperCharacter) else {
                    throw refuse("a range's bounds must each be one Unicode scalar", at: itemStart)
                }
                guard low <= high else {
                    throw refuse("invalid range '\(lower)-\(upperCharacter)': '\(lower)' comes after '\(upperCharacter)'", at: itemStart)
                }
                members.ranges.append(low...high)
            } else {
                switch item {
                case .literal(let literal): members.characters.append(literal)
                case .shorthand(let shorthand, false): members.shorthands.append(shorthand)
                case .shorthand(let shorthand, true): members.negatedShorthands.append(shorthand)
                case .any, .set: break
                }
            }
        }
        guard current == "]" else {
            throw refuse("'[' is never closed; write '\\[' for a literal '['", at: open)
        }
        index += 1
        return .set(members, negated: negated)
    }

    private static func scalar(_ character: Character) -> Unicode.Scalar? {
        character.unicodeScalars.count == 1 ? character.unicodeScalars.first : nil
    }
}

/// Writes a tree out as instructions.
private struct Emitter {
    var program: [Instruction] = []

    mutating func emit(_ node: PatternNode) {
        switch node {
        case .empty: break
        case .character(let test): program.append(.character(test))
        case .startOfValue: program.append(.startOfValue)
        case .endOfValue: program.append(.endOfValue)
        case .sequence(let nodes): for node in nodes { emit(node) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for branch in branches.dropLast() {
                let split = program.count
                program.append(.split(split + 1, -1))
                emit(branch)
                jumps.append(program.count)
                program.append(.jump(-1))
                program[split] = .split(split + 1, program.count)
            }
            if let last = branches.last { emit(last) }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let body, let minimum, nil):
            if minimum == 0 {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                emit(body)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            } else {
                for _ in 0..<(minimum - 1) { emit(body) }
                let loop = program.count
                emit(body)
                program.append(.split(loop, program.count + 1))
            }
        case .repetition(let body, let minimum, let maximum?):
            for _ in 0..<minimum { emit(body) }
            var splits: [Int] = []
            for _ in minimum..<maximum {
                splits.append(program.count)
                program.append(.split(program.count + 1, -1))
                emit(body)
            }
            for split in splits { program[split] = .split(split + 1, program.count) }
        }
    }
}

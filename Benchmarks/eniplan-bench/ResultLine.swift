/// The one line a measuring child process prints for its parent: a prefix naming the kind of result,
/// then `name=value` fields separated by spaces (values never hold spaces; Double's description
/// round-trips exactly).
struct ResultLine {
    private var fields: [Substring: Substring]

    static func format(_ prefix: String, _ fields: [(String, String)]) -> String {
        ([prefix] + fields.map { "\($0)=\($1)" }).joined(separator: " ")
    }

    /// The last line of `output` that starts with `prefix`, or nil when there is none or it is malformed.
    init?(_ prefix: String, in output: String) {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(prefix + " ") }) else { return nil }
        fields = [:]
        for field in line.split(separator: " ").dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            fields[field[..<equals]] = field[field.index(after: equals)...]
        }
    }

    func int(_ name: String) -> Int? { fields[Substring(name)].flatMap { Int($0) } }
    func double(_ name: String) -> Double? { fields[Substring(name)].flatMap { Double($0) } }
    func bool(_ name: String) -> Bool? { fields[Substring(name)].flatMap { Bool(String($0)) } }
}

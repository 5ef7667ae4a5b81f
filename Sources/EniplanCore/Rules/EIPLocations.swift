import EniplanYAML

/// Where an ENI binds each of its EIPs, looked up once per ENI rather than once per EIP.
struct EIPLocations {
    private let entries: [String: SourceRange]
    private let field: SourceRange?

    /// Nil ENI: nothing is located.
    init(_ eni: NetworkInterface?) {
        var entries: [String: SourceRange] = [:]
        for binding in eni?.eips ?? [] where entries[binding.id] == nil { entries[binding.id] = binding.range }
        self.entries = entries
        field = eni.map { $0.fields[.eip] ?? $0.fields[.eips] ?? $0.range }
    }

    /// The entry of `eips` that binds `eip`, else the ENI's `eip` field (or the ENI).
    func range(of eip: String) -> SourceRange? { entries[eip] ?? field }
}

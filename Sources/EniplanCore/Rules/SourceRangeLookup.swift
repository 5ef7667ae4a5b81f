import EniplanYAML

/// Where a field of a resource is written, looked up through the rule context.
enum SourceRangeLookup {
    case instance(String, Instance.Field)
    case interface(String, NetworkInterface.Field)

    func range(in context: RuleContext) -> SourceRange? {
        switch self {
        case .instance(let id, let field):
            guard let instance = context.instance(id) else { return nil }
            return instance.fields[field] ?? instance.range
        case .interface(let id, let field):
            guard let eni = context.interface(id) else { return nil }
            return eni.fields[field] ?? eni.range
        }
    }
}

import EniplanYAML

/// Where a field of a resource is written, looked up through the rule context.
enum SourceRangeLookup {
    case instance(String, Instance.Field)
    case interface(String, NetworkInterface.Field)
    /// Where an ENI binds an EIP: its entry of `eips`, else the ENI's `eip` field (or the ENI). The ENI as the desired
    /// state writes it, else as the current state does; `currentFirst` the other way round, for what the ENI keeps.
    case eip(interface: String, id: String, currentFirst: Bool = false)

    func range(in context: RuleContext) -> SourceRange? {
        switch self {
        case .instance(let id, let field):
            guard let instance = context.instance(id) else { return nil }
            return instance.fields[field] ?? instance.range
        case .interface(let id, let field):
            guard let eni = context.interface(id) else { return nil }
            return eni.fields[field] ?? eni.range
        case .eip(let interface, let id, let currentFirst):
            guard let eni = currentFirst ? context.current.interfaces[interface]?.eni ?? context.interface(interface) : context.interface(interface)
            else { return nil }
            return eni.eips.first { $0.id == id }?.range ?? eni.fields[.eip] ?? eni.fields[.eips] ?? eni.range
        }
    }
}

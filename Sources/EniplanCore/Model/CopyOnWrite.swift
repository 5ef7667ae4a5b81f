/// A value kept in one shared box, copied only when written while shared. A type that large inputs hold by the
/// hundred thousand and copy often (a change, an ENI, a finding) keeps its fields in one: a copy of it is then one
/// reference, not a retain per string and array, and it stays a value.
struct CopyOnWrite<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Written only through ``value``, which copies a shared box first: immutable once shared.
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    static func == (lhs: CopyOnWrite, rhs: CopyOnWrite) -> Bool { lhs.box === rhs.box || lhs.box.value == rhs.box.value }

    func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}

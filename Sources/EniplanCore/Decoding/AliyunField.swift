import EniplanYAML

/// One value read from an Alibaba Cloud API response, with where it is written and which call
/// wrote it, so that two responses that disagree can be told apart and both pointed at.
struct AliyunField<Value: Hashable & Sendable>: Hashable, Sendable {
    var value: Value
    /// From the key's first character to the value's last.
    var range: SourceRange
    var call: AliyunCall
}

extension AliyunField {
    func map<Other>(_ transform: (Value) -> Other) -> AliyunField<Other> {
        AliyunField<Other>(value: transform(value), range: range, call: call)
    }
}

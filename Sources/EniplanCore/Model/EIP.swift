import EniplanYAML

/// An elastic IP address. Instance release never releases it: at most it is dissociated.
public struct EIP: Sendable, Hashable {
    /// The keys of an EIP in a manifest.
    public enum Field: String, ResourceField {
        case id, address, chargeType
    }

    public var id: String
    public var address: String?
    public var chargeType: String?
    public var range: SourceRange

    public init(id: String, address: String? = nil, chargeType: String? = nil, range: SourceRange) {
        self.id = id
        self.address = address
        self.chargeType = chargeType
        self.range = range
    }
}

import EniplanYAML

/// A value two API responses can agree or disagree on, and how a message shows it.
protocol AliyunComparable: Hashable, Sendable {
    var shown: String { get }
    func sameAs(_ other: Self) -> Bool
}

extension AliyunComparable {
    func sameAs(_ other: Self) -> Bool { self == other }
}

extension String: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(self))'" }
}

extension Int: AliyunComparable {
    var shown: String { String(self) }
}

extension Bool: AliyunComparable {
    var shown: String { self ? "true" : "false" }
}

extension Optional: AliyunComparable where Wrapped == String {
    var shown: String { map { "'\(DisplayText.quoted($0))'" } ?? "none" }
}

/// Lists of addresses, prefixes and groups: the order two responses list them in does not matter.
extension Array: AliyunComparable where Element == String {
    var shown: String { isEmpty ? "none" : "[" + DisplayText.quotedList(self, quote: "") + "]" }
    func sameAs(_ other: [String]) -> Bool { Set(self) == Set(other) }
}

extension Dictionary: AliyunComparable where Key == String, Value == String {
    var shown: String {
        isEmpty ? "none" : "{" + DisplayText.quotedList(sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }, quote: "") + "}"
    }
}

extension Instance.Status: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(rawValue))'" }
}

extension NetworkInterface.InterfaceType: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(rawValue))'" }
}

extension AliyunResponse.EIPRecord.Target: AliyunComparable {
    var shown: String {
        switch self {
        case .networkInterface(let id): return "ENI '\(DisplayText.quoted(id))'"
        case .instance(let id): return "instance '\(DisplayText.quoted(id))'"
        }
    }
}

extension Instance.ChargeType: AliyunComparable {
    var shown: String { "'\(DisplayText.quoted(rawValue))'" }
}

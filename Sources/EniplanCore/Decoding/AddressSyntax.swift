import EniplanYAML

/// Syntax checks for IP addresses and CIDR blocks; each returns a problem in words, or nil.
enum AddressSyntax {
    static func ipv4Problem(_ text: String) -> String? {
        isIPv4(text) ? nil : "'\(DisplayText.quoted(text))' is not an IPv4 address (expected four numbers 0-255, like 10.0.0.4)"
    }

    static func ipv6Problem(_ text: String) -> String? {
        isIPv6(text) ? nil : "'\(DisplayText.quoted(text))' is not an IPv6 address (like 2408:4005::1)"
    }

    static func ipv4CIDRProblem(_ text: String) -> String? {
        cidrProblem(text, family: "IPv4", maxPrefix: 32, isAddress: isIPv4, example: "10.0.8.0/28")
    }

    static func ipv6CIDRProblem(_ text: String) -> String? {
        cidrProblem(text, family: "IPv6", maxPrefix: 128, isAddress: isIPv6, example: "2408:4005::/80")
    }

    /// A route destination: an IPv4 or IPv6 CIDR block.
    static func destinationProblem(_ text: String) -> String? {
        if text.contains(":") { return ipv6CIDRProblem(text) }
        return ipv4CIDRProblem(text)
    }

    private static func cidrProblem(_ text: String, family: String, maxPrefix: Int, isAddress: (Substring) -> Bool,
                                    example: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, isAddress(parts[0]), let length = Int(parts[1]), (0...maxPrefix).contains(length),
              parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            return "'\(DisplayText.quoted(text))' is not an \(family) CIDR block (like \(example))"
        }
        return nil
    }

    /// Four decimal numbers 0-255 separated by dots, without leading zeros.
    static func isIPv4<S: StringProtocol>(_ text: S) -> Bool {
        withASCII(text) { isIPv4($0) } ?? false
    }

    /// Eight groups of one to four hex digits separated by colons, one run of zero groups written
    /// `::`, and optionally an IPv4 address in place of the last two groups.
    static func isIPv6<S: StringProtocol>(_ text: S) -> Bool {
        withASCII(text) { isIPv6($0) } ?? false
    }

    // Addresses are ASCII, so both checks read bytes: a text with any other character is no address.

    /// Calls `body` with the text's bytes, or returns nil when the text is not all ASCII.
    private static func withASCII<S: StringProtocol>(_ text: S, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Bool) -> Bool? {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? body(bytes[...]) : nil
        }
        if let result { return result }
        var copy = String(text)
        return copy.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? body(bytes[...]) : nil }
    }

    private static let colon = UInt8(ascii: ":")
    private static let dot = UInt8(ascii: ".")

    private static func isIPv4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var parts = 0
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: dot) ?? bytes.endIndex
            let part = bytes[start..<end]
            guard (1...3).contains(part.count), part.allSatisfy({ (0x30...0x39).contains($0) }),
                  part.count == 1 || part.first != 0x30,
                  part.reduce(0, { $0 * 10 + Int($1 - 0x30) }) <= 255 else { return false }
            parts += 1
            guard end < bytes.endIndex else { return parts == 4 }
            start = end + 1
        }
    }

    private static func isIPv6(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var body = bytes
        var groupsNeeded = 8
        if let lastColon = bytes.lastIndex(of: colon), bytes[(lastColon + 1)...].contains(dot) {
            guard isIPv4(bytes[(lastColon + 1)...]) else { return false }
            // Keep the colon before the IPv4 address only when it ends a `::`.
            let endsDoubleColon = lastColon > bytes.startIndex && bytes[lastColon - 1] == colon
            body = bytes[..<(endsDoubleColon ? lastColon + 1 : lastColon)]
            groupsNeeded = 6
        }
        // The text before and after the first `::`; a second one (searched after the first) is an error.
        guard let doubleColon = firstDoubleColon(in: body) else { return groupCount(body) == groupsNeeded }
        let tail = body[(doubleColon + 2)...]
        guard firstDoubleColon(in: tail) == nil, let head = groupCount(body[..<doubleColon]), let rest = groupCount(tail) else {
            return false
        }
        return head + rest < groupsNeeded
    }

    private static func firstDoubleColon(in bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == colon && bytes[index + 1] == colon { return index }
            index += 1
        }
        return nil
    }

    /// The number of colon-separated groups, or nil when one is not one to four hex digits. None in empty text.
    private static func groupCount(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        if bytes.isEmpty { return 0 }
        var count = 0
        var length = 0
        for byte in bytes {
            if byte == colon {
                guard (1...4).contains(length) else { return nil }
                count += 1
                length = 0
            } else {
                guard isHexDigit(byte) else { return nil }
                length += 1
            }
        }
        guard (1...4).contains(length) else { return nil }
        return count + 1
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}

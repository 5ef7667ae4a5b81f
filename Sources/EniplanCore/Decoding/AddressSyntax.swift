import Foundation

/// Syntax checks for IP addresses and CIDR blocks; each returns a problem in words, or nil.
enum AddressSyntax {
    static func ipv4Problem(_ text: String) -> String? {
        isIPv4(text) ? nil : "'\(text)' is not an IPv4 address (expected four numbers 0-255, like 10.0.0.4)"
    }

    static func ipv6Problem(_ text: String) -> String? {
        isIPv6(text) ? nil : "'\(text)' is not an IPv6 address (like 2408:4005::1)"
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
            return "'\(text)' is not an \(family) CIDR block (like \(example))"
        }
        return nil
    }

    static func isIPv4<S: StringProtocol>(_ text: S) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return false }
            return value <= 255 && (part.count == 1 || part.first != "0")
        }
    }

    static func isIPv6<S: StringProtocol>(_ text: S) -> Bool {
        var body = Substring(text)
        var groupsNeeded = 8
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(body[body.index(after: lastColon)...]) else { return false }
            body = body[...lastColon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
            groupsNeeded = 6
        }
        let halves = String(body).components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            let valid = pieces.allSatisfy { $0.count >= 1 && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
            return valid ? pieces : nil
        }
        if halves.count == 1 {
            guard let all = groups(halves[0]) else { return false }
            return all.count == groupsNeeded
        }
        guard let head = groups(halves[0]), let tail = groups(halves[1]) else { return false }
        return head.count + tail.count < groupsNeeded
    }
}

import EniplanYAML

/// Whether every page of each call was given.
extension AliyunStateMerger {
    /// A page that is missing would leave resources out of the state, and a release of them out of
    /// the plan: a `TotalCount` the items given fall short of (outside NextToken mode), or pages that all
    /// carry a `NextToken` (only the last page has none), are errors.
    mutating func checkCompleteness(_ responses: [AliyunResponse]) {
        for call in AliyunCall.allCases {
            // DescribeEipAddresses, DescribeRouteTables and DescribeIpv6Addresses page by number, and the CLI's
            // --pager can stop after their first page; the other calls page by NextToken.
            let hint = [.describeEipAddresses, .describeRouteTables, .describeIpv6Addresses].contains(call)
                ? "fetch every page (repeat the call with PageNumber 1, 2, ... until the pages hold TotalCount items; not with --pager)"
                : "fetch every page (aliyun ... --pager, or repeat the call with NextToken until it comes back empty)"
            let pages = responses.filter { $0.call == call }
            guard !pages.isEmpty else { continue }
            let items = Set(pages.flatMap(\.itemIDs))
            // In NextToken mode (a page carries NextToken, even an empty one) the API reference calls TotalCount
            // invalid: only the tokens say whether a page is missing.
            let pagedByToken = pages.contains { $0.nextToken != nil }
            if !pagedByToken, let total = pages.compactMap(\.totalCount).max(by: { $0.value < $1.value }), total.value > items.count {
                error(.incompleteInput, total.range, "\(call.name) reports TotalCount \(total.value), but the responses given hold \(items.count) \(Self.itemNoun(call, items.count)): a page is missing; \(hint)")
            }
            let tokens = pages.map(\.nextToken)
            if tokens.allSatisfy({ $0.map { !$0.value.isEmpty } ?? false }), let token = tokens.first ?? nil {
                let pagesGiven = pages.count == 1 ? "the \(call.name) page given has" : "every \(call.name) page given has"
                error(.incompleteInput, token.range, "\(pagesGiven) a NextToken, so the last page is missing; \(hint)")
            }
        }
    }

    static func itemNoun(_ call: AliyunCall, _ count: Int) -> String {
        let singular: String
        switch call {
        case .describeInstances: singular = "instance"
        case .describeNetworkInterfaces, .describeNetworkInterfaceAttribute: singular = "ENI"
        case .describeEipAddresses: singular = "EIP"
        case .describeRouteEntryList: singular = "route entry"
        case .describeRouteTables: singular = "route table"
        case .describeIpv6Addresses: singular = "IPv6 address"
        }
        if count == 1 { return singular }
        return singular == "route entry" ? "route entries" : singular + (singular.hasSuffix("address") ? "es" : "s")
    }
}

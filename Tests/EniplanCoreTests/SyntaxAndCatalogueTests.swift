import Testing
@testable import EniplanCore

@Suite("address syntax")
struct AddressSyntaxTests {
    @Test(arguments: ["10.0.0.4", "0.0.0.0", "255.255.255.255"])
    func validIPv4(_ text: String) { #expect(AddressSyntax.ipv4Problem(text) == nil) }

    @Test(arguments: ["10.0.0", "10.0.0.256", "10.0.0.04", "a.b.c.d", "10.0.0.4/32", ""])
    func invalidIPv4(_ text: String) { #expect(AddressSyntax.ipv4Problem(text) != nil) }

    @Test(arguments: ["2408:4005::1", "::", "::1", "fe80::1:2:3:4", "2001:db8:0:0:0:0:0:1", "::ffff:10.0.0.1"])
    func validIPv6(_ text: String) { #expect(AddressSyntax.ipv6Problem(text) == nil) }

    @Test(arguments: ["2408:4005::1::2", "12345::", "g::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7"])
    func invalidIPv6(_ text: String) { #expect(AddressSyntax.ipv6Problem(text) != nil) }

    @Test(arguments: [("10.0.8.0/28", true), ("0.0.0.0/0", true), ("10.0.8.0/33", false), ("10.0.8.0", false), ("10.0.8.0/x", false),
                      ("2408:4005::/80", true), ("2408:4005::/129", false)])
    func destinations(_ text: String, valid: Bool) { #expect((AddressSyntax.destinationProblem(text) == nil) == valid) }
}

@Suite("region catalogue")
struct RegionCatalogueTests {
    @Test func builtInCatalogueFollowsTheSeed() throws {
        let catalog = try RegionCatalogDecoder.builtIn()
        #expect(catalog.version == "2026-02-28")
        #expect(catalog.regions.filter(\.primaryEniRetention).count == 23)
        #expect(catalog.lookup("cn-hangzhou") == .supportsPrimaryRetention)
        #expect(catalog.lookup("me-east-1") == .secondaryOnly)
        #expect(catalog.lookup("cn-shanghai-finance-1") == .secondaryOnly)
        #expect(catalog.lookup("cn-hangzou") == .unknown(suggestion: "cn-hangzhou"))
        #expect(catalog.lookup("mars-north-1") == .unknown(suggestion: nil))
    }

    @Test(arguments: [("cn-hangzhou-h", "cn-hangzhou", true), ("cn-hangzhou-h", "cn-shanghai", false), ("cn-hangzhou", "cn-hangzhou", false),
                      ("me-east-1a", "me-east-1", true), ("ap-southeast-1a", "ap-southeast-1", true), ("ap-southeast-10a", "ap-southeast-1", false)])
    func zonesBelongToTheirRegion(_ zone: String, _ region: String, _ belongs: Bool) {
        #expect(RegionCatalog.zone(zone, belongsTo: region) == belongs)
    }

    @Test func suggestionsCatchTyposOnly() {
        #expect(Suggestions.closest(to: "deleteOnRelase", in: ManifestDecoder.attachedInterfaceFields.names) == "deleteOnRelease")
        #expect(Suggestions.closest(to: "colour", in: ManifestDecoder.attachedInterfaceFields.names) == nil)
    }
}

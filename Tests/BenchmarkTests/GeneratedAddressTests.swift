@testable import EniplanCore
@testable import eniplan_bench
import Testing

/// eniplan-bench's generated accounts are valid manifests at any size: every IPv6 address and prefix it writes has
/// hextets of at most ffff, past 65,536 instances and past 65,536 addresses in one vSwitch.
@Suite("eniplan-bench's generated IPv6")
struct GeneratedAddressTests {
    /// Small counters write what they always wrote, so the benchmark's inputs stay the same bytes.
    @Test func smallCountersKeepTheirSpelling() {
        let network = GeneratedAccount.ipv6Network(vpc: 1, zone: 2)
        #expect(network == "2408:4005:3a0:12")
        #expect(GeneratedAccount.ipv6Address(network: network, host: 0xFFFF) == "2408:4005:3a0:12::ffff")
        #expect(GeneratedAccount.ipv6Prefix(network: network, index: 0) == "2408:4005:3a0:12:8000::/80")
        #expect(GeneratedAccount.ipv6Prefix(network: network, index: 0x7FFF) == "2408:4005:3a0:12:ffff::/80")
    }

    @Test func countersPastOneHextetCarryIntoTheNext() {
        let networks = [(0, 0), (4_095, 15), (4_096, 0), (1_000_000, 5)].map { GeneratedAccount.ipv6Network(vpc: $0, zone: $1) }
        #expect(networks[2] == "2408:4005:3a1:0")
        #expect(Set(networks).count == networks.count)
        for network in networks {
            let addresses = [1, 0xFFFF, 0x1_0000, 0x1_0001, 0xFFFF_FFFF].map { GeneratedAccount.ipv6Address(network: network, host: $0) }
            let prefixes = [0, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 200_000].map { GeneratedAccount.ipv6Prefix(network: network, index: $0) }
            for address in addresses { #expect(AddressSyntax.ipv6Problem(address) == nil, "\(address)") }
            for prefix in prefixes { #expect(AddressSyntax.ipv6CIDRProblem(prefix) == nil, "\(prefix)") }
            #expect(Set(addresses).count == addresses.count)
        }
        let slots = (0..<0xFFFF).map { GeneratedAccount.ipv6Prefix(network: networks[0], index: $0) }
        #expect(Set(slots).count == 0xFFFF)
    }

    /// A generated account past 65,536 instances: every IPv6 value the manifest writes is one the decoder accepts.
    @Test func anAccountPast65536InstancesWritesValidIPv6() {
        let account = GeneratedAccount(instanceCount: 70_000, seed: GeneratedAccount.defaultSeed)
        let interfaces = account.instances.flatMap(\.interfaces) + account.standaloneInterfaces
        let addresses = interfaces.flatMap(\.ipv6)
        let prefixes = interfaces.flatMap(\.ipv6Prefixes)
        #expect(addresses.count > 50_000)
        #expect(addresses.filter { AddressSyntax.ipv6Problem($0) != nil } == [])
        #expect(prefixes.filter { AddressSyntax.ipv6CIDRProblem($0) != nil } == [])
        #expect(Set(addresses).count == addresses.count)
    }
}

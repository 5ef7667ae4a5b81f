/// A realistic cn-hangzhou account of any size (DESIGN.md section 2), drawn deterministically.
///
/// The same seed and instance count always give the same account, on every machine: the only source
/// of variety is a SplitMix64 generator seeded by the caller. Instances are spread over VPCs and zones,
/// each with one primary ENI and up to three secondaries carrying private IPv4 addresses, some IPv4
/// prefixes, IPv6 addresses and bandwidth, EIPs, security groups and tags; a few standalone
/// (Available) ENIs; the EIPs in detail; and one route table per VPC whose entries mostly send traffic
/// to an ENI. About 4 EIPs per 1,000 instances carry an `# eniplan:ignore` comment.
///
/// ``AccountWriter`` writes it as a `kind: Manifest` or `kind: State` file.
struct GeneratedAccount {
    struct Interface {
        /// Nil for an ENI a manifest creates and names only.
        var id: String?
        var name: String?
        var isPrimary: Bool
        /// Written for standalone ENIs only; attached ones take their instance's.
        var zone: String
        var vpc: String
        /// Nil when the file leaves the flag out.
        var deleteOnRelease: Bool?
        var vswitch: String
        var privateIpv4: [String]
        var ipv4Prefixes: [String]
        var ipv6: [String]
        var ipv6Prefixes: [String]
        var ipv6Bandwidth: Int?
        var eip: String?
        /// Whether an `# eniplan:ignore` comment sits above the `eip:` line.
        var hasIgnoreComment = false
        var securityGroups: [String]
        /// In written order.
        var tags: [(name: String, value: String)]
    }

    struct Instance {
        /// Nil for an instance a manifest creates and names only.
        var id: String?
        var name: String
        var zone: String
        var vpc: String
        var isRunning: Bool
        var deletionProtection: Bool
        var interfaces: [Interface]
    }

    struct EIP {
        var id: String
        var address: String
        var chargeType: String
    }

    struct RouteTable {
        var id: String
        var vpc: String
        var entries: [(destination: String, nextHop: String)]
    }

    var instances: [Instance] = []
    var standaloneInterfaces: [Interface] = []
    var eips: [EIP] = []
    var routeTables: [RouteTable] = []

    static let region = "cn-hangzhou"
    static let zones = ["b", "g", "h", "i", "j", "k"].map { "\(region)-\($0)" }
    static let instancesPerVPC = 2_000
    static let securityGroupsPerVPC = 12
    static let defaultSeed: UInt64 = 0x5EED_E41_9A4
    static let roles = ["web", "api", "worker", "db", "cache", "batch", "gateway", "search"]
    private static let teams = ["payments", "search", "ads", "infra", "data", "checkout"]
    private static let environments = ["prod", "prod", "staging", "dev"]
    private static let bandwidths = [5, 10, 20, 50, 100]
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    /// Draws an account of `instanceCount` instances: about 850 bytes and 67 nodes per instance as a
    /// manifest, 2 ENIs per instance on average.
    init(instanceCount: Int, seed: UInt64) {
        var drawing = Drawing(instanceCount: instanceCount, seed: seed)
        self = drawing.draw()
    }

    init() {}

    /// The random draws, in a fixed order: changing the order changes every generated file.
    private struct Drawing {
        private var random: SplitMix64
        private let instanceCount: Int
        private let vpcCount: Int
        /// Next free host number in each vSwitch (index: vpc * zones + zone).
        private var nextHost: [Int]
        private var nextPrefix: [Int]
        private var nextIPv6: [Int]
        private var eniCount = 0
        private var eipCount = 0
        /// Per VPC: the next hop (an ENI or instance id) of each route entry.
        private var routes: [[String]]

        init(instanceCount: Int, seed: UInt64) {
            self.instanceCount = instanceCount
            random = SplitMix64(seed: seed)
            vpcCount = max(1, (instanceCount + GeneratedAccount.instancesPerVPC - 1) / GeneratedAccount.instancesPerVPC)
            let vswitches = vpcCount * GeneratedAccount.zones.count
            nextHost = Array(repeating: 0, count: vswitches)
            nextPrefix = Array(repeating: 0, count: vswitches)
            nextIPv6 = Array(repeating: 0, count: vswitches)
            routes = Array(repeating: [], count: vpcCount)
        }

        mutating func draw() -> GeneratedAccount {
            var account = GeneratedAccount()
            account.instances.reserveCapacity(instanceCount)
            for index in 0..<instanceCount { account.instances.append(instance(index)) }
            for _ in 0..<max(1, instanceCount / 50) {
                let vpc = random.below(vpcCount)
                let zone = random.below(GeneratedAccount.zones.count)
                account.standaloneInterfaces.append(interface(vpc: vpc, zone: zone, isPrimary: false))
            }
            // Every EIP an ENI names, plus a tenth more that are allocated but unbound.
            for index in 0..<(eipCount + eipCount / 10 + 1) {
                let host = index + 1
                account.eips.append(EIP(id: GeneratedAccount.resourceID("eip", index),
                                        address: "47.\(96 + (host >> 16) % 8).\((host >> 8) & 0xFF).\(host & 0xFF)",
                                        chargeType: random.percent(80) ? "PostPaid" : "PrePaid"))
            }
            var routeCount = 0
            for vpc in 0..<vpcCount {
                var table = RouteTable(id: GeneratedAccount.resourceID("vtb", vpc), vpc: GeneratedAccount.resourceID("vpc", vpc), entries: [])
                for nextHop in routes[vpc] {
                    // Distinct /29s out of 100.64.0.0/10, one per entry across the account.
                    let block = routeCount * 8
                    routeCount += 1
                    table.entries.append(("100.\(64 + (block >> 16) % 64).\((block >> 8) & 0xFF).\(block & 0xFF)/29", nextHop))
                }
                account.routeTables.append(table)
            }
            return account
        }

        private mutating func instance(_ index: Int) -> Instance {
            let vpc = index / GeneratedAccount.instancesPerVPC
            let zone = random.below(GeneratedAccount.zones.count)
            let id = GeneratedAccount.resourceID("i", index)
            let role = GeneratedAccount.roles[random.below(GeneratedAccount.roles.count)]
            var instance = Instance(id: id, name: "\(role)-\(GeneratedAccount.padded(index, 6))", zone: GeneratedAccount.zones[zone],
                                    vpc: GeneratedAccount.resourceID("vpc", vpc), isRunning: random.percent(90),
                                    deletionProtection: random.percent(15), interfaces: [])
            let interfaces = random.pick(weights: [40, 30, 20, 10]) + 1
            for position in 0..<interfaces {
                instance.interfaces.append(interface(vpc: vpc, zone: zone, isPrimary: position == 0))
            }
            if random.percent(12) {
                // Mostly ENIs (next hop type NetworkInterface), sometimes the instance itself.
                let nextHop = random.percent(85) ? instance.interfaces[random.below(instance.interfaces.count)].id ?? id : id
                routes[vpc].append(nextHop)
            }
            return instance
        }

        private mutating func interface(vpc: Int, zone: Int, isPrimary: Bool) -> Interface {
            let id = GeneratedAccount.resourceID("eni", eniCount)
            eniCount += 1
            let vswitch = vpc * GeneratedAccount.zones.count + zone
            // Absent means true; manifests in the wild leave it out about a third of the time.
            let deleteOnRelease: Bool?
            switch random.pick(weights: isPrimary ? [40, 30, 30] : [30, 40, 30]) {
            case 1: deleteOnRelease = true
            case 2: deleteOnRelease = false
            default: deleteOnRelease = nil
            }
            var eni = Interface(
                id: id, isPrimary: isPrimary, zone: GeneratedAccount.zones[zone], vpc: GeneratedAccount.resourceID("vpc", vpc),
                deleteOnRelease: deleteOnRelease, vswitch: GeneratedAccount.resourceID("vsw", vswitch),
                privateIpv4: [], ipv4Prefixes: [], ipv6: [], ipv6Prefixes: [], securityGroups: [], tags: [])
            eni.privateIpv4 = (0..<(random.pick(weights: [60, 30, 10]) + 1)).map { _ in privateIPv4(vpc: vpc, zone: zone, vswitch: vswitch) }
            if random.percent(15) {
                eni.ipv4Prefixes = [ipv4Prefix(vpc: vpc, zone: zone, vswitch: vswitch)]
            }
            if random.percent(30) {
                let count = random.percent(70) ? 1 : 2
                eni.ipv6 = (0..<count).map { _ in ipv6Address(vpc: vpc, zone: zone, vswitch: vswitch) }
                if random.percent(15) {
                    eni.ipv6Prefixes = [GeneratedAccount.ipv6Prefix(network: GeneratedAccount.ipv6Network(vpc: vpc, zone: zone), index: nextIPv6[vswitch])]
                    nextIPv6[vswitch] += 1
                }
                if random.percent(50) {
                    eni.ipv6Bandwidth = GeneratedAccount.bandwidths[random.below(GeneratedAccount.bandwidths.count)]
                }
            }
            if random.percent(isPrimary ? 25 : 10) {
                eni.hasIgnoreComment = random.percent(1)
                eni.eip = GeneratedAccount.resourceID("eip", eipCount)
                eipCount += 1
            }
            eni.securityGroups = (0..<(random.pick(weights: [50, 35, 15]) + 1)).map { _ in
                GeneratedAccount.resourceID("sg", vpc * GeneratedAccount.securityGroupsPerVPC + random.below(GeneratedAccount.securityGroupsPerVPC))
            }
            eni.tags = [("env", GeneratedAccount.environments[random.below(GeneratedAccount.environments.count)])]
            eni.tags.append(("team", GeneratedAccount.teams[random.below(GeneratedAccount.teams.count)]))
            if random.percent(30) { eni.tags.append(("app", GeneratedAccount.roles[random.below(GeneratedAccount.roles.count)])) }
            return eni
        }

        // MARK: Addresses

        /// Each VPC is 10.<vpc>.0.0/16; each zone's vSwitch a /19 whose lower half holds host addresses
        /// and upper half the /28 prefixes.
        private mutating func privateIPv4(vpc: Int, zone: Int, vswitch: Int) -> String {
            let host = 4 + nextHost[vswitch] % 4_000
            nextHost[vswitch] += 1
            return "10.\(vpc % 256).\(zone * 32 + (host >> 8)).\(host & 0xFF)"
        }

        private mutating func ipv4Prefix(vpc: Int, zone: Int, vswitch: Int) -> String {
            let base = 4_096 + (nextPrefix[vswitch] % 256) * 16
            nextPrefix[vswitch] += 1
            return "10.\(vpc % 256).\(zone * 32 + (base >> 8)).\(base & 0xFF)/28"
        }

        private mutating func ipv6Address(vpc: Int, zone: Int, vswitch: Int) -> String {
            nextIPv6[vswitch] += 1
            return GeneratedAccount.ipv6Address(network: GeneratedAccount.ipv6Network(vpc: vpc, zone: zone), host: nextIPv6[vswitch])
        }
    }

    // MARK: Names

    // Every hextet these write stays within 16 bits (at most ffff) however large the account: a counter that outgrows
    // one hextet carries into the one before it, and small counters write what they always wrote.

    /// The /64 of a vSwitch: subnet `vpc * 16 + zone` of 2408:4005:3a0::/48, carrying into the third hextet past ffff.
    static func ipv6Network(vpc: Int, zone: Int) -> String {
        let subnet = vpc * 16 + zone
        return "2408:4005:\(hex(0x3A0 + (subnet >> 16))):\(hex(subnet & 0xFFFF))"
    }

    /// The `host`th address of the /64 `network` (host below 2^32): its last hextet, carrying into the one before it
    /// past ffff. Its fifth hextet is 0, so it lies in no prefix of ``ipv6Prefix(network:index:)``.
    static func ipv6Address(network: String, host: Int) -> String {
        host <= 0xFFFF ? "\(network)::\(hex(host))" : "\(network)::\(hex((host >> 16) & 0xFFFF)):\(hex(host & 0xFFFF))"
    }

    /// The `index`th /80 prefix of the /64 `network`, numbered by its fifth hextet: 8000 to ffff first, then 1 to 7fff
    /// (0 holds the addresses); distinct for the first 65,535 indexes of a vSwitch, after which they repeat.
    static func ipv6Prefix(network: String, index: Int) -> String {
        let slot = index < 0x8000 ? 0x8000 + index : 1 + (index - 0x8000) % 0x7FFF
        return "\(network):\(hex(slot))::/80"
    }

    /// An Alibaba Cloud style id such as `eni-bp1x3k9...`: the kind's prefix, `bp1`, and 17 base-36
    /// characters that are a bijection of `index`, so ids are unique per kind yet look random.
    static func resourceID(_ kind: String, _ index: Int) -> String {
        let salt = kind.utf8.reduce(UInt64(0)) { $0 &* 131 &+ UInt64($1) } << 40
        let unique = SplitMix64.mix(UInt64(index) &+ salt)
        // 13 base-36 digits hold any 64-bit value; 4 more from a second scramble fill the length.
        let filler = SplitMix64.mix(unique)
        return kind + "-bp1" + base36(filler, digits: 4) + base36(unique, digits: 13)
    }

    private static func base36(_ value: UInt64, digits: Int) -> String {
        var value = value
        var characters: [UInt8] = Array(repeating: 0, count: digits)
        for position in (0..<digits).reversed() {
            characters[position] = alphabet[Int(value % 36)]
            value /= 36
        }
        return String(decoding: characters, as: UTF8.self)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func hex(_ value: Int) -> String { String(value, radix: 16) }
}

extension GeneratedAccount {
    /// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every platform.
    struct SplitMix64 {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return Self.mix(state)
        }

        /// A bijective scramble of 64 bits, also used on its own to make ids from indices.
        static func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in `0..<bound` (multiply-high; the bias is below 2^-50 for the small bounds used here).
        mutating func below(_ bound: Int) -> Int {
            Int(next().multipliedFullWidth(by: UInt64(bound)).high)
        }

        /// True `percent` times in a hundred.
        mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

        /// An index into `weights`, each chosen in proportion to its weight.
        mutating func pick(weights: [Int]) -> Int {
            var roll = below(weights.reduce(0, +))
            for (index, weight) in weights.enumerated() {
                if roll < weight { return index }
                roll -= weight
            }
            return weights.count - 1
        }
    }
}

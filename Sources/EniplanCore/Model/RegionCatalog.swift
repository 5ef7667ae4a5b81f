import EniplanYAML

/// The regions eniplan knows and whether each retains primary ENIs; versioned data, replaceable by a file.
public struct RegionCatalog: Sendable, Hashable {
    public struct Region: Sendable, Hashable {
        public var id: String
        public var name: String
        public var primaryEniRetention: Bool
    }

    /// The date of the source document the catalogue follows (`2026-02-28`).
    public var version: String
    public var source: String
    /// The file the catalogue was read from, or `built-in`.
    public var origin: String
    public var regions: [Region]

    public init(version: String, source: String, origin: String, regions: [Region]) {
        self.version = version
        self.source = source
        self.origin = origin
        self.regions = regions
    }

    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }

    /// What the catalogue says about a region id.
    public enum Lookup: Sendable, Hashable {
        case supportsPrimaryRetention
        case secondaryOnly
        /// Not a region the catalogue knows; `suggestion` is the closest known id, if any.
        case unknown(suggestion: String?)
    }

    public func lookup(_ id: String) -> Lookup {
        if let region = region(id) { return region.primaryEniRetention ? .supportsPrimaryRetention : .secondaryOnly }
        return .unknown(suggestion: Suggestions.closest(to: id, in: regions.map(\.id)))
    }

    /// Whether `zone` is a zone of `region`: the region id, then the zone letter(s), with a dash when the
    /// region id ends in a letter (`cn-hangzhou-h`) and without one when it ends in a digit (`ap-southeast-1a`).
    public static func zone(_ zone: String, belongsTo region: String) -> Bool {
        guard zone.hasPrefix(region) else { return false }
        var suffix = zone.dropFirst(region.count)
        if suffix.first == "-" { suffix = suffix.dropFirst() }
        return !suffix.isEmpty && suffix.count <= 2 && suffix.allSatisfy { $0.isASCII && $0.isLowercase }
    }
}

import EniplanYAML

/// A VPC route table; only entries whose next hop is an ENI or an instance matter to a release.
public struct RouteTable: Sendable, Hashable {
    /// The keys of a route table in a manifest.
    public enum Field: String, ResourceField {
        case id, vpc, entries
    }

    public var id: String
    public var vpc: String?
    public var entries: [RouteEntry]
    /// Whether the file writes `entries` at all: a desired route table without it says nothing of its entries.
    public var listsEntries = true
    public var range: SourceRange

    public init(id: String, vpc: String? = nil, entries: [RouteEntry] = [], range: SourceRange) {
        self.id = id
        self.vpc = vpc
        self.entries = entries
        self.range = range
    }
}

public struct RouteEntry: Sendable, Hashable {
    /// What names a route entry within its state: its table, destination and next hop (a destination may have several
    /// next hops, ECMP).
    public struct Key: Sendable, Hashable {
        public var table: String
        public var destination: String
        public var nextHop: String

        public init(table: String, destination: String, nextHop: String) {
            self.table = table
            self.destination = destination
            self.nextHop = nextHop
        }
    }

    /// The keys of a route entry in a manifest.
    public enum Field: String, ResourceField {
        case id, destination, nextHop
    }

    /// The route entry's own id, where the state knows it.
    public var id: String?
    public var destination: String
    /// An ENI id (next hop type NetworkInterface) or an instance id (type Instance).
    public var nextHop: String
    public var range: SourceRange
    public var fields: FieldRanges<Field>

    public init(id: String? = nil, destination: String, nextHop: String, range: SourceRange, fields: FieldRanges<Field> = FieldRanges()) {
        self.id = id
        self.destination = destination
        self.nextHop = nextHop
        self.range = range
        self.fields = fields
    }
}

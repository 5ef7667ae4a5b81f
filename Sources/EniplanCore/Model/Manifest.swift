import EniplanYAML

/// What one file says: the desired state (`kind: Manifest`) or a snapshot of the current one
/// (`kind: State`, or responses of the Alibaba Cloud API).
public struct Manifest: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case manifest = "Manifest"
        case state = "State"
    }

    /// The top-level keys of a manifest or state file.
    public enum Field: String, ResourceField {
        case apiVersion, kind, region, scope, instances, networkInterfaces, eips, routeTables
    }

    public var kind: Kind
    public var file: String
    public var region: String?
    public var regionRange: SourceRange?
    public var scope: Scope?
    public var instances: [Instance]
    /// ENIs attached to no instance (status Available).
    public var networkInterfaces: [NetworkInterface]
    public var eips: [EIP]
    public var routeTables: [RouteTable]
    /// The `kind:` line, or the start of the file; where file-wide problems point.
    public var range: SourceRange
    /// Every comment in the file, for inline suppressions.
    public var comments: [YAMLComment] = []
    /// The Terraform address of each resource a Terraform plan manages (`alicloud_instance.web[0]`), by the
    /// resource's id, or by its address for one the plan creates.
    public var terraformAddresses: [String: String] = [:]
    /// Where the plan's `configuration` declares each resource, by its Terraform address.
    public var terraformDeclarations: [String: SourceRange] = [:]
    /// ENIs the desired state detaches before any release: Terraform deletes an ENI's attachment before the
    /// instance it is attached to, so that instance's release does not take the ENI.
    public var detachedFirst: Set<String> = []
    /// ENIs the desired state deletes outright (a Terraform plan deletes the ENI resource): whatever a release does to
    /// them, they are gone, with their addresses and routes.
    public var deletedInterfaces: Set<String> = []
    /// EIPs the desired state releases (a Terraform plan deletes the EIP resource): dissociated, they bill no more.
    public var releasedEIPs: Set<String> = []

    public init(kind: Kind, file: String, region: String? = nil, regionRange: SourceRange? = nil, scope: Scope? = nil,
                instances: [Instance] = [], networkInterfaces: [NetworkInterface] = [], eips: [EIP] = [],
                routeTables: [RouteTable] = [], range: SourceRange) {
        self.kind = kind
        self.file = file
        self.region = region
        self.regionRange = regionRange
        self.scope = scope
        self.instances = instances
        self.networkInterfaces = networkInterfaces
        self.eips = eips
        self.routeTables = routeTables
        self.range = range
    }
}

/// Which current resources a manifest manages. A resource outside the scope is never released.
public struct Scope: Sendable, Hashable {
    /// The keys of `scope:` in a manifest.
    public enum Field: String, ResourceField {
        case vpcs, tags
    }

    public var vpcs: [String]
    public var tags: [String: String]

    public init(vpcs: [String] = [], tags: [String: String] = [:]) {
        self.vpcs = vpcs
        self.tags = tags
    }

    /// Whether a resource in `vpc` carrying `tags` is managed.
    public func contains(vpc: String?, tags resourceTags: [String: String]) -> Bool {
        if !vpcs.isEmpty {
            guard let vpc, vpcs.contains(vpc) else { return false }
        }
        return tags.allSatisfy { resourceTags[$0.key] == $0.value }
    }
}

/// The fields of one kind of resource, each a case, so that a misspelt field does not compile; the raw
/// value is the key as a file writes it.
public protocol ResourceField: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

/// Where each field of a resource is written, so findings can point at the exact key.
///
/// Fields decoded from a file are kept as byte offsets (8 bytes each) beside the file's shared
/// ``SourceLocator``, and worked out into lines and columns only when a finding asks; a large estate
/// holds millions of them. Ranges set one by one, such as those joined from several API responses,
/// are kept whole.
public struct FieldRanges<Field: ResourceField>: Sendable, Hashable {
    /// A field found in a file, and its offsets.
    private struct Located: Sendable {
        var span: SourceSpan
        var field: Field
    }

    private var locator: SourceLocator?
    private var located: [Located] = []
    private var ranges: [Field: SourceRange] = [:]

    public init() {}

    /// Fields to be found in one file.
    public init(locator: SourceLocator, capacity: Int) {
        self.locator = locator
        located.reserveCapacity(capacity)
    }

    /// Records that `field` is written at `span`.
    public mutating func add(_ field: Field, at span: SourceSpan) {
        located.append(Located(span: span, field: field))
    }

    public subscript(field: Field) -> SourceRange? {
        get {
            if let range = ranges[field] { return range }
            guard let locator, let entry = located.first(where: { $0.field == field }) else { return nil }
            return locator.range(entry.span)
        }
        set {
            located.removeAll { $0.field == field }
            ranges[field] = newValue
        }
    }

    /// Every field's range.
    private var all: [Field: SourceRange] {
        var all = ranges
        if let locator {
            for entry in located where all[entry.field] == nil { all[entry.field] = locator.range(entry.span) }
        }
        return all
    }

    public static func == (lhs: FieldRanges, rhs: FieldRanges) -> Bool { lhs.all == rhs.all }

    /// The number of fields written: equal values have equal counts, whichever way their ranges are kept.
    public func hash(into hasher: inout Hasher) { hasher.combine(all.count) }
}

import EniplanYAML

extension InputLoader {
    /// Whether `document` is an eniplan manifest or state by what it says (never by its name): its root names
    /// eniplan's `apiVersion` (`eniplan/...`) and `kind: Manifest` or `kind: State`, or no kind. What `plan --base`
    /// keeps of the files that changed and what a sweep keeps of the files it finds; an empty file, a policy, a
    /// config, a report, an Alibaba Cloud API response or anybody else's YAML is not.
    public func isManifest(_ document: YAMLDocument) -> Bool {
        guard let root = document.root, document.kind(root) == .mapping else { return false }
        func value(_ key: String) -> NodeID? { document.entries(root).first { document.scalar($0.key, equals: key) }?.value }
        guard let apiVersion = value("apiVersion").flatMap({ document.scalar($0) }), apiVersion.hasPrefix("eniplan/") else { return false }
        guard let kind = value("kind") else { return true }
        return document.scalar(kind).map { Manifest.Kind(rawValue: $0) != nil } ?? false
    }

    /// `.yaml`, `.yml` and `.json` files: the names a manifest may have; what it says decides whether it is one.
    public static func isManifestName(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ["yaml", "yml", "json"].contains(path[path.index(after: dot)...].lowercased())
    }

    /// Where a finding about a resource that only a file's base version has lands in the file as it is now: the
    /// nearest node that still stands, the `instances:` key of `head`, or its first line when it has none.
    public static func anchor(inHeadOf head: YAMLDocument) -> SourceRange {
        guard let root = head.root, head.kind(root) == .mapping,
              let instances = head.entries(root).first(where: { head.scalar($0.key, equals: "instances") }) else {
            return .startOfFile(head.file)
        }
        return head.range(instances.key)
    }
}

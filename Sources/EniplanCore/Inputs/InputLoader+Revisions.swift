import EniplanYAML

extension InputLoader {
    /// Whether `document` is an eniplan `kind: Manifest` or `kind: State` file by its shape (never by its name):
    /// what `plan --base` keeps of the files that changed. An empty file, a policy, a config, a report or an
    /// Alibaba Cloud API response is not.
    public func isManifest(_ document: YAMLDocument) -> Bool {
        guard let root = document.root, InputFormats.format(of: document) is EniplanManifestFormat else { return false }
        let kind = document.entries(root).first { document.scalar($0.key, equals: "kind") }.map { document.scalar($0.value) }
        switch kind {
        case nil: return true
        case .some(let value): return value.map { Manifest.Kind(rawValue: $0) != nil } ?? false
        }
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

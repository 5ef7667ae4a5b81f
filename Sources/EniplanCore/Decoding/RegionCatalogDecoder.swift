import EniplanYAML

/// Reads a `kind: RegionCatalog` file, the built-in one or a replacement given with `--regions`.
package enum RegionCatalogDecoder {
    /// The catalogue that ships with eniplan.
    package static func builtIn() throws(InputError) -> RegionCatalog {
        let document: YAMLDocument
        do {
            document = try YAMLLoader.load(bytes: PackageResources.regions_yaml, file: "built-in regions.yaml")
        } catch {
            throw InputError(error)
        }
        return try decode(document, origin: "built-in")
    }

    static func decode(_ document: YAMLDocument, origin: String) throws(InputError) -> RegionCatalog {
        var context = DecodingContext(document: document)
        var catalog = RegionCatalog(version: "", source: "", origin: origin, regions: [])
        guard let root = document.root else {
            throw InputError([Diagnostic(.emptyFile, at: .startOfFile(document.file), "the region catalogue is empty")])
        }
        if let refusal = DocumentShape.refusal(document, as: "an eniplan region catalogue", fields: ["apiVersion", "kind", "version", "source", "regions"],
                                               kinds: ["RegionCatalog"]) {
            throw InputError([refusal])
        }
        if let top = context.mapping(root, "the region catalogue", fields: ["apiVersion", "kind", "version", "source", "regions"]) {
            if let kind = top["kind"], let text = context.string(kind, "kind"), text != "RegionCatalog" {
                context.error(.wrongKind, context.range(kind), DocumentShape.kindMismatch(text, expected: ["RegionCatalog"]))
            }
            if let version = top["apiVersion"], let text = context.string(version, "apiVersion"), text != ManifestDecoder.apiVersion {
                context.error(.unsupportedVersion, context.range(version), DocumentShape.apiVersionMismatch(text))
            }
            for field in ["apiVersion", "kind", "version", "source", "regions"] where top[field] == nil {
                context.error(.missingKey, top.range, "the region catalogue has no '\(DisplayText.quoted(field))'")
            }
            catalog.version = top["version"].flatMap { context.string($0, "version") } ?? ""
            catalog.source = top["source"].flatMap { context.string($0, "source") } ?? ""
            var seen: [String: SourceRange] = [:]
            for item in top["regions"].flatMap({ context.list($0, "regions") }) ?? [] {
                guard let fields = context.mapping(item, "a region", fields: ["id", "name", "primaryEniRetention"]) else { continue }
                let id = fields["id"].flatMap { context.string($0, "a region's id") }
                let retention = fields["primaryEniRetention"].flatMap { context.bool($0, "primaryEniRetention") }
                if fields["id"] == nil { context.error(.missingKey, fields.range, "a region needs an 'id'") }
                if fields["primaryEniRetention"] == nil { context.error(.missingKey, fields.range, "a region needs 'primaryEniRetention: true' or 'false'") }
                guard let id, let retention else { continue }
                if let first = seen[id] {
                    context.error(.duplicateId, fields.range, "region '\(DisplayText.quoted(id))' is listed twice", notes: [YAMLError.Note(range: first, message: "first listed here")])
                }
                seen[id] = fields.range
                catalog.regions.append(RegionCatalog.Region(id: id, name: fields["name"].flatMap { context.string($0, "name") } ?? id,
                                                            primaryEniRetention: retention))
            }
        }
        if !context.diagnostics.isEmpty { throw InputError(context.diagnostics) }
        return catalog
    }
}

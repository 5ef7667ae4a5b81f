import EniplanYAML

/// Reads the files a command is given: YAML through the loader, then into the model.
public struct InputLoader: Sendable {
    public var options: LoaderOptions

    public init(options: LoaderOptions = LoaderOptions()) { self.options = options }

    /// Loads and decodes one manifest or state file.
    public func manifest(at path: String) throws(InputError) -> Manifest {
        let document: YAMLDocument
        do {
            document = try YAMLLoader.load(contentsOf: path, options: options)
        } catch {
            throw InputError(error)
        }
        return try ManifestDecoder.decode(document)
    }

    /// Loads every file, collecting the problems of all of them before failing.
    public func manifests(at paths: [String]) throws(InputError) -> [Manifest] {
        var manifests: [Manifest] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                manifests.append(try manifest(at: path))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return manifests
    }

    /// The region catalogue: the built-in one, or the file given to replace it.
    public func regionCatalog(override path: String?) throws(InputError) -> RegionCatalog {
        guard let path else { return try RegionCatalogDecoder.builtIn() }
        return try RegionCatalogDecoder.load(contentsOf: path, options: options)
    }
}

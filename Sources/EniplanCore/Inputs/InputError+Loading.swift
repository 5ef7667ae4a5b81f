import EniplanYAML

extension InputError {
    /// Loads a file through the YAML loader, turning its error into an ``InputError``.
    static func loading(_ path: String, options: LoaderOptions) throws(InputError) -> YAMLDocument {
        do {
            return try YAMLLoader.load(contentsOf: path, options: options)
        } catch {
            throw InputError(error)
        }
    }

    /// Loads a file a config may name, or the config itself: one that may be any file of the repository, so
    /// the loader's messages describe aliases, tags and duplicate keys instead of quoting them.
    static func loadingNamedFile(_ path: String, options: LoaderOptions) throws(InputError) -> YAMLDocument {
        var options = options
        options.quotesNames = false
        return try loading(path, options: options)
    }
}

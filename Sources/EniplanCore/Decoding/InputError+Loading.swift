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
}

import EniplanYAML

/// Reads the files a command is given: YAML through the loader, then into the model.
public struct InputLoader: Sendable {
    public var options: LoaderOptions

    public init(options: LoaderOptions = LoaderOptions()) { self.options = options }

    /// Loads and decodes one manifest or state file, or one Alibaba Cloud API response as a state.
    public func manifest(at path: String) throws(InputError) -> Manifest {
        try manifests(at: [path])[0]
    }

    /// Loads every file, collecting the problems of all of them before failing.
    ///
    /// A file with a top-level `kind` (or another manifest key) is a manifest; any other is read as
    /// an Alibaba Cloud API response, recognised by its shape. All the API responses among `paths`
    /// are joined into one `kind: State` manifest, which takes the place of the first of them.
    public func manifests(at paths: [String]) throws(InputError) -> [Manifest] {
        try manifests(of: paths) { path throws(InputError) in try input(at: path) }
    }

    /// ``manifests(at:)`` for documents already loaded, such as ones built in memory.
    public func manifests(from documents: [YAMLDocument]) throws(InputError) -> [Manifest] {
        try manifests(of: documents) { document throws(InputError) in try input(from: document) }
    }

    /// Reads every source, collecting the problems of all of them, and joins the parts.
    private func manifests<Source>(of sources: [Source], reading read: (Source) throws(InputError) -> InputPart) throws(InputError) -> [Manifest] {
        var inputs: [InputPart] = []
        var diagnostics: [Diagnostic] = []
        for source in sources {
            do {
                inputs.append(try read(source))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        return try merge(inputs, diagnostics: diagnostics)
    }

    /// The parts read, the API responses among them joined into one state.
    func joined(_ inputs: [InputPart]) throws(InputError) -> [Manifest] {
        try merge(inputs, diagnostics: [])
    }

    private func merge(_ inputs: [InputPart], diagnostics: [Diagnostic]) throws(InputError) -> [Manifest] {
        var diagnostics = diagnostics
        let responses = inputs.compactMap { input -> AliyunResponse? in
            if case .response(let response) = input { return response }
            return nil
        }
        var state: Manifest?
        if !responses.isEmpty {
            do {
                state = try AliyunStateMerger.merge(responses).manifest
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var manifests: [Manifest] = []
        for input in inputs {
            switch input {
            case .manifest(let manifest):
                manifests.append(manifest)
            case .response:
                if let merged = state {
                    manifests.append(merged)
                    state = nil
                }
            case .terraformPlan(let plan):
                diagnostics.append(Self.terraformPlanRefusal(plan))
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return manifests
    }

    /// Loads Alibaba Cloud API responses only, and joins them into one current state.
    public func aliyunState(at paths: [String]) throws(InputError) -> AliyunState {
        var responses: [AliyunResponse] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                switch try input(at: path) {
                case .response(let response):
                    responses.append(response)
                case .manifest(let manifest):
                    diagnostics.append(Diagnostic(.wrongKind, at: manifest.range, "this is an eniplan manifest, not an Alibaba Cloud API response",
                                                  advice: .giveAs(.currentState)))
                case .terraformPlan(let plan):
                    diagnostics.append(Self.terraformPlanRefusal(plan))
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return try AliyunStateMerger.merge(responses)
    }

    private func input(at path: String) throws(InputError) -> InputPart {
        try input(from: InputError.loading(path, options: options))
    }

    private func input(from document: YAMLDocument) throws(InputError) -> InputPart {
        try InputFormats.format(of: document).read(document)
    }

    /// Checks one loaded file as `eniplan validate` does, throwing every located problem; returns true for
    /// an Alibaba Cloud API response, which only decodes joined with the other pages and calls given.
    ///
    /// A file's `kind` says what it is (Manifest, State, Policy, Config, RegionCatalog); a baseline is
    /// known by its keys, a config without `kind` by its name (`.eniplan.yaml`) or by having only config
    /// keys. Any other file is read as `plan --current` reads it: an API response, recognised by its
    /// shape, and refused with the shapes eniplan knows when it has none of them. An empty file loads (an
    /// empty config is the defaults). With `acceptingAnyShape`, a file of no known shape is let through,
    /// for printing the node tree of any YAML.
    public func validate(_ document: YAMLDocument, acceptingAnyShape: Bool = false) throws(InputError) -> Bool {
        guard let root = document.root else { return false }
        let keys = document.kind(root) == .mapping ? document.entries(root).compactMap { document.scalar($0.key) } : []
        let kind = document.kind(root) == .mapping
            ? document.entries(root).first { document.scalar($0.key, equals: "kind") }.flatMap { document.scalar($0.value) } : nil
        switch kind {
        case "Policy":
            _ = try PolicyDecoder.decode(document, known: Self.knownRules)
        case "Config":
            _ = try Self.configuration(from: document)
        case "RegionCatalog":
            _ = try RegionCatalogDecoder.decode(document, origin: document.file)
        case .some:
            _ = try ManifestDecoder.decode(document)
        case nil where EniplanReportFormat.report(document) != nil:
            throw InputError([EniplanReportFormat.refusal(document)])
        case nil where keys.contains("formatVersion") || keys.contains("findings"):
            _ = try BaselineDecoder.decode(document)
        case nil where document.file.split(separator: "/").last == Substring(ConfigurationDecoder.fileName)
            || (!keys.isEmpty && keys.allSatisfy(ConfigurationDecoder.topFields.contains)):
            _ = try Self.configuration(from: document)
        case nil:
            let format = InputFormats.format(of: document)
            if acceptingAnyShape && !format.recognises(document) { return false }
            if format.isPartOfJoinedState(document) { return true }
            _ = try format.read(document)
        }
        return false
    }
}

import EniplanYAML

/// One kind of file eniplan reads as a state or a desired state, recognised by its shape, never by its name.
///
/// Adding a format is one type conforming to this and its line in ``InputFormats/all``; ``InputLoader``
/// asks the formats in that order and gives the file to the first that recognises it.
protocol InputFormat: Sendable {
    /// Whether `document` has this format's shape. Cheap: it looks at the top of the document only.
    func recognises(_ document: YAMLDocument) -> Bool
    /// Decodes one file of this format, throwing every located problem.
    func read(_ document: YAMLDocument) throws(InputError) -> InputPart
    /// Whether `document` is one part of a state read together with the other parts given (a page or a call
    /// of the API responses): `validate` then checks the parts once, joined, not this file alone.
    func isPartOfJoinedState(_ document: YAMLDocument) -> Bool
}

/// What one input file holds, before the parts of a joined state are joined.
enum InputPart: Sendable {
    /// A manifest or a state, complete in itself.
    case manifest(Manifest)
    /// One Alibaba Cloud API response, joined with the others given into one state.
    case response(AliyunResponse)
    /// A Terraform plan: a desired state, and the state it was made from, joined with the current state given.
    case terraformPlan(TerraformPlan)
}

/// The formats eniplan reads as states and desired states.
enum InputFormats {
    /// In the order they are asked. A file that none recognises goes to the last, whose refusal names every
    /// shape eniplan knows.
    static let all: [any InputFormat] = [EniplanReportFormat(), TerraformPlanFormat(), EniplanManifestFormat(), AliyunResponseFormat()]

    /// The format that reads `document`: the first that recognises it, else the last.
    static func format(of document: YAMLDocument) -> any InputFormat {
        all.first { $0.recognises(document) } ?? all[all.count - 1]
    }
}

/// eniplan's own `kind: Manifest` and `kind: State` files.
struct EniplanManifestFormat: InputFormat {
    /// An empty file, or a mapping with a manifest's key (`kind`, `apiVersion`, `instances`, ...): the
    /// manifest decoder then explains what is wrong with it. API responses in the API's PascalCase never
    /// have one; in the SDKs' camelCase they may (`instances`, `routeTables`), but as an object wrapping a
    /// list and with no `apiVersion` or `kind`, which the API response format recognises first.
    func recognises(_ document: YAMLDocument) -> Bool {
        guard let root = document.root else { return true }
        guard document.kind(root) == .mapping else { return false }
        if case .response(_, let body) = AliyunResponseDecoder.recognise(document), body.spelling == .camelCase { return false }
        return document.entries(root).contains { entry in
            ManifestDecoder.topFields.names.contains { document.scalar(entry.key, equals: $0) }
        }
    }

    func read(_ document: YAMLDocument) throws(InputError) -> InputPart { .manifest(try ManifestDecoder.decode(document)) }

    func isPartOfJoinedState(_ document: YAMLDocument) -> Bool { false }
}

/// The responses of the Alibaba Cloud API calls eniplan reads, as the CLI and the SDKs save them.
struct AliyunResponseFormat: InputFormat {
    /// A response's shape, or an error response's: anything with the top-level keys of the calls eniplan reads.
    func recognises(_ document: YAMLDocument) -> Bool {
        if case .unknown = AliyunResponseDecoder.recognise(document) { return false }
        return true
    }

    func read(_ document: YAMLDocument) throws(InputError) -> InputPart { .response(try AliyunResponseDecoder.decode(document)) }

    /// A response of a call eniplan reads; one with several calls' shapes, or an error response, is refused alone.
    func isPartOfJoinedState(_ document: YAMLDocument) -> Bool {
        AliyunResponseDecoder.recognise(document).call != nil
    }
}

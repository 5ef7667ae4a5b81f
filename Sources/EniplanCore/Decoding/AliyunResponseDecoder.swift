import EniplanYAML

/// Recognises the response body of an Alibaba Cloud API call by its shape (the key that holds its
/// list) and reads it into located partial records. Key order, indentation, extra members and
/// empty sub-objects make no difference; pages of a call and the `aliyun --pager` form (which keeps
/// only the list) have the same shape.
package enum AliyunResponseDecoder {
    /// What a document's shape says it is.
    enum Recognition: Equatable {
        case response(AliyunCall)
        /// Members of several calls' shapes at the top.
        case ambiguous([AliyunCall])
        /// An API error body: `Code` and `Message` instead of data.
        case errorResponse(code: String, message: String)
        case unknown
    }

    static func recognise(_ document: YAMLDocument) -> Recognition {
        guard let root = document.root, let object = AliyunObject(root, in: document) else { return .unknown }
        let lists = AliyunCall.allCases.filter { $0.listKey != nil && object.has($0.shapeKey) }
        if lists.count > 1 { return .ambiguous(lists) }
        if let call = lists.first { return .response(call) }
        if object.has(AliyunCall.describeNetworkInterfaceAttribute.shapeKey) { return .response(.describeNetworkInterfaceAttribute) }
        if let code = object.member("Code"), let message = object.member("Message"),
           let codeText = document.scalar(code.value), let messageText = document.scalar(message.value) {
            return .errorResponse(code: codeText, message: messageText)
        }
        return .unknown
    }

    /// Whether the document is the response of a call eniplan reads.
    package static func recognises(_ document: YAMLDocument) -> Bool {
        if case .response = recognise(document) { return true }
        return false
    }

    /// The shapes eniplan knows, for messages.
    static var knownShapes: String {
        "an eniplan manifest (apiVersion: eniplan/v1 with kind: Manifest or kind: State), or the response of "
            + AliyunCall.allCases.map(\.shapeDescription).joined(separator: ", ")
    }

    /// Reads one response; throws ``InputError`` with every problem found, or with one error at the
    /// root when the file has none of the known shapes.
    static func decode(_ document: YAMLDocument) throws(InputError) -> AliyunResponse {
        let rootRange = document.root.map { document.range($0) } ?? .startOfFile(document.file)
        switch recognise(document) {
        case .response(let call):
            var reader = AliyunReader(document: document, call: call)
            let response = decode(call, document: document, reader: &reader)
            if reader.diagnostics.isEmpty { return response }
            throw InputError(reader.diagnostics)
        case .ambiguous(let calls):
            throw InputError([Diagnostic(.wrongKind, at: rootRange, "this file has the shapes of several responses at once ("
                + calls.map(\.shapeDescription).joined(separator: ", ") + "); save each call's response in its own file")])
        case .errorResponse(let code, let message):
            throw InputError([Diagnostic(.wrongKind, at: rootRange, "this is an Alibaba Cloud API error response (Code '\(DisplayText.quoted(code))': \(DisplayText.quoted(message))), not data; fix the call and save its response again")])
        case .unknown:
            let found = document.root.map { document.kind($0) == .mapping ? "an object with none of their keys" : "a \(document.kind($0) == .sequence ? "list" : "scalar")" } ?? "nothing"
            throw InputError([Diagnostic(.wrongKind, at: rootRange, "this file matches no shape eniplan knows: expected \(knownShapes); found \(found)")])
        }
    }

    private static func decode(_ call: AliyunCall, document: YAMLDocument, reader: inout AliyunReader) -> AliyunResponse {
        // recognise(_:) has checked that the root is an object.
        let root = document.root.flatMap { AliyunObject($0, in: document) }
        var response = AliyunResponse(call: call, file: document.file, range: root?.range ?? .startOfFile(document.file))
        guard let root else { return response }
        response.totalCount = reader.count(root, "TotalCount")
        response.nextToken = reader.presentText(root, "NextToken")?.map { $0 ?? "" }
        switch call {
        case .describeInstances:
            readInstances(root, into: &response, reader: &reader)
        case .describeNetworkInterfaces:
            for item in listItems(root, call, reader: &reader) {
                guard let object = reader.object(item, "an ENI"),
                      let record = interface(object, reader: &reader) else { continue }
                response.interfaces.append(record)
                response.itemIDs.append(record.id)
            }
        case .describeNetworkInterfaceAttribute:
            if let record = interface(root, reader: &reader) {
                response.interfaces.append(record)
                response.itemIDs.append(record.id)
            }
        case .describeEipAddresses:
            for item in listItems(root, call, reader: &reader) {
                guard let object = reader.object(item, "an EIP"), let record = eip(object, reader: &reader) else { continue }
                response.eips.append(record)
                response.itemIDs.append(record.id)
            }
        case .describeRouteEntryList:
            for item in listItems(root, call, reader: &reader) {
                guard let object = reader.object(item, "a route entry") else { continue }
                response.routeEntries += routeEntries(object, table: nil, reader: &reader)
            }
        case .describeRouteTables:
            readRouteTables(root, into: &response, reader: &reader)
        }
        return response
    }

    /// The items of the call's list (`Instances.Instance`), empty for an empty wrapper.
    static func listItems(_ root: AliyunObject, _ call: AliyunCall, reader: inout AliyunReader) -> [NodeID] {
        guard let listKey = call.listKey else { return [] }
        return reader.items(root, call.shapeKey, listKey)?.value ?? []
    }

    /// An id every record needs; a located error when it is missing or empty.
    static func requiredID(_ object: AliyunObject, _ key: String, _ what: String, reader: inout AliyunReader) -> AliyunField<String>? {
        guard let member = object.member(key), !reader.isNull(member.value) else {
            reader.error(.missingKey, object.range, "\(what) in this \(reader.call.name) response has no \(key)")
            return nil
        }
        // A member of the wrong type has had its error from presentText.
        guard let id = reader.presentText(object, key) else { return nil }
        guard let value = id.value else {
            reader.error(.invalidValue, id.range, "\(what) in this \(reader.call.name) response has an empty \(key)")
            return nil
        }
        return id.map { _ in value }
    }
}

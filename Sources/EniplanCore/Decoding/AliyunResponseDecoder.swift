import EniplanYAML

/// Recognises the response body of an Alibaba Cloud API call by its shape (the key that holds its
/// list) and reads it into located partial records. Key order, indentation, extra members and
/// empty sub-objects make no difference; pages of a call and the `aliyun --pager` form (which keeps
/// only the list) have the same shape.
package enum AliyunResponseDecoder {
    /// Where a response's body is, and how it spells its keys.
    struct Body: Equatable {
        /// The API's body: the root, or `body` in the SDKs' `Response.to_map()` form.
        var node: NodeID
        var spelling: AliyunSpelling
        /// Whether the body is wrapped as the Tea SDKs' `to_map()` writes a response (`headers`, `statusCode`, `body`).
        var wrapped: Bool
    }

    /// The `Code` and `Message` of an API error body.
    struct APIError: Equatable {
        var code: String
        var message: String
    }

    /// What a document's shape says it is.
    enum Recognition: Equatable {
        case response(AliyunCall, Body)
        /// Members of several calls' shapes at the top.
        case ambiguous([AliyunCall])
        /// One call's key in both spellings (`Instances` and `instances`).
        case mixedSpellings(AliyunCall)
        /// An API error body: `Code` and `Message` instead of data.
        case errorResponse(code: String, message: String, at: NodeID)
        /// An SDK's `to_map()` of a call that did not succeed: a `statusCode` other than 200, and the error's
        /// `Code` and `Message` where its body has them.
        case unsuccessfulCall(status: String, error: APIError?, at: NodeID)
        /// An SDK's `to_map()` whose `body` has none of the shapes.
        case unknownBody(at: NodeID)
        case unknown

        /// The call, when the document is the response of one.
        var call: AliyunCall? {
            if case .response(let call, _) = self { return call }
            return nil
        }
    }

    static func recognise(_ document: YAMLDocument) -> Recognition {
        guard let root = document.root, let object = AliyunObject(root, in: document) else { return .unknown }
        // The Tea SDKs' Response.to_map(): {"headers": {...}, "statusCode": 200, "body": {...}}.
        if let body = object.member("body"), object.has("statusCode") || object.has("headers") {
            if let status = object.member("statusCode"), !document.scalar(status.value, equals: "200") {
                var error: APIError?
                if let bodyObject = AliyunObject(body.value, in: document),
                   case .errorResponse(let code, let message, _) = recogniseBody(bodyObject, in: document, wrapped: true) {
                    error = APIError(code: code, message: message)
                }
                return .unsuccessfulCall(status: document.scalar(status.value) ?? "", error: error, at: status.value)
            }
            guard let bodyObject = AliyunObject(body.value, in: document) else { return .unknownBody(at: body.value) }
            let recognition = recogniseBody(bodyObject, in: document, wrapped: true)
            return recognition == .unknown ? .unknownBody(at: body.value) : recognition
        }
        return recogniseBody(object, in: document, wrapped: false)
    }

    /// The call whose body `object` is, in either spelling. At the root of a file, the SDKs' spelling is
    /// recognised only where eniplan's own manifests cannot be meant: no `apiVersion` or `kind`, and the
    /// call's key holding an object (`instances: {instance: [...]}`), never the list a manifest holds, with
    /// the call's list in it or a `requestId` beside it.
    private static func recogniseBody(_ object: AliyunObject, in document: YAMLDocument, wrapped: Bool) -> Recognition {
        let camel = AliyunObject(object.node, in: document, spelling: .camelCase)
        let pascalCalls = AliyunCall.allCases.filter { $0.listKey != nil && object.has($0.shapeKey) }
        let mayBeCamel = wrapped || !(object.has("apiVersion") || object.has("kind"))
        let camelCalls = !mayBeCamel ? [] : AliyunCall.allCases.filter { call in
            guard let listKey = call.listKey, let member = camel?.member(call.shapeKey),
                  let wrapper = AliyunObject(member.value, in: document, spelling: .camelCase) else { return false }
            return wrapper.has(listKey) || camel?.has("RequestId") == true
        }
        let calls = AliyunCall.allCases.filter { pascalCalls.contains($0) || camelCalls.contains($0) }
        if calls.count > 1 { return .ambiguous(calls) }
        if let call = calls.first {
            if pascalCalls.contains(call) && camelCalls.contains(call) { return .mixedSpellings(call) }
            return .response(call, Body(node: object.node, spelling: pascalCalls.isEmpty ? .camelCase : .pascalCase, wrapped: wrapped))
        }
        let flat = AliyunCall.describeNetworkInterfaceAttribute
        switch (object.has(flat.shapeKey), mayBeCamel && camel?.has(flat.shapeKey) == true) {
        case (true, true): return .mixedSpellings(flat)
        case (true, false): return .response(flat, Body(node: object.node, spelling: .pascalCase, wrapped: wrapped))
        case (false, true): return .response(flat, Body(node: object.node, spelling: .camelCase, wrapped: wrapped))
        case (false, false): break
        }
        for errorBody in [object, camel].compactMap({ $0 }) {
            if let code = errorBody.member("Code"), let message = errorBody.member("Message"),
               let codeText = document.scalar(code.value), let messageText = document.scalar(message.value) {
                return .errorResponse(code: codeText, message: messageText, at: object.node)
            }
        }
        return .unknown
    }

    /// Whether the document is the response of a call eniplan reads.
    package static func recognises(_ document: YAMLDocument) -> Bool {
        recognise(document).call != nil
    }

    /// The shapes eniplan knows, for messages.
    static var knownShapes: String {
        "an eniplan manifest (apiVersion: eniplan/v1 with kind: Manifest or kind: State), or the response of "
            + AliyunCall.allCases.map(\.shapeDescription).joined(separator: ", ")
            + " (as the API and the aliyun CLI write them, in the SDKs' camelCase, or wrapped as an SDK's to_map() writes a response)"
    }

    /// Reads one response; throws ``InputError`` with every problem found, or with one error at the
    /// root when the file has none of the known shapes.
    static func decode(_ document: YAMLDocument) throws(InputError) -> AliyunResponse {
        let rootRange = document.root.map { document.range($0) } ?? .startOfFile(document.file)
        switch recognise(document) {
        case .response(let call, let body):
            var reader = AliyunReader(document: document, call: call, spelling: body.spelling)
            let response = decode(call, body: body, document: document, reader: &reader)
            if reader.diagnostics.isEmpty { return response }
            throw InputError(reader.diagnostics)
        case .ambiguous(let calls):
            throw InputError([Diagnostic(.wrongKind, at: rootRange, "this file has the shapes of several responses at once ("
                + calls.map(\.shapeDescription).joined(separator: ", ") + "); save each call's response in its own file")])
        case .mixedSpellings(let call):
            throw InputError([Diagnostic(.wrongKind, at: rootRange, "this file has the key of \(call.shapeDescription) twice, in PascalCase ('\(call.shapeKey)') and in camelCase ('\(AliyunSpelling.camelCase.key(call.shapeKey))'); a response is written in one spelling: save it again from one tool, unedited")])
        case .errorResponse(let code, let message, let node):
            throw InputError([Diagnostic(.wrongKind, at: document.range(node), "this is an Alibaba Cloud API error response (Code '\(DisplayText.quoted(code))': \(DisplayText.quoted(message))), not data; fix the call and save its response again")])
        case .unsuccessfulCall(let status, let error, let node):
            let detail = error.map { " (Code '\(DisplayText.quoted($0.code))': \(DisplayText.quoted($0.message)))" } ?? ""
            throw InputError([Diagnostic(.wrongKind, at: document.range(node), "this SDK response has statusCode '\(DisplayText.quoted(status))', not 200: the call failed\(detail), so its body is not data; fix the call and save its response again")])
        case .unknownBody(let node):
            throw InputError([Diagnostic(.wrongKind, at: document.range(node), "this SDK response's body matches no shape eniplan knows: expected the response of "
                + AliyunCall.allCases.map(\.shapeDescription).joined(separator: ", ") + "; found \(describe(node, in: document))")])
        case .unknown:
            let found = document.root.map { describe($0, in: document) } ?? "nothing"
            throw InputError([Diagnostic(.wrongKind, at: rootRange, "this file matches no shape eniplan knows: expected \(knownShapes); found \(found)")])
        }
    }

    private static func describe(_ node: NodeID, in document: YAMLDocument) -> String {
        document.kind(node) == .mapping ? "an object with none of their keys" : "a \(document.kind(node) == .sequence ? "list" : "scalar")"
    }

    private static func decode(_ call: AliyunCall, body: Body, document: YAMLDocument, reader: inout AliyunReader) -> AliyunResponse {
        // recognise(_:) has checked that the body is an object.
        let root = AliyunObject(body.node, in: document, spelling: body.spelling)
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
        case .describeIpv6Addresses:
            for item in listItems(root, call, reader: &reader) {
                guard let object = reader.object(item, "an IPv6 address"), let record = ipv6Address(object, reader: &reader) else { continue }
                response.ipv6Addresses.append(record)
                response.itemIDs.append(record.id)
            }
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
        guard let member = reader.member(object, key), !reader.isNull(member.value) else {
            reader.error(.missingKey, object.range, "\(what) in this \(reader.call.name) response has no \(reader.name(key))")
            return nil
        }
        // A member of the wrong type has had its error from presentText.
        guard let id = reader.presentText(object, key) else { return nil }
        guard let value = id.value else {
            reader.error(.invalidValue, id.range, "\(what) in this \(reader.call.name) response has an empty \(reader.name(key))")
            return nil
        }
        return id.map { _ in value }
    }
}

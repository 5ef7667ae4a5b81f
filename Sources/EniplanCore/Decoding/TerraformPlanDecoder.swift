import EniplanYAML

/// The resource types of the alicloud provider eniplan reads from a Terraform plan.
enum TerraformResourceType: String, Sendable, CaseIterable {
    case instance = "alicloud_instance"
    case networkInterface = "alicloud_ecs_network_interface"
    /// The name `alicloud_ecs_network_interface` had before provider 1.123.1.
    case legacyNetworkInterface = "alicloud_network_interface"
    case attachment = "alicloud_ecs_network_interface_attachment"
    case legacyAttachment = "alicloud_network_interface_attachment"
    case eipAssociation = "alicloud_eip_association"
    case eipAddress = "alicloud_eip_address"
    /// The name `alicloud_eip_address` had before provider 1.126.0.
    case legacyEIP = "alicloud_eip"
    case routeEntry = "alicloud_route_entry"

    /// The resource eniplan models it as; the old names read as the new.
    var canonical: TerraformResourceType {
        switch self {
        case .legacyNetworkInterface: .networkInterface
        case .legacyAttachment: .attachment
        case .legacyEIP: .eipAddress
        default: self
        }
    }
}

/// What `terraform show -json PLANFILE` says about the resources eniplan models.
struct TerraformPlan: Sendable {
    /// One resource's planned change (`resource_changes`), or its state where the plan has no change for it.
    struct Resource: Sendable {
        var address: String
        var type: TerraformResourceType
        /// The change's `actions`: `["no-op"]`, `["create"]`, `["update"]`, `["delete"]`, a replacement
        /// (`["delete","create"]` or `["create","delete"]`), `["read"]`.
        var actions: [String]
        var before: TerraformAttributes?
        var after: TerraformAttributes?
        /// The resource change's entry in the plan; where its findings point.
        var range: SourceRange
        /// The resource's `resource` block in the plan's `configuration`, when the plan carries it.
        var declaration: SourceRange?
        /// The configuration's expressions of this resource: each attribute's `references`, for linking a value
        /// known only after apply (an attachment's `instance_id`) to the resource it comes from.
        var references: [String: [String]] = [:]
        /// The resources it depends on, as the state records them (`prior_state`'s `depends_on`), by their declarations'
        /// addresses: Terraform destroys it before any of them, and creates it after.
        var dependsOn: [String] = []
        /// The provider configuration its declaration names (`alicloud`, `alicloud.dubai`).
        var providerKey: String?

        var deletes: Bool { actions.contains("delete") }
        /// `["create","delete"]`: the replacement is created before the old one is destroyed (`create_before_destroy`).
        var createsBeforeDestroying: Bool { actions == ["create", "delete"] }
        var creates: Bool { actions.contains("create") }
    }

    var file: String
    var range: SourceRange
    /// The provider's `region`, when the configuration writes it as a constant.
    var region: String?
    var regionRange: SourceRange?
    var resources: [Resource]
}

/// Reads Terraform's plan JSON (`format_version`, `resource_changes`, `prior_state`, `configuration`), the
/// machine-readable plan `terraform show -json` writes. Resources of other providers and types are skipped.
enum TerraformPlanDecoder {
    /// A document with Terraform's `format_version` and a plan's keys, or a state's (`values`), which the
    /// decoder then refuses with what to give instead.
    static func isPlan(_ document: YAMLDocument) -> Bool {
        guard let root = document.root, document.kind(root) == .mapping else { return false }
        let keys = document.entries(root).compactMap { document.scalar($0.key) }
        return keys.contains("format_version")
            && keys.contains { ["resource_changes", "planned_values", "prior_state", "values"].contains($0) }
    }

    private static func member(_ node: NodeID, _ name: String, in document: YAMLDocument) -> NodeID? {
        guard document.kind(node) == .mapping else { return nil }
        guard let value = document.entries(node).first(where: { document.scalar($0.key, equals: name) })?.value else { return nil }
        if document.kind(value) == .scalar, document.scalarStyle(value) == .plain, document.scalar(value, equals: "null") { return nil }
        return value
    }

    static func decode(_ document: YAMLDocument) throws(InputError) -> TerraformPlan {
        guard let root = document.root else { throw InputError([Diagnostic(.emptyFile, at: .startOfFile(document.file), "the file is empty")]) }
        var diagnostics: [Diagnostic] = []
        let rootRange = document.range(root)
        if let version = member(root, "format_version", in: document) {
            let text = document.scalar(version) ?? ""
            if document.kind(version) != .scalar || text.split(separator: ".").first != "1" {
                diagnostics.append(Diagnostic(.unsupportedVersion, at: document.range(version),
                                              "Terraform plan format_version '\(DisplayText.quoted(text))' is not supported; eniplan reads format 1.x (Terraform 0.12 and later)"))
            }
        }
        if member(root, "resource_changes", in: document) == nil, member(root, "planned_values", in: document) == nil,
           member(root, "values", in: document) != nil
        {
            throw InputError([Diagnostic(.wrongKind, at: rootRange,
                                         "this is a Terraform state, not a plan: it says what exists, not what changes; save a plan (terraform plan -out tf.plan) and give terraform show -json tf.plan")])
        }
        var plan = TerraformPlan(file: document.file, range: rootRange, resources: [])
        let declarations = Self.declarations(root, in: document)
        var seen: Set<String> = []
        if let changes = member(root, "resource_changes", in: document) {
            guard document.kind(changes) == .sequence else {
                throw InputError([Diagnostic(.wrongType, at: document.range(changes), "resource_changes must be a list")])
            }
            for entry in document.items(changes) {
                guard let resource = Self.change(entry, in: document, declarations: declarations, &diagnostics) else { continue }
                if !seen.insert(resource.address).inserted {
                    diagnostics.append(Diagnostic(.duplicateId, at: resource.range, "resource '\(DisplayText.quoted(resource.address))' has two changes in the plan"))
                    continue
                }
                plan.resources.append(resource)
            }
        }
        // Resources the plan has no change for (none, with Terraform 0.15 and later, which lists no-ops too) are read from
        // the state the plan was made from, and so is what every resource depends on.
        var dependencies: [String: [String]] = [:]
        if let prior = member(root, "prior_state", in: document), let values = member(prior, "values", in: document),
           let module = member(values, "root_module", in: document)
        {
            Self.stateResources(module, in: document, declarations: declarations, seen: &seen, into: &plan.resources,
                                dependencies: &dependencies, &diagnostics)
        }
        for index in plan.resources.indices {
            plan.resources[index].dependsOn = dependencies[plan.resources[index].address] ?? []
        }
        Self.region(root, in: document, declarations: declarations, plan: &plan, &diagnostics)
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return plan
    }

    /// The region of the alicloud providers the plan's resources are declared with, when the configuration writes it as
    /// a constant and they agree; resources in two regions are refused (one region per plan), and a provider whose
    /// region the plan does not give leaves it to the other inputs.
    private static func region(_ root: NodeID, in document: YAMLDocument, declarations: [String: Declaration], plan: inout TerraformPlan,
                               _ diagnostics: inout [Diagnostic]) {
        guard let configuration = member(root, "configuration", in: document),
              let providers = member(configuration, "provider_config", in: document), document.kind(providers) == .mapping else { return }
        var regions: [String: (region: String, range: SourceRange)?] = [:]
        for (key, provider) in document.entries(providers) {
            guard let name = document.scalar(key), let kind = member(provider, "name", in: document), document.scalar(kind, equals: "alicloud") else { continue }
            if let expressions = member(provider, "expressions", in: document), let region = member(expressions, "region", in: document),
               let constant = member(region, "constant_value", in: document), document.kind(constant) == .scalar,
               let text = document.scalar(constant), !text.isEmpty
            {
                regions[name] = (text, document.range(constant))
            } else {
                regions[name] = .some(nil)
            }
        }
        // The providers the plan's resources use: each declaration's, or the only alicloud provider there is.
        var used: Set<String> = []
        for resource in plan.resources {
            if let key = resource.providerKey { used.insert(key) } else if regions.count == 1, let only = regions.keys.first { used.insert(only) } else { return }
        }
        var found: [(region: String, range: SourceRange)] = []
        for key in used.sorted() {
            // A provider the configuration does not list (one passed into a module), or one whose region is not a constant.
            guard let entry = regions[key], let region = entry else { return }
            if !found.contains(where: { $0.region == region.region }) { found.append(region) }
        }
        if found.count > 1 {
            diagnostics.append(Diagnostic(.conflictingValues, at: found[1].range,
                                          "the plan's alicloud resources are in region '\(DisplayText.quoted(found[1].region))' and in region '\(DisplayText.quoted(found[0].region))'; plan one region at a time",
                                          notes: [YAMLError.Note(range: found[0].range, message: "'\(DisplayText.quoted(found[0].region))' is set here")]))
            return
        }
        plan.region = found.first?.region
        plan.regionRange = found.first?.range
    }

    private static func text(_ node: NodeID, _ name: String, in document: YAMLDocument) -> String? {
        guard let value = member(node, name, in: document), document.kind(value) == .scalar else { return nil }
        return document.scalar(value)
    }

    private static func change(_ entry: NodeID, in document: YAMLDocument, declarations: [String: Declaration],
                               _ diagnostics: inout [Diagnostic]) -> TerraformPlan.Resource? {
        guard document.kind(entry) == .mapping else {
            diagnostics.append(Diagnostic(.wrongType, at: document.range(entry), "each entry of resource_changes must be an object"))
            return nil
        }
        guard text(entry, "mode", in: document) != "data", let typeName = text(entry, "type", in: document),
              let type = TerraformResourceType(rawValue: typeName)
        else { return nil }
        guard let address = text(entry, "address", in: document), !address.isEmpty else {
            diagnostics.append(Diagnostic(.missingKey, at: document.range(entry), "a resource change of type \(typeName) has no address"))
            return nil
        }
        guard let change = member(entry, "change", in: document), document.kind(change) == .mapping,
              let actionsNode = member(change, "actions", in: document), document.kind(actionsNode) == .sequence
        else {
            diagnostics.append(Diagnostic(.missingKey, at: document.range(entry), "the change of '\(DisplayText.quoted(address))' has no actions"))
            return nil
        }
        let known = ["no-op", "create", "read", "update", "delete"]
        var actions: [String] = []
        for item in document.items(actionsNode) {
            guard document.kind(item) == .scalar, let action = document.scalar(item), known.contains(action) else {
                let shown = document.kind(item) == .scalar ? "'\(DisplayText.quoted(document.scalar(item) ?? ""))'" : "a \(document.kind(item) == .mapping ? "mapping" : "list")"
                diagnostics.append(Diagnostic(.invalidValue, at: document.range(item),
                                              "the change of '\(DisplayText.quoted(address))' has action \(shown); Terraform's are \(known.joined(separator: ", "))"))
                return nil
            }
            actions.append(action)
        }
        if actions.isEmpty {
            diagnostics.append(Diagnostic(.invalidValue, at: document.range(actionsNode), "the change of '\(DisplayText.quoted(address))' has no actions"))
            return nil
        }
        for side in ["before", "after"] {
            if let value = member(change, side, in: document), document.kind(value) != .mapping {
                diagnostics.append(Diagnostic(.wrongType, at: document.range(value),
                                              "'\(side)' of the change of '\(DisplayText.quoted(address))' must be an object or null"))
                return nil
            }
        }
        let needs = actions.contains("delete") ? "before" : actions.contains("create") ? "after" : nil
        if let needs, member(change, needs, in: document) == nil {
            diagnostics.append(Diagnostic(.missingKey, at: document.range(change),
                                          "the change of '\(DisplayText.quoted(address))' \(needs == "before" ? "deletes" : "creates") it but gives no '\(needs)'"))
            return nil
        }
        let before = member(change, "before", in: document).map {
            TerraformAttributes(address: address, value: TerraformValue.read($0, unknown: nil, in: document))
        }
        let unknown = member(change, "after_unknown", in: document)
        let after = member(change, "after", in: document).map {
            TerraformAttributes(address: address, value: TerraformValue.read($0, unknown: unknown, in: document))
        }
        let declaration = declarations[configurationAddress(address, module: text(entry, "module_address", in: document))]
        var resource = TerraformPlan.Resource(address: address, type: type, actions: actions, before: before, after: after, range: document.range(entry),
                                              declaration: declaration?.range, references: declaration?.references ?? [:])
        resource.providerKey = declaration?.providerKey
        return resource
    }

    private static func stateResources(_ module: NodeID, in document: YAMLDocument, declarations: [String: Declaration], seen: inout Set<String>,
                                       into resources: inout [TerraformPlan.Resource], dependencies: inout [String: [String]],
                                       _ diagnostics: inout [Diagnostic]) {
        if let list = member(module, "resources", in: document), document.kind(list) == .sequence {
            for entry in document.items(list) where document.kind(entry) == .mapping {
                guard text(entry, "mode", in: document) != "data", let typeName = text(entry, "type", in: document),
                      let type = TerraformResourceType(rawValue: typeName), let address = text(entry, "address", in: document)
                else { continue }
                if let list = member(entry, "depends_on", in: document), document.kind(list) == .sequence {
                    dependencies[address] = document.items(list).compactMap { document.scalar($0) }
                }
                guard let values = member(entry, "values", in: document), document.kind(values) == .mapping, seen.insert(address).inserted else { continue }
                let attributes = TerraformAttributes(address: address, value: TerraformValue.read(values, unknown: nil, in: document))
                let declaration = declarations[configurationAddress(address, module: text(module, "address", in: document))]
                var resource = TerraformPlan.Resource(address: address, type: type, actions: ["no-op"], before: attributes, after: attributes,
                                                      range: document.range(entry), declaration: declaration?.range,
                                                      references: declaration?.references ?? [:])
                resource.providerKey = declaration?.providerKey
                resources.append(resource)
            }
        }
        // Modules nest as deep as the document; the loader's depth limit bounds it.
        if let children = member(module, "child_modules", in: document), document.kind(children) == .sequence {
            for child in document.items(children) where document.kind(child) == .mapping {
                stateResources(child, in: document, declarations: declarations, seen: &seen, into: &resources, dependencies: &dependencies, &diagnostics)
            }
        }
    }

    // MARK: The configuration

    /// A `resource` block of the configuration: where the plan writes it, and what each of its expressions references.
    struct Declaration: Sendable {
        var range: SourceRange
        var references: [String: [String]]
        var providerKey: String?
    }

    /// The configuration's resource blocks by module path and address (`module.net.alicloud_ecs_network_interface.eni`).
    private static func declarations(_ root: NodeID, in document: YAMLDocument) -> [String: Declaration] {
        var found: [String: Declaration] = [:]
        guard let configuration = member(root, "configuration", in: document),
              let module = member(configuration, "root_module", in: document) else { return found }
        collect(module, path: "", in: document, into: &found)
        return found
    }

    private static func collect(_ module: NodeID, path: String, in document: YAMLDocument, into found: inout [String: Declaration]) {
        if let list = member(module, "resources", in: document), document.kind(list) == .sequence {
            for entry in document.items(list) where document.kind(entry) == .mapping {
                guard let address = text(entry, "address", in: document) else { continue }
                var references: [String: [String]] = [:]
                if let expressions = member(entry, "expressions", in: document), document.kind(expressions) == .mapping {
                    for (key, expression) in document.entries(expressions) {
                        guard let name = document.scalar(key), let list = member(expression, "references", in: document),
                              document.kind(list) == .sequence else { continue }
                        references[name] = document.items(list).compactMap { document.scalar($0) }
                    }
                }
                found[path + address] = Declaration(range: document.range(entry), references: references,
                                                    providerKey: text(entry, "provider_config_key", in: document))
            }
        }
        if let calls = member(module, "module_calls", in: document), document.kind(calls) == .mapping {
            for (key, call) in document.entries(calls) {
                guard let name = document.scalar(key), let child = member(call, "module", in: document) else { continue }
                collect(child, path: path + "module.\(name).", in: document, into: &found)
            }
        }
    }

    /// The configuration's address of the resource at `address`: module instance keys and the resource's own dropped
    /// (`module.net["a"].alicloud_instance.web[0]` is declared as `module.net.alicloud_instance.web`).
    static func configurationAddress(_ address: String, module: String?) -> String {
        var result = ""
        var depth = 0
        var quoted = false
        for character in address {
            if quoted {
                if character == "\"" { quoted = false }
                continue
            }
            switch character {
            case "[": depth += 1
            case "]": depth -= 1
            case "\"" where depth > 0: quoted = true
            default: if depth == 0 { result.append(character) }
            }
        }
        return result
    }
}

/// Terraform resource addresses (`module.net["a.b"].alicloud_instance.web[0]`), read with their instance keys, which
/// may hold dots and brackets inside quotes.
enum TerraformAddress {
    /// The parts between the dots outside instance keys: `module`, `net["a.b"]`, `alicloud_instance`, `web[0]`.
    static func segments(_ address: String) -> [Substring] {
        var parts: [Substring] = []
        var start = address.startIndex
        var depth = 0
        var quoted = false
        var escaped = false
        var index = address.startIndex
        while index < address.endIndex {
            let character = address[index]
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
            } else {
                switch character {
                case "\"" where depth > 0: quoted = true
                case "[": depth += 1
                case "]": depth = max(0, depth - 1)
                case "." where depth == 0:
                    parts.append(address[start..<index])
                    start = address.index(after: index)
                default: break
                }
            }
            index = address.index(after: index)
        }
        parts.append(address[start...])
        return parts
    }

    /// `module.net["a"].` of `module.net["a"].alicloud_instance.web[0]`; empty for a resource of the root module.
    static func modulePrefix(_ address: String) -> String {
        let parts = segments(address)
        var prefix = ""
        var index = 0
        while index + 3 < parts.count, parts[index] == "module" {
            prefix += "module." + parts[index + 1] + "."
            index += 2
        }
        return prefix
    }

    /// `[0]` of `alicloud_instance.web[0]`: the key of the last part, if it has one.
    static func instanceKey(_ address: String) -> String? {
        guard let last = segments(address).last, let open = last.firstIndex(of: "[") else { return nil }
        return String(last[open...])
    }
}

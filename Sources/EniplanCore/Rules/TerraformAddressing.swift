import EniplanYAML

/// Names the Terraform resource behind each finding: its address leads the message (and so every format that
/// shows the message), is kept for SARIF's logical locations, and a note says where the plan's configuration
/// declares it.
struct TerraformAddressing {
    private var addresses: [String: String] = [:]
    private var declarations: [String: SourceRange] = [:]

    init(_ manifests: [Manifest]) {
        for manifest in manifests {
            addresses.merge(manifest.terraformAddresses) { first, _ in first }
            declarations.merge(manifest.terraformDeclarations) { first, _ in first }
        }
    }

    func annotate(_ findings: inout [Finding]) {
        guard !addresses.isEmpty else { return }
        for index in findings.indices {
            guard let address = addresses[findings[index].resource.id] else { continue }
            findings[index].terraformAddress = address
            findings[index].message = "\(DisplayText.escaped(address)): \(findings[index].message)"
            if let declaration = declarations[address] {
                let declared = TerraformPlanDecoder.configurationAddress(address, module: nil)
                findings[index].notes.append("\(DisplayText.escaped(declared)) is declared in the plan's configuration at \(DisplayText.path(declaration.file)):\(declaration.start.line):\(declaration.start.column)")
            }
        }
    }
}

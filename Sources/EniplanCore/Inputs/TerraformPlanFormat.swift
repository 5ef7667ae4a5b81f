import EniplanYAML

/// Terraform's plan JSON (`terraform show -json PLANFILE`): `format_version` and `resource_changes` at the top.
/// Read as a desired state; the state it was made from joins the current state (``TerraformProjection``).
struct TerraformPlanFormat: InputFormat {
    func recognises(_ document: YAMLDocument) -> Bool { TerraformPlanDecoder.isPlan(document) }

    /// The plan, its values checked as they would be planned with no other input.
    func read(_ document: YAMLDocument) throws(InputError) -> InputPart {
        let plan = try TerraformPlanDecoder.decode(document)
        try TerraformProjection.check(plan)
        return .terraformPlan(plan)
    }

    func isPartOfJoinedState(_ document: YAMLDocument) -> Bool { false }
}

import EniplanYAML

/// What a plan reads: its current state and its desired states, a Terraform plan's two sides among them.
public struct PlanFiles: Sendable {
    public var current: [Manifest]
    public var desired: [Manifest]
    /// How many of the desired files are Terraform plans, which carry a current state of their own.
    public var terraformPlans: Int
}

extension InputLoader {
    /// Loads a plan's current and desired files, collecting the problems of all of them. A Terraform plan among the
    /// desired files is both sides: its desired state takes its place, and the state it was made from joins the
    /// current files, which fill in what the plan does not carry (the flag of an instance's own ENIs).
    public func planFiles(current currentPaths: [String], desired desiredPaths: [String]) throws(InputError) -> PlanFiles {
        try planFiles(current: currentPaths, desired: desiredPaths) { path throws(InputError) in
            let document = try InputError.loading(path, options: options)
            return try InputFormats.format(of: document).read(document)
        }
    }

    /// ``planFiles(current:desired:)`` for documents already loaded, such as ones built in memory.
    public func planFiles(current: [YAMLDocument], desired: [YAMLDocument]) throws(InputError) -> PlanFiles {
        try planFiles(current: current, desired: desired) { document throws(InputError) in try InputFormats.format(of: document).read(document) }
    }

    private func planFiles<Source>(current currentSources: [Source], desired desiredSources: [Source],
                                   reading read: (Source) throws(InputError) -> InputPart) throws(InputError) -> PlanFiles {
        var diagnostics: [Diagnostic] = []
        var currentParts: [InputPart] = []
        var desiredParts: [InputPart] = []
        for source in currentSources {
            do {
                let part = try read(source)
                if case .terraformPlan(let plan) = part {
                    diagnostics.append(Self.terraformPlanRefusal(plan))
                    continue
                }
                currentParts.append(part)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var plans: [TerraformPlan] = []
        for source in desiredSources {
            do {
                let part = try read(source)
                if case .terraformPlan(let plan) = part {
                    if let first = plans.first {
                        diagnostics.append(Diagnostic(.conflictingValues, at: plan.range, "a second Terraform plan; plan one at a time",
                                                      notes: [YAMLError.Note(range: first.range, message: "the first")]))
                        continue
                    }
                    plans.append(plan)
                }
                desiredParts.append(part)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var current: [Manifest] = []
        var desired: [Manifest] = []
        do { current = try joined(currentParts) } catch { diagnostics += error.diagnostics }
        do { desired = try joined(desiredParts.filter { if case .terraformPlan = $0 { false } else { true } }) } catch { diagnostics += error.diagnostics }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        if let plan = plans.first {
            let sides = try TerraformProjection.project(plan, current: current)
            current = sides.current
            // The plan's desired state in its place among the files given.
            let position = desiredParts.firstIndex { if case .terraformPlan = $0 { true } else { false } } ?? 0
            desired.insert(sides.desired, at: min(position, desired.count))
        }
        return PlanFiles(current: current, desired: desired, terraformPlans: plans.count)
    }

    /// A Terraform plan where a state is wanted: it is a change, read as the desired state.
    static func terraformPlanRefusal(_ plan: TerraformPlan) -> Diagnostic {
        Diagnostic(.wrongKind, at: plan.range, "this is a Terraform plan, a change: it is read as the desired state, with the state it was made from",
                   advice: .giveAs(.desiredState))
    }
}

/// `--format json`: the plan as one JSON object, keys sorted, byte-identical for identical inputs.
public enum JSONPlanReporter {
    public static func render(_ plan: Plan) -> String {
        encode(PlanDocument(plan))
    }

    /// The plan with its findings; `usedBaseline` adds the baseline's fixed entries.
    public static func render(_ analysis: Analysis, usedBaseline: Bool = false) -> String {
        encode(PlanDocument(analysis, usedBaseline: usedBaseline))
    }

    private static func encode(_ document: PlanDocument) -> String {
        // Encoding plain strings, integers and optionals cannot fail.
        (try? PrettyJSONEncoder().encodeLine(document)) ?? "{}\n"
    }
}

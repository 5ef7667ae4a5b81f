import Foundation

/// `--format json`: the plan as one JSON object, keys sorted, byte-identical for identical inputs.
public enum JSONPlanReporter {
    public static func render(_ plan: Plan) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and optionals cannot fail.
        guard let data = try? encoder.encode(PlanDocument(plan)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

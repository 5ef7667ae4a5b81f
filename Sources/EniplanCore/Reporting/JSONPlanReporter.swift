/// `--format json`: the plan as one JSON object, keys sorted, byte-identical for identical inputs.
///
/// The document is written as it is made, change by change: a plan of 100k instances is a quarter of a
/// gigabyte of JSON, which `write` never holds whole.
package enum JSONPlanReporter {
    package static func render(_ plan: Plan) -> String {
        collect { try write(plan, to: $0) }
    }

    /// The plan with its findings; `usedBaseline` adds the baseline's fixed entries.
    package static func render(_ analysis: Analysis, usedBaseline: Bool = false) -> String {
        collect { try write(analysis, usedBaseline: usedBaseline, to: $0) }
    }

    /// Writes the plan's JSON, and a final newline, to `sink` in pieces; throws only what `sink` throws.
    package static func write(_ plan: Plan, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try PlanDocument.stream(plan, findings: [], baseline: nil, to: sink)
    }

    /// Writes the analysis's JSON, and a final newline, to `sink` in pieces; throws only what `sink` throws.
    package static func write(_ analysis: Analysis, usedBaseline: Bool = false,
                             to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try PlanDocument.stream(analysis.plan, findings: analysis.findings,
                                baseline: usedBaseline ? PlanDocument.BaselineSummary(fixed: analysis.fixed) : nil,
                                sweep: analysis.sweep.map(PlanDocument.SweepEntry.init), to: sink)
    }

    private static func collect(_ write: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) -> String {
        var bytes: [UInt8] = []
        // Plain strings, integers and optionals always encode, and this sink never throws.
        try? write { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONPlanReporter: Reporter {
    /// Streamed as it is made, never held whole.
    package static func write(_ analysis: Analysis, options: ReportOptions, deliveries: [OutputChannel: ChannelDelivery],
                             to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try write(analysis, usedBaseline: options.usedBaseline, to: sink)
    }
}

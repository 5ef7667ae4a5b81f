/// One thing to measure: a generated manifest of some size, or a file.
enum MeasurementTarget: Hashable {
    case generated(instances: Int)
    case file(path: String)

    /// How the report names it: `1k`, `100k`, `1.5k`, or the file's path.
    var label: String {
        switch self {
        case .generated(let instances): Self.shortCount(instances)
        case .file(let path): path
        }
    }

    static func shortCount(_ count: Int) -> String {
        if count >= 1_000_000 && count % 100_000 == 0 { return trimmed(count, 1_000_000) + "m" }
        if count >= 1_000 && count % 100 == 0 { return trimmed(count, 1_000) + "k" }
        return String(count)
    }

    private static func trimmed(_ count: Int, _ unit: Int) -> String {
        let tenths = count % unit / (unit / 10)
        return tenths == 0 ? String(count / unit) : "\(count / unit).\(tenths)"
    }
}

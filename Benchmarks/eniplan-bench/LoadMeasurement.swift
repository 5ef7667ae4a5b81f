/// The figures for one manifest: best times over the runs and resident-set peaks, in seconds and bytes.
struct LoadMeasurement {
    var inputBytes: Int
    /// libyaml events in the file, stream and document events included.
    var events: Int
    /// Nodes in the loaded document.
    var nodes: Int
    var comments: Int
    var runs: Int
    /// Fastest run of `countLibYAMLEvents` (libyaml alone, nothing built).
    var rawSeconds: Double
    /// Fastest run of `YAMLLoader.load(bytes:file:options:)`.
    var loaderSeconds: Double
    /// Slowest runs, to show how noisy the best figures are.
    var rawWorstSeconds: Double
    var loaderWorstSeconds: Double
    /// Resident set with the input in memory, before anything is parsed.
    var baselineResidentBytes: Int
    /// High-water marks while libyaml alone ran and while the loader ran (each reset before its phase
    /// when ``peakWasReset``).
    var rawPeakResidentBytes: Int
    var loaderPeakResidentBytes: Int
    /// Whether the high-water mark was reset before each phase; if not, peaks include generation.
    var peakWasReset: Bool

    static let megabyte = 1_000_000.0

    var megabytes: Double { Double(inputBytes) / Self.megabyte }
    var rawMegabytesPerSecond: Double { megabytes / rawSeconds }
    var loaderMegabytesPerSecond: Double { megabytes / loaderSeconds }
    var loaderToRaw: Double { loaderSeconds / rawSeconds }
    var rawMillisecondsPerMegabyte: Double { rawSeconds * 1_000 / megabytes }
    var loaderMillisecondsPerMegabyte: Double { loaderSeconds * 1_000 / megabytes }
    /// What the loader adds on top of the input it was handed, as a multiple of the input size.
    var loaderExtraPerInputByte: Double { Double(max(0, loaderPeakResidentBytes - baselineResidentBytes)) / Double(inputBytes) }
    var loaderPeakPerInputByte: Double { Double(loaderPeakResidentBytes) / Double(inputBytes) }
    var rawExtraPerInputByte: Double { Double(max(0, rawPeakResidentBytes - baselineResidentBytes)) / Double(inputBytes) }

    // MARK: The line a child process prints

    private static let prefix = "eniplan-bench-result"

    /// One line of `key=value` fields, exact (Double's description round-trips).
    var resultLine: String {
        let fields: [(String, String)] = [
            ("inputBytes", String(inputBytes)), ("events", String(events)), ("nodes", String(nodes)),
            ("comments", String(comments)), ("runs", String(runs)),
            ("rawSeconds", String(rawSeconds)), ("loaderSeconds", String(loaderSeconds)),
            ("rawWorstSeconds", String(rawWorstSeconds)), ("loaderWorstSeconds", String(loaderWorstSeconds)),
            ("baselineResidentBytes", String(baselineResidentBytes)), ("rawPeakResidentBytes", String(rawPeakResidentBytes)),
            ("loaderPeakResidentBytes", String(loaderPeakResidentBytes)), ("peakWasReset", String(peakWasReset)),
        ]
        return ResultLine.format(Self.prefix, fields)
    }

    /// Reads the line ``resultLine`` wrote out of a child's standard output.
    init?(resultLineIn output: String) {
        guard let line = ResultLine(Self.prefix, in: output) else { return nil }
        func int(_ key: String) -> Int? { line.int(key) }
        func double(_ key: String) -> Double? { line.double(key) }
        guard let inputBytes = int("inputBytes"), let events = int("events"), let nodes = int("nodes"),
              let comments = int("comments"), let runs = int("runs"),
              let rawSeconds = double("rawSeconds"), let loaderSeconds = double("loaderSeconds"),
              let rawWorstSeconds = double("rawWorstSeconds"), let loaderWorstSeconds = double("loaderWorstSeconds"),
              let baseline = int("baselineResidentBytes"), let rawPeak = int("rawPeakResidentBytes"),
              let loaderPeak = int("loaderPeakResidentBytes"), let peakWasReset = line.bool("peakWasReset")
        else { return nil }
        self.init(inputBytes: inputBytes, events: events, nodes: nodes, comments: comments, runs: runs,
                  rawSeconds: rawSeconds, loaderSeconds: loaderSeconds,
                  rawWorstSeconds: rawWorstSeconds, loaderWorstSeconds: loaderWorstSeconds,
                  baselineResidentBytes: baseline, rawPeakResidentBytes: rawPeak, loaderPeakResidentBytes: loaderPeak,
                  peakWasReset: peakWasReset)
    }

    init(inputBytes: Int, events: Int, nodes: Int, comments: Int, runs: Int, rawSeconds: Double, loaderSeconds: Double,
         rawWorstSeconds: Double, loaderWorstSeconds: Double, baselineResidentBytes: Int, rawPeakResidentBytes: Int,
         loaderPeakResidentBytes: Int, peakWasReset: Bool) {
        self.inputBytes = inputBytes
        self.events = events
        self.nodes = nodes
        self.comments = comments
        self.runs = runs
        self.rawSeconds = rawSeconds
        self.loaderSeconds = loaderSeconds
        self.rawWorstSeconds = rawWorstSeconds
        self.loaderWorstSeconds = loaderWorstSeconds
        self.baselineResidentBytes = baselineResidentBytes
        self.rawPeakResidentBytes = rawPeakResidentBytes
        self.loaderPeakResidentBytes = loaderPeakResidentBytes
        self.peakWasReset = peakWasReset
    }
}

/// Why the benchmark could not run; main prints it and exits 1.
struct BenchmarkFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

#if FUZZING
/// libFuzzer's entry point; libFuzzer supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzPipeline.run(bytes)
    return 0
}
#else
import Foundation

/// Without the fuzzer: replays the files given as arguments through the same pipeline, so crash
/// inputs stay regression tests in an ordinary build.
@main
struct FuzzReplay {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            FuzzPipeline.run(Array(data))
            count += 1
        }
        print("replayed \(count) input\(count == 1 ? "" : "s") without a crash")
    }
}
#endif

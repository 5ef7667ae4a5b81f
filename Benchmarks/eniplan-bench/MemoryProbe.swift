#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads this process's resident set size and its high-water mark, in bytes.
///
/// On Linux both come from `/proc/self/status` (VmRSS, VmHWM), and the high-water mark can be reset to
/// the current RSS by writing 5 to `/proc/self/clear_refs`, so one phase's peak can be told from the
/// phase before it. Elsewhere only `getrusage`'s lifetime maximum is available and nothing resets.
enum MemoryProbe {
    /// Current resident set size, or nil when the platform does not say.
    static func residentBytes() -> Int? {
        #if os(Linux)
        statusField("VmRSS:")
        #else
        nil
        #endif
    }

    /// Highest resident set size since the process started or since the last ``resetPeak()``.
    static func peakResidentBytes() -> Int? {
        #if os(Linux)
        return statusField("VmHWM:")
        #else
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) // bytes on Darwin
        #endif
    }

    /// Returns freed heap pages to the system, then resets the high-water mark to the current RSS.
    ///
    /// Returns false when the mark could not be reset (not Linux, or clear_refs is not writable); the
    /// next peak then includes everything before it.
    @discardableResult
    static func resetPeak() -> Bool {
        #if os(Linux)
        trimHeap()
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let written = "5".withCString { write(descriptor, $0, 1) }
        return written == 1
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// glibc's `malloc_trim(0)`, which the Glibc module does not import (it lives in malloc.h): hands
    /// the pages that generating the input freed back, so they do not count in the baseline.
    private static func trimHeap() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias MallocTrim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }

    /// A `kB` field of `/proc/self/status`, in bytes.
    private static func statusField(_ name: String) -> Int? {
        let descriptor = open("/proc/self/status", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got <= 0 { break }
            bytes += chunk[0..<got]
        }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix(name) {
            let fields = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let kilobytes = fields.first.flatMap({ Int($0) }) else { return nil }
            return kilobytes * 1_024
        }
        return nil
    }
    #endif
}

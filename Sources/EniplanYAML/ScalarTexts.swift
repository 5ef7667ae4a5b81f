#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of every scalar of a document, after unescaping and folding.
///
/// Most scalars (plain, or quoted without escapes, on one line) read exactly as they are written, so
/// their text is the source's own bytes and is not copied; the rest are copied into `copies`. A
/// scalar's text is named by a range of byte positions: positions below the source's length are
/// offsets into the source, the others offsets into `copies` plus the source's length.
struct ScalarTexts: Sendable {
    /// The file's bytes, kept for the scalars that stand in it verbatim.
    let source: [UInt8]
    private var copies: [UInt8] = []

    init(source: [UInt8]) { self.source = source }

    /// Keeps `text`, which the source may hold verbatim from `offset` on, and returns where it is kept.
    mutating func add(_ text: UnsafeBufferPointer<UInt8>, verbatimAt offset: Int?) -> Range<Int> {
        if let offset, offset >= 0, offset + text.count <= source.count, standsInSource(text, at: offset) {
            return offset..<offset + text.count
        }
        let start = source.count + copies.count
        copies.append(contentsOf: text)
        return start..<start + text.count
    }

    subscript(text: Range<Int>) -> ArraySlice<UInt8> {
        text.lowerBound < source.count ? source[text] : copies[text.lowerBound - source.count..<text.upperBound - source.count]
    }

    /// Calls `body` with the bytes of `text`.
    func withText<Result>(_ text: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if text.lowerBound < source.count {
            return source.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[text])) }
        }
        let copied = text.lowerBound - source.count..<text.upperBound - source.count
        return copies.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[copied])) }
    }

    /// Whether `text` and `other`, of the same length, are the same bytes.
    func sameText(_ text: Range<Int>, _ other: Range<Int>) -> Bool {
        withText(text) { text in
            withText(other) { other in
                guard let textBase = text.baseAddress, let otherBase = other.baseAddress, !text.isEmpty else { return true }
                return memcmp(textBase, otherBase, text.count) == 0
            }
        }
    }

    private func standsInSource(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard let textBase = text.baseAddress, !text.isEmpty else { return true }
        return source.withUnsafeBufferPointer { source in
            guard let sourceBase = source.baseAddress else { return false }
            return memcmp(textBase, sourceBase + offset, text.count) == 0
        }
    }
}

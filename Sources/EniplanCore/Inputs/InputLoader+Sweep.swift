import EniplanYAML
import Foundation

/// What a compliance sweep reads: the files named, and the eniplan manifests found in the folders named.
public struct SweepFiles: Sendable, Hashable {
    /// Files to read, in order: those named, each in its place, and each folder's files sorted by path.
    public var files: [String]
    /// Files found in a folder that are not eniplan manifests (policies, configs, other YAML or JSON): not read.
    public var skipped: [String]
    /// Folders the walk could not list: a sweep that cannot see a folder does not pass over it in silence.
    public var problems: [Diagnostic] = []
}

extension InputLoader {
    /// Expands `paths` for a sweep: a folder is walked (hidden folders skipped, `.build` among them; links to folders
    /// not followed; each folder's entries in the order of their names' bytes) for `.yaml`, `.yml` and `.json` files
    /// that are eniplan manifests or states (``isManifest(_:)``); the others it finds (other YAML and JSON, links to
    /// nothing or to anything but a regular file) are skipped and counted. A file that cannot be read is kept, so that
    /// reading it reports why. A file named is read whatever it is. A file met twice (named twice, or through a link)
    /// is read once.
    public func sweepFiles(_ paths: [String]) -> SweepFiles {
        var result = SweepFiles(files: [], skipped: [])
        var seen: Set<String> = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                walk(path, into: &result, seen: &seen)
            } else if seen.insert(Self.resolved(path)).inserted {
                result.files.append(path)
            }
        }
        return result
    }

    /// A path with its links resolved, so that two names of one file are one.
    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func walk(_ folder: String, into result: inout SweepFiles, seen: inout Set<String>) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            result.problems.append(Diagnostic(.incompleteInput, at: .startOfFile(folder),
                                              "cannot list the folder '\(DisplayText.escaped(folder))' to sweep it: \(DisplayText.escaped(error.localizedDescription))"))
            return
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = prefix + name
            guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else { continue }
            if type == .typeDirectory {
                if !name.hasPrefix(".") { walk(path, into: &result, seen: &seen) }
                continue
            }
            guard type == .typeRegular || type == .typeSymbolicLink, Self.isManifestName(name) else { continue }
            // Only a regular file is read: a link to nothing, to a folder (which may loop) or to a pipe (which may
            // never end) is skipped.
            let target = Self.resolved(path)
            guard (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType == .typeRegular else {
                result.skipped.append(path)
                continue
            }
            guard seen.insert(target).inserted else { continue }
            if isFoundManifest(path) { result.files.append(path) } else { result.skipped.append(path) }
        }
    }

    /// Whether a file a folder's walk found is read as a manifest. One that never mentions `eniplan/v` (read in
    /// pieces, within the loader's size limit) is not even parsed; one that does is when it loads and
    /// ``isManifest(_:)`` says so, or when it does not load but a top-level line declares eniplan's `apiVersion`, so
    /// that its errors are reported, not skipped. A file that cannot be opened is read, and reports why.
    private func isFoundManifest(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        guard Self.mentionsEniplan(handle, limit: options.limits.maxFileBytes) else { return false }
        if let document = try? InputError.loading(path, options: options) { return isManifest(document) }
        try? handle.seek(toOffset: 0)
        let text = Self.text(of: (try? handle.read(upToCount: options.limits.maxFileBytes)) ?? Data())
        return text.contains(/(?m)^("?apiVersion"?)\s*:\s*["']?eniplan\//) || text.contains(/"apiVersion"\s*:\s*"eniplan\//)
    }

    /// Whether the file holds `eniplan/v` in its first `limit` bytes, read a MiB at a time (UTF-16 after a byte
    /// order mark, UTF-8 otherwise); a mention split between two pieces is found.
    private static func mentionsEniplan(_ handle: FileHandle, limit: Int) -> Bool {
        let needle = Array("eniplan/v".utf8)
        var carried: [UInt8] = []
        var read = 0
        while read < limit, let piece = try? handle.read(upToCount: min(1 << 20, limit - read)), !piece.isEmpty {
            if read == 0, piece.count >= 2, (piece[0], piece[1]) == (0xFF, 0xFE) || (piece[0], piece[1]) == (0xFE, 0xFF) {
                return text(of: piece).contains("eniplan/v")
            }
            read += piece.count
            let window = carried + piece
            if window.firstRange(of: needle) != nil { return true }
            carried = Array(window.suffix(needle.count - 1))
        }
        return false
    }

    /// Bytes as text: UTF-16 after a byte order mark, UTF-8 otherwise.
    private static func text(of bytes: Data) -> String {
        guard bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let bigEndian = bytes[0] == 0xFE
        let body = Array(bytes.dropFirst(2))
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = 0
        while index + 1 < body.count {
            let (high, low) = bigEndian ? (body[index], body[index + 1]) : (body[index + 1], body[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The estates of a sweep: each manifest file is one; the Alibaba Cloud API responses among `paths` are joined
    /// into one. Every file's problems are collected before failing.
    public func estates(at paths: [String]) throws(InputError) -> [[Manifest]] {
        var estates: [[Manifest]] = []
        var responses: [String] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                let document = try InputError.loading(path, options: options)
                if InputFormats.format(of: document) is AliyunResponseFormat {
                    responses.append(path)
                } else {
                    estates.append(try manifests(from: [document]))
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !responses.isEmpty {
            do { estates.append(try manifests(at: responses)) } catch { diagnostics += error.diagnostics }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return estates
    }
}

import EniplanYAML
import Foundation

/// What a compliance sweep reads: the files named, and the eniplan manifests found in the folders named.
public struct SweepFiles: Sendable, Hashable {
    /// Files to read, in order: those named, each in its place, and each folder's files sorted by path.
    public var files: [String]
    /// Files found in a folder that are not eniplan manifests (policies, configs, other YAML or JSON): not read.
    public var skipped: [String]
}

extension InputLoader {
    /// The extensions a folder's walk reads.
    static let sweptExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Expands `paths` for a sweep: a folder is walked (hidden folders and `.build` skipped, links to folders not
    /// followed, each folder's entries in the order of their names' bytes) for `.yaml`, `.yml` and `.json` files that
    /// are eniplan manifests or states; the others it finds (other YAML and JSON, links to nothing or to anything but
    /// a regular file) are skipped and counted. A file named is read whatever it is. A file met twice (named twice,
    /// or through a link) is read once.
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
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = prefix + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            if type == .typeDirectory {
                if name.hasPrefix(".") || name == ".build" { continue }
                walk(path, into: &result, seen: &seen)
                continue
            }
            let ext = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
            guard type == .typeRegular || type == .typeSymbolicLink, name.contains("."), Self.sweptExtensions.contains(ext) else { continue }
            // Only a regular file is read: a link to nothing, to a folder (which may loop) or to a pipe (which may
            // never end) is skipped.
            let target = Self.resolved(path)
            guard (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType == .typeRegular else {
                result.skipped.append(path)
                continue
            }
            guard seen.insert(target).inserted else { continue }
            if isManifest(path) { result.files.append(path) } else { result.skipped.append(path) }
        }
    }

    /// Whether a found file is an eniplan manifest or state: it loads, and its root says `apiVersion: eniplan/...`
    /// with `kind: Manifest` or `kind: State`. A file that never mentions eniplan is not loaded at all (read through
    /// once, in pieces), so other YAML costs next to nothing; one that does not load counts as eniplan's when a
    /// top-level line of it declares eniplan's `apiVersion`, so that its errors are reported, not skipped.
    private func isManifest(_ path: String) -> Bool {
        guard let text = Self.textMentioningEniplan(path) else { return false }
        guard let document = try? InputError.loading(path, options: options) else {
            return text.contains(/(?m)^(apiVersion|"apiVersion")\s*:\s*["']?eniplan\//) || text.contains(/"apiVersion"\s*:\s*"eniplan\//)
        }
        guard let root = document.root, document.kind(root) == .mapping else { return false }
        func value(_ key: String) -> NodeID? { document.entries(root).first { document.scalar($0.key, equals: key) }?.value }
        guard let apiVersion = value("apiVersion").flatMap({ document.scalar($0) }), apiVersion.hasPrefix("eniplan/") else { return false }
        guard let kind = value("kind") else { return true }
        return document.scalar(kind, equals: "Manifest") || document.scalar(kind, equals: "State")
    }

    /// The file's text when it mentions `eniplan/v` anywhere (as UTF-8, or as UTF-16 after its byte order mark), else
    /// nil; read in pieces of 1 MiB, within the loader's size limit.
    private static func textMentioningEniplan(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty {
            bytes += piece
            if bytes.count > 256 << 20 { break }
        }
        if bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) {
            let bigEndian = bytes[0] == 0xFE
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                units.append(bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index]))
                index += 2
            }
            let text = String(decoding: units, as: UTF16.self)
            return text.contains("eniplan/v") ? text : nil
        }
        let needle = Array("eniplan/v".utf8)
        guard bytes.firstRange(of: needle) != nil else { return nil }
        return String(decoding: bytes, as: UTF8.self)
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

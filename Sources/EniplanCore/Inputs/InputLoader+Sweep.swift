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
    /// followed, entries sorted by their bytes) for `.yaml`, `.yml` and `.json` files that declare eniplan's
    /// `apiVersion`; the others it finds are skipped and counted. A file named is read whatever it is.
    public func sweepFiles(_ paths: [String]) -> SweepFiles {
        var result = SweepFiles(files: [], skipped: [])
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                walk(path, into: &result)
            } else {
                result.files.append(path)
            }
        }
        return result
    }

    private func walk(_ folder: String, into result: inout SweepFiles) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = prefix + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            switch type {
            case .typeDirectory:
                if name.hasPrefix(".") || name == ".build" { continue }
                walk(path, into: &result)
            case .typeRegular, .typeSymbolicLink:
                let ext = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
                guard name.contains("."), Self.sweptExtensions.contains(ext) else { continue }
                // A link to a folder is not followed: a link may loop.
                var isFolder: ObjCBool = false
                if type == .typeSymbolicLink, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { continue }
                if isManifest(path) { result.files.append(path) } else { result.skipped.append(path) }
            default:
                continue
            }
        }
    }

    /// Whether a found file is an eniplan manifest or state. Its first bytes must name eniplan's `apiVersion`
    /// (cheap, so other YAML is never parsed); then it must say `kind: Manifest` or `kind: State`. One that names
    /// eniplan but does not load is read all the same, so that its errors are reported, not skipped.
    private func isManifest(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        try? handle.close()
        let text = String(decoding: head, as: UTF8.self)
        guard text.contains("eniplan/v"), text.contains("apiVersion") else { return false }
        guard let document = try? InputError.loading(path, options: options), let root = document.root,
              document.kind(root) == .mapping else { return true }
        guard let kind = document.entries(root).first(where: { document.scalar($0.key, equals: "kind") })?.value else { return true }
        return document.scalar(kind, equals: "Manifest") || document.scalar(kind, equals: "State")
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

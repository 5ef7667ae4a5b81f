#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a path leads on the file system: every symbolic link followed, `.` and `..` applied.
enum PhysicalPath {
    /// The absolute path `path` reaches. The longest part that exists is resolved by the file system
    /// (`realpath`); the rest, which holds no link since it does not exist, is applied as written.
    /// Nil when a link cannot be followed (one that dangles or loops): where it leads is unknown, and
    /// writing through a dangling link creates its target.
    static func resolve(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while true {
            let prefix = "/" + existing.joined(separator: "/")
            if let real = realPath(prefix) { return apply(rest, to: real) }
            var status = stat()
            if lstat(prefix, &status) == 0 { return nil }
            guard let last = existing.popLast() else { return nil }
            rest.insert(last, at: 0)
        }
    }

    /// `path` made absolute with `.` and `..` applied to its text alone, links not followed.
    static func lexical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return apply(absolute.split(separator: "/").map(String.init), to: "/")
    }

    /// Whether `path` is `folder` or lies inside it; both absolute and resolved alike.
    static func isWithin(_ path: String?, _ folder: String?) -> Bool {
        guard let path, let folder else { return false }
        return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    private static func apply(_ components: [String], to base: String) -> String {
        var parts = base.split(separator: "/").map(String.init)
        for component in components {
            switch component {
            case "", ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

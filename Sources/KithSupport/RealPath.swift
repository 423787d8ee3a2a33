import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths with every symbolic link resolved, so that two paths naming one place compare equal.
package enum RealPath {
  /// `url` with symbolic links resolved (`realpath`); for a path that does not exist yet, its
  /// nearest existing ancestor resolved and the rest appended.
  package static func resolve(_ url: URL) -> URL {
    var missing: [String] = []
    var current = url.standardizedFileURL
    while true {
      if let resolved = realpath(current.path, nil) {
        defer { free(resolved) }
        var result = URL(fileURLWithPath: String(cString: resolved))
        for component in missing.reversed() { result.appendPathComponent(component) }
        return result
      }
      let parent = current.deletingLastPathComponent()
      guard parent.path != current.path else { return url.standardizedFileURL }
      missing.append(current.lastPathComponent)
      current = parent
    }
  }

  /// Whether `inner` is `outer` or lies inside it, symbolic links resolved.
  package static func isInside(_ inner: URL, _ outer: URL) -> Bool {
    let (inside, folder) = (resolve(inner).path, resolve(outer).path)
    return inside == folder || inside.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }
}

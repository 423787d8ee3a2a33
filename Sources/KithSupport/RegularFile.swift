import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files Kith reads must be regular files: a folder, a device (`/dev/zero` never ends), a named
/// pipe or a socket named as an input is refused before a byte is read.
package enum RegularFile {
  /// What `path` is, in words, when it is not a regular file (symbolic links followed); `nil`
  /// for a regular file or a path that does not exist.
  package static func kind(of path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a folder"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFIFO: return "a named pipe (FIFO)"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
  }

  /// Refuses each of `files` that is not a regular file.
  ///
  /// - Parameter files: Each file's path and how the pipeline names it.
  /// - Throws: ``UsageError`` naming the first such file and what it is.
  package static func check(_ files: [(path: URL, name: String)]) throws {
    for file in files {
      if let kind = kind(of: file.path.path) {
        throw UsageError(
          "\(file.name) (\(file.path.path)) is \(kind), not a file; name an exported file in "
            + "the pipeline")
      }
    }
  }

  /// The bytes of the regular file `url`, refused when it is anything else or larger than
  /// `limit` bytes.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - what: What the file is, for messages (`the pipeline file`).
  ///   - limit: The largest size read.
  /// - Returns: The bytes, or `nil` when the file does not exist.
  /// - Throws: A message saying what the file is, or how large it is and the limit.
  package static func read(_ url: URL, what: String, limit: Int) throws -> Data? {
    if let kind = kind(of: url.path) {
      throw UsageError("\(what) \(url.path) is \(kind), not a file")
    }
    guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
    guard data.count <= limit else {
      throw UsageError(
        "\(what) \(url.path) is larger than \(limit >> 20) MiB, more than any such file needs; "
          + "is it the right file?")
    }
    return data
  }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folders that may hold identifiers — `OUT/private/` and `OUT/.cache/` — and their files:
/// folders readable by their owner alone (0700), files too (0600), whatever the umask and
/// whatever was there before.
///
/// A folder or file found more open is tightened, and the run says so.
enum PrivateZone {
  /// The folder mode.
  static let folderMode: mode_t = 0o700
  /// The file mode.
  static let fileMode: mode_t = 0o600

  /// Makes `folder` (and its parents) if it is missing, then tightens it and every file in it
  /// to owner-only.
  ///
  /// - Returns: A notice for each folder or file that others could read, now tightened.
  /// - Throws: ``EnvironmentError`` naming the folder when it cannot be made.
  @discardableResult
  static func prepare(_ folder: URL, named name: String) throws -> [String] {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw EnvironmentError.translating(error, path: folder.path)
    }
    var loosened: [String] = []
    if let mode = tighten(folder.path, to: folderMode) {
      loosened.append("\(name)/ (mode \(String(mode, radix: 8)))")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for entry in entries.sorted() {
      var status = stat()
      let path = folder.appendingPathComponent(entry).path
      guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
        let mode = tighten(path, to: fileMode)
      else { continue }
      loosened.append("\(name)/\(entry) (mode \(String(mode, radix: 8)))")
    }
    guard !loosened.isEmpty else { return [] }
    return [
      "others could read " + loosened.joined(separator: ", ")
        + "; Kith made them readable by you alone (0700 folders, 0600 files)"
    ]
  }

  /// Sets `path`'s permissions to `mode` when it allows more; returns the mode it had then.
  private static func tighten(_ path: String, to mode: mode_t) -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let current = status.st_mode & 0o777
    guard current & ~mode != 0 else { return nil }
    chmod(path, mode)
    return current
  }

  /// Writes `data` to `url`, created owner-only from the first byte (or an existing file made
  /// so before it is written); with `atomically`, to a file beside it renamed into place.
  ///
  /// - Throws: ``EnvironmentError`` naming the file and why it cannot be written.
  static func write(_ data: Data, to url: URL, atomically: Bool = false) throws {
    let target =
      atomically
      ? url.deletingLastPathComponent().appendingPathComponent(
        ".\(url.lastPathComponent).\(getpid())-\(UUID().uuidString).partial")
      : url
    let descriptor = open(
      target.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, fileMode)
    guard descriptor >= 0 else { throw unwritable(url) }
    let written =
      fchmod(descriptor, fileMode) == 0 && data.withUnsafeBytes { writeAll(descriptor, $0) }
    let error = unwritable(url)
    close(descriptor)
    guard written else {
      unlink(target.path)
      throw error
    }
    if atomically && rename(target.path, url.path) != 0 {
      let error = unwritable(url)
      unlink(target.path)
      throw error
    }
  }

  private static func unwritable(_ url: URL) -> EnvironmentError {
    let code = errno
    return EnvironmentError(
      "cannot write \(url.path): \(FileProblem.reason(code)); \(FileProblem.advice(code))")
  }
}

/// Writes all of `bytes` to `descriptor`, retrying interrupted calls; false on failure.
///
/// The corresponding C function is `write`.
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
  var offset = 0
  while offset < bytes.count, let base = bytes.baseAddress {
    let count = write(descriptor, base + offset, bytes.count - offset)
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { return false }
    offset += count
  }
  return true
}

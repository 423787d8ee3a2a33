import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A study key file: how Kith makes one, and what a file must be before its key is used.
///
/// A key file is a regular file (not a symbolic link), readable and writable by its owner alone
/// (mode 0600), holding the key as hexadecimal text and nothing else (no byte-order mark).
public enum KeyFile {
  /// Creates `path` holding a new random key as hex, readable by its owner alone from the first
  /// byte (`open(O_CREAT | O_EXCL, 0600)`, written, `fsync`ed): never over an existing file,
  /// nor one that appears meanwhile, nor through a symbolic link.
  ///
  /// - Returns: The key written.
  /// - Throws: ``KeyError/alreadyExists(path:)`` when anything is at `path`;
  ///   ``KeyError/unwritable(path:reason:)`` when the file cannot be made.
  public static func create(at path: String) throws(KeyError) -> StudyKey {
    let bytes = StudyKey.random()
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      if errno == EEXIST || errno == ELOOP { throw .alreadyExists(path: path) }
      throw .unwritable(path: path, reason: FileProblem.reason(errno))
    }
    let text = Array((Hex.string(bytes) + "\n").utf8)
    // umask can only take permissions away from 0600; fchmod makes the mode exact.
    let written =
      fchmod(descriptor, 0o600) == 0 && text.withUnsafeBytes { writeAll(descriptor, $0) }
    let synced = written && fsync(descriptor) == 0
    let reason = FileProblem.reason(errno)
    close(descriptor)
    guard synced else {
      unlink(path)
      throw .unwritable(path: path, reason: reason)
    }
    return StudyKey(unchecked: bytes)
  }

  /// Reads the key in the file at `url`, after checking the file itself.
  ///
  /// - Parameters:
  ///   - url: The key file.
  ///   - checksMode: Whether a file that others may read is refused; a demonstration study's
  ///     key is public by design, so its mode is not checked.
  /// - Returns: The key.
  /// - Throws: ``KeyError`` saying what is wrong with the file and how to fix it.
  public static func read(_ url: URL, checksMode: Bool = true) throws(KeyError) -> StudyKey {
    let path = url.path
    var status = stat()
    guard lstat(path, &status) == 0 else { throw .unreadable(path: path) }
    switch status.st_mode & S_IFMT {
    case S_IFLNK: throw .symbolicLink(path: path)
    case S_IFREG: break
    default: throw .notAFile(path: path)
    }
    let mode = Int(status.st_mode & 0o777)
    if checksMode && mode & 0o077 != 0 { throw .readableByOthers(path: path, mode: mode) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path)
    }
    if data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFF, 0xFE])
      || data.starts(with: [0xFE, 0xFF])
    {
      throw .byteOrderMark(path: path)
    }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let bytes = StudyKey.bytes(fromHex: text) else { throw .notHex(path: path) }
    return try StudyKey(bytes: bytes)
  }
}

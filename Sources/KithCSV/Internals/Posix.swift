#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file calls KithCSV makes, named so they cannot clash with methods.
enum Posix {
  /// The message for the current `errno`.
  static var lastError: String {
    switch errno {
    case ENOENT: "no such file"
    case EACCES: "permission denied"
    case EISDIR: "it is a folder, not a file"
    case ENOSPC: "the disk is full"
    case EFBIG: "the file is larger than this system allows"
    case EROFS: "the file system is read-only"
    default: String(cString: strerror(errno))
    }
  }

  /// Closes a file descriptor; false on failure.
  ///
  /// The corresponding C function is `close`.
  @discardableResult
  static func closeFile(_ descriptor: Int32) -> Bool { close(descriptor) == 0 }

  /// Writes all of `bytes`, retrying interrupted calls.
  ///
  /// The corresponding C function is `write`.
  static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
      guard let base = bytes.baseAddress else { return true }
      let n = write(descriptor, base + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += n
    }
    return true
  }
}

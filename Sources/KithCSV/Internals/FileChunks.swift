#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read front to back in fixed-size chunks through one reusable buffer.
final class FileChunks {
  private let descriptor: Int32
  private let buffer: UnsafeMutableRawPointer
  private let capacity: Int
  private let displayName: String
  /// The file's size in bytes when it was opened.
  let size: Int
  /// The offset reached: how many bytes of the file lie before the next chunk.
  private(set) var bytesRead = 0

  /// Where reading stops: the file's end, or the end of the range asked for.
  private let end: Int

  /// Opens `path` for reading in chunks of `chunkSize` bytes, from the start of `range` to its
  /// end (the whole file when `nil`).
  init(path: String, displayName: String, chunkSize: Int, range: Range<Int>? = nil) throws {
    self.displayName = displayName
    // Non-blocking, so that opening a named pipe does not wait for a writer; only a regular
    // file is read (for which the flag changes nothing).
    descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      throw CSVError(.unreadable(reason: Posix.lastError), file: displayName, systemCode: errno)
    }
    var status = stat()
    let kind = fstat(descriptor, &status) == 0 ? status.st_mode & S_IFMT : 0
    guard kind == S_IFREG else {
      Posix.closeFile(descriptor)
      let what =
        switch kind {
        case S_IFDIR: "a folder"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
      throw CSVError(.unreadable(reason: "it is \(what), not a file"), file: displayName)
    }
    size = Int(status.st_size)
    end = min(range?.upperBound ?? size, size)
    capacity = max(chunkSize, 16)
    buffer = .allocate(byteCount: capacity, alignment: 16)
    if let start = range?.lowerBound, start > 0 {
      bytesRead = start
      guard lseek(descriptor, off_t(start), SEEK_SET) == off_t(start) else {
        let reason = Posix.lastError
        Posix.closeFile(descriptor)
        buffer.deallocate()
        throw CSVError(.unreadable(reason: reason), file: displayName)
      }
    }
  }

  deinit {
    Posix.closeFile(descriptor)
    buffer.deallocate()
  }

  /// Reads the next chunk; empty at the end of the file.
  ///
  /// Valid until the next call.
  func next() throws -> UnsafeRawBufferPointer {
    var filled = 0
    let wanted = min(capacity, end - bytesRead)
    while filled < wanted {
      let n = read(descriptor, buffer + filled, wanted - filled)
      if n < 0 {
        if errno == EINTR { continue }
        throw CSVError(.unreadable(reason: Posix.lastError), file: displayName, systemCode: errno)
      }
      if n == 0 { break }
      filled += n
    }
    bytesRead += filled
    return UnsafeRawBufferPointer(start: buffer, count: filled)
  }
}

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
  /// How many bytes have been read so far.
  private(set) var bytesRead = 0

  /// Opens `path` for reading in chunks of `chunkSize` bytes.
  init(path: String, displayName: String, chunkSize: Int) throws {
    self.displayName = displayName
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw CSVError(.unreadable(reason: Posix.lastError), file: displayName)
    }
    var status = stat()
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      Posix.closeFile(descriptor)
      throw CSVError(.unreadable(reason: "it is a folder, not a file"), file: displayName)
    }
    size = Int(status.st_size)
    capacity = max(chunkSize, 16)
    buffer = .allocate(byteCount: capacity, alignment: 16)
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
    while filled < capacity {
      let n = read(descriptor, buffer + filled, capacity - filled)
      if n < 0 {
        if errno == EINTR { continue }
        throw CSVError(.unreadable(reason: Posix.lastError), file: displayName)
      }
      if n == 0 { break }
      filled += n
    }
    bytesRead += filled
    return UnsafeRawBufferPointer(start: buffer, count: filled)
  }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock (`flock`) on an output folder, held for a whole run: two runs into one
/// folder would remove each other's staging folders and interleave their files.
///
/// The lock file, `.kith-lock`, names the process holding it, so a second run can say whom it
/// waits for. The lock goes with the process: a run killed at any moment leaves no stale lock.
final class OutputLock {
  /// The lock file's name in the output folder.
  static let fileName = ".kith-lock"

  private let descriptor: Int32

  /// Takes the lock on `folder` (which exists), waiting while another run holds it unless
  /// `wait` is false.
  ///
  /// - Parameters:
  ///   - folder: The output folder.
  ///   - wait: Whether to wait for another run to finish.
  ///   - waiting: Told, once, who holds the lock when the run has to wait.
  /// - Throws: ``EnvironmentError`` when another run holds the lock and `wait` is false, or the
  ///   lock file cannot be made.
  init(folder: URL, wait: Bool, waiting: (String) -> Void) throws {
    let path = folder.appendingPathComponent(Self.fileName).path
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw EnvironmentError(
        "cannot make the lock file \(path): \(FileProblem.reason(errno)); "
          + FileProblem.advice(errno))
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      let holder = Self.holder(descriptor)
      let message =
        "another Kith run (\(holder)) is writing to \(folder.relativePath)"
      guard wait else {
        close(descriptor)
        throw EnvironmentError(
          message + "; let it finish, or run again without --no-wait to wait for it")
      }
      waiting(message + "; waiting for it to finish (Ctrl-C to stop)")
      while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }
    self.descriptor = descriptor
    let me = "process \(getpid())"
    _ = ftruncate(descriptor, 0)
    _ = me.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  deinit { close(descriptor) }

  /// Who holds the lock, as its file says (`process 4242`).
  private static func holder(_ descriptor: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = pread(descriptor, &buffer, buffer.count, 0)
    let text = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    return text.hasPrefix("process ") ? text : "a process that has not yet said which"
  }
}

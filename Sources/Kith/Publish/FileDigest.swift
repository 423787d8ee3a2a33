import Crypto
import Foundation
import KithSupport

/// The SHA-256 of a file, read a mebibyte at a time: a release's or an input's file can be
/// larger than the memory hashing it should take.
enum FileDigest {
  /// The size and SHA-256 (hex) of the file at `url`.
  ///
  /// - Returns: The bytes read and their digest; `nil` when the file cannot be opened or read to
  ///   its end.
  static func sha256(of url: URL) -> (bytes: Int, sha256: String)? {
    guard let file = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? file.close() }
    var hasher = SHA256()
    var bytes = 0
    do {
      while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
        hasher.update(data: chunk)
        bytes += chunk.count
      }
    } catch {
      return nil
    }
    return (bytes, Hex.string(hasher.finalize()))
  }
}

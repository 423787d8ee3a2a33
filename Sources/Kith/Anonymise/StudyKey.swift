import Crypto
import Foundation

/// The secret key of a study: at least 32 bytes, kept in a file as hex text, never logged or
/// written anywhere.
///
/// Whoever holds it can link pids back to identifiers they already know; without it a pid reveals
/// nothing.
public struct StudyKey: Sendable {
  /// The smallest key accepted, in bytes.
  public static let minimumBytes = 32

  let symmetricKey: SymmetricKey

  /// Creates a key from raw bytes.
  ///
  /// - Throws: ``KeyError/tooShort(bytes:)`` for fewer than ``minimumBytes``;
  ///   ``KeyError/lowEntropy`` for bytes no random generator would give (``isPatterned(_:)``).
  public init(bytes: [UInt8]) throws(KeyError) {
    guard bytes.count >= Self.minimumBytes else { throw .tooShort(bytes: bytes.count) }
    guard !Self.isPatterned(bytes) else { throw .lowEntropy }
    symmetricKey = SymmetricKey(data: bytes)
  }

  /// Whether `bytes` follow a pattern rather than chance: one byte repeated (all zeros), a short
  /// run repeated (period up to 8), a constant step (`00 01 02 …`), or fewer than 12 distinct
  /// byte values — 32 random bytes have about 30, and fewer than 12 happens less than once in
  /// 10^20 keys.
  static func isPatterned(_ bytes: [UInt8]) -> Bool {
    guard bytes.count > 1 else { return true }
    for period in 1...min(8, bytes.count - 1)
    where bytes.indices.dropFirst(period).allSatisfy({ bytes[$0] == bytes[$0 - period] }) {
      return true
    }
    let step = bytes[1] &- bytes[0]
    if bytes.indices.dropFirst().allSatisfy({ bytes[$0] &- bytes[$0 - 1] == step }) { return true }
    return Set(bytes).count < 12
  }

  /// A key from bytes known to be long enough (a fresh random key).
  init(unchecked bytes: [UInt8]) {
    symmetricKey = SymmetricKey(data: bytes)
  }

  /// A new random key of `byteCount` bytes from the system's secure generator.
  public static func random(byteCount: Int = minimumBytes) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
  }

  /// The first 8 hex digits of HMAC-SHA256(key, "kith-key-fingerprint"): enough to tell two keys
  /// apart in a run record, useless for recovering the key.
  public var fingerprint: String {
    let code = HMAC<SHA256>.authenticationCode(
      for: Array("kith-key-fingerprint".utf8), using: symmetricKey)
    return Hex.string(code.prefix(4))
  }

  static func bytes(fromHex text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = Hex.value(digits[index]), let low = Hex.value(digits[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }
}

/// Why a key cannot be used.
public enum KeyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The key file is missing or unreadable.
  case unreadable(path: String)
  /// The file does not hold hex text.
  case notHex(path: String)
  /// The key is shorter than 32 bytes.
  case tooShort(bytes: Int)
  /// No key was given anywhere.
  case missing
  /// The key file is inside the output folder, where it could be shared with the release.
  case insideOutput(path: String)
  /// git tracks the key file, so anyone with the repository has the key.
  case trackedByGit(path: String)
  /// The key file is a symbolic link: what it points at could change under the study.
  case symbolicLink(path: String)
  /// The key path is a folder or a device, not a regular file.
  case notAFile(path: String)
  /// The key file may be read by its group or by anyone (`mode` is its permission bits).
  case readableByOthers(path: String, mode: Int)
  /// The key file starts with a byte-order mark (saved by an editor as "UTF-8 with BOM").
  case byteOrderMark(path: String)
  /// The key's bytes follow a pattern (all zeros, a repeated run, `00 01 02 …`): not a key a
  /// random generator makes.
  case lowEntropy
  /// `kith keygen` found something already at the path.
  case alreadyExists(path: String)
  /// `kith keygen` could not write the file.
  case unwritable(path: String, reason: String)

  /// What is wrong and how to fix it.
  public var description: String {
    switch self {
    case .unreadable(let path):
      "cannot read the key file \(path); make one with `kith keygen FILE`"
    case .notHex(let path):
      "the key file \(path) must hold the key as hexadecimal text (64 or more digits 0-9, a-f)"
    case .tooShort(let bytes):
      "the key has \(bytes) bytes; Kith needs at least \(StudyKey.minimumBytes) "
        + "(make one with `kith keygen FILE`)"
    case .insideOutput(let path):
      "the key file \(path) is inside the output folder; keep keys apart from outputs"
    case .trackedByGit(let path):
      "the key file \(path) is tracked by git, so anyone with the repository can link pids to "
        + "people; remove it (`git rm --cached`), make a new key with `kith keygen`, and keep it "
        + "outside the repository (only a pipeline with `demo: true` may use a tracked key)"
    case .symbolicLink(let path):
      "the key file \(path) is a symbolic link; pass the file itself with --key, so that what it "
        + "points at cannot change under the study"
    case .notAFile(let path):
      "\(path) is not a regular file; pass the key file with --key"
    case .readableByOthers(let path, let mode):
      "the key file \(path) can be read by others (mode \(String(mode, radix: 8))); make it "
        + "readable by you alone with `chmod 600 \(path)`"
    case .byteOrderMark(let path):
      "the key file \(path) starts with a byte-order mark (saved as \"UTF-8 with BOM\" or "
        + "UTF-16); save it as plain text holding only the hex digits"
    case .lowEntropy:
      "the key's bytes follow a pattern (all the same, a repeated run, or counting up), so "
        + "anyone could guess it; make a random key with `kith keygen FILE`"
    case .alreadyExists(let path):
      "\(path) already exists; Kith never overwrites a key (pids depend on it), so choose a new "
        + "file name"
    case .unwritable(let path, let reason):
      "cannot write the key file \(path): \(reason)"
    case .missing:
      "no key: pass `--key FILE`, set KITH_KEY_FILE, or name a key file under `key:` in the "
        + "pipeline (make one with `kith keygen FILE`)"
    }
  }
}

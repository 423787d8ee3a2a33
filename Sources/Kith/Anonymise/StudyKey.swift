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
  public init(bytes: [UInt8]) throws(KeyError) {
    guard bytes.count >= Self.minimumBytes else { throw .tooShort(bytes: bytes.count) }
    symmetricKey = SymmetricKey(data: bytes)
  }

  /// A key from bytes known to be long enough (a fresh random key).
  init(unchecked bytes: [UInt8]) {
    symmetricKey = SymmetricKey(data: bytes)
  }

  /// Reads a key file holding the key as hex text (surrounding whitespace ignored).
  public init(contentsOf url: URL) throws(KeyError) {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .unreadable(path: url.path)
    }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let bytes = Self.bytes(fromHex: text) else { throw .notHex(path: url.path) }
    try self.init(bytes: bytes)
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
    case .missing:
      "no key: pass `--key FILE`, set KITH_KEY_FILE, or name a key file under `key:` in the "
        + "pipeline (make one with `kith keygen FILE`)"
    }
  }
}

/// Lower-case hexadecimal text.
enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var text: [UInt8] = []
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  static func value(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

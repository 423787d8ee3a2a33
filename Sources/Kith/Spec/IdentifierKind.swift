import Foundation

/// The kind of a personal identifier: how it is normalised and the domain tag hashed with it, so
/// the same text in different kinds of column never gives the same pid.
public enum IdentifierKind: String, Sendable, CaseIterable {
  /// An email address: Unicode NFC, trimmed, lower-cased.
  case email
  /// A UK phone number, in E.164 form: `+44` and the national number without its leading 0.
  case phone
  /// An NHS number: ten digits whose last is a valid modulus-11 check digit.
  case nhs
  /// A study or system ID: trimmed, otherwise as written.
  case id

  /// The normalised form of `raw`, or why it is not a valid identifier of this kind.
  public func normalise(_ raw: String) -> Result<String, IdentifierProblem> {
    if self == .email, let ascii = Self.normaliseASCIIEmail(raw) { return ascii }
    let trimmed =
      raw.utf8.allSatisfy { $0 < 0x80 }
      ? raw.trimmed : raw.precomposedStringWithCanonicalMapping.trimmed
    guard !trimmed.isEmpty else { return .failure(.empty) }
    switch self {
    case .email:
      let lowered = trimmed.lowercased()
      guard Self.isEmailShaped(lowered) else {
        return .failure(.malformed("is not an email address"))
      }
      return .success(lowered)
    case .phone:
      return UKPhone.e164(trimmed).map(Result.success)
        ?? .failure(.malformed("is not a UK phone number"))
    case .nhs:
      return NHSNumber.canonical(trimmed).map(Result.success)
        ?? .failure(.malformed("is not a valid NHS number (10 digits with a check digit)"))
    case .id:
      return .success(trimmed)
    }
  }

  /// The kind's position in ``allCases``.
  var position: Int {
    switch self {
    case .email: 0
    case .phone: 1
    case .nhs: 2
    case .id: 3
    }
  }

  /// One `@` with text before it, a dot after it, and no whitespace anywhere.
  private static func isEmailShaped(_ text: String) -> Bool {
    hasEmailShape(text.utf8)
      && !text.unicodeScalars.contains { $0.value >= 0x80 && $0.properties.isWhitespace }
  }

  /// Whether `bytes` hold one `@` with bytes before it, a dot after it, and no ASCII
  /// whitespace.
  private static func hasEmailShape(_ bytes: some Sequence<UInt8>) -> Bool {
    var ats = 0
    var localLength = 0
    var dotAfterAt = false
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "@"): ats += 1
      case UInt8(ascii: ".") where ats == 1: dotAfterAt = true
      case 32, 9...13: return false
      default: if ats == 0 { localLength += 1 }
      }
    }
    return ats == 1 && localLength > 0 && dotAfterAt
  }

  /// ``normalise(_:)`` of an email written in ASCII, from its bytes (the common case, and the
  /// one most often repeated); `nil` for other text.
  private static func normaliseASCIIEmail(_ raw: String) -> Result<String, IdentifierProblem>? {
    var raw = raw
    return raw.withUTF8 { bytes in
      guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
      let isSpace = { (byte: UInt8) in byte == 32 || (9...13).contains(byte) }
      var (start, end) = (0, bytes.count)
      while start < end && isSpace(bytes[start]) { start += 1 }
      while end > start && isSpace(bytes[end - 1]) { end -= 1 }
      guard start < end else { return .failure(.empty) }
      let address = UnsafeBufferPointer(rebasing: bytes[start..<end])
      guard hasEmailShape(address) else { return .failure(.malformed("is not an email address")) }
      return .success(
        String(unsafeUninitializedCapacity: address.count) { lowered in
          for (index, byte) in address.enumerated() {
            lowered[index] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
          }
          return address.count
        })
    }
  }
}

/// Why a value cannot be used as an identifier.
public enum IdentifierProblem: Error, Sendable, Equatable {
  /// The cell is blank.
  case empty
  /// The value is not of the declared kind; the text says how.
  case malformed(String)
}

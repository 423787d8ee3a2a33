import Foundation

/// The kind of a personal identifier: how it is normalised and the domain tag hashed with it, so
/// the same text in different kinds of column never gives the same pid.
public enum IdentifierKind: String, Sendable, CaseIterable {
  /// An email address: Unicode NFC, trimmed, lower-cased.
  case email
  /// A study or system ID: trimmed, otherwise as written.
  case id

  /// The normalised form of `raw`, or why it is not a valid identifier of this kind.
  public func normalise(_ raw: String) -> Result<String, IdentifierProblem> {
    let trimmed = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(
      in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return .failure(.empty) }
    switch self {
    case .email:
      let lowered = trimmed.lowercased()
      let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
        !lowered.contains(where: \.isWhitespace)
      else { return .failure(.malformed("is not an email address")) }
      return .success(lowered)
    case .id:
      return .success(trimmed)
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

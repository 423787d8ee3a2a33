/// A column that does not name anyone but, combined with others, could single a person out; it
/// is released only generalised, and k-anonymity is enforced over all of them.
public struct QuasiIdentifierSpec: Sendable {
  /// The kinds Kith generalises, with the participant column each becomes.
  public enum Kind: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
    /// Date of birth → age at baseline → age band (`age_band`).
    case age
    /// Gender as recorded → declared groups (`gender`).
    case gender
    /// Ethnicity as recorded → declared groups (`ethnicity`).
    case ethnicity
    /// Postcode → outward code → area (`area`).
    case postcode

    /// The column of `participants.csv`.
    public var outputColumn: String {
      switch self {
      case .age: "age_band"
      case .gender: "gender"
      case .ethnicity: "ethnicity"
      case .postcode: "area"
      }
    }
  }

  /// What the column holds.
  public var kind: Kind
  /// The column.
  public var column: Located<String>
  /// Age: how dates of birth are written.
  public var dateFormat: DateFormat
  /// Age: the lower bounds of the bands, ascending (`[18, 25, 35, 45, 55, 65]`).
  public var bands: [Int]
  /// Gender and ethnicity: group names and the answers (lower-cased) each takes.
  public var groups: [(name: String, answers: [String])]

  /// The default age bands.
  public static let defaultBands = [18, 25, 35, 45, 55, 65]
}

/// How k-anonymity is enforced over the quasi-identifiers.
public struct KAnonymitySpec: Sendable, Equatable {
  /// Every combination of released quasi-identifier values must be shared by at least k people.
  public var k: Int
  /// The largest share of participants whose quasi-identifiers may be suppressed rather than
  /// generalised further.
  public var maxSuppressed: Double
  /// The characteristics to keep when one must be coarsened or suppressed, most important
  /// first (`quasi_identifiers.priority`); empty for Kith's own choice.
  public var priority: [QuasiIdentifierSpec.Kind] = []
}

/// How absolute dates are released.
public enum DateRelease: String, Sendable, CaseIterable {
  /// As ISO dates.
  case exact
  /// Coarsened to the month (`2025-03`).
  case month
  /// Replaced by days since the participant's first attendance (`days_since_first`).
  case daysSinceFirst = "days-since-first"
}

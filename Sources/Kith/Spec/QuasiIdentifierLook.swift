import Foundation

/// Columns that look like quasi-identifiers — a date of birth, a postcode, an age, a gender, an
/// ethnicity — recognised by their header or by their values, so that one kept raw without
/// being declared is refused (unless the pipeline says why under `keep_raw:`).
///
/// The rules are documented in `docs/privacy.md`: a header whose words name one of these, or a
/// column whose non-blank values are, for at least half of them, dates, UK postcodes (whole or
/// outward code), gender terms or ethnicity terms.
enum QuasiIdentifierLook {
  /// What a column looks like.
  enum Kind: String, Sendable {
    case dateOfBirth = "a date of birth"
    case date = "dates"
    case postcode = "a postcode"
    case age = "an age"
    case gender = "a gender"
    case ethnicity = "an ethnicity"
  }

  /// What the header `name` names, if it is a quasi-identifier's: by its words, so that
  /// `Language` is not an age nor `Sussex` a sex.
  static func byHeader(_ name: String) -> Kind? {
    let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    let joined = " " + words.joined(separator: " ") + " "
    let phrases: [(String, Kind)] = [
      (" date of birth ", .dateOfBirth), (" birth date ", .dateOfBirth),
      (" birthdate ", .dateOfBirth), (" dob ", .dateOfBirth), (" birthday ", .dateOfBirth),
      (" year of birth ", .age), (" birth year ", .age), (" yob ", .age), (" age ", .age),
      (" how old ", .age), (" years old ", .age),
      (" postcode ", .postcode), (" post code ", .postcode), (" postal code ", .postcode),
      (" zip ", .postcode), (" zipcode ", .postcode),
      (" gender ", .gender), (" sex ", .gender),
      (" ethnicity ", .ethnicity), (" ethnic ", .ethnicity), (" race ", .ethnicity),
    ]
    return phrases.first { joined.contains($0.0) }?.1
  }

  /// What the values of a column look like, if at least half of the non-blank ones are of one
  /// quasi-identifier kind; `nil` for fewer than 3 values, too few to judge.
  static func byContent<Values: Sequence>(_ values: Values) -> Kind?
  where Values.Element == String {
    var counts: [Kind: Int] = [:]
    var total = 0
    for value in values {
      let text = value.trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty else { continue }
      total += 1
      if let kind = kind(of: text) { counts[kind, default: 0] += 1 }
    }
    guard total >= 3, let (kind, count) = counts.max(by: { $0.value < $1.value }),
      count * 2 >= total
    else { return nil }
    return kind
  }

  /// The kind one value looks like.
  private static func kind(of text: String) -> Kind? {
    let lower = text.lowercased()
    if lower.wholeMatch(of: postcode) != nil || lower.wholeMatch(of: outwardCode) != nil {
      return .postcode
    }
    if DateFormat.allCases.contains(where: { $0.day(text) != nil }) { return .date }
    if genderTerms.contains(lower) { return .gender }
    let words = Set(lower.split { !$0.isLetter }.map(String.init))
    if !words.isDisjoint(with: ethnicityTerms) { return .ethnicity }
    return nil
  }

  private nonisolated(unsafe) static let postcode = /[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}/
  private nonisolated(unsafe) static let outwardCode = /[a-z]{1,2}\d[a-z\d]?/

  /// Gender answers as surveys record them.
  static let genderTerms: Set<String> = [
    "female", "male", "woman", "man", "f", "m", "non-binary", "nonbinary", "non binary",
    "genderqueer", "agender", "trans man", "trans woman", "transgender", "girl", "boy",
  ]

  /// Words of the UK census ethnic groups (ONS 2021), as surveys record them.
  static let ethnicityTerms: Set<String> = [
    "white", "black", "asian", "mixed", "british", "irish", "gypsy", "traveller", "roma",
    "indian", "pakistani", "bangladeshi", "chinese", "caribbean", "african", "arab",
    "multiple", "ethnic",
  ]
}

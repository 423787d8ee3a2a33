import Foundation

/// A questionnaire scored by its authors' rules: its items, how answers are coded, and how the
/// total is formed.
public struct Instrument: Sendable, Equatable {
  /// The short id used in pipelines and output columns (`wemwbs`).
  public var id: String
  /// The full name.
  public var name: String
  /// The version of this definition; it changes whenever scoring would change.
  public var version: String
  /// Where the scoring rules come from.
  public var citation: String
  /// The number of items.
  public var itemCount: Int
  /// The default item column names, with `{n}` standing for the 1-based item number.
  public var itemPattern: String
  /// The lowest and highest answer codes.
  public var codes: ClosedRange<Int>
  /// Answer labels and their codes; matched ignoring case and repeated spaces.
  public var labels: [String: Int]
  /// Whether a higher total means better (wellbeing) rather than worse (loneliness).
  public var higherIsBetter: Bool

  /// The item column names for `pattern` (the default when `nil`).
  public func itemColumns(pattern: String? = nil) -> [String] {
    (1...itemCount).map { (pattern ?? itemPattern).replacingOccurrences(of: "{n}", with: "\($0)") }
  }

  /// The range of possible totals.
  public var totalRange: ClosedRange<Int> {
    (codes.lowerBound * itemCount)...(codes.upperBound * itemCount)
  }

  /// The code of an answer given as a code or a label, or `nil` when it is neither.
  ///
  /// Blank answers are not passed here.
  public func code(of answer: String) -> Int? {
    let trimmed = answer.trimmed
    if let number = Int(trimmed) { return codes.contains(number) ? number : nil }
    return labels[Self.labelKey(trimmed)]
  }

  /// The answers this instrument accepts, in words, for error messages.
  public var acceptedAnswers: String {
    let named = labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { "'\($0.key)'" }
    return "expected \(codes.lowerBound)–\(codes.upperBound)"
      + (named.isEmpty ? "" : " or one of \(named.joined(separator: ", "))")
  }

  /// The total of a complete response; `nil` when any item is missing.
  public func total(_ items: [Int?]) -> Int? {
    var sum = 0
    for item in items {
      guard let item else { return nil }
      sum += item
    }
    return sum
  }

  static func labelKey(_ label: String) -> String {
    label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

/// The small-number rule every published count and statistic passes through, in one place.
///
/// The default is NHS Digital's method for sub-national figures (2018): counts of 1–7 are shown
/// as `*`, other counts are rounded to the nearest 5, totals are computed from unrounded values and
/// then rounded, and means or medians are shown only where n ≥ 8.
public struct DisclosureRule: Sendable, Equatable, Codable {
  enum CodingKeys: String, CodingKey {
    case name
    case suppressBelow = "suppress_below"
    case roundTo = "round_to"
    case minimumForStatistics = "min_n_for_statistics"
  }

  /// The preset's name, or `custom`.
  public var name: String
  /// Counts from 1 up to (not including) this are suppressed; zero is shown.
  public var suppressBelow: Int
  /// Counts that are shown are rounded to the nearest multiple of this (1: not rounded).
  public var roundTo: Int
  /// Statistics (means, medians, SDs) need at least this many people.
  public var minimumForStatistics: Int

  /// The text shown in place of a suppressed value.
  public static let suppressed = "*"

  /// NHS Digital: suppress 1–7, round to 5, statistics from n ≥ 8.
  public static let nhsDigital = DisclosureRule(
    name: "nhs-digital", suppressBelow: 8, roundTo: 5, minimumForStatistics: 8)
  /// The ONS "10 threshold rule": suppress 1–9, statistics from n ≥ 10; no rounding.
  public static let ons10 = DisclosureRule(
    name: "ons10", suppressBelow: 10, roundTo: 1, minimumForStatistics: 10)
  /// Suppress 1–4, statistics from n ≥ 5; no rounding.
  public static let min5 = DisclosureRule(
    name: "min5", suppressBelow: 5, roundTo: 1, minimumForStatistics: 5)

  /// The presets by name.
  public static let presets = [nhsDigital, ons10, min5]

  /// Creates a rule.
  public init(name: String, suppressBelow: Int, roundTo: Int, minimumForStatistics: Int) {
    self.name = name
    self.suppressBelow = suppressBelow
    self.roundTo = max(1, roundTo)
    self.minimumForStatistics = minimumForStatistics
  }

  /// The published form of a count of people: `0`, `*`, or the count rounded.
  public func count(_ n: Int) -> String {
    guard n != 0 else { return "0" }
    guard n >= suppressBelow else { return Self.suppressed }
    return String(rounded(n))
  }

  /// The published form of a total: the unrounded counts are added, then the sum is published
  /// like any count (so a total is never the sum of rounded cells).
  public func total(_ counts: [Int]) -> String { count(counts.reduce(0, +)) }

  /// `n` rounded to the nearest multiple of ``roundTo`` (halves away from zero).
  public func rounded(_ n: Int) -> Int {
    guard roundTo > 1 else { return n }
    return (n + roundTo / 2) / roundTo * roundTo
  }

  /// The true counts a reader can tell a published count `shown` (not `*`) came from: 0 from 0;
  /// under rounding, every count that rounds to it (none below the threshold); else itself.
  public func counts(publishedAs shown: Int) -> ClosedRange<Int> {
    guard shown > 0 else { return 0...0 }
    guard roundTo > 1 else { return shown...shown }
    let low = max(shown - roundTo / 2, suppressBelow)
    return low...max(low, shown + roundTo - 1 - roundTo / 2)
  }

  /// The interval ``counts(publishedAs:)`` gives for the published form of the true count `n`.
  func interval(ofShown n: Int) -> ClosedRange<Double> {
    let range = counts(publishedAs: n == 0 ? 0 : rounded(n))
    return Double(range.lowerBound)...Double(range.upperBound)
  }

  /// Whether a published count is exactly the true count: zero, or any shown count under a
  /// rule that does not round.
  func isExact(_ n: Int) -> Bool { n == 0 || (roundTo == 1 && n >= suppressBelow) }

  /// Whether a statistic over `n` people may be shown.
  public func allowsStatistic(n: Int) -> Bool { n >= minimumForStatistics }

  /// A percentage from the published (rounded) numerator and denominator, or `*` when either is
  /// suppressed; whole numbers.
  public func percentage(_ numerator: Int, of denominator: Int) -> String {
    let top = count(numerator)
    let bottom = count(denominator)
    guard top != Self.suppressed, bottom != Self.suppressed, let shownBottom = Int(bottom),
      shownBottom > 0, let shownTop = Int(top)
    else { return denominator == 0 ? "" : Self.suppressed }
    return String((shownTop * 100 * 2 + shownBottom) / (shownBottom * 2))
  }

  /// The rule in words, for footnotes and the run log.
  public var summary: String {
    var parts = ["counts of 1–\(suppressBelow - 1) shown as \(Self.suppressed)"]
    if roundTo > 1 { parts.append("other counts rounded to the nearest \(roundTo)") }
    parts.append("statistics shown only where n ≥ \(minimumForStatistics)")
    return "\(name): " + parts.joined(separator: "; ")
  }
}

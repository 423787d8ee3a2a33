import Foundation

/// One published score of an instrument: the total, a subscale, or a single item reported on
/// its own, with the rules that turn item scores into it.
public struct InstrumentScale: Sendable, Equatable {
  /// The scale's id in outputs: `total` or the subscale's id.
  public var id: String
  /// The scale's name in words.
  public var name: String
  /// The items it is formed from, numbered from 1.
  public var items: [Int]
  /// How the item scores are combined.
  public var method: Method
  /// What a response with unanswered items gives.
  public var missing: MissingRule
  /// A table from the raw score to the published score (SWEMWBS's Rasch metric).
  public var conversion: [Int: FixedDecimal]?
  /// Named ranges of the published score, in increasing order.
  public var bands: [Band]
  /// The score from which a response counts as a case, where the instrument has one.
  public var cutoff: Cutoff?
  /// Whether a higher score means better (wellbeing) rather than worse (loneliness).
  public var higherIsBetter: Bool
  /// What kind of number the score is, which decides the statistics it may be given.
  public var level: Level
  /// How large a change must be to be reliable, where the instrument has a published rule.
  public var reliableChange: ReliableChange?
  /// The source of the scale's missing-item rule, conversion table and bands, where the
  /// definition names one (its own, else the one it names for every scale).
  public var sources: [InstrumentRule: RuleSource] = [:]

  /// How item scores become the raw score.
  public enum Method: String, Sendable, Equatable, CaseIterable {
    /// The sum of the item scores.
    case sum
    /// 1 when any item score is above zero, else 0 (self-harm: any episode).
    case any
  }

  /// What kind of number a score is.
  public enum Level: String, Sendable, Equatable, CaseIterable {
    /// Differences are meaningful: means and t-tests apply.
    case interval
    /// Only the order is meaningful (a single categorical question): ranks only, never summed.
    case ordinal
    /// A count of events: skewed, many zeros; medians and ranks.
    case count
  }

  /// What a response with unanswered items gives.
  public enum MissingRule: Sendable, Equatable {
    /// Every item must be answered.
    case complete
    /// With at most `maxMissing` unanswered, the sum of the answered items (no prorating).
    case sumAnswered(maxMissing: Int)
    /// With at most `maxMissing` unanswered, the answered items' mean times the item count,
    /// rounded half up to `decimals` places.
    case prorate(maxMissing: Int, decimals: Int)

    /// The rule in words, as the report's methods and the codebook state it.
    public var words: String {
      switch self {
      case .complete: "scored only when every item is answered"
      case .sumAnswered(let limit): "answered items summed when at most \(limit) are missing"
      case .prorate(let limit, _): "prorated when at most \(limit) items are missing"
      }
    }

    /// The most unanswered items that still give a score.
    public var maxMissing: Int {
      switch self {
      case .complete: 0
      case .sumAnswered(let limit), .prorate(let limit, _): limit
      }
    }
  }

  /// A named range of scores, bounds included.
  public struct Band: Sendable, Equatable {
    /// The band's name (`moderate`).
    public var label: String
    /// The lowest score in the band.
    public var min: FixedDecimal
    /// The highest score in the band.
    public var max: FixedDecimal
  }

  /// The score from which a response counts as a case.
  public struct Cutoff: Sendable, Equatable {
    /// The threshold score itself counts as a case.
    public var score: FixedDecimal
    /// Whether cases score at or above the threshold (PHQ-9 ≥ 10) rather than at or below it
    /// (LSNS-6 ≤ 11).
    public var atOrAbove: Bool
    /// What a case is called (`clinical range`).
    public var label: String
    /// Where the threshold comes from.
    public var source: RuleSource
    /// Whether the threshold separates a clinical population (PHQ-9, GAD-7, CORE-10, WEMWBS),
    /// so that leaving it is "recovery"; other thresholds (loneliness, social network) count
    /// cases only.
    public var clinical = false

    /// Whether `score` is a case.
    ///
    /// - Returns: `true` on the case side of the threshold, the threshold included.
    public func isCase(_ score: FixedDecimal) -> Bool {
      atOrAbove ? score >= self.score : score <= self.score
    }
  }

  /// How large a change must be to be reliable, with the sample its figures describe: an SD
  /// from one sample and a reliability from another give a threshold that fits neither.
  public struct ReliableChange: Sendable, Equatable {
    /// A published threshold in score points, or the standard deviation and reliability that
    /// give the Jacobson–Truax threshold z · SD · √(2 (1 − r)).
    public var rule: Rule
    /// The confidence the threshold stands for: 0.95 (z = 1.96, Jacobson and Truax's) unless
    /// the source states another (CORE-10's published 6 points is a 90% interval).
    public var confidence: Confidence
    /// The sample the figures come from, in words.
    public var sample: String
    /// Where the figures come from.
    public var source: RuleSource
    /// Another reliability the sources give for the same SD (test–retest beside internal
    /// consistency), for reporting reliable change as a sensitivity range.
    public var sensitivity: Sensitivity?

    /// A second reliability of the scale, with what kind it is and where it comes from.
    public struct Sensitivity: Sendable, Equatable {
      /// The reliability coefficient.
      public var reliability: FixedDecimal
      /// What kind of reliability it is (`test-retest at one week`).
      public var kind: String
      /// Where it comes from.
      public var source: RuleSource
    }

    /// The threshold with the sensitivity reliability in place of the main one; `nil` without
    /// one or when the main rule is a published threshold rather than an SD and reliability.
    public var sensitivityThreshold: Double? {
      guard let sensitivity, case .jacobsonTruax(let sd, _) = rule else { return nil }
      return confidence.z * sd.double * (2 * (1 - sensitivity.reliability.double)).squareRoot()
    }

    /// The two ways a definition states reliable change.
    public enum Rule: Sendable, Equatable {
      case threshold(FixedDecimal)
      case jacobsonTruax(sd: FixedDecimal, reliability: FixedDecimal)
    }

    /// The confidence levels a reliable-change threshold is published at, with the normal
    /// quantile Jacobson and Truax round it to.
    public enum Confidence: String, Sendable, Equatable, CaseIterable {
      case ninety = "0.90"
      case ninetyFive = "0.95"

      /// The two-sided normal quantile, as the RCI literature rounds it (1.645, 1.96).
      public var z: Double { self == .ninety ? 1.645 : 1.96 }
      /// The level as a percentage (`95%`).
      public var percent: String { self == .ninety ? "90%" : "95%" }
    }

    /// The smallest change, in score points, that counts as reliable.
    public var threshold: Double {
      switch rule {
      case .threshold(let points): points.double
      case .jacobsonTruax(let sd, let reliability):
        confidence.z * sd.double * (2 * (1 - reliability.double)).squareRoot()
      }
    }

    /// The rule in words: the threshold, how it was reached, from which sample and source.
    public var words: String { described(citing: source.words) }

    /// The rule in words for a reader of the tables: as ``words``, citing the source without
    /// its primary/secondary mark.
    public var plainWords: String { described(citing: source.citation) }

    private func described(citing source: String) -> String {
      let how =
        switch rule {
        case .threshold(let points):
          "\(points) points, published (\(confidence.percent) confidence)"
        case .jacobsonTruax(let sd, let reliability):
          String(format: "%.2f", threshold) + " points = \(confidence.z) × SD "
            + "\(sd) × √(2 × (1 − \(reliability))) "
            + "(Jacobson–Truax, \(confidence.percent))"
        }
      return "\(how); sample: \(sample); source: \(source)"
    }

    /// Where the threshold comes from, with its sample, for a table's source column.
    public var provenance: String { "\(source.citation); sample: \(sample)" }
  }

  /// The lowest and highest score the scale can give, from its items' scores (`instrument` is
  /// the scale's own), or its conversion table.
  public func scoreRange(in instrument: Instrument) -> (low: FixedDecimal, high: FixedDecimal) {
    if let conversion, let low = conversion.values.min(), let high = conversion.values.max() {
      return (low, high)
    }
    if method == .any { return (FixedDecimal(units: 0), FixedDecimal(units: 1)) }
    let ranges = items.map(instrument.itemScoreRange)
    return (
      FixedDecimal(units: ranges.reduce(0) { $0 + $1.lowerBound }),
      FixedDecimal(units: ranges.reduce(0) { $0 + $1.upperBound })
    )
  }

  /// The scale in words a trustee can read: `WEMWBS (mental wellbeing, 14–70, higher is
  /// better)`; ordinal and count scales give no direction beyond their range.
  public func plainName(in instrument: Instrument) -> String {
    let (low, high) = scoreRange(in: instrument)
    let better = higherIsBetter ? "higher is better" : "lower is better"
    return "\(instrument.id.uppercased()) (\(name.lowercased()), \(low)–\(high), \(better))"
  }

  /// The band that `score` falls in: the highest band whose minimum it reaches, so a prorated
  /// score between two bands' bounds (10.5 between 6–10 and 11–14) stays in the lower one.
  ///
  /// - Returns: The band's label, or `nil` when the score lies outside every band.
  public func band(of score: FixedDecimal) -> String? {
    guard let last = bands.last, score <= last.max else { return nil }
    return bands.last { $0.min <= score }?.label
  }
}

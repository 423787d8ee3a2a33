/// Where one rule of an instrument definition comes from, and how directly: evaluators need to
/// know which rules rest on the authors' own words and which on someone else's reading of them.
public struct RuleSource: Sendable, Equatable {
  /// How directly the rule is sourced.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// The authors' manual, form or paper (or the body that owns the measure).
    case primary
    /// Another source: a web page, a service's practice, copies in circulation.
    case secondary
    /// No source gives a rule; the definition chose one and says why.
    case decision
  }

  /// How directly the rule is sourced.
  public var kind: Kind
  /// The source, citable (`Kroenke et al. (2001)`), or the decision and its reason.
  public var text: String

  /// The source in words: `Kroenke et al. (2001) [primary]`.
  public var words: String { "\(text) [\(kind.rawValue)]" }
  /// The source as a citation for a reader of the tables, without the primary/secondary mark.
  public var citation: String { text }
}

/// The rules of a definition that each name their source.
public enum InstrumentRule: String, Sendable, Equatable, CaseIterable {
  /// Which items there are and what each asks.
  case items
  /// The answers and their codes.
  case codes
  /// Which items are reversed.
  case reversal
  /// Per-item scores of answers (De Jong Gierveld's dichotomies).
  case itemScores = "item_scores"
  /// Which items are risk items (safeguarding).
  case riskItems = "risk_items"
  /// Where the items lie inside another instrument (SWEMWBS in WEMWBS).
  case embedding
  /// A scale's missing-item rule.
  case missing
  /// A scale's conversion table.
  case conversion
  /// A scale's bands.
  case bands
  /// A scale's cut-off.
  case cutoff
  /// A scale's reliable-change threshold.
  case rci

  /// Rules of the whole instrument; the others belong to a scale.
  public static let instrumentRules: [InstrumentRule] = [
    .items, .codes, .reversal, .itemScores, .riskItems, .embedding,
  ]
  /// Rules of a scale whose source the definition may give once for every scale (`sources:`) or
  /// per scale; cut-offs and reliable change carry their own `source`.
  public static let sharedScaleRules: [InstrumentRule] = [.missing, .conversion, .bands]

  /// The rule in words, for tables and descriptions.
  public var words: String {
    switch self {
    case .items: "items"
    case .codes: "answer codes"
    case .reversal: "reversed items"
    case .itemScores: "item scores"
    case .riskItems: "risk items"
    case .embedding: "items inside another instrument"
    case .missing: "missing-item rule"
    case .conversion: "conversion table"
    case .bands: "bands"
    case .cutoff: "cut-off"
    case .rci: "reliable change"
    }
  }
}

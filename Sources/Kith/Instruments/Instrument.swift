/// A questionnaire scored by its authors' rules, as one definition file states them: its items,
/// how answers are coded, and how each scale is formed from the items.
public struct Instrument: Sendable, Equatable {
  /// The short id used in pipelines and output columns (`wemwbs`).
  public var id: String
  /// The full name.
  public var name: String
  /// The version of this definition; it changes whenever a score, or a classification made
  /// from one (a band, a cut-off, reliable change), would change.
  public var version: String
  /// Where the scoring rules come from.
  public var citation: String
  /// The period the questions ask about (`last 2 weeks`), when the instrument states one.
  public var recall: String?
  /// The recall window in days, for counts that only mean something with their window.
  public var recallDays: Int?
  /// The number of items; items are numbered from 1.
  public var itemCount: Int
  /// The default item column names: `{n}` stands for the item number.
  public var columns: String
  /// How answers are written and coded.
  public var answers: AnswerCoding
  /// Items whose codes are reversed (`lowest + highest − code`) before scoring.
  public var reversed: [Int]
  /// Per item, the score of each code where it is not the code itself.
  public var itemScores: [Int: [Int: Int]]
  /// The scales, in the order they are published.
  public var scales: [InstrumentScale]
  /// Risk items: any answer above the lowest code, and any answer that cannot be read, is a
  /// safeguarding concern.
  public var safeguardingItems: [Int]
  /// Another instrument whose export holds this one's items, and which of its items they are.
  public var embedding: Embedding?
  /// The source of each rule of the whole instrument (``InstrumentRule/instrumentRules``) the
  /// definition names one for.
  public var sources: [InstrumentRule: RuleSource]
  /// Where the definition departs from, or chooses between, its sources.
  public var notes: [String]
  /// The SHA-256 of the definition file, so that any change to it reruns scoring.
  public var digest: String

  /// This instrument's items inside another instrument's export (SWEMWBS inside WEMWBS).
  public struct Embedding: Sendable, Equatable {
    /// The id of the instrument whose columns hold the items.
    public var instrument: String
    /// For each of this instrument's items, the item number in the other instrument.
    public var items: [Int]
  }

  /// The item column names for `pattern`, or the definition's default when `nil`.
  ///
  /// - Returns: One column per item; a pattern without `{n}` names a single-item column.
  public func itemColumns(pattern: String? = nil) -> [String] {
    let pattern = pattern ?? columns
    guard pattern.contains("{n}") else { return [pattern] }
    return (1...itemCount).map { pattern.replacingOccurrences(of: "{n}", with: "\($0)") }
  }

  /// The score of the answer coded `code` on `item`, after reversal and the item's scoring map.
  ///
  /// Codes are the answers' own: an export that writes a reversed item's number already reversed
  /// has it turned back when read (``AnswerReading``).
  ///
  /// - Returns: The item's contribution to a scale.
  public func itemScore(_ code: Int, item: Int) -> Int {
    var code = code
    if reversed.contains(item) {
      code = answers.codes.lowerBound + answers.codes.upperBound - code
    }
    return itemScores[item]?[code] ?? code
  }

  /// The lowest and highest score an item can contribute.
  ///
  /// - Returns: The range over every answer code.
  public func itemScoreRange(_ item: Int) -> ClosedRange<Int> {
    let scores = answers.codes.map { itemScore($0, item: item) }
    return (scores.min() ?? 0)...(scores.max() ?? 0)
  }

  /// The scale with `id`, if the instrument has it.
  ///
  /// - Returns: The scale, or `nil`.
  public func scale(_ id: String) -> InstrumentScale? { scales.first { $0.id == id } }
}

/// How the answers of an instrument are written in an export and coded.
public struct AnswerCoding: Sendable, Equatable {
  /// The lowest and highest answer codes.
  public var codes: ClosedRange<Int>
  /// The answer labels of the authors' form and their codes, keyed by ``key(_:)``.
  public var labels: [String: Int]
  /// The wordings of other published forms of the instrument, each with its source.
  public var wordings: [Wording]
  /// Whether only labels are accepted: numbered exports of the instrument disagree about what
  /// each number means (De Jong Gierveld), so a number is refused rather than guessed at.
  public var labelsOnly: Bool
  /// The ways exports number the answers, where they number them in more than one way (the ONS
  /// loneliness question): a bare number is then read only under the numbering an input names.
  public var numberings: [Numbering]
  /// Every accepted label, the form's and the other wordings', keyed by ``key(_:)``.
  private var lookup: [String: Int]

  /// Another published form's wording of some answers.
  public struct Wording: Sendable, Equatable {
    /// Where the wording is published.
    public var source: RuleSource
    /// The wording's labels and their codes, keyed by ``AnswerCoding/key(_:)``.
    public var labels: [String: Int]
  }

  /// One way of numbering the answers in an export.
  public struct Numbering: Sendable, Equatable {
    /// The name an input gives it (`often-first`).
    public var name: String
    /// Whether export number `n` is the code `lowest + highest − n` rather than `n` itself.
    public var reversed: Bool
    /// Who numbers the answers this way.
    public var source: RuleSource
  }

  /// Answers coded from `codes`, named by `labels` and `wordings`.
  public init(
    codes: ClosedRange<Int>, labels: [String: Int], wordings: [Wording] = [],
    labelsOnly: Bool = false, numberings: [Numbering] = []
  ) {
    (self.codes, self.labels, self.wordings) = (codes, labels, wordings)
    (self.labelsOnly, self.numberings) = (labelsOnly, numberings)
    lookup = labels
    for wording in wordings { lookup.merge(wording.labels) { first, _ in first } }
  }

  /// Whether a bare number is read as the code itself, without an input saying how the export
  /// numbers the answers.
  public var numbersAreCodes: Bool { !labelsOnly && numberings.isEmpty }

  /// The code of an answer given as a label (of the form or another published wording), or as
  /// a number where ``numbersAreCodes``; `nil` when it is neither.
  ///
  /// Blank answers are not passed here.
  ///
  /// - Returns: The code, never a coerced value.
  public func code(of answer: String) -> Int? {
    let trimmed = answer.trimmed
    if let number = Self.number(trimmed) {
      return numbersAreCodes && codes.contains(number) ? number : nil
    }
    return code(ofLabel: trimmed)
  }

  /// The code of `answer` as a label of the form or of another published wording.
  ///
  /// - Returns: The code, or `nil` when no label matches.
  public func code(ofLabel answer: String) -> Int? { lookup[Self.key(answer)] }

  /// `text` as a whole number written with digits only (no sign, no decimals), or `nil`.
  static func number(_ text: String) -> Int? {
    guard !text.isEmpty,
      text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    return Int(text)
  }

  /// The answers accepted, in words, for error messages: the form's labels (other published
  /// wordings are accepted too, but not listed), and the codes when `numbers` are read.
  public func accepted(numbers: Bool) -> String {
    let named = labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { "'\($0.key)'" }
    if !numbers { return "expected one of \(named.joined(separator: ", "))" }
    return "expected \(codes.lowerBound)–\(codes.upperBound)"
      + (named.isEmpty ? "" : " or one of \(named.joined(separator: ", "))")
  }

  /// The label of `code`, when exactly one is the first listed for it; for descriptions.
  ///
  /// - Returns: The label, or `nil` when the code has none.
  public func label(of code: Int) -> String? {
    labels.filter { $0.value == code }.keys.sorted().first
  }

  /// A label as it is matched, so that the wordings exports write for one answer meet.
  ///
  /// - compatibility forms folded (NFKC: full-width letters, ligatures);
  /// - lower case;
  /// - curly quotes and apostrophes (‘ ’ “ ” ′) written straight;
  /// - every dash and minus (‐ ‑ ‒ – — ―  −) a hyphen;
  /// - runs of white space, non-breaking spaces included, one space, and none at either end;
  /// - no space around a hyphen or a slash (`Often / always` is `often/always`, `0 - Not at
  ///   all` is `0-not at all`).
  ///
  /// - Returns: The key of `label`.
  public static func key(_ label: String) -> String {
    var text = label
    if !label.utf8.allSatisfy({ $0 < 0x80 }) {
      text = label.precomposedStringWithCompatibilityMapping
      var folded = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201B, 0x2032: folded.append("'")
        case 0x201C, 0x201D, 0x201F, 0x2033: folded.append("\"")
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: folded.append("-")
        default: folded.append(scalar)
        }
      }
      text = String(folded)
    }
    let words = text.lowercased().split(whereSeparator: \.isWhitespace)
    var key = ""
    for word in words {
      let joins = key.last == "-" || key.last == "/" || word.first == "-" || word.first == "/"
      if !key.isEmpty && !joins { key.append(" ") }
      key += word
    }
    return key
  }
}

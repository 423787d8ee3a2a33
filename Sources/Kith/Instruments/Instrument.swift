/// A questionnaire scored by its authors' rules, as one definition file states them: its items,
/// how answers are coded, and how each scale is formed from the items.
public struct Instrument: Sendable, Equatable {
  /// The short id used in pipelines and output columns (`wemwbs`).
  public var id: String
  /// The full name.
  public var name: String
  /// The version of this definition; it changes whenever a score would change.
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
  /// Items whose answer above the lowest code is a safeguarding concern.
  public var safeguardingItems: [Int]
  /// Another instrument whose export holds this one's items, and which of its items they are.
  public var embedding: Embedding?
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

  /// The score of `code` on `item`, after reversal (unless the export already reversed it) and
  /// the item's scoring map.
  ///
  /// - Returns: The item's contribution to a scale.
  public func itemScore(_ code: Int, item: Int, exportReversed: Bool = false) -> Int {
    var code = code
    if !exportReversed && reversed.contains(item) {
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
  /// Answer labels and their codes, keyed by ``key(_:)``.
  public var labels: [String: Int]
  /// Whether only labels are accepted: numbered exports of the instrument disagree about what
  /// each number means (De Jong Gierveld), so a number is refused rather than guessed at.
  public var labelsOnly: Bool

  /// The code of an answer given as a code or a label, or `nil` when it is neither.
  ///
  /// Blank answers are not passed here.
  ///
  /// - Returns: The code, never a coerced value.
  public func code(of answer: String) -> Int? {
    let trimmed = answer.trimmed
    if !labelsOnly, let number = Int(trimmed), trimmed.first != "+" {
      return codes.contains(number) ? number : nil
    }
    return labels[Self.key(trimmed)]
  }

  /// The code of an answer written as the one digit `byte`, when that is an answer code (what
  /// ``code(of:)`` gives for it, without making a string); `nil` otherwise.
  public func code(ofDigit byte: UInt8) -> Int? {
    guard !labelsOnly, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
    let number = Int(byte - UInt8(ascii: "0"))
    return codes.contains(number) ? number : nil
  }

  /// The answers accepted, in words, for error messages.
  public var accepted: String {
    let named = labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { "'\($0.key)'" }
    if labelsOnly { return "expected one of \(named.joined(separator: ", "))" }
    return "expected \(codes.lowerBound)–\(codes.upperBound)"
      + (named.isEmpty ? "" : " or one of \(named.joined(separator: ", "))")
  }

  /// The label of `code`, when exactly one is the first listed for it; for descriptions.
  ///
  /// - Returns: The label, or `nil` when the code has none.
  public func label(of code: Int) -> String? {
    labels.filter { $0.value == code }.keys.sorted().first
  }

  /// A label as it is matched: lower case, runs of white space as one space.
  ///
  /// - Returns: The key of `label`.
  public static func key(_ label: String) -> String {
    label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

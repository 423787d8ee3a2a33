/// What a survey's item columns held that was not an answer: each distinct text per column, with
/// how often it came and how many answers the column held in all, so that a wording the
/// definition lacks is seen — and stops the run when it recurs — rather than quietly removing a
/// measure.
final class AnswerTally {
  /// Per item column (by its index in the export), the non-blank cells read: an array, as this
  /// is counted for every answer of every response.
  private var answered: [Int] = []
  /// Per item column and distinct wording (texts that differ only as ``AnswerCoding/key(_:)``
  /// folds are one), how often it could not be read, the first text seen and the instrument
  /// whose item the column is.
  private var unrecognised: [Key: (count: Int, text: String, instrument: String)] = [:]

  private struct Key: Hashable {
    var column: Int
    var text: String
  }

  /// Counts a non-blank cell of the item column `column`.
  func noteAnswered(column: Int) {
    if column >= answered.count { answered += repeatElement(0, count: column + 1 - answered.count) }
    answered[column] &+= 1
  }

  /// Counts `text`, in the item column `column` of `instrument`, as not an answer.
  func noteUnrecognised(_ text: String, column: Int, instrument: String) {
    let key = Key(column: column, text: AnswerCoding.key(text))
    unrecognised[key, default: (0, text, instrument)].count += 1
  }

  /// Every distinct text, named by its column, most frequent first.
  func summary(names: [String]) -> [UnrecognisedAnswer] {
    unrecognised.map { key, value in
      UnrecognisedAnswer(
        column: names[key.column], instrument: value.instrument, text: value.text,
        count: value.count,
        answered: key.column < answered.count ? answered[key.column] : value.count)
    }.sorted {
      ($1.count, $0.column, $0.text) < ($0.count, $1.column, $1.text)
    }
  }
}

/// One distinct text an item column held that is not an answer of its instrument.
public struct UnrecognisedAnswer: Sendable, Codable, Equatable {
  /// The item column.
  public var column: String
  /// The instrument the column is an item of.
  public var instrument: String
  /// The text, as first read (trimmed); others differing only in case, spacing, dashes or
  /// quotes are counted with it.
  public var text: String
  /// How many responses held it.
  public var count: Int
  /// How many responses answered the column at all (non-blank).
  public var answered: Int

  /// `LSNS_4: 'Five thru eight' × 41 of 80 answers — not an answer of lsns6`.
  public var words: String {
    "\(column): '\(text)' × \(count) of \(answered) answer\(answered == 1 ? "" : "s") — not an "
      + "answer of \(instrument)"
  }
}

/// When unrecognised answers and rejected rows stop a run (`max_unrecognised`, `max_rejected`).
public struct LossLimits: Sendable, Equatable {
  /// One text unrecognised in at least this many responses, and in more than
  /// ``unrecognisedShare`` of the column's answers, stops the run.
  public var unrecognisedCount = 3
  /// See ``unrecognisedCount``.
  public var unrecognisedShare = 0.02
  /// An input that rejects more than this share of its rows stops the run.
  public var rejectedShare = 0.1

  /// The defaults: 3 responses and 2 %; 10 % of rows.
  public init() {}

  /// Whether `answer` recurs enough to stop the run.
  public func stops(_ answer: UnrecognisedAnswer) -> Bool {
    answer.count >= unrecognisedCount
      && Double(answer.count) > unrecognisedShare * Double(answer.answered)
  }
}

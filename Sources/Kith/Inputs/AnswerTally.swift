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

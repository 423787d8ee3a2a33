/// A risk item someone should look at: answered above its lowest answer, or answered in a way
/// that cannot be read — when in doubt, Kith flags.
struct SafeguardingConcern: Codable, Equatable {
  /// Blank when the row was rejected before it could be identified: `source` and `line` find it.
  var pid: String
  /// Blank when the row was rejected before its wave was known.
  var wave: String
  var instrument: String
  var item: Int
  var column: String
  /// The answer's code; `nil` when it cannot be read.
  var answer: Int?
  /// The answer as the export gives it.
  var text: String
  var reason: String
  var source: String
  var line: Int

  /// The reason given for an answer that cannot be read.
  static let unreadable = "unreadable answer on a risk item — check by hand"
  /// The reason given for an answer above the lowest.
  static let aboveLowest = "answered above the lowest answer"

  /// The columns of `private/safeguarding.csv`.
  static let csvHeader = [
    "pid", "wave", "instrument", "item", "column", "answer", "text", "reason", "source", "line",
  ]

  /// The record for `private/safeguarding.csv`.
  var csvRecord: [String] {
    [
      pid, wave, instrument, String(item), column, answer.map(String.init) ?? "", text, reason,
      source, String(line),
    ]
  }
}

/// A kept free-text answer, before scrubbing.
struct FreeText: Codable {
  var pid: String
  /// The input's name in the pipeline.
  var source: String
  var wave: String
  var column: String
  var line: Int
  var text: String
}

/// One session of one group.
struct SessionKey: Hashable {
  var group: Int32
  var day: Int32
}

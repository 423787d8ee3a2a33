/// The data files a release can hold, each at `data/<id>.csv`: the one list that
/// `outputs.data`, the producers of the files and the data dictionary name them from, so that a
/// file without a description is a compile error rather than a default.
public enum ReleaseDataFile: String, CaseIterable, Sendable {
  /// One row per participant: engagement, network, scores per wave, released characteristics.
  case participants
  /// One row per participant, wave, instrument and scale.
  case scores
  /// One row per register entry: attended or absent.
  case attendance
  /// One row per group and session held.
  case sessions
  /// One row per group.
  case groups
  /// Free-text answers, scrubbed.
  case freeText = "free_text"
  /// One row per participant, theme and code of the coded interviews.
  case themes
  /// Coded segments' text, scrubbed and shortened, when the coding asks for quotes.
  case quotes

  /// The file's path under `release/` (`data/participants.csv`).
  public var path: String { "data/\(rawValue).csv" }

  /// The data file at `path` under `release/`, if it is one.
  public init?(path: String) {
    guard path.hasPrefix("data/"), path.hasSuffix(".csv") else { return nil }
    self.init(rawValue: String(path.dropFirst(5).dropLast(4)))
  }
}

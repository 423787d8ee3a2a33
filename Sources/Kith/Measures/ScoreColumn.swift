/// One scale's scores at one wave, looked up by pid: what the study tables read.
///
/// Scores are held by the participant's position in a table of pids that every column shares
/// (not a table entry per score), NaN where a participant has none: 8 bytes a participant and
/// scale and wave, one string hash per participant when the columns are filled.
struct ScoreColumn {
  /// Each pid's position in ``values``; the same table (one copy) in every column.
  private let positions: [String: Int32]
  /// The score at each position, NaN where there is none.
  private var values: [Double]

  /// An empty column over `positions`.
  init(positions: [String: Int32]) {
    self.positions = positions
    values = [Double](repeating: .nan, count: positions.count)
  }

  /// The score of the participant at `position`.
  mutating func set(_ value: Double, at position: Int32) {
    values[Int(position)] = value
  }

  /// The score of `pid`, `nil` where they have none.
  subscript(pid: String) -> Double? {
    guard let position = positions[pid] else { return nil }
    let value = values[Int(position)]
    return value.isNaN ? nil : value
  }
}

/// The rows of the participant last asked for, so a table written row by row makes each
/// participant's rows once.
final class ParticipantRows {
  private var pid = -1
  private var cached: [[String]] = []

  /// The rows of `pid`, made by `make` unless they are the ones cached.
  func rows(for pid: Int, make: () -> [[String]]) -> [[String]] {
    if pid != self.pid {
      cached = make()
      self.pid = pid
    }
    return cached
  }
}

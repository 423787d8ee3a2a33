/// What the participant last asked for needs, so a table written row by row works out each
/// participant's rows once.
final class ParticipantRows<Rows> {
  private var pid = -1
  private var cached: Rows?

  /// The rows of `pid`, made by `make` unless they are the ones cached.
  func rows(for pid: Int, make: () -> Rows) -> Rows {
    if pid == self.pid, let cached { return cached }
    let rows = make()
    (cached, self.pid) = (rows, pid)
    return rows
  }
}

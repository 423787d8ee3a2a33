/// How long each phase of a run took, for the run log: where a slow run spends its time.
struct PhaseClock {
  private let clock = ContinuousClock()
  private var started: ContinuousClock.Instant
  /// The phases timed so far, in order, with their seconds.
  private(set) var phases: [(name: String, seconds: Double)] = []

  /// Starts timing the first phase.
  init() { started = clock.now }

  /// Ends the current phase as `name` and starts the next.
  mutating func lap(_ name: String) {
    let now = clock.now
    let elapsed = started.duration(to: now).components
    phases.append((name, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
    started = now
  }

  /// The run log's line: `time: read 11.90 s, measures 7.06 s, …`.
  var line: String {
    "time: "
      + phases.map { "\($0.name) \(Fixed.format($0.seconds, decimals: 2)) s" }.joined(
        separator: ", ")
  }
}

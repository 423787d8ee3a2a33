#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long each phase of a run took and the memory it had reached, for the run log: where a
/// slow or large run spends its time and memory.
struct PhaseClock {
  private let clock = ContinuousClock()
  private var started: ContinuousClock.Instant
  /// The phases timed so far, in order, with their seconds and the peak resident memory at
  /// their end, in bytes.
  private(set) var phases: [(name: String, seconds: Double, peakBytes: Int)] = []

  /// Starts timing the first phase.
  init() { started = clock.now }

  /// Ends the current phase as `name` and starts the next.
  mutating func lap(_ name: String) {
    let now = clock.now
    let elapsed = started.duration(to: now).components
    phases.append(
      (name, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, Self.peakBytes()))
    started = now
  }

  /// The run log's line: `time: read 6.61 s (peak 612 MB), measures 1.59 s (…), …`.
  var line: String {
    "time: "
      + phases.map {
        "\($0.name) \(Fixed.format($0.seconds, decimals: 2)) s (peak \($0.peakBytes >> 20) MB)"
      }.joined(separator: ", ")
  }

  /// The process's peak resident memory so far.
  private static func peakBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024
    #else
    guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss)
    #endif
  }
}

/// Which inputs hold an identifying value, for the message of a leak gate that refuses a
/// release: "a value the input `register` holds".
///
/// The study's identifying values are held as one set, without their inputs (a second set per
/// input would double the memory of every run). So, only when the gate refuses, each input is
/// read again on its own and its values are searched; the readings are made once and kept for
/// every finding of the refusal.
final class LeakSources: @unchecked Sendable {
  private let run: PipelineRun
  private var made: [(name: String, values: SensitiveValues)]?

  /// Sources for `run`'s inputs.
  init(run: PipelineRun) { self.run = run }

  /// The names of the inputs holding a value that `text` matches, in pipeline order.
  func inputs(holding text: String) -> [String] {
    readings().filter { $0.values.occurs(in: text) }.map(\.name)
  }

  private func readings() -> [(name: String, values: SensitiveValues)] {
    if let made { return made }
    let spec = run.spec
    let readings = spec.inputs.compactMap { input -> (String, SensitiveValues)? in
      let data = StudyData(studyEnd: spec.attendance.studyEnd)
      // A throwaway key: only the identifying values seen matter, not the pids.
      let resolver = IdentityResolver(
        primary: spec.pidKind,
        pseudonymiser: Pseudonymiser(key: StudyKey(unchecked: StudyKey.random())),
        linkage: nil)
      guard (try? run.read(input, resolver: resolver, into: data, progress: nil)) != nil
      else { return nil }
      data.sensitive.seal()
      return (input.name, data.sensitive)
    }
    made = readings
    return readings
  }
}

/// Stops a run that would otherwise lose data quietly: an answer wording that recurs without
/// being read (it would remove a measure from the study), an input that rejects more of its rows
/// than its `max_rejected`, an input that rejects every row.
///
/// It runs after reading and before anything is published, in `kith check` as in `kith run`.
enum LossCheck {
  /// Every problem in words, empty when there is none.
  static func problems(reports: [InputReport], spec: PipelineSpec) -> [String] {
    var problems: [String] = []
    for report in reports {
      let limits = spec.inputs.first { $0.name == report.name }?.lossLimits ?? spec.lossLimits
      for answer in report.unrecognisedAnswers where limits.stops(answer) {
        problems.append(
          "\(report.name): \(answer.words); if it is one, add it under the input's `answers:` "
            + "(`answers: {\(answer.column): {\"\(answer.text)\": CODE}}`). A wording that recurs "
            + "is never set aside quietly: it would remove the measure (`max_unrecognised` sets "
            + "when this stops the run)")
      }
      if !report.ambiguousMarks.isEmpty {
        problems.append(ambiguousMarks(report))
      }
      guard report.rowsRead > 0 else { continue }
      if report.rowsAccepted == 0 {
        problems.append(
          "\(report.name): every one of its \(report.rowsRead) rows was rejected; see "
            + "private/rejects.csv for why")
      } else if Double(report.rowsRejected) > limits.rejectedShare * Double(report.rowsRead) {
        problems.append(
          "\(report.name): \(report.rowsRejected) of its \(report.rowsRead) rows were rejected "
            + "(\(percent(report.rowsRejected, of: report.rowsRead))), more than `max_rejected` "
            + "allows (\(Int((limits.rejectedShare * 100).rounded())) %); see private/rejects.csv "
            + "for why, and raise `max_rejected` on the input only if the rows are meant to go")
      }
    }
    return problems
  }

  /// Throws when there is a problem.
  ///
  /// - Throws: ``DataError`` listing every problem.
  static func check(reports: [InputReport], spec: PipelineSpec) throws {
    let found = problems(reports: reports, spec: spec)
    guard !found.isEmpty else { return }
    throw DataError(
      "the run would lose data without saying so, so nothing was published:\n  - "
        + found.joined(separator: "\n  - "))
  }

  /// The marks of `report` that could mean either, with counts and the lists to declare.
  private static func ambiguousMarks(_ report: InputReport) -> String {
    let marks = report.ambiguousMarks.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    let listed = marks.map { "'\($0.key)' × \($0.value)" }.joined(separator: ", ")
    let present = (["y"] + marks.map(\.key)).joined(separator: ", ")
    return "\(report.name): the attendance mark\(marks.count == 1 ? "" : "s") \(listed) could "
      + "mean present or absent, and Kith does not guess which; say what \(marks.count == 1 ? "it means" : "each means") "
      + "under the input's `attended:`, for example `attended: {column: Attended, present: "
      + "[\(present)], absent: [n, a]}` (a wide register: `attended: {present: [\(present)], "
      + "absent: [n, a]}`)"
  }

  private static func percent(_ part: Int, of whole: Int) -> String {
    let value = Double(part) * 100 / Double(whole)
    return value < 10 ? String(format: "%.1f %%", value) : "\(Int(value.rounded())) %"
  }
}

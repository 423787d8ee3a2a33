import KithCSV

/// Reads a Microsoft Teams meeting attendance report: one meeting, one session.
///
/// The report has numbered sections: `1. Summary` (key and value: the meeting title and start
/// time), `2. Participants` (a header, then one row per person with their total time in the
/// meeting) and `3. In-Meeting activities` (each join and leave, already summed in section 2).
/// A participant attended when their time in the meeting reaches the declared minimum; one who
/// joined for less is recorded as absent. Only section 2's rows are data rows.
struct TeamsReportReader {
  let spec: PipelineSpec
  let input: InputSpec
  let resolver: IdentityResolver
  let data: StudyData

  /// Where the reading has got to.
  private final class State {
    var section = 0
    var title: String?
    var day: Int?
    var person: PersonColumns?
    var duration: Int?
    var dropped: [String] = []
    var columns: [ColumnFate] = []
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    let state = State()
    return try data.readingRegister {
      var report = try scan.run(tolerateRaggedRows: true, bind: { _ in state }) { row, state in
        try accept(row, state)
      }
      guard state.person != nil else {
        throw DataError(
          "\(input.displayPath) is not a Teams attendance report: it has no `2. Participants` section"
        )
      }
      report.droppedColumns = state.dropped
      report.columns = state.columns
      return report
    }
  }

  private func accept(_ row: CSVRow, _ state: State) throws -> InputScan.RowKind {
    let first = row.string(0).trimmed
    if row.count == 1, let number = Self.sectionNumber(first) {
      state.section = number
      return .structure
    }
    switch state.section {
    case 1:
      try readSummary(row, state)
      return .structure
    case 2 where state.person == nil:
      try bindParticipants(row, state)
      return .structure
    case 2:
      try readParticipant(row, state)
      return .data
    default:
      return .structure
    }
  }

  private func readSummary(_ row: CSVRow, _ state: State) throws {
    let key = row.string(0).trimmed.lowercased()
    let value = row.string(1).trimmed
    if key == "meeting title" { state.title = value }
    if key == "start time" || key == "meeting start time" {
      guard let day = MeetingReport.day(value, format: input.date?.format ?? .dayMonthYear) else {
        throw RowRejection(
          reason: "'\(value)' is not a start date and time "
            + (input.date?.format ?? .dayMonthYear).expectation, column: "Start time")
      }
      state.day = day
    }
  }

  private func bindParticipants(_ row: CSVRow, _ state: State) throws {
    let header = CSVHeader(rows: [row.strings])
    var binder = ColumnBinder(spec: spec, input: input, header: header)
    state.person = try PersonColumns(input: input, binder: &binder)
    let durationNames = ["in-meeting duration", "duration", "attendance duration"]
    state.duration = header.names.firstIndex { durationNames.contains($0.lowercased()) }
    if let duration = state.duration { _ = try binder.index(of: Located(header.names[duration])) }
    state.dropped = binder.unusedColumns
    state.columns = binder.fates
  }

  private func readParticipant(_ row: CSVRow, _ state: State) throws {
    guard let person = state.person else { return }
    guard let day = state.day else {
      throw RowRejection(reason: "the report's summary gives no start time", column: nil)
    }
    if let outside = input.period?.outside(day) {
      throw RowRejection(
        reason: "a session on \(CivilDate.iso(day)), \(outside)", column: "Start time")
    }
    guard let groupName = input.fixedGroup ?? state.title, !groupName.isEmpty else {
      throw RowRejection(
        reason: "no group: the report has no meeting title; declare `group:`", column: nil)
    }
    let pid = try person.identify(row, resolver: resolver, data: data)
    let durationText = state.duration.map { row.string($0).trimmed } ?? ""
    guard let minutes = MeetingReport.minutes(durationText) else {
      throw RowRejection(
        reason: "'\(durationText)' is not a time in the meeting (such as 19m 26s)",
        column: "In-meeting duration")
    }
    data.ledger.record(
      pid: data.pids.id(pid), group: data.groups.id(groupName), day: Int32(truncatingIfNeeded: day),
      attended: minutes >= Double(input.minimumMinutes))
    person.record(row, pid: pid, wave: "", data: data)
  }

  /// `2` for `2. Participants`.
  static func sectionNumber(_ text: String) -> Int? {
    guard let dot = text.firstIndex(of: "."), let number = Int(text[..<dot]),
      text[text.index(after: dot)...].hasPrefix(" ")
    else { return nil }
    return number
  }
}

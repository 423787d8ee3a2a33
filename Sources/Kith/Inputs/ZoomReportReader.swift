import KithCSV

/// Reads a Zoom participants report: one meeting, one session.
///
/// An optional meeting summary (`Meeting ID, Topic, Start Time, …` and one row) may come first;
/// then a header (`Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes),
/// Guest`) and one row per join. A person's minutes are summed over their joins; they attended
/// when the sum reaches the declared minimum, and are recorded absent otherwise. Every join row
/// is a data row.
struct ZoomReportReader {
  let spec: PipelineSpec
  let input: InputSpec
  let resolver: IdentityResolver
  let data: StudyData

  private final class State {
    var summaryColumns: [String]?
    var topic: String?
    var startDay: Int?
    var person: PersonColumns?
    var join: Int?
    var duration: Int?
    var dropped: [String] = []
    var columns: [ColumnFate] = []
    /// Minutes per (pid, group, day), summed over joins.
    var minutes: [SessionOf: Double] = [:]
  }

  private struct SessionOf: Hashable {
    var pid: Int32
    var group: Int32
    var day: Int32
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
          "\(input.displayPath) is not a Zoom participants report: no header with `Join Time` "
            + "and `Duration (Minutes)`")
      }
      for (session, minutes) in state.minutes.sorted(by: {
        ($0.key.pid, $0.key.day) < ($1.key.pid, $1.key.day)
      }) {
        data.ledger.record(
          pid: session.pid, group: session.group, day: session.day,
          attended: minutes >= Double(input.minimumMinutes))
      }
      report.droppedColumns = state.dropped
      report.columns = state.columns
      return report
    }
  }

  private func accept(_ row: CSVRow, _ state: State) throws -> InputScan.RowKind {
    let fields = row.strings.map(\.trimmed)
    let lowered = fields.map { $0.lowercased() }
    if state.person == nil {
      if lowered.contains("join time") && lowered.contains("duration (minutes)") {
        try bindParticipants(row, state)
      } else if lowered.first == "meeting id" {
        state.summaryColumns = lowered
      } else if let columns = state.summaryColumns {
        if let topic = columns.firstIndex(of: "topic"), topic < fields.count {
          state.topic = fields[topic]
        }
        if let start = columns.firstIndex(of: "start time"), start < fields.count {
          state.startDay = MeetingReport.day(
            fields[start], format: input.date?.format ?? .monthDayYear)
        }
        state.summaryColumns = nil
      }
      return .structure
    }
    guard row.count > 1 || !fields.allSatisfy(\.isEmpty) else { return .structure }
    try readJoin(row, fields: fields, state)
    return .data
  }

  private func bindParticipants(_ row: CSVRow, _ state: State) throws {
    let header = CSVHeader(rows: [row.strings])
    var binder = ColumnBinder(spec: spec, input: input, header: header)
    state.person = try PersonColumns(input: input, binder: &binder)
    let names = header.names.map { $0.lowercased() }
    state.join = names.firstIndex(of: "join time")
    state.duration = names.firstIndex(of: "duration (minutes)")
    for index in [state.join, state.duration].compactMap({ $0 }) {
      _ = try binder.index(of: Located(header.names[index]))
    }
    state.dropped = binder.unusedColumns
    state.columns = binder.fates
  }

  private func readJoin(_ row: CSVRow, fields: [String], _ state: State) throws {
    guard let person = state.person, let durationIndex = state.duration else { return }
    let joinText = state.join.map { $0 < fields.count ? fields[$0] : "" } ?? ""
    guard
      let day = state.startDay
        ?? MeetingReport.day(joinText, format: input.date?.format ?? .monthDayYear)
    else {
      throw RowRejection(reason: "'\(joinText)' is not a join date and time", column: "Join Time")
    }
    if let outside = input.period?.outside(day) {
      throw RowRejection(
        reason: "a session on \(CivilDate.iso(day)), \(outside)",
        column: state.startDay == nil ? "Join Time" : "Start Time")
    }
    guard let groupName = input.fixedGroup ?? state.topic, !groupName.isEmpty else {
      throw RowRejection(reason: "no group: the report has no topic; declare `group:`", column: nil)
    }
    let pid = try person.identify(row, resolver: resolver, data: data)
    let durationText = durationIndex < fields.count ? fields[durationIndex] : ""
    guard let minutes = Double(durationText), minutes >= 0 else {
      throw RowRejection(
        reason: "'\(durationText)' is not a number of minutes", column: "Duration (Minutes)")
    }
    let session = SessionOf(
      pid: data.pids.id(pid), group: data.groups.id(groupName), day: Int32(truncatingIfNeeded: day))
    state.minutes[session, default: 0] += minutes
    person.record(row, pid: pid, wave: "", data: data)
  }
}

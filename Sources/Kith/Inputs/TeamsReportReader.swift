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
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    let (repeats, late) = (data.ledger.repeats, data.ledger.late)
    let state = State()
    var report = try scan.run(tolerateRaggedRows: true, bind: { _ in state }) { row, state in
      try accept(row, state)
    }
    guard state.person != nil else {
      throw DataError(
        "\(input.displayPath) is not a Teams attendance report: it has no `2. Participants` section"
      )
    }
    report.droppedColumns = state.dropped
    report.notices += data.attendanceNotices(repeatsBefore: repeats, lateBefore: late)
    return report
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
      guard let day = Self.day(value, format: input.date?.format ?? .dayMonthYear) else {
        throw RowRejection(reason: "'\(value)' is not a start date and time", column: "Start time")
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
  }

  private func readParticipant(_ row: CSVRow, _ state: State) throws {
    guard let person = state.person else { return }
    guard let day = state.day else {
      throw RowRejection(reason: "the report's summary gives no start time", column: nil)
    }
    guard let groupName = input.group?.value ?? state.title, !groupName.isEmpty else {
      throw RowRejection(
        reason: "no group: the report has no meeting title; declare `group:`", column: nil)
    }
    let pid = try person.identify(row, resolver: resolver, data: data)
    let durationText = state.duration.map { row.string($0).trimmed } ?? ""
    guard let minutes = Self.minutes(durationText) else {
      throw RowRejection(
        reason: "'\(durationText)' is not a time in the meeting (such as 19m 26s)",
        column: "In-meeting duration")
    }
    data.participants.insert(pid)
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

  /// The day of a Teams date and time such as `14/11/22, 09:29:07`; two-digit years are 20xx.
  static func day(_ text: String, format: DateFormat) -> Int? {
    let date = text.split(separator: ",").first.map(String.init) ?? text
    var parts = date.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
    guard parts.count == 3 else { return nil }
    let yearIndex = format == .iso ? 0 : 2
    if parts[yearIndex].count == 2 { parts[yearIndex] = "20" + parts[yearIndex] }
    let separator: String =
      switch format {
      case .dayMonthYear, .monthDayYear: "/"
      case .iso, .dayMonthYearDashed: "-"
      case .dayMonthYearDotted: "."
      }
    return format.day(parts.joined(separator: separator))
  }

  /// Minutes in `19m 26s`, `1h 5m`, `45s` (also Polish `1 godz. 5 min 3 sek.`).
  static func minutes(_ text: String) -> Double? {
    var rest = text.lowercased()[...]
    var total = 0.0
    var found = false
    while true {
      rest = rest.drop { $0 == " " }
      guard !rest.isEmpty else { break }
      let digits = rest.prefix { $0.isNumber }
      guard let value = Double(digits) else { return nil }
      rest = rest.dropFirst(digits.count).drop { $0 == " " }
      let unit = rest.prefix { $0.isLetter }
      rest = rest.dropFirst(unit.count).drop { $0 == "." }
      switch unit {
      case "h", "hr", "godz": total += value * 60
      case "m", "min": total += value
      case "s", "sec", "sek": total += value / 60
      default: return nil
      }
      found = true
    }
    return found ? total : nil
  }
}

import Foundation
import KithCSV

/// Reads a long attendance register: one row per person per session, with the group, the
/// session date and, optionally, whether the person came.
struct RegisterReader {
  let spec: PipelineSpec
  let input: InputSpec
  let resolver: IdentityResolver
  let data: StudyData

  private struct Columns {
    var identifiers: [(spec: IdentifierSpec, index: Int)]
    var group: (index: Int, name: String)
    var date: (index: Int, name: String, format: DateFormat)
    var attended: (index: Int, name: String, marks: AttendedSpec)?
    var identifying: [Int]
    var keep: [(name: String, index: Int)]
    var freeText: [(name: String, index: Int)]
    var quasi: [(spec: QuasiIdentifierSpec, index: Int)]
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    var report = try scan.run(bind: bind) { row, columns in try accept(row, columns) }
    let duplicates = data.removeRepeatedAttendance()
    if duplicates > 0 {
      report.notices.append(
        "\(duplicates) row\(duplicates == 1 ? " repeats" : "s repeat") a person's attendance at "
          + "a session already recorded; each session counts once")
    }
    return report
  }

  private func bind(_ binder: inout ColumnBinder) throws -> Columns {
    guard let group = input.group, let date = input.date else {
      throw spec.error("register `\(input.name)` needs `group` and `date`", at: input.pathLocation)
    }
    return Columns(
      identifiers: try input.identifiers.map { ($0, try binder.index(of: $0.column)) },
      group: (try binder.index(of: group), group.value),
      date: (try binder.index(of: date.column), date.column.value, date.format),
      attended: try input.attended.map { (try binder.index(of: $0.column), $0.column.value, $0) },
      identifying: try input.identifying.map { try binder.index(of: $0) },
      keep: try input.keep.map { ($0.value, try binder.index(of: $0)) },
      freeText: try input.freeText.map { ($0.value, try binder.index(of: $0)) },
      quasi: try input.quasiIdentifiers.map { ($0, try binder.index(of: $0.column)) })
  }

  /// Records the row.
  private func accept(_ row: CSVRow, _ columns: Columns) throws {
    for index in columns.identifying { data.noteIdentifying(row.string(index)) }
    let pid = try resolver.pid(row: row, columns: columns.identifiers, sensitive: &data.sensitive)
    let group = row.string(columns.group.index).trimmed
    guard !group.isEmpty else {
      throw RowRejection(reason: "no group", column: columns.group.name)
    }
    guard let day = columns.date.format.day(row.bytes(columns.date.index)) else {
      throw RowRejection(
        reason: "'\(row.string(columns.date.index))' is not a date written "
          + columns.date.format.rawValue, column: columns.date.name)
    }
    if let attended = columns.attended {
      let mark = row.string(attended.index).trimmed.lowercased()
      if attended.marks.absent.contains(mark) {
        data.participants.insert(pid)
        return
      }
      guard attended.marks.present.contains(mark) else {
        throw RowRejection(
          reason: "'\(row.string(attended.index))' is not an attendance mark; expected one of "
            + (attended.marks.present + attended.marks.absent.filter { !$0.isEmpty }).joined(
              separator: ", "),
          column: attended.name)
      }
    }
    data.participants.insert(pid)
    for column in columns.freeText where !row.isEmpty(column.index) {
      data.freeText.append(
        FreeText(
          pid: pid, source: input.name, wave: "", column: column.name, line: row.line,
          text: row.string(column.index).trimmed))
    }
    data.setAside(data.readQuasi(row, columns.quasi, pid: pid), source: input.name, row: row)
    data.keep(
      columns.keep.map { ($0.name, row.string($0.index).trimmed) },
      for: pid)
    let session = Attendance(
      pid: data.pids.id(pid), group: data.groups.id(group), day: Int32(truncatingIfNeeded: day))
    data.attendance.append(session)
  }
}

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
    var person: PersonColumns
    var group: (index: Int, name: String)
    var date: (index: Int, name: String, format: DateFormat)
    var attended: (index: Int, name: String, marks: AttendedSpec)?
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    return try data.readingRegister {
      try scan.run(bind: bind) { row, columns in try accept(row, columns) }
    }
  }

  private func bind(_ binder: inout ColumnBinder) throws -> Columns {
    guard let group = input.group, let date = input.date, let dateColumn = date.column else {
      throw spec.error("register `\(input.name)` needs `group` and `date`", at: input.pathLocation)
    }
    return Columns(
      person: try PersonColumns(input: input, binder: &binder),
      group: (try binder.index(of: group), group.value),
      date: (try binder.index(of: dateColumn), dateColumn.value, date.format),
      attended: try input.attended.flatMap { marks in
        try marks.column.map { (try binder.index(of: $0), $0.value, marks) }
      })
  }

  /// Records the row.
  private func accept(_ row: CSVRow, _ columns: Columns) throws {
    let pid = try columns.person.identify(row, resolver: resolver, data: data)
    let group = row.string(columns.group.index).trimmed
    guard !group.isEmpty else {
      throw RowRejection(reason: "no group", column: columns.group.name)
    }
    guard let day = columns.date.format.day(row.bytes(columns.date.index)) else {
      throw RowRejection(
        reason: "'\(row.string(columns.date.index))' is not a date written "
          + columns.date.format.rawValue, column: columns.date.name)
    }
    var present = true
    if let attended = columns.attended {
      let mark = row.string(attended.index).trimmed.lowercased()
      present = !attended.marks.absent.contains(mark)
      guard !present || attended.marks.present.contains(mark) else {
        throw RowRejection(
          reason: "'\(row.string(attended.index))' is not an attendance mark; expected one of "
            + (attended.marks.present + attended.marks.absent.filter { !$0.isEmpty }).joined(
              separator: ", "),
          column: attended.name)
      }
    }
    data.participants.insert(pid)
    columns.person.record(row, pid: pid, wave: "", data: data)
    data.ledger.record(
      pid: data.pids.id(pid), group: data.groups.id(group), day: Int32(truncatingIfNeeded: day),
      attended: present)
  }
}

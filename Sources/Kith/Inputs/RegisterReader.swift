import Foundation
import KithCSV

/// Reads a long attendance register: one row per person per session, with the group, the
/// session date and, optionally, whether the person came.
struct RegisterReader {
  let spec: PipelineSpec
  let input: InputSpec
  let resolver: IdentityResolver
  let data: StudyData
  /// The part of the file to read; the caller joins the parts and notes repeated attendance.
  var piece: InputPiece?

  /// The register's columns: a class, so that handing them to each of millions of rows passes
  /// a reference rather than copying them.
  private final class Columns {
    let person: PersonColumns
    /// The person's cells, for the memo.
    let personCells: [Int]
    /// The person and group cells, searched for a summary row's word.
    let labelCells: [Int]
    /// The file's delimiter, for a skipped row's text.
    var delimiter = CSVDelimiter.comma
    /// The group column, or the one group of every row (`group: {name: …}`).
    let group: GroupSource
    let date: (index: Int, name: String, format: DateFormat)
    let attended: (index: Int, name: String, marks: AttendedSpec)?

    init(
      person: PersonColumns, personCells: [Int], group: GroupSource,
      date: (index: Int, name: String, format: DateFormat),
      attended: (index: Int, name: String, marks: AttendedSpec)?
    ) {
      (self.person, self.personCells, self.group, self.date, self.attended) =
        (person, personCells, group, date, attended)
      labelCells = personCells + (group.fixed == nil ? [group.index] : [])
    }
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    var scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    scan.piece = piece
    let cells = RegisterCells()
    let read = {
      var summaryRows = 0
      var report = try scan.run(tolerateRaggedRows: false, bind: bind) { row, columns in
        let known = cells.person(row, columns: columns.personCells)
        if known == nil,
          let kind = SummaryRow.kind(
            of: row, labelCells: columns.labelCells, personCells: columns.personCells)
        {
          data.rejects.add(
            SummaryRow.reject(
              row, kind: kind, source: input.name, delimiter: columns.delimiter))
          summaryRows += 1
          return .structure
        }
        try accept(row, columns, known: known, cells: cells)
        return .data
      }
      report.ambiguousMarks = cells.ambiguousMarks
      report.summaryRows = summaryRows
      return report
    }
    return try piece == nil ? data.readingRegister(read) : read()
  }

  private func bind(_ binder: inout ColumnBinder) throws -> Columns {
    guard let date = input.date, let dateColumn = date.column else {
      throw spec.error("register `\(input.name)` needs `group` and `date`", at: input.pathLocation)
    }
    let person = try PersonColumns(input: input, binder: &binder)
    let columns = Columns(
      person: person, personCells: person.cells,
      group: try GroupSource(input: input, binder: &binder, spec: spec, data: data),
      date: (try binder.index(of: dateColumn), dateColumn.value, date.format),
      attended: try input.attended.flatMap { marks in
        try marks.column.map { (try binder.index(of: $0), $0.value, marks) }
      })
    columns.delimiter = binder.delimiter
    return columns
  }

  /// Records the row of the person `known` (when `cells` met their cells before); `cells`
  /// spares a row naming a person or group met before the work of identifying or interning
  /// them again.
  private func accept(
    _ row: CSVRow, _ columns: Columns, known: Int32?, cells: RegisterCells
  ) throws {
    let newPid =
      known == nil ? try columns.person.identify(row, resolver: resolver, data: data) : nil
    let knownGroup = columns.group.fixed ?? cells.group(row, column: columns.group.index)
    let group = knownGroup == nil ? row.string(columns.group.index).trimmed : ""
    guard knownGroup != nil || !group.isEmpty else {
      throw RowRejection(reason: "no group", column: columns.group.name)
    }
    guard let day = cells.day(row, column: columns.date.index, format: columns.date.format) else {
      throw RowRejection(
        reason: "'\(row.string(columns.date.index))' is not a date "
          + columns.date.format.expectation, column: columns.date.name)
    }
    if let outside = input.period?.outside(Int(day)) {
      throw RowRejection(
        reason: "a session on \(CivilDate.iso(Int(day))), \(outside)", column: columns.date.name)
    }
    var present = true
    if let attended = columns.attended {
      if let seen = cells.mark(row, column: attended.index) {
        present = seen
      } else {
        present = try Self.presence(row, attended, cells: cells)
        cells.addMark(row, column: attended.index, present: present)
      }
    }
    let pidID: Int32
    if let known {
      pidID = known
    } else if let newPid {
      pidID = data.pids.id(newPid)
      cells.addPerson(id: pidID)
    } else {
      return
    }
    let groupID: Int32
    if let knownGroup {
      groupID = knownGroup
    } else {
      groupID = data.groups.id(group)
      cells.addGroup(row, column: columns.group.index, id: groupID)
    }
    if columns.person.recordsAnything {
      columns.person.record(row, pid: data.pids.strings[Int(pidID)], wave: "", data: data)
    }
    data.ledger.record(
      pid: pidID, group: groupID, day: day, attended: present)
  }

  /// Whether `row`'s attendance mark means present; throws for a mark that is neither, counting
  /// in `cells` one that could mean either.
  private static func presence(
    _ row: CSVRow, _ attended: (index: Int, name: String, marks: AttendedSpec),
    cells: RegisterCells
  ) throws -> Bool {
    let mark = row.string(attended.index).trimmed.lowercased()
    let present = !attended.marks.absent.contains(mark)
    guard !present || attended.marks.present.contains(mark) else {
      if AttendedSpec.ambiguous.contains(mark) {
        cells.ambiguousMarks[mark, default: 0] += 1
        throw RowRejection(
          reason: "'\(mark)' could mean present or absent, so it is not guessed; declare it "
            + "under `attended:`", column: attended.name)
      }
      throw RowRejection(
        reason: "'\(row.string(attended.index))' is not an attendance mark; expected one of "
          + (attended.marks.present + attended.marks.absent.filter { !$0.isEmpty }).joined(
            separator: ", "),
        column: attended.name)
    }
    return present
  }
}

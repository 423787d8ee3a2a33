import KithCSV

/// Reads a wide attendance register, as kept in a spreadsheet.
///
/// One row per person, a group column, and one column per session headed by its date, holding a
/// mark (`Y`, `✓`, `A`, `apologies`, …). A blank cell records nothing.
struct WideRegisterReader {
  let spec: PipelineSpec
  let input: InputSpec
  let resolver: IdentityResolver
  let data: StudyData

  private struct Columns {
    var person: PersonColumns
    var group: GroupSource
    /// The person and group cells, searched for a summary row's word.
    var labelCells: [Int]
    /// The file's delimiter, for a skipped row's text.
    var delimiter: CSVDelimiter
    var sessions: [(index: Int, name: String, day: Int32)]
    var marks: AttendedSpec
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    let ambiguous = MarkCounts()
    return try data.readingRegister {
      var summaryRows = 0
      var report = try scan.run(tolerateRaggedRows: false, bind: bind) { row, columns in
        if let kind = SummaryRow.kind(
          of: row, labelCells: columns.labelCells, personCells: columns.person.cells)
        {
          data.rejects.add(
            SummaryRow.reject(
              row, kind: kind, source: input.name, delimiter: columns.delimiter))
          summaryRows += 1
          return .structure
        }
        try accept(row, columns, ambiguous: ambiguous)
        return .data
      }
      report.ambiguousMarks = ambiguous.counts
      report.summaryRows = summaryRows
      return report
    }
  }

  private func bind(_ binder: inout ColumnBinder) throws -> Columns {
    guard let date = input.date, let marks = input.attended else {
      throw spec.error("register `\(input.name)` needs `group`", at: input.pathLocation)
    }
    let person = try PersonColumns(input: input, binder: &binder)
    let group = try GroupSource(input: input, binder: &binder, spec: spec, data: data)
    let sessions = binder.sessionColumns(format: date.format)
    guard !sessions.isEmpty else {
      throw spec.error(
        "no column of \(input.displayPath) is headed by a date written \(date.format.rawValue)",
        at: input.pathLocation, hint: "declare the header dates with `date: {format: yyyy-MM-dd}`")
    }
    return Columns(
      person: person, group: group,
      labelCells: person.cells + (group.fixed == nil ? [group.index] : []),
      delimiter: binder.delimiter, sessions: sessions, marks: marks)
  }

  /// Counts of the undeclared marks that could mean present or absent.
  private final class MarkCounts {
    var counts: [String: Int] = [:]
  }

  private func accept(_ row: CSVRow, _ columns: Columns, ambiguous: MarkCounts) throws {
    let pid = try columns.person.identify(row, resolver: resolver, data: data)
    let group: Int32
    if let fixed = columns.group.fixed {
      group = fixed
    } else {
      let groupName = row.string(columns.group.index).trimmed
      guard !groupName.isEmpty else {
        throw RowRejection(reason: "no group", column: columns.group.name)
      }
      group = data.groups.id(groupName)
    }
    let pidID = data.pids.id(pid)
    var unknown: [RowRejection] = []
    for session in columns.sessions {
      let mark = row.string(session.index).trimmed.lowercased()
      guard !mark.isEmpty else { continue }
      if let outside = input.period?.outside(Int(session.day)) {
        unknown.append(
          RowRejection(
            reason: "a session on \(CivilDate.iso(Int(session.day))), \(outside)",
            column: session.name))
        continue
      }
      let present = columns.marks.present.contains(mark)
      guard present || columns.marks.absent.contains(mark) else {
        if AttendedSpec.ambiguous.contains(mark) {
          ambiguous.counts[mark, default: 0] += 1
          unknown.append(
            RowRejection(
              reason: "'\(mark)' could mean present or absent, so it is not guessed; declare it "
                + "under `attended:`", column: session.name))
          continue
        }
        unknown.append(
          RowRejection(
            reason:
              "'\(row.string(session.index).trimmed)' is not an attendance mark; expected one of "
              + (columns.marks.present + columns.marks.absent).joined(separator: ", "),
            column: session.name))
        continue
      }
      data.ledger.record(pid: pidID, group: group, day: session.day, attended: present)
    }
    data.setAside(unknown, source: input.name, row: row)
    columns.person.record(row, pid: pid, wave: "", data: data)
  }
}

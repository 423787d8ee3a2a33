import KithCSV

/// The columns every input may have about the person on a row — identifiers, identifying
/// columns, quasi-identifiers, kept columns and kept free text — bound once to the header, and
/// what happens to them on each row.
struct PersonColumns {
  let source: String
  let identifiers: [(spec: IdentifierSpec, index: Int)]
  let identifying: [Int]
  let keep: [(name: String, index: Int)]
  let freeText: [(name: String, index: Int)]
  let quasi: [(spec: QuasiIdentifierSpec, index: Int)]

  /// Binds the person columns `input` declares.
  init(input: InputSpec, binder: inout ColumnBinder) throws {
    source = input.name
    identifiers = try input.identifiers.map { ($0, try binder.index(of: $0.column)) }
    identifying = try input.identifying.map { try binder.index(of: $0) }
    keep = try input.keep.map { ($0.value, try binder.index(of: $0)) }
    freeText = try input.freeText.map { ($0.value, try binder.index(of: $0)) }
    quasi = try input.quasiIdentifiers.map { ($0, try binder.index(of: $0.column)) }
  }

  /// The cells that say who a row is about: identifiers and identifying columns.
  var cells: [Int] { identifiers.map(\.index) + identifying }

  /// Notes the row's identifying values for the leak gate and scrubber, and returns its pid.
  func identify(_ row: CSVRow, resolver: IdentityResolver, data: StudyData) throws -> String {
    for index in identifying { data.noteIdentifying(row.string(index)) }
    return try resolver.pid(row: row, columns: identifiers, sensitive: &data.sensitive)
  }

  /// Whether ``record(_:pid:wave:data:)`` has anything to record: quasi-identifiers, free text
  /// or kept columns.
  var recordsAnything: Bool { !(quasi.isEmpty && freeText.isEmpty && keep.isEmpty) }

  /// Records what an accepted row says about the person: quasi-identifiers (unusable answers
  /// set aside), kept free text, kept columns.
  func record(_ row: CSVRow, pid: String, wave: String, data: StudyData) {
    guard recordsAnything else { return }
    data.setAside(data.readQuasi(row, quasi, pid: pid), source: source, row: row)
    for column in freeText where !row.isEmpty(column.index) {
      let text = row.string(column.index).trimmed
      guard !text.isEmpty else { continue }
      data.freeText.append(
        FreeText(
          pid: pid, source: source, wave: wave, column: column.name, line: row.line, text: text))
    }
    data.keep(keep.map { ($0.name, row.string($0.index).trimmed) }, for: pid)
  }
}

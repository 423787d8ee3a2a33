import KithCSV

/// Finds the columns a pipeline names in an input's header, and remembers which were used so the
/// rest can be reported as dropped.
struct ColumnBinder {
  let spec: PipelineSpec
  let input: InputSpec
  let header: CSVHeader
  /// The delimiter the file is read with (declared or sniffed), for rows written back as read.
  var delimiter = CSVDelimiter.comma
  private(set) var used: Set<Int> = []

  init(spec: PipelineSpec, input: InputSpec, header: CSVHeader) {
    self.spec = spec
    self.input = input
    self.header = header
  }

  /// The 0-based index of `column`, or an error at the line of the pipeline that names it.
  mutating func index(of column: Located<String>) throws -> Int {
    let matches = header.indices(of: column.value)
    guard let first = matches.first else {
      let suggestion = Suggestion.phrase(for: column.value, among: header.names)
      throw spec.error(
        "column `\(column.value)` is not in \(input.displayPath)\(suggestion)", at: column.location,
        hint: "its columns are: \(header.names.prefix(12).joined(separator: ", "))"
          + (header.names.count > 12 ? ", …" : ""))
    }
    guard matches.count == 1 else {
      throw spec.error(
        "\(matches.count) columns of \(input.displayPath) are called `\(column.value)`; rename "
          + "one in the export", at: column.location)
    }
    used.insert(first)
    return first
  }

  /// The indices of `columns` when every one is present, `nil` when none is, and an error naming
  /// the missing ones when only some are.
  ///
  /// An item column is found by its exact name, else by the one column whose name differs only
  /// in case (REDCap writes every field name in lower case: `phq9_1` for `PHQ9_{n}`).
  mutating func indices(of columns: [String], for owner: Located<String>) throws -> [Int]? {
    let found = columns.map { column in
      header.indices(of: column).first ?? caseInsensitiveIndex(of: column)
    }
    if found.allSatisfy({ $0 == nil }) { return nil }
    let missing = zip(columns, found).filter { $0.1 == nil }.map(\.0)
    guard missing.isEmpty else {
      throw spec.error(
        "\(input.displayPath) has some items of `\(owner.value)` but not "
          + missing.map { "`\($0)`" }.joined(separator: ", "), at: owner.location,
        hint: "name the item columns with `items: {\(owner.value): \"PREFIX_{n}\"}` on the input")
    }
    let indices = found.compactMap { $0 }
    used.formUnion(indices)
    return indices
  }

  /// The one column named `name` ignoring case, if exactly one is.
  private func caseInsensitiveIndex(of name: String) -> Int? {
    let lowered = name.lowercased()
    let matches = header.names.indices.filter { header.names[$0].lowercased() == lowered }
    return matches.count == 1 ? matches[0] : nil
  }

  /// Claims the columns whose header is a date in `format`, in file order, as session columns.
  mutating func sessionColumns(format: DateFormat) -> [(index: Int, name: String, day: Int32)] {
    header.names.indices.compactMap { index in
      guard !used.contains(index), let day = format.day(header.names[index]) else { return nil }
      used.insert(index)
      return (index, header.names[index], Int32(truncatingIfNeeded: day))
    }
  }

  /// Every column's fate (``ColumnFate``), in file order.
  var fates: [ColumnFate] {
    ColumnFate.fates(header: header.names, used: used, input: input, spec: spec)
  }

  /// Header names of the columns not used, in file order.
  var unusedColumns: [String] {
    header.names.indices.filter { !used.contains($0) }.map {
      header.names[$0].isEmpty ? "(column \($0 + 1), no name)" : header.names[$0]
    }
  }
}

extension ReleaseSelection {
  /// `table` with only the columns `outputs.columns` lists for its file, in the file's own
  /// order; `table` itself when the pipeline lists none for it.
  ///
  /// - Throws: ``PipelineError`` for a listed column the file does not have, or for a column
  ///   that tells the file's rows apart (its first column and its primary key) left out:
  ///   without it, rows could not be told apart or joined back to participants.
  func applyColumns(to table: Table, spec: PipelineSpec) throws -> Table {
    let file = table.name
    guard let listed = columns[file] else { return table }
    let header = table.header
    let path = "outputs.columns.\(file)"
    for name in listed where !header.contains(name.value) {
      throw spec.error(
        "`\(path)` lists `\(name.value)`, which \(file).csv does not have"
          + Suggestion.phrase(for: name.value, among: header),
        at: name.location, hint: "its columns here: \(header.joined(separator: ", "))")
    }
    let schema = DataDictionary.schema(path: table.path, header: header, spec: spec)
    let keys = header.prefix(1) + schema.primaryKey.filter { $0 != header.first }
    let names = Set(listed.map(\.value))
    if let missing = keys.first(where: { !names.contains($0) }) {
      throw spec.error(
        "`\(path)` leaves out `\(missing)`, which \(file).csv needs to tell its rows apart",
        at: listed.first?.location, hint: "list \(keys.map { "`\($0)`" }.joined(separator: ", "))")
    }
    return table.keeping(header.filter(names.contains))
  }
}

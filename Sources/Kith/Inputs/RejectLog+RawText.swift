import KithCSV

extension RejectLog {
  /// Gives each rejected row recorded without its text the raw text of its row, read back from
  /// `inputs`' files: a response left out for a duplicate was accepted when read (its text was
  /// not kept then), and rejects.csv holds every rejected row as read.
  func fillRawText(of inputs: [InputSpec]) throws {
    for input in inputs {
      let lines = Set(
        entries.filter { $0.source == input.name && $0.raw.isEmpty && $0.outcome == .rowRejected }
          .map(\.line))
      guard !lines.isEmpty else { continue }
      var raw: [Int: String] = [:]
      do {
        let reader = try CSVReader(
          path: input.path.path, displayName: input.displayPath, dialect: input.dialect)
        try reader.forEachRow { row in
          if lines.contains(row.line) { raw[row.line] = row.csvText(delimiter: reader.delimiter) }
        }
      } catch let error as CSVError {
        throw DataError(error.description)
      }
      for index in entries.indices
      where entries[index].source == input.name && entries[index].raw.isEmpty {
        if let text = raw[entries[index].line] { setRaw(text, at: index) }
      }
    }
  }
}

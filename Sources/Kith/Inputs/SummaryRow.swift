import KithCSV

/// Rows a spreadsheet adds to a register for its human reader — `Total`, `Count`, `Sum` lines,
/// or a row with no one named and only numbers in it — which are not people, sessions or
/// identifiers.
///
/// The rule (docs/pipeline-format.md): a register row is a summary row when one of its person
/// or group cells reads one of ``words`` (ignoring case, spacing and a trailing colon), or when
/// its person cells are all blank and every other non-blank cell is a number (`12`, `3.5`,
/// `40%`). Such a row is skipped before anything of it is recorded — its words never become a
/// name the leak gate searches for — and listed in `private/rejects.csv` (outcome `summary row
/// skipped`) with its line; it is not counted among the rows read.
enum SummaryRow {
  /// The words that mark a summary row.
  static let words: Set<String> = [
    "total", "totals", "grand total", "subtotal", "sub total", "sub-total", "count", "sum",
    "average", "mean",
  ]

  /// Whether `row` is a summary row.
  ///
  /// - Parameters:
  ///   - row: The row.
  ///   - labelCells: The person and group cells, searched for a summary word.
  ///   - personCells: The identifier and identifying cells, blank in a row of numbers only.
  /// - Returns: Why it is one (`'Total'`, `numbers only`), or `nil` when it is not.
  static func kind(of row: CSVRow, labelCells: [Int], personCells: [Int]) -> String? {
    for index in labelCells where index >= 0 && index < row.count {
      let text = row.string(index).trimmed
      var key = text.lowercased()
      if key.hasSuffix(":") { key.removeLast() }
      key = key.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      if words.contains(key) { return "'\(text)'" }
    }
    guard personCells.allSatisfy({ $0 >= row.count || row.string($0).trimmed.isEmpty })
    else { return nil }
    var numbers = 0
    for index in 0..<row.count {
      let text = row.string(index).trimmed
      guard !text.isEmpty else { continue }
      let number = text.hasSuffix("%") ? String(text.dropLast()) : text
      guard Double(number) != nil else { return nil }
      numbers += 1
    }
    return numbers > 0 ? "numbers only" : nil
  }

  /// The reject entry recording a skipped summary row of `source`, its text written back with
  /// the file's `delimiter`.
  static func reject(
    _ row: CSVRow, kind: String, source: String, delimiter: CSVDelimiter
  ) -> Reject {
    Reject(
      source: source, line: row.line,
      reason: "a summary row (\(kind)), not a person or a session: skipped",
      raw: row.csvText(delimiter: delimiter), column: nil, outcome: .summaryRow)
  }
}

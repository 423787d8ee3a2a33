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
    // Called for each person a register meets: cells are looked at as bytes, and only one short
    // enough to be a summary word is made a string.
    for index in labelCells where index >= 0 && index < row.count {
      if isSummaryWord(row.bytes(index)) { return "'\(row.string(index).trimmed)'" }
    }
    guard personCells.allSatisfy({ $0 >= row.count || isBlank(row.bytes($0)) }) else { return nil }
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

  /// ``words`` as bytes.
  private static let wordBytes = Set(words.map { Array($0.utf8) })
  /// The longest of ``words``, in bytes.
  private static let longestWord = words.map(\.utf8.count).max() ?? 0

  /// Whether `bytes` read as one of ``words``.
  ///
  /// ASCII case ignored, runs of spaces one space, none at either end, a trailing colon
  /// dropped. No string is made.
  private static func isSummaryWord(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count <= 2 * longestWord + 2 else { return false }
    var key: [UInt8] = []
    key.reserveCapacity(bytes.count)
    var pendingSpace = false
    for byte in bytes {
      if byte == 0x20 || byte == 0x09 {
        pendingSpace = !key.isEmpty
        continue
      }
      if pendingSpace { key.append(0x20) }
      pendingSpace = false
      key.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
    }
    if key.last == UInt8(ascii: ":") { key.removeLast() }
    if key.last == 0x20 { key.removeLast() }
    return key.count <= longestWord && wordBytes.contains(key)
  }

  /// Whether `bytes` are empty or spaces and tabs alone.
  private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
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

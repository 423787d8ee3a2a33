/// What reading one input found: its fingerprint, how it was read, and where every row went.
public struct InputReport: Sendable, Codable, Equatable {
  /// The input's name in the pipeline.
  public var name: String
  /// The file as the pipeline names it.
  public var path: String
  /// The file's size.
  public var bytes: Int
  /// The SHA-256 of the file's bytes, in hex.
  public var sha256: String
  /// The encoding it was read as.
  public var encoding: String
  /// The delimiter it was read with.
  public var delimiter: String
  /// Data rows read (header rows and blank lines excluded).
  public var rowsRead: Int
  /// Rows used.
  public var rowsAccepted: Int
  /// Rows written to `private/rejects.csv` instead.
  public var rowsRejected: Int
  /// Input columns that were not declared and so were dropped.
  public var droppedColumns: [String]
  /// Every column of the input and what happened to it, in file order.
  public var columns: [ColumnFate] = []
  /// Things worth knowing: header problems, an encoding fallback, duplicate rows.
  public var notices: [String]
  /// Survey inputs: each distinct text an item column held that is not an answer, most frequent
  /// first.
  public var unrecognisedAnswers: [UnrecognisedAnswer] = []
  /// Register inputs: each attendance mark that could mean present or absent, undeclared, with
  /// how many cells held it.
  public var ambiguousMarks: [String: Int] = [:]
  /// Register inputs: summary rows (`Total`, numbers only) skipped, not counted as read.
  public var summaryRows = 0
  /// The line breaks read: where the next part of a file read in parts starts counting.
  var lineBreaks = 0

  enum CodingKeys: String, CodingKey {
    case name, path, bytes, sha256, encoding, delimiter, notices, columns
    case rowsRead = "rows_read"
    case rowsAccepted = "rows_accepted"
    case rowsRejected = "rows_rejected"
    case droppedColumns = "dropped_columns"
    case unrecognisedAnswers = "unrecognised_answers"
    case ambiguousMarks = "ambiguous_marks"
    case summaryRows = "summary_rows"
  }
}

extension InputReport {
  /// `2 summary rows (Total, Count) skipped: …`, for the terminal and the run log.
  public var summaryRowsWords: String {
    "\(summaryRows) summary row\(summaryRows == 1 ? "" : "s") (a Total, Count or Sum line, or "
      + "numbers with no one named) skipped, not read as people or sessions; their lines are in "
      + "private/rejects.csv"
  }
}

/// A problem reading a CSV file, with the place it happened and a message an evaluator can act on.
///
/// Some problems spoil one record only (``isRowLevel``): the reader hands that record over with the
/// problem attached and goes on, and the caller's policy rejects the row or stops. The others stop
/// the reading and are thrown.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// A record has a different number of fields from the header.
    case raggedRow(expected: Int, found: Int)
    /// A field contains a NUL byte, which no text export produces.
    case nulByte
    /// Bytes that are not valid in the file's encoding.
    case invalidEncoding(CSVEncoding)
    /// A quoted field is still open when the file ends.
    case unterminatedQuote
    /// A quote inside an unquoted field, or text straight after a closing quote.
    case malformedQuote
    /// A field larger than the dialect's limit.
    case fieldTooLarge(limit: Int)
    /// A header row longer than `bytes` or wider than `columns` columns.
    case headerTooLarge(bytes: Int, columns: Int)
    /// The file ends before its header rows do.
    case missingHeader(expectedRows: Int, foundRows: Int)
    /// The file cannot be opened or read.
    case unreadable(reason: String)
    /// The file cannot be created or written.
    case unwritable(reason: String)
  }

  /// What went wrong.
  public var kind: Kind
  /// The file, as the user named it.
  public var file: String
  /// The 1-based physical line where the record (or, for an open quote, the field) starts.
  public var line: Int?
  /// The 1-based number of the column concerned, when one is.
  public var column: Int?
  /// The header name of that column, when the header gives one.
  public var columnName: String?

  /// The system's error code (`errno`) behind an ``Kind/unreadable(reason:)`` or
  /// ``Kind/unwritable(reason:)`` file, when there is one, for callers that say what to do.
  public var systemCode: Int32?

  /// Creates an error.
  public init(
    _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
    systemCode: Int32? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.systemCode = systemCode
  }

  /// Whether only the record concerned is spoilt, so reading can go on.
  public var isRowLevel: Bool {
    switch kind {
    case .raggedRow, .nulByte, .invalidEncoding, .unterminatedQuote, .malformedQuote,
      .fieldTooLarge:
      true
    case .headerTooLarge, .missingHeader, .unreadable, .unwritable: false
    }
  }

  /// Whether the record merely has a different number of fields from the header.
  public var isRaggedRow: Bool {
    if case .raggedRow = kind { return true }
    return false
  }

  /// The message without its place: what is wrong and what to do.
  public var reason: String {
    switch kind {
    case .raggedRow(let expected, let found) where found > expected:
      "row has \(found) fields but the header has \(expected); a delimiter inside an unquoted "
        + "value, or a stray delimiter at the end of the line"
    case .raggedRow(let expected, let found):
      "row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected); "
        + "values are missing or a line break splits the row"
    case .nulByte:
      "contains a NUL byte; the file may be binary or saved in another encoding"
    case .invalidEncoding(let encoding):
      "contains bytes that are not valid \(encoding.displayName); re-save the file as UTF-8 or "
        + "declare its encoding in the pipeline"
    case .unterminatedQuote:
      "a quoted value opened here is never closed; the file ends inside it"
    case .malformedQuote:
      "a quote is out of place: a value in quotes must be followed by a delimiter or a line "
        + "break, and a quote inside a value must be doubled (\"\")"
    case .fieldTooLarge(let limit):
      "a value is larger than \(limit >> 20) MiB, the most one value may hold, so the row was "
        + "set aside and reading went on after it; this usually means a quote is never closed. "
        + "If the value is meant to be this long, the limit must be raised"
    case .headerTooLarge(let bytes, let columns):
      "the header row is longer than \(bytes >> 20) MiB or has more than \(columns) columns, "
        + "more than any export has; is this the right file, and does its first row name the "
        + "columns?"
    case .missingHeader(let expected, let found):
      "expected \(expected) header row\(expected == 1 ? "" : "s") but the file has "
        + "\(found == 0 ? "none" : "only \(found)")"
    case .unreadable(let reason):
      "cannot be read: \(reason)"
    case .unwritable(let reason):
      "cannot be written: \(reason)"
    }
  }

  /// Where the problem is, in words: `survey.csv line 14, column 3 (Email)`.
  public var place: String {
    var text = file
    if let line { text += " line \(line)" }
    if let column {
      text += ", column \(column)"
      if let columnName, !columnName.isEmpty { text += " (\(columnName))" }
    }
    return text
  }

  /// The full message: place, then reason.
  public var description: String { "\(place): \(reason)" }
}

/// One cell of an Excel sheet, typed as the workbook stores it.
struct ExcelCell: Equatable, Sendable {
  /// The column, from 0 (`A`).
  var column: Int
  /// The row, from 1, as Excel numbers it.
  var row: Int
  var value: Value

  /// What a cell holds.
  enum Value: Equatable, Sendable {
    /// Text: a shared string, an inline string or a formula's text result.
    case text(String)
    case number(Double)
    case boolean(Bool)
    /// A date (and time of day) from a serial number under a date format: the day since
    /// 1970-01-01 and the seconds into it.
    case date(day: Int, seconds: Int)
    /// An error value (`#N/A`, `#REF!`).
    case error(String)
  }

  /// The cell's reference: `C14`.
  var reference: String { Self.columnName(column) + String(row) }

  /// The column's letters: `A`, `B`, … `Z`, `AA`, … for column 0, 1, ….
  static func columnName(_ column: Int) -> String { ExcelSource.columnName(column) }

  /// The column and row of a reference (`C14` → 2, 14); `nil` when it is not one.
  static func position(of reference: String) -> (column: Int, row: Int)? {
    var column = 0
    var row = 0
    var letters = 0
    for scalar in reference.unicodeScalars {
      switch scalar.value {
      case 65...90 where row == 0:
        column = column * 26 + Int(scalar.value - 64)
        letters += 1
      case 48...57 where letters > 0:
        row = row * 10 + Int(scalar.value - 48)
        guard row <= 1_048_576 else { return nil }
      default: return nil
      }
    }
    guard letters > 0, letters <= 3, row > 0 else { return nil }
    return (column - 1, row)
  }

  /// The cell's text as the CSV readers take it: text as it is, numbers as Excel shows them in
  /// the General format (no `.0` on whole numbers), booleans `TRUE`/`FALSE`, dates ISO 8601
  /// (`2025-01-07`, with `T09:30:00` when there is a time of day).
  var text: String {
    switch value {
    case .text(let text): return text
    case .number(let number):
      if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
      return String(number)
    case .boolean(let value): return value ? "TRUE" : "FALSE"
    case .date(let day, let seconds):
      let date = CivilDate.iso(day)
      guard seconds > 0 else { return date }
      let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
      return date + "T" + [h, m, s].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    case .error(let code): return code
    }
  }
}

import Foundation

/// An Excel input as Kith reads it: the workbook the pipeline names, read as the CSV of one
/// sheet (``InputSpec/path``), with what the CSV cannot say itself.
public struct ExcelSource: Sendable {
  /// The workbook, hashed in the CSV's place in the manifest.
  public var workbook: URL
  /// The sheet read.
  public var sheet: String
  /// The cells holding an Excel error (`#N/A`, `#REF!`), by the CSV line of their row: the
  /// column (from 0) and the error.
  public var errors: [Int: [(column: Int, code: String)]] = [:]
  /// The sheet's row of a CSV line, where they differ (after a cell holding line breaks).
  public var rows: [Int: Int] = [:]

  /// The sheet's row of CSV line `line`.
  public func row(ofLine line: Int) -> Int { rows[line] ?? line }

  /// The reference of the cell in `column` (from 0) of CSV line `line`: `C14`.
  public func reference(column: Int, line: Int) -> String {
    ExcelSource.columnName(column) + String(row(ofLine: line))
  }

  /// `A`, `B`, … `Z`, `AA`, … for column 0, 1, ….
  public static func columnName(_ column: Int) -> String {
    var name = ""
    var index = column + 1
    while index > 0 {
      let remainder = (index - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + remainder))) + name
      index = (index - 1) / 26
    }
    return name
  }
}

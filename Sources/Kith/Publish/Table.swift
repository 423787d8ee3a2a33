/// A table to publish: a header and rows made on demand, written as one CSV file.
///
/// Rows are produced one at a time while the file is written, so a table of millions of rows
/// never exists as text in memory.
public struct Table {
  /// The path of the file under its zone (`data/participants.csv`).
  public var path: String
  /// The column names.
  public var header: [String]
  /// The number of rows.
  public var count: Int
  /// The table's schema in the data package, when it is not one of the data tables the data
  /// dictionary describes (the study tables describe their own columns).
  var schema: DataDictionary.Schema?
  private let makeRow: (Int) -> [String]

  /// Creates a table whose row `i` is `row(i)`; each row must be as long as the header.
  public init(path: String, header: [String], count: Int, row: @escaping (Int) -> [String]) {
    self.path = path
    self.header = header
    self.count = count
    makeRow = row
  }

  /// Creates a table from rows already made.
  public init(path: String, header: [String], rows: [[String]]) {
    self.init(path: path, header: header, count: rows.count) { rows[$0] }
  }

  /// Row `index`.
  public func row(_ index: Int) -> [String] { makeRow(index) }
}

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
  private let makeRows: () -> (Int) -> [String]

  /// Creates a table whose row `i` is `row(i)`; each row must be as long as the header.
  ///
  /// Rows are made on several threads at once: `row` must not change shared state.
  public init(path: String, header: [String], count: Int, row: @escaping (Int) -> [String]) {
    self.init(path: path, header: header, count: count, rows: { row })
  }

  /// Creates a table whose rows are made by a maker `rows()` gives for each pass over a range of
  /// them in order, on one thread: one maker may keep what its next rows share (a participant's
  /// rows, made at once), and other threads have makers of their own.
  init(path: String, header: [String], count: Int, rows: @escaping () -> (Int) -> [String]) {
    self.path = path
    self.header = header
    self.count = count
    makeRows = rows
  }

  /// Creates a table from rows already made.
  public init(path: String, header: [String], rows: [[String]]) {
    self.init(path: path, header: header, count: rows.count) { rows[$0] }
  }

  /// Row `index`.
  public func row(_ index: Int) -> [String] { makeRows()(index) }

  /// A maker of rows for one pass over some of them in order, on one thread.
  func rows() -> (Int) -> [String] { makeRows() }
}

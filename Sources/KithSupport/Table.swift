import Foundation
import KithCSV

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
  package var schema: TableSchema?
  /// The columns the row makers append, when some are left out of ``header``
  /// (``keeping(_:)``); empty when the header is all of them.
  package private(set) var madeColumns: [String] = []
  private let makeRecords: () -> (Int, CSVRecord) -> Void

  /// Creates a table whose row `i` is `row(i)`; each row must be as long as the header.
  ///
  /// Rows are made on several threads at once: `row` must not change shared state.
  public init(path: String, header: [String], count: Int, row: @escaping (Int) -> [String]) {
    self.init(path: path, header: header, count: count) {
      { index, record in
        record.append(contentsOf: row(index))
      }
    }
  }

  /// Creates a table whose rows are appended, field by field, to a record by makers.
  ///
  /// `records()` gives a maker for each pass over a range of rows in order, on one thread; the
  /// maker appends row `i` to the empty record it is handed. One maker may keep what its next
  /// rows share (a participant's rows, made at once); other threads have makers of their own.
  /// Each row must be as long as the header.
  package init(
    path: String, header: [String], count: Int,
    records: @escaping () -> (Int, CSVRecord) -> Void
  ) {
    self.path = path
    self.header = header
    self.count = count
    makeRecords = records
  }

  /// Creates a table from rows already made.
  public init(path: String, header: [String], rows: [[String]]) {
    self.init(path: path, header: header, count: rows.count) { rows[$0] }
  }

  /// Row `index`.
  public func row(_ index: Int) -> [String] { rows()(index) }

  /// The file's name without its folder and extension: `participants`.
  package var name: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }

  /// A maker of rows as text for one pass over some of them in order, on one thread.
  package func rows() -> (Int) -> [String] {
    let make = makeRecords()
    let record = makeRecord()
    return { index in
      record.removeAll()
      make(index, record)
      return record.strings
    }
  }

  /// A maker of rows for one pass over some of them in order, on one thread: row `index` is
  /// appended to the record it is handed, which is empty.
  package func records() -> (Int, CSVRecord) -> Void { makeRecords() }

  /// An empty record for the makers of ``records()`` to append rows to: it writes the columns
  /// of ``header`` and drops those left out.
  package func makeRecord() -> CSVRecord {
    madeColumns.isEmpty
      ? CSVRecord() : CSVRecord(writing: madeColumns.map { header.contains($0) })
  }

  /// This table with only the columns `kept` (a subset of ``header``, in its order): the rows
  /// are made as before, and the columns left out are dropped as they are appended.
  package func keeping(_ kept: [String]) -> Table {
    guard kept != header else { return self }
    var table = self
    table.madeColumns = madeColumns.isEmpty ? header : madeColumns
    table.header = kept
    return table
  }
}

/// A table to publish: a header and text rows, written as one CSV file.
public struct Table: Sendable, Equatable {
  /// The path of the file under the release folder (`data/participants.csv`).
  public var path: String
  /// The column names.
  public var header: [String]
  /// The rows, each as long as the header.
  public var rows: [[String]]

  /// Creates a table.
  public init(path: String, header: [String], rows: [[String]]) {
    self.path = path
    self.header = header
    self.rows = rows
  }
}

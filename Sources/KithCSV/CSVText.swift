/// CSV text built in memory, record by record, with the bytes ``CSVWriter`` would write: a part
/// of a file made on one thread while other parts are made on others, then written in order with
/// ``CSVWriter/write(_:)-(CSVText)``.
public struct CSVText: Sendable {
  /// The field separator.
  public let delimiter: CSVDelimiter
  /// The records so far, each ending in LF.
  public private(set) var bytes: [UInt8] = []

  /// Creates empty text with room for `capacity` bytes.
  public init(delimiter: CSVDelimiter = .comma, capacity: Int = 0) {
    self.delimiter = delimiter
    bytes.reserveCapacity(capacity)
  }

  /// Appends one record of text fields; with `neutralisingFormulas`, a field a spreadsheet
  /// would run as a formula gets a leading apostrophe (``CSVRecord/neutralisesFormulas``).
  public mutating func append(_ fields: [String], neutralisingFormulas: Bool = false) {
    let record = CSVRecord(delimiter: delimiter)
    record.neutralisesFormulas = neutralisingFormulas
    record.append(contentsOf: fields)
    append(record)
  }

  /// Appends one record.
  public mutating func append(_ record: CSVRecord) {
    precondition(record.delimiter == delimiter, "a record of another delimiter")
    record.appendLine(to: &bytes)
  }
}

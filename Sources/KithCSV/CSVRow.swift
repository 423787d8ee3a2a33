/// One record of a CSV file, as a view of the reader's buffer.
///
/// A row is valid only inside the closure the reader hands it to: copy what you need to keep.
/// Fields are bytes (always UTF-8); decode one with ``string(_:)`` when you need text.
public struct CSVRow {
  /// The reader's storage, not retained: the reader outlives every call it makes with the row,
  /// and a row per record must not cost atomic reference counting on every record and field.
  private let unretained: Unmanaged<RowStorage>
  /// The 1-based physical line on which the record starts (line breaks inside quoted fields count).
  public let line: Int
  /// Why the record is malformed, if it is; the policy of the caller decides what happens to it.
  public var problem: CSVError? { malformed?.problem }
  /// The problem, boxed: a row is then two references and a number, cheap to make and drop.
  private let malformed: Malformed?

  init(storage: RowStorage, line: Int, problem: CSVError?) {
    unretained = .passUnretained(storage)
    self.line = line
    malformed = problem.map(Malformed.init)
  }

  /// A row's problem.
  private final class Malformed {
    let problem: CSVError

    init(_ problem: CSVError) { self.problem = problem }
  }

  /// The number of fields.
  public var count: Int { unretained._withUnsafeGuaranteedRef(\.count) }

  /// The bytes of field `index` (0-based); valid only during the reader's callback.
  public func bytes(_ index: Int) -> UnsafeRawBufferPointer {
    unretained._withUnsafeGuaranteedRef { $0.field(index) }
  }

  /// Field `index` as text; an index past the end gives the empty string.
  public func string(_ index: Int) -> String {
    guard index < count else { return "" }
    return String(decoding: bytes(index), as: UTF8.self)
  }

  /// Whether field `index` is empty or absent.
  public func isEmpty(_ index: Int) -> Bool { index >= count || bytes(index).isEmpty }

  /// Every field as text.
  public var strings: [String] { (0..<count).map(string) }

  /// The record written back as one CSV line (without line break), for reject files.
  public func csvText(delimiter: CSVDelimiter = .comma) -> String {
    let record = CSVRecord(delimiter: delimiter)
    for index in 0..<count { record.append(utf8: bytes(index)) }
    return record.withLine { String(decoding: $0, as: UTF8.self) }
  }
}

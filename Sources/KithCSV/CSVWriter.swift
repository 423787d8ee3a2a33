#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes RFC 4180 CSV: fields quoted only when needed (by libcsv's `csv_write`), LF line ends,
/// UTF-8 without a byte-order mark.
///
/// The same rows always give the same bytes.
///
/// A field is quoted when it holds the delimiter, a quote, a line break, or starts or ends with a
/// space or tab (so that a reader which trims spaces reads it back unchanged).
public final class CSVWriter {
  private let descriptor: Int32
  private let path: String
  private let delimiter: CSVDelimiter
  private var buffer: [UInt8] = []
  private var closed = false

  private let onBytes: ((UnsafeRawBufferPointer) -> Void)?

  /// Creates (or truncates) the file at `path`.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - delimiter: The field separator.
  ///   - onBytes: Sees every byte as it is written (to hash the file, say).
  /// - Throws: ``CSVError`` when the file cannot be created.
  public init(
    path: String, delimiter: CSVDelimiter = .comma,
    onBytes: ((UnsafeRawBufferPointer) -> Void)? = nil
  ) throws {
    self.path = path
    self.delimiter = delimiter
    self.onBytes = onBytes
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw CSVError(.unwritable(reason: Posix.lastError), file: path)
    }
    buffer.reserveCapacity(1 << 20)
  }

  deinit {
    if !closed { Posix.closeFile(descriptor) }
  }

  /// Writes one record of text fields.
  public func write(_ fields: [String]) throws {
    Self.appendRecord(fields, delimiter: delimiter, to: &buffer)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Writes records made apart (``CSVText``, with this writer's delimiter), after those
  /// written so far.
  public func write(_ text: CSVText) throws {
    precondition(text.delimiter == delimiter, "CSV text of another delimiter")
    if !buffer.isEmpty { try flush() }
    try text.bytes.withUnsafeBytes(writeOut)
  }

  /// Writes everything buffered and closes the file.
  public func close() throws {
    guard !closed else { return }
    try flush()
    closed = true
    if !Posix.closeFile(descriptor) {
      throw CSVError(.unwritable(reason: Posix.lastError), file: path)
    }
  }

  private func flush() throws {
    try buffer.withUnsafeBytes(writeOut)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes `bytes` to the file, after showing them to ``onBytes``.
  private func writeOut(_ bytes: UnsafeRawBufferPointer) throws {
    onBytes?(bytes)
    guard Posix.writeAll(descriptor, bytes) else {
      throw CSVError(.unwritable(reason: Posix.lastError), file: path)
    }
  }

  /// The CSV text of `rows`, each ending in LF.
  public static func encode(_ rows: [[String]], delimiter: CSVDelimiter = .comma) -> [UInt8] {
    var output: [UInt8] = []
    for row in rows { appendRecord(row, delimiter: delimiter, to: &output) }
    return output
  }

  /// Appends one record of text fields and its LF to `output`.
  ///
  /// A record without a field to quote (nearly every one) is assembled apart and appended at
  /// once; appending field by field costs more than copying the bytes.
  static func appendRecord(_ fields: [String], delimiter: CSVDelimiter, to output: inout [UInt8]) {
    // A delimiter after each field but the last, then the LF: one byte per field, or one for
    // a record of no fields.
    var length = max(fields.count, 1)
    for field in fields { length += field.utf8.count }
    let appended = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { record in
      var used = 0
      for index in fields.indices {
        if index > 0 {
          record[used] = delimiter.byte
          used += 1
        }
        var field = fields[index]
        let plain = field.withUTF8 { bytes in
          guard !needsQuotes(UnsafeRawBufferPointer(bytes), delimiter: delimiter.byte) else {
            return false
          }
          if let source = bytes.baseAddress, let target = record.baseAddress {
            (target + used).initialize(from: source, count: bytes.count)
          }
          used += bytes.count
          return true
        }
        guard plain else { return false }
      }
      record[used] = 10
      output.append(contentsOf: UnsafeBufferPointer(rebasing: record[0...used]))
      return true
    }
    guard !appended else { return }
    for (index, field) in fields.enumerated() {
      if index > 0 { output.append(delimiter.byte) }
      var field = field
      field.withUTF8 { appendField(UnsafeRawBufferPointer($0), delimiter: delimiter, to: &output) }
    }
    output.append(10)
  }

  /// Appends one record and its LF to `output`.
  static func appendRecord(
    _ fields: [UnsafeRawBufferPointer], delimiter: CSVDelimiter, to output: inout [UInt8]
  ) {
    for (index, field) in fields.enumerated() {
      if index > 0 { output.append(delimiter.byte) }
      appendField(field, delimiter: delimiter, to: &output)
    }
    output.append(10)
  }

  /// Appends one field, quoted if it needs to be.
  private static func appendField(
    _ field: UnsafeRawBufferPointer, delimiter: CSVDelimiter, to output: inout [UInt8]
  ) {
    if needsQuotes(field, delimiter: delimiter.byte) {
      libcsvAppendQuoted(field, to: &output)
    } else {
      output.append(contentsOf: field)
    }
  }

  private static func needsQuotes(_ field: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
    guard let first = field.first, let last = field.last else { return false }
    if first == 32 || first == 9 || last == 32 || last == 9 { return true }
    return field.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
  }
}

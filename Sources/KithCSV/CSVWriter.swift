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
  /// The record being written, reused.
  private let record: CSVRecord
  private var closed = false

  private let onBytes: ((UnsafeRawBufferPointer) -> Void)?

  /// Creates (or truncates) the file at `path`.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - delimiter: The field separator.
  ///   - permissions: When given, the file is created with exactly these permission bits (an
  ///     existing file is set to them before anything is written), whatever the umask;
  ///     otherwise 0644 less the umask.
  ///   - onBytes: Sees every byte as it is written (to hash the file, say).
  /// - Throws: ``CSVError`` when the file cannot be created.
  public init(
    path: String, delimiter: CSVDelimiter = .comma, permissions: UInt16? = nil,
    onBytes: ((UnsafeRawBufferPointer) -> Void)? = nil
  ) throws {
    self.path = path
    self.delimiter = delimiter
    record = CSVRecord(delimiter: delimiter)
    self.onBytes = onBytes
    let mode = mode_t(permissions ?? 0o644)
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
    guard descriptor >= 0, permissions == nil || fchmod(descriptor, mode) == 0 else {
      let (reason, code) = (Posix.lastError, errno)
      if descriptor >= 0 { Posix.closeFile(descriptor) }
      throw CSVError(.unwritable(reason: reason), file: path, systemCode: code)
    }
    buffer.reserveCapacity(1 << 20)
  }

  deinit {
    if !closed { Posix.closeFile(descriptor) }
  }

  /// Writes one record of text fields.
  public func write(_ fields: [String]) throws {
    record.removeAll()
    record.append(contentsOf: fields)
    record.appendLine(to: &buffer)
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
      throw CSVError(.unwritable(reason: Posix.lastError), file: path, systemCode: errno)
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
      throw CSVError(.unwritable(reason: Posix.lastError), file: path, systemCode: errno)
    }
  }

  /// The CSV text of `rows`, each ending in LF.
  public static func encode(_ rows: [[String]], delimiter: CSVDelimiter = .comma) -> [UInt8] {
    var text = CSVText(delimiter: delimiter)
    for row in rows { text.append(row) }
    return text.bytes
  }
}

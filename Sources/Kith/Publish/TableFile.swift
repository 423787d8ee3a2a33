import Crypto
import Foundation
import KithCSV

/// One table being written to its CSV file in parts of a few thousand rows, which threads may
/// make at once: each part's records are made apart, and parts reach the file in order as soon
/// as the ones before them have, so its bytes never depend on the number of threads.
///
/// Memory holds the parts made but not yet written: about one per thread, and never more than
/// ``partsAhead``, however a thread is held up.
final class TableFile: @unchecked Sendable {
  /// The rows of a part unless told otherwise: enough that handing a part over costs little,
  /// few enough that a part of wide rows stays a few megabytes.
  static let defaultRowsPerPart = 8192
  /// How far past the next part to write a part may be made; a thread asked for one further
  /// waits for the parts before it.
  static let partsAhead = 8

  let table: Table
  /// How many parts the table is made in (at least 1: the first holds the header).
  let parts: Int
  private let path: String
  private let writer: CSVWriter
  /// Whether text fields a spreadsheet would run as formulas are neutralised (release files).
  private let neutralisesFormulas: Bool
  private let condition = NSCondition()
  private var hasher = SHA256()
  private var bytes = 0
  /// Parts made and waiting for an earlier one to be written.
  private var waiting: [Int: CSVText] = [:]
  private var nextPart = 0
  /// The file's report once every part is written, or why writing failed.
  private var outcome: Result<OutputReport, any Error>?

  /// Creates (or truncates) the file `folder/table.path`, reported as `path`, to be made in
  /// parts of `rowsPerPart` rows; with `permissions`, exactly those (a private file's 0600).
  ///
  /// A release file (`neutralisesFormulas`) writes a text value that a spreadsheet would run as
  /// a formula with a leading apostrophe; a private file keeps every value as read.
  init(
    _ table: Table, under folder: URL, reportedAs path: String,
    rowsPerPart: Int = defaultRowsPerPart, permissions: UInt16? = nil,
    neutralisesFormulas: Bool = false
  ) throws {
    let url = folder.appendingPathComponent(table.path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    self.table = table
    self.path = path
    self.neutralisesFormulas = neutralisesFormulas
    precondition(rowsPerPart > 0, "parts of at least one row")
    parts = max(1, (table.count + rowsPerPart - 1) / rowsPerPart)
    do {
      writer = try CSVWriter(path: url.path, permissions: permissions)
    } catch {
      throw EnvironmentError.translating(error, path: path)
    }
  }

  /// Writes the table on this thread, part by part; returns its report.
  func write() throws -> OutputReport {
    for part in 0..<parts { try make(part: part) }
    return try report()
  }

  /// Makes part `part` and writes it, with every part after it already made, once the parts
  /// before it are written.
  ///
  /// Waits first while the part is more than ``partsAhead`` past the next part to write: the
  /// parts before it must be being made by other threads.
  ///
  /// - Throws: What writing the file threw (also to every later caller, without making its
  ///   part).
  func make(part: Int) throws {
    condition.lock()
    while outcome == nil && part > nextPart + Self.partsAhead { condition.wait() }
    let failed = failure
    condition.unlock()
    if let failed { throw failed }
    let rows = table.count * part / parts..<table.count * (part + 1) / parts
    var text = CSVText(capacity: 64 * rows.count)
    if part == 0 { text.append(table.header, neutralisingFormulas: neutralisesFormulas) }
    let make = table.records()
    let record = table.makeRecord()
    record.neutralisesFormulas = neutralisesFormulas
    for index in rows {
      record.removeAll()
      make(index, record)
      text.append(record)
    }
    condition.lock()
    defer { condition.unlock() }
    if let failure { throw failure }
    waiting[part] = text
    // Parts written here, and the file's outcome, may let other threads go on.
    defer { condition.broadcast() }
    do {
      while let text = waiting.removeValue(forKey: nextPart) {
        text.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        bytes += text.bytes.count
        try writer.write(text)
        nextPart += 1
      }
      guard nextPart == parts else { return }
      try writer.close()
      outcome = .success(
        OutputReport(
          path: path, rows: table.count, bytes: bytes, sha256: Hex.string(hasher.finalize())))
    } catch {
      // Named as the reader knows it (`release/data/scores.csv`), not by the staging folder.
      let error = EnvironmentError.translating(error, path: path)
      outcome = .failure(error)
      waiting.removeAll()
      throw error
    }
  }

  /// Why writing failed, once it has; read under the lock.
  private var failure: (any Error)? {
    if case .failure(let error) = outcome { error } else { nil }
  }

  /// Waits until every part is written (or writing failed); returns the file's report.
  func report() throws -> OutputReport {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let outcome { return try outcome.get() }
      condition.wait()
    }
  }
}

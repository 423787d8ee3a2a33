import CXLSXWriter
import Foundation

/// The study tables as one Excel workbook (`release/tables/study_tables.xlsx`).
///
/// Written through libxlsxwriter: a sheet per table, its header frozen, numbers as numbers
/// shown with the CSV's decimals, `*` as text, the title and notes under the table. Every call
/// into libxlsxwriter is in this file.
enum WorkbookWriter {
  /// The workbook's path under `release/`.
  static let path = "tables/study_tables.xlsx"

  /// The workbook of `sheets`, titled `title`, created at `timestamp` (seconds since 1970, from
  /// the inputs: libxlsxwriter then writes the same bytes every time).
  ///
  /// - Throws: ``DataError`` when libxlsxwriter cannot write it.
  static func workbook(_ sheets: [WorkbookSheet], title: String, timestamp: Int) throws -> Data {
    // libxlsxwriter 1.1 writes to a file only: one of Kith's own in the temporary folder,
    // removed once read.
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-workbook-\(UUID().uuidString).xlsx")
    defer { try? FileManager.default.removeItem(at: url) }
    guard let workbook = workbook_new(url.path) else {
      throw DataError(
        "the study tables' workbook cannot be started in \(url.deletingLastPathComponent().path)")
    }
    let kept = Strings()
    defer { kept.free() }
    var properties = lxw_doc_properties()
    properties.title = kept.copy(title)
    properties.author = kept.copy("Kith")
    // Zero would mean "now": 1980-01-01, the first day a ZIP file can hold, stands in.
    properties.created = time_t(timestamp > 0 ? timestamp : 315_532_800)
    workbook_set_properties(workbook, &properties)
    let bold = workbook_add_format(workbook)
    format_set_bold(bold)
    let italic = workbook_add_format(workbook)
    format_set_italic(italic)
    var numberFormats: [Int: UnsafeMutablePointer<lxw_format>?] = [:]
    let numberFormat = { (decimals: Int) -> UnsafeMutablePointer<lxw_format>? in
      if let known = numberFormats[decimals] { return known }
      let format = workbook_add_format(workbook)
      format_set_num_format(
        format, decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals))
      numberFormats[decimals] = format
      return format
    }
    for sheet in sheets {
      let worksheet = workbook_add_worksheet(workbook, String(sheet.name.prefix(31)))
      for (column, name) in sheet.header.enumerated() {
        worksheet_write_string(worksheet, 0, lxw_col_t(column), name, bold)
        let widest =
          ([name] + sheet.rows.map { column < $0.count ? $0[column] : "" })
          .map(\.count).max() ?? 8
        worksheet_set_column(
          worksheet, lxw_col_t(column), lxw_col_t(column), Double(min(60, max(8, widest + 2))), nil)
      }
      worksheet_freeze_panes(worksheet, 1, 0)
      for (index, row) in sheet.rows.enumerated() {
        for (column, text) in row.enumerated() where !text.isEmpty {
          let (r, c) = (lxw_row_t(index + 1), lxw_col_t(column))
          let numeric = column < sheet.types.count && sheet.types[column] != "string"
          if numeric, let value = Double(text) {
            worksheet_write_number(worksheet, r, c, value, numberFormat(Fixed.decimals(in: text)))
          } else {
            worksheet_write_string(worksheet, r, c, text, nil)
          }
        }
      }
      // The title and the notes under the table, a blank row between.
      var line = sheet.rows.count + 2
      worksheet_write_string(worksheet, lxw_row_t(line), 0, sheet.title, bold)
      for note in sheet.notes {
        line += 1
        worksheet_write_string(worksheet, lxw_row_t(line), 0, note, italic)
      }
    }
    let (error, code) = QuietStandardError.shared.during {
      (workbook_close(workbook), errno)
    }
    guard error == LXW_NO_ERROR else {
      guard code == 0 else {
        throw EnvironmentError(
          "cannot write the study tables' workbook in \(url.deletingLastPathComponent().path): "
            + "\(FileProblem.reason(code)); " + FileProblem.advice(code))
      }
      throw DataError(
        "the study tables' workbook cannot be written: libxlsxwriter says "
          + String(cString: lxw_strerror(error)))
    }
    do {
      return try Data(contentsOf: url)
    } catch {
      throw DataError("the study tables' workbook cannot be read back from \(url.path)")
    }
  }

  /// Standard error sent to /dev/null while any workbook of the process is being closed.
  ///
  /// libxlsxwriter prints its own error lines there, which cannot be turned off, and Kith says
  /// what went wrong in its own words; nothing else in a run writes to standard error while the
  /// workbook is closed. Standard error belongs to the whole process: two workbooks closed at
  /// once (two runs in one process, as in the tests) must not each save and restore it, or the
  /// second would save the first's /dev/null and restore that for good. The first to start
  /// silences it and the last to finish restores it.
  private final class QuietStandardError: @unchecked Sendable {
    static let shared = QuietStandardError()
    private let lock = NSLock()
    private var closing = 0
    private var saved: Int32 = -1

    /// Runs `body` with standard error silenced.
    ///
    /// - Parameter body: The work whose library messages are not to be seen; `errno` is zero
    ///   when it starts.
    /// - Returns: What `body` returns.
    func during<T>(_ body: () -> T) -> T {
      lock.withLock {
        if closing == 0 { silence() }
        closing += 1
      }
      defer {
        lock.withLock {
          closing -= 1
          if closing == 0 { restore() }
        }
      }
      errno = 0
      return body()
    }

    private func silence() {
      let null = open("/dev/null", O_WRONLY)
      guard null >= 0 else { return }
      defer { close(null) }
      saved = dup(STDERR_FILENO)
      if saved >= 0 { dup2(null, STDERR_FILENO) }
    }

    private func restore() {
      guard saved >= 0 else { return }
      dup2(saved, STDERR_FILENO)
      close(saved)
      saved = -1
    }
  }

  /// C strings libxlsxwriter may keep until the workbook is closed.
  private final class Strings {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
      guard let pointer = strdup(text) else { return nil }
      pointers.append(pointer)
      return pointer
    }

    func free() {
      for pointer in pointers { Foundation.free(pointer) }
    }
  }
}

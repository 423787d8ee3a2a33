import Foundation
import KithCSV

/// An Excel register or survey read as the CSV readers read any export: its sheet written out
/// as UTF-8 CSV, one line per sheet row, so that every reader feature — rejects, identity,
/// linkage, the leak gate — works on it unchanged, and a line number in a message is the
/// sheet's row number.
///
/// The CSV goes to a folder of Kith's own (mode 0700) in the temporary folder, removed when the
/// process ends: it holds the workbook's identifiers, as the workbook does.
enum ExcelInput {
  /// Which sheet to read: by name or by position from 1.
  enum Sheet: Equatable, Sendable {
    case name(String)
    case position(Int)
  }

  /// Whether `url` is to be read as a workbook: an Excel file by its content, or named as one.
  static func isWorkbook(_ url: URL) -> Bool {
    ExcelWorkbook.isRegularFile(url)
      && (ExcelWorkbook.looksLikeWorkbook(url)
        || ["xlsx", "xlsm", "xls", "ods"].contains(url.pathExtension.lowercased()))
  }

  /// The CSV of `sheet` of the workbook at `url`, with the header on row `headerRow` (rows above
  /// it are left out): a line per row, empty rows as empty lines, cells typed as ``ExcelCell/text``;
  /// and the workbook as the readers see it (its error cells, rows moved by line breaks).
  ///
  /// - Throws: ``DataError`` naming the workbook for a workbook Kith cannot read, an unknown
  ///   sheet, or a header row with nothing in it.
  static func csv(of url: URL, displayName: String, sheet: Sheet?, headerRow: Int) throws -> (
    csv: URL, source: ExcelSource
  ) {
    let workbook = try ExcelWorkbook(url: url, displayName: displayName)
    let chosen: (name: String, part: String)
    switch sheet {
    case .name(let name): chosen = try workbook.sheet(named: name, position: nil)
    case .position(let position): chosen = try workbook.sheet(named: nil, position: position)
    case nil: chosen = try workbook.sheet(named: nil, position: 1)
    }
    let target = try folder().appendingPathComponent(
      "\(UUID().uuidString)-\(url.deletingPathExtension().lastPathComponent).csv")
    let writer: CSVWriter
    do {
      writer = try CSVWriter(path: target.path, permissions: 0o600)
    } catch {
      throw EnvironmentError.translating(error, path: target.path)
    }
    var source = ExcelSource(workbook: url, sheet: chosen.name)
    var line = 1
    var width = 0
    var sawHeader = false
    do {
      try workbook.rows(of: chosen) { cells in
        guard let row = cells.first?.row, row >= headerRow else { return }
        // Blank lines keep a line's number the sheet's row number.
        while line < row {
          try writer.write([])
          line += 1
        }
        if !sawHeader {
          guard row == headerRow else {
            throw DataError(
              "\(displayName), sheet `\(chosen.name)`: row \(headerRow) is empty, so it holds "
                + "no column names; name the row that does with `header_row:`")
          }
          width = (cells.last?.column ?? 0) + 1
          sawHeader = true
        }
        if line != row { source.rows[line] = row }
        var fields = [String](repeating: "", count: max(width, (cells.last?.column ?? 0) + 1))
        for cell in cells {
          fields[cell.column] = cell.text
          if case .error(let code) = cell.value {
            source.errors[line, default: []].append((cell.column, code))
          }
        }
        try writer.write(fields)
        line += 1 + fields.reduce(0) { $0 + $1.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
      }
      try writer.close()
    } catch let error as CSVError {
      throw EnvironmentError.translating(error, path: target.path)
    }
    guard sawHeader else {
      throw DataError(
        "\(displayName), sheet `\(chosen.name)`: nothing from row \(headerRow) on, so no column "
          + "names and no rows (is it the right sheet? `sheet:` names another)")
    }
    return (target, source)
  }

  /// Kith's folder for converted sheets, made once per process (0700) and removed at exit.
  private static func folder() throws -> URL {
    lock.lock()
    defer { lock.unlock() }
    if let made = converted { return made }
    let made = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-sheets-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(
        at: made, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    } catch {
      throw EnvironmentError.translating(error, path: made.path)
    }
    converted = made
    atexit {
      if let folder = ExcelInput.converted { try? FileManager.default.removeItem(at: folder) }
    }
    return made
  }

  /// The folder of this process's converted sheets, once made; guarded by ``lock``.
  nonisolated(unsafe) private static var converted: URL?
  private static let lock = NSLock()
}

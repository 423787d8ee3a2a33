import Foundation
import ZIPFoundation

/// An Excel workbook (`.xlsx`): its sheets, shared strings, date styles and date system.
///
/// Read with ZIPFoundation and Foundation's SAX parser, by hand because no Swift library here
/// reads XLSX. Sheets are read row by row (``rows(of:_:)``).
///
/// A legacy `.xls`, a password-protected workbook (Excel encrypts into the old container) and
/// an OpenDocument `.ods` are refused with a message saying how to save them.
struct ExcelWorkbook {
  /// The name messages give the file (its path as the pipeline names it).
  let displayName: String
  /// The sheets in workbook order: name and the archive path of its XML.
  let sheets: [(name: String, part: String)]
  /// Whether serial numbers count from 1904-01-01 (a Mac Excel setting) rather than 1900.
  let uses1904: Bool
  /// The shared strings, by index.
  let sharedStrings: [String]
  /// The cell styles (indexes into `cellXfs`) whose number format shows a date.
  let dateStyles: Set<Int>
  private let archive: Archive

  /// The first bytes of an OLE2 compound file: a legacy `.xls`, or any encrypted workbook.
  static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
  /// The first bytes of a ZIP file.
  static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

  /// Whether the file at `url` starts like an Excel file of any kind (ZIP or OLE2), so a reader
  /// can tell a workbook from CSV by content, whatever its name.
  static func looksLikeWorkbook(_ url: URL) -> Bool {
    guard isRegularFile(url), let handle = try? FileHandle(forReadingFrom: url) else {
      return false
    }
    defer { try? handle.close() }
    let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
    return head.starts(with: zipSignature) || head == compoundFileSignature
  }

  /// Whether `url` is a regular file — the only kind opened to look inside: opening a named
  /// pipe would wait for a writer, and a folder or a device is refused when the run starts.
  static func isRegularFile(_ url: URL) -> Bool {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType)
      == .typeRegular
  }

  /// Opens the workbook at `url`.
  ///
  /// - Throws: ``DataError`` naming `displayName` for anything but a readable `.xlsx`.
  init(url: URL, displayName: String) throws {
    let head: [UInt8]
    do {
      let handle = try FileHandle(forReadingFrom: url)
      defer { try? handle.close() }
      head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
    } catch {
      throw DataError("\(displayName) cannot be opened")
    }
    try self.init(head: head, displayName: displayName) { try Archive(url: url, accessMode: .read) }
  }

  /// Opens the workbook held in `data` (one Kith wrote, read back by the leak gate).
  init(data: Data, displayName: String) throws {
    try self.init(head: [UInt8](data.prefix(8)), displayName: displayName) {
      try Archive(data: data, accessMode: .read)
    }
  }

  private init(head: [UInt8], displayName: String, open: () throws -> Archive) throws {
    self.displayName = displayName
    if head == Self.compoundFileSignature {
      throw DataError(
        "\(displayName) is a legacy Excel .xls file or a password-protected workbook, which "
          + "Kith cannot read: open it in Excel or LibreOffice, remove any password (File › "
          + "Info › Protect Workbook), and save it as Excel Workbook (.xlsx) or CSV UTF-8")
    }
    if head.starts(with: Self.zipSignature), (try? open()) == nil {
      throw DataError(
        "\(displayName) is a ZIP file that cannot be opened (cut short or damaged?): save the "
          + "workbook again from Excel or LibreOffice, or copy it again")
    }
    guard head.starts(with: Self.zipSignature), let archive = try? open() else {
      throw DataError(
        "\(displayName) is not an Excel workbook (.xlsx): save it from Excel or LibreOffice as "
          + "Excel Workbook (.xlsx) or CSV UTF-8")
    }
    self.archive = archive
    if let mimetype = archive["mimetype"],
      let text = try? Self.extract(mimetype, from: archive, name: displayName),
      String(decoding: text, as: UTF8.self).contains("opendocument")
    {
      throw DataError(
        "\(displayName) is an OpenDocument spreadsheet (.ods): save it from LibreOffice as "
          + "Excel 2007-365 (.xlsx) or as CSV (Text CSV, UTF-8)")
    }
    guard let workbookEntry = archive["xl/workbook.xml"] else {
      throw DataError(
        "\(displayName) is a ZIP file but not an Excel workbook (it has no xl/workbook.xml): "
          + "save it from Excel or LibreOffice as Excel Workbook (.xlsx)")
    }
    let workbook = try ExcelParts.workbook(
      Self.extract(workbookEntry, from: archive, name: displayName), name: displayName)
    let relations =
      try archive["xl/_rels/workbook.xml.rels"].map {
        try ExcelParts.relations(
          Self.extract($0, from: archive, name: displayName), name: displayName)
      } ?? [:]
    sheets = try workbook.sheets.map { sheet in
      guard let target = relations[sheet.relation] else {
        throw DataError(
          "\(displayName): the sheet `\(sheet.name)` has no part in the workbook (a damaged "
            + "file?): open and save it again in Excel or LibreOffice")
      }
      let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
      return (sheet.name, part)
    }
    uses1904 = workbook.uses1904
    sharedStrings =
      try archive["xl/sharedStrings.xml"].map {
        try ExcelParts.sharedStrings(
          Self.extract($0, from: archive, name: displayName), name: displayName)
      } ?? []
    dateStyles =
      try archive["xl/styles.xml"].map {
        try ExcelParts.dateStyles(
          Self.extract($0, from: archive, name: displayName), name: displayName)
      } ?? []
  }

  /// The sheet named `name`, or at 1-based `position`; the first without either.
  ///
  /// - Throws: ``DataError`` naming the sheets there are.
  func sheet(named name: String?, position: Int?) throws -> (name: String, part: String) {
    let names = sheets.map { "`\($0.name)`" }.joined(separator: ", ")
    if let name {
      guard let sheet = sheets.first(where: { $0.name == name }) else {
        throw DataError("\(displayName) has no sheet `\(name)`; its sheets are \(names)")
      }
      return sheet
    }
    let index = (position ?? 1) - 1
    guard sheets.indices.contains(index) else {
      throw DataError(
        "\(displayName) has \(sheets.count) sheet\(sheets.count == 1 ? "" : "s") (\(names)), "
          + "so there is no sheet \(index + 1)")
    }
    return sheets[index]
  }

  /// Reads `sheet` row by row, in order, calling `body` with each row's cells that hold a
  /// value (empty rows are not passed).
  ///
  /// - Throws: ``DataError`` for a damaged sheet (naming the cell), or what `body` throws.
  func rows(of sheet: (name: String, part: String), _ body: ([ExcelCell]) throws -> Void) throws {
    guard let entry = archive[sheet.part] else {
      throw DataError(
        "\(displayName): the sheet `\(sheet.name)` is missing from the workbook (a damaged "
          + "file?): open and save it again in Excel or LibreOffice")
    }
    let stream = SheetStream(entry, of: archive)
    let parsed = Result {
      try withoutActuallyEscaping(body) { body in
        let parser = ExcelSheetParser(
          displayName: "\(displayName), sheet `\(sheet.name)`", sharedStrings: sharedStrings,
          dateStyles: dateStyles, uses1904: uses1904, body: body)
        try parser.parse(stream.input)
      }
    }
    // A damaged entry ends the stream early: that, not the parser's view of it, is the cause.
    if let failure = stream.finish() {
      throw DataError(
        "\(displayName): the sheet `\(sheet.name)` \(failure): open and save the workbook again "
          + "in Excel or LibreOffice")
    }
    try parsed.get()
  }

  /// The bytes of `entry`.
  static func extract(_ entry: Entry, from archive: Archive, name: String) throws -> Data {
    var data = Data()
    do {
      _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
    } catch {
      throw DataError(
        "\(name): \(entry.path) cannot be unpacked (the file is truncated or damaged): open "
          + "and save it again in Excel or LibreOffice")
    }
    return data
  }
}

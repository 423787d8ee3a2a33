import Foundation
import KithCSV

/// The last check before a release is published: every field of every released file — data,
/// study tables in every format, the data package and the manifest — is searched for the
/// identifying values seen in the inputs (``SensitiveValues``), and for anything shaped like an
/// email address or a UK phone number.
///
/// A finding names the file and column (or line), never the value; a column whose header
/// itself identifies someone is named by its position.
struct LeakGate {
  let sensitive: SensitiveValues
  /// The inputs holding an identifying value that a found text matches, for the message that
  /// refuses a release (the text itself is never printed); `nil` names none.
  var sources: (@Sendable (String) -> [String])?
  /// Files smaller than this are read back whole by part 0 (``scan(file:path:part:of:)``).
  var readsWholeBelow = 4 << 20

  /// A gate searching for `sensitive`'s values, sealed for searching if they are not yet.
  init(sensitive: SensitiveValues) {
    var sealed = sensitive
    sealed.seal()
    self.sensitive = sealed
  }

  /// Where an identifying value was found: a file's column and row, or a document's line.
  struct Finding: Equatable, CustomStringConvertible {
    var file: String
    /// The column's name (or `column N`), `nil` for a line of a document.
    var column: String?
    /// The line of the file (a CSV file's first row found in the column), when known.
    var line: Int?
    var what: String
    /// The text found, to tell which input holds the value; never printed.
    var text = ""
    /// The inputs holding the value the text matches, by name.
    var sources: [String] = []

    /// A finding in a column of a CSV file, on `line` when known.
    init(file: String, column: String, line: Int? = nil, what: String, text: String = "") {
      (self.file, self.column, self.line, self.what, self.text) = (file, column, line, what, text)
    }

    /// A finding on a line of a document.
    init(file: String, line: Int, what: String, text: String = "") {
      (self.file, self.column, self.line, self.what, self.text) = (file, nil, line, what, text)
    }

    var description: String {
      var place = "\(file), " + (column.map { "column `\($0)`" } ?? "line \(line ?? 0)")
      if column != nil, let line { place += ", line \(line)" }
      let source =
        sources.isEmpty
        ? ""
        : " (a value the input\(sources.count == 1 ? "" : "s") "
          + sources.map { "`\($0)`" }.joined(separator: ", ")
          + " hold\(sources.count == 1 ? "s" : ""))"
      return place + ": \(what)" + source
    }
  }

  /// Scans the CSV files `paths` (relative to `folder`); returns every column that leaks.
  func scan(folder: URL, paths: [String]) throws -> [Finding] {
    try paths.flatMap { try scan(file: folder.appendingPathComponent($0), path: $0) }
  }

  /// Scans one written CSV file, named `path` in findings.
  func scan(file: URL, path: String) throws -> [Finding] {
    try scan(CSVReader(path: file.path, displayName: path, dialect: .written), path: path).map(
      \.finding)
  }

  /// A finding in a part of a file, with its column's position (the header's columns
  /// counted apart, from -1 down).
  typealias PartFinding = (column: Int, finding: Finding)

  /// Scans part `part` of `parts` of a written CSV file, cut at line breaks into parts of
  /// about equal size (``FileSplit/cuts(path:parts:)``), so that parts are scanned at once;
  /// `nil` when the part does not end where a record does (a quoted field holds the line
  /// break), and the file must be scanned whole.
  ///
  /// The parts' findings, in part order, each column's first kept, are what scanning the file
  /// whole finds (``merge(_:)``). A file under ``readsWholeBelow`` bytes is scanned whole by
  /// part 0.
  func scan(file: URL, path: String, part: Int, of parts: Int) throws -> [PartFinding]? {
    let size = try FileSplit.size(path: file.path)
    guard parts > 1, size >= readsWholeBelow else {
      return part == 0
        ? try scan(CSVReader(path: file.path, displayName: path, dialect: .written), path: path)
        : []
    }
    let cuts = try FileSplit.cuts(path: file.path, parts: parts)
    guard part + 1 < cuts.count else { return [] }
    let range = cuts[part]..<cuts[part + 1]
    do {
      let reader = try CSVReader.part(
        range, of: file.path, displayName: path, dialect: .written)
      let findings = try scan(reader, path: path, checksHeader: part == 0)
      guard reader.notices.isEmpty, range.upperBound == size || reader.endedBetweenRecords
      else { return nil }
      // A part's lines count from its start: a finding after the first part is found again
      // by scanning the whole file, which numbers its line.
      return part > 0 && !findings.isEmpty ? nil : findings
    } catch  where part > 0 {
      // A part after a cut inside a quoted field starts inside it; the part before it says
      // so, and the whole file is scanned again.
      return nil
    }
  }

  /// The findings of a file's parts, in order, as one scan of the whole file gives them: each
  /// column's first.
  static func merge(_ parts: [[PartFinding]]) -> [Finding] {
    var columns: Set<Int> = []
    return parts.joined().filter { columns.insert($0.column).inserted }.map(\.finding)
  }

  private func scan(_ reader: CSVReader, path: String, checksHeader: Bool = true) throws
    -> [PartFinding]
  {
    var findings: [PartFinding] = []
    let names = reader.header.names
    // Released values repeat (groups, dates, bands): each distinct one is checked once, and
    // recognised by its bytes.
    var clean = ByteKeyTable()
    // Short values found clean lately (numbers, waves, measure names alternating down their
    // columns), recognised by their bytes alone — a hit is a value already checked.
    var recent = ShortCellCache<Bool>(slots: 4096)
    var columns = [ColumnMemory](repeating: ColumnMemory(), count: names.count)
    // A header that identifies someone is a finding of its own, and its column is then named
    // by position in every finding.
    let identifyingHeaders = Set(names.indices.filter { classify(names[$0]) != nil })
    for index in identifyingHeaders.sorted() where checksHeader {
      findings.append(
        (
          -1 - index,
          Finding(file: path, column: "(header of column \(index + 1))", what: Self.identifying)
        ))
    }
    let label = { (index: Int) -> String in
      index < names.count && !identifyingHeaders.contains(index)
        ? names[index] : "column \(index + 1)"
    }
    try reader.forEachRow { row in
      if row.count > columns.count {
        columns += Array(repeating: ColumnMemory(), count: row.count - columns.count)
      }
      for index in 0..<row.count where !columns[index].reported {
        let bytes = row.bytes(index)
        let short = ShortCell(bytes)
        guard !columns[index].repeatsLastClean(bytes, short, in: clean) else { continue }
        let remembers = columns[index].remembers
        if remembers, let short, recent.value(of: short) != nil {
          columns[index].found(short, at: nil, checkedBefore: true)
        } else if remembers, let known = clean.index(of: bytes) {
          columns[index].found(short, at: known, checkedBefore: true)
          if let short { recent.set(short, to: true) }
        } else if let what = classify(bytes: bytes) {
          columns[index].reported = true
          findings.append(
            (
              index,
              Finding(
                file: path, column: label(index), line: row.line, what: what,
                text: String(decoding: bytes, as: UTF8.self))
            ))
        } else if remembers {
          columns[index].found(short, at: clean.insert(bytes), checkedBefore: false)
          if let short { recent.set(short, to: true) }
        } else {
          columns[index].found(short, at: nil, checkedBefore: false)
        }
      }
    }
    return findings
  }

  /// What the scan of a file knows of one column.
  private struct ColumnMemory {
    /// Whether the column was found to leak; its other values are not searched.
    var reported = false
    /// The last value found clean, which a column often repeats (a pid over its rows): its
    /// bytes when short, else its key in the table of clean values (when it was kept there).
    private var lastShort: ShortCell?
    private var lastKey: Int32?
    /// Values checked, and of them those checked before.
    private var checked = 0
    private var repeated = 0

    /// Whether values found clean are worth remembering for other rows: false once a column's
    /// values turn out nearly all new (a pid down `participants.csv`), which would only fill the
    /// table and push other columns' values out of the cache of recent ones.
    var remembers: Bool { checked < 1024 || repeated * 16 >= checked }

    /// Whether `value` (`short`, when at most 16 bytes) is the last value found clean.
    func repeatsLastClean(
      _ value: UnsafeRawBufferPointer, _ short: ShortCell?, in clean: ByteKeyTable
    ) -> Bool {
      if let lastShort { return short == lastShort }
      guard let lastKey else { return false }
      return clean.key(lastKey, is: value)
    }

    /// Notes a value found clean (`short`, when at most 16 bytes; `key`, its key in the table of
    /// clean values, if it is there), and whether it was `checkedBefore`.
    mutating func found(_ short: ShortCell?, at key: Int32?, checkedBefore: Bool) {
      checked += 1
      if checkedBefore { repeated += 1 }
      (lastShort, lastKey) = short.map { ($0, nil) } ?? (nil, key)
    }
  }

  /// Throws, when there are `findings`, the error that stops the run: nothing is published,
  /// and each finding names where (`what` says which part of the release), never the value.
  func refuse(_ findings: [Finding], in what: String) throws {
    guard !findings.isEmpty else { return }
    var named = findings
    if let sources {
      for index in named.indices where !named[index].text.isEmpty {
        named[index].sources = sources(named[index].text)
      }
    }
    throw DataError(
      "leak gate: \(what) would contain identifying data, so nothing was published:\n"
        + named.map { "  \($0)" }.joined(separator: "\n"))
  }

  /// Scans release files written as text (the data package, the study tables as Markdown, HTML
  /// and LaTeX), each line by line.
  func scan(descriptions: [(path: String, data: Data)]) -> [Finding] {
    descriptions.flatMap { file in
      switch URL(fileURLWithPath: file.path).pathExtension {
      case ReadStatFile.Format.sav.rawValue: scan(statistical: file.data, path: file.path, .sav)
      case ReadStatFile.Format.dta.rawValue: scan(statistical: file.data, path: file.path, .dta)
      case "xlsx": scan(workbook: file.data, path: file.path)
      default: scan(document: file.data, path: file.path)
      }
    }
  }

  /// Scans an Excel workbook as Kith's own reader reads it back.
  ///
  /// Every sheet's name and every cell is read (a finding names the sheet and cell). A workbook
  /// that cannot be read back is a finding.
  func scan(workbook data: Data, path: String) -> [Finding] {
    var findings: [Finding] = []
    do {
      let workbook = try ExcelWorkbook(data: data, displayName: path)
      for sheet in workbook.sheets {
        if let what = classify(sheet.name) {
          findings.append(Finding(file: path, line: 1, what: what, text: sheet.name))
        }
        try workbook.rows(of: sheet) { cells in
          for cell in cells {
            if let what = classify(cell.text) {
              findings.append(
                Finding(
                  file: "\(path), sheet \(sheet.name)", column: cell.reference, what: what,
                  text: cell.text))
            }
          }
        }
      }
    } catch {
      return [Finding(file: path, line: 1, what: "a file Kith could not read back to check it")]
    }
    return findings
  }

  /// Scans an SPSS or Stata file as ReadStat reads it back.
  ///
  /// It reads the file's label, every variable's name and label, every value label and every
  /// text value (a finding names the CSV's line of the row). A file that cannot be read back is
  /// a finding: what cannot be checked is not published.
  func scan(statistical data: Data, path: String, _ format: ReadStatFile.Format) -> [Finding] {
    let contents: ReadStatFile.Contents
    do {
      contents = try ReadStatFile.read(data, format: format, path: path)
    } catch {
      return [Finding(file: path, line: 1, what: "a file Kith could not read back to check it")]
    }
    var findings: [Finding] = []
    if let what = classify(contents.label) {
      findings.append(Finding(file: path, line: 1, what: what, text: contents.label))
    }
    for variable in contents.variables {
      for text in [variable.name, variable.label]
        + (contents.labelSets[variable.labelSet] ?? [:])
        .values.sorted()
      {
        if let what = classify(text) {
          findings.append(Finding(file: path, column: variable.name, what: what, text: text))
        }
      }
    }
    var found: Set<Int> = []
    for (row, values) in contents.rows.enumerated() {
      for (column, value) in values.enumerated() where !found.contains(column) {
        guard case .text(let text) = value, let what = classify(text) else { continue }
        found.insert(column)
        let name = column < contents.variables.count ? contents.variables[column].name : ""
        findings.append(Finding(file: path, column: name, line: row + 2, what: what, text: text))
      }
    }
    return findings
  }

  /// Scans a document of text (Markdown, HTML, LaTeX, JSON) line by line; a finding names the
  /// line.
  func scan(document: Data, path: String) -> [Finding] {
    var findings: [Finding] = []
    let lines = String(decoding: document, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() {
      if let what = classify(String(line)) {
        findings.append(Finding(file: path, line: number + 1, what: what, text: String(line)))
      }
    }
    return findings
  }

  /// Scans a table in memory (for `kith check`, which writes nothing).
  func scan(_ table: Table) -> [Finding] {
    var found: [Int: (what: String, line: Int, text: String)] = [:]
    let row = table.rows()
    for index in 0..<table.count {
      for (column, value) in row(index).enumerated() where found[column] == nil {
        // The header is line 1 of the file the table would be.
        if let what = classify(value) { found[column] = (what, index + 2, value) }
      }
    }
    return found.sorted { $0.key < $1.key }.map { column, hit in
      Finding(
        file: table.path,
        column: column < table.header.count ? table.header[column] : "\(column + 1)",
        line: hit.line, what: hit.what, text: hit.text)
    }
  }

  /// What `text` holds that must not be released, if anything.
  func classify(_ text: String) -> String? {
    if text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) {
      // Only a misread encoding gives these (Windows-1252's undefined bytes, read as Latin-1).
      return "a C1 control character (U+0080–U+009F), the mark of text read in the wrong encoding"
    }
    if sensitive.occurs(in: text) { return Self.identifying }
    if text.utf8.contains(UInt8(ascii: "@")),
      SensitiveValues.words(of: text).contains(where: Self.looksLikeEmail)
    {
      return "an email address"
    }
    if Self.containsUKPhone(text) { return Self.phone }
    return nil
  }

  /// ``classify(_:)`` of a field's bytes: text of ASCII without `@` (nearly every released
  /// value) is checked without making a `String` of it.
  func classify(bytes: UnsafeRawBufferPointer) -> String? {
    guard bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "@") }) else {
      return classify(String(decoding: bytes, as: UTF8.self))
    }
    if sensitive.occurs(inASCII: bytes) { return Self.identifying }
    return Self.containsUKPhone(bytes) ? Self.phone : nil
  }

  private static let identifying = "a value that identifies a participant in the inputs"
  private static let phone = "a phone number"

  static func looksLikeEmail(_ word: String) -> Bool {
    let parts = word.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
  }

  /// Whether `text` holds a UK phone number as a word of its own: `0`, `+44`, `44` or `0044`,
  /// then ten digits, which may be broken by single spaces, hyphens, dots, slashes or
  /// parentheses.
  ///
  /// Only ten-digit national numbers are shapes: a nine-digit one would be any decimal of nine
  /// places after `0.` in a table. Every number seen in the inputs is also matched by its digits
  /// whatever its form (``SensitiveValues``).
  static func containsUKPhone(_ text: String) -> Bool { containsUKPhone(Array(text.utf8)) }

  /// Whether text, as bytes indexed from 0, holds a UK phone number (see above).
  static func containsUKPhone<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool
  where Bytes.Index == Int {
    func isDigit(_ index: Int) -> Bool {
      index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57
    }
    func isWordByte(_ index: Int) -> Bool {
      index >= 0 && index < bytes.count
        && (isDigit(index) || (bytes[index] | 0x20 >= 97 && bytes[index] | 0x20 <= 122))
    }
    for start in bytes.indices where !isWordByte(start - 1) {
      var index = start
      if bytes[index] == UInt8(ascii: "+") {
        guard index + 2 < bytes.count, bytes[index + 1] == 52, bytes[index + 2] == 52 else {
          continue
        }
        index += 3
      } else if bytes[index] == 52 && index + 1 < bytes.count && bytes[index + 1] == 52 {
        index += 2
      } else if bytes[index] == 48 {
        index +=
          bytes.count > index + 3 && bytes[index + 1] == 48 && bytes[index + 2] == 52
            && bytes[index + 3] == 52 ? 4 : 1
      } else {
        continue
      }
      var digits = 0
      while index < bytes.count && digits < 10 {
        if isDigit(index) {
          digits += 1
        } else if " -()./".utf8.contains(bytes[index]) && isDigit(index + 1) || bytes[index] == 41 {
          // a separator between digits
        } else {
          break
        }
        index += 1
      }
      if digits == 10 && !isWordByte(index) { return true }
    }
    return false
  }
}

import Foundation
import KithCSV

/// An export as a pipeline input reads it, for `kith inspect`: its format (declared, or
/// recognised from its first lines), the columns a pipeline names, its data rows and its
/// malformed ones — a Qualtrics export through its three header rows, a Teams or Zoom report
/// through its sections, rather than as plain CSV.
public struct ExportLayout: Sendable {
  /// The format read.
  public var format: InputSpec.Format
  /// Whether the format was recognised rather than declared.
  public var detected: Bool
  /// The encoding and delimiter read.
  public var encoding: String
  /// See ``encoding``.
  public var delimiter: String
  /// Header rows above the data (for a meeting report: none; its sections are listed).
  public var headerRows: Int
  /// The columns a pipeline names: the platform's own header, or a report's participants
  /// section.
  public var columns: [String]
  /// A meeting report's sections or summary lines, in order.
  public var sections: [String]
  /// Data rows, and of them the malformed ones.
  public var rows: Int
  /// See ``rows``.
  public var malformed: Int
  /// The first malformed rows' problems (line and column, never values).
  public var problems: [CSVError]
  /// The file's size in bytes.
  public var bytes: Int
  /// Header issues and reading notices (an encoding fallback).
  public var notices: [String]

  /// Reads the export at `path` as `format` (recognised when `nil`), listing up to `show` problems.
  ///
  /// `headerRows` overrides the format's. An Excel workbook is read as a pipeline reads it: its `sheet` (a name or a position from 1; the first by default) with the header
  /// on `headerRow`, a line number being the sheet's row.
  ///
  /// - Throws: ``CSVError`` when the file cannot be read at all, ``DataError`` for a workbook
  ///   Kith cannot read.
  public static func read(
    path: String, format declared: InputSpec.Format?, headerRows: Int?, show: Int,
    sheet: String? = nil, headerRow: Int? = nil
  ) throws -> ExportLayout {
    let workbook = URL(fileURLWithPath: path)
    var path = path
    if ExcelInput.isWorkbook(workbook) {
      path = try ExcelInput.csv(
        of: URL(fileURLWithPath: path), displayName: path,
        sheet: sheet.map { Int($0).map(ExcelInput.Sheet.position) ?? .name($0) },
        headerRow: headerRow ?? 1
      ).csv.path
    }
    let format = declared ?? recognise(path: path)
    let meeting = format == .teams || format == .zoom
    let rows = meeting ? 0 : headerRows ?? SurveyPlatform.headerRows(format)
    var dialect = CSVDialect(headerRows: rows)
    // A Teams report's first line (`1. Summary`) holds no delimiter to tell it by.
    if format == .teams { dialect.delimiter = .tab }
    let reader = try CSVReader(path: path, dialect: dialect)
    var layout = ExportLayout(
      format: format, detected: declared == nil, encoding: reader.encoding.rawValue,
      delimiter: reader.delimiter.rawValue, headerRows: rows,
      columns: meeting ? [] : SurveyPlatform.columnHeader(reader.header, format: format).names,
      sections: [], rows: 0, malformed: 0, problems: [], bytes: 0,
      notices: reader.header.issues)
    var inParticipants = false
    try reader.forEachRow { row in
      let cells = (0..<row.count).map { row.string($0).trimmed }
      if meeting {
        if format == .teams, row.count == 1, TeamsReportReader.sectionNumber(cells[0]) != nil {
          layout.sections.append(cells[0])
          inParticipants = TeamsReportReader.sectionNumber(cells[0]) == 2
          return
        }
        let lowered = cells.map { $0.lowercased() }
        if layout.columns.isEmpty {
          let isHeader =
            format == .teams
            ? inParticipants && lowered.contains("name")
            : lowered.contains("join time") && lowered.contains("duration (minutes)")
          if isHeader { layout.columns = cells }
          return
        }
        if format == .teams && !inParticipants { return }
        if cells.allSatisfy(\.isEmpty) { return }
      }
      layout.rows += 1
      if let problem = row.problem, !(meeting && problem.isRaggedRow) {
        layout.malformed += 1
        if layout.problems.count < show { layout.problems.append(problem) }
      }
    }
    layout.bytes = Int(reader.bytesRead)
    if path != workbook.path {
      layout.bytes =
        (try? FileManager.default.attributesOfItem(atPath: workbook.path)[.size] as? Int) ?? 0
      layout.notices.append(
        "an Excel workbook, read as a pipeline reads it (`sheet:` and `header_row:` choose the "
          + "table): its cells as text, dates as ISO dates, a line being the sheet's row")
    }
    layout.notices += reader.notices
    return layout
  }

  /// The format of the export at `path`: a Teams report (its first line `1. Summary`), a Zoom
  /// report (a participants header with `Join Time` and `Duration (Minutes)` in its first
  /// lines), else what ``SurveyPlatform/detect(path:dialect:)`` recognises.
  static func recognise(path: String) -> InputSpec.Format {
    guard let reader = try? CSVReader(path: path, dialect: CSVDialect(headerRows: 0)) else {
      return .csv
    }
    var first: [[String]] = []
    try? reader.forEachRow { row in
      first.append((0..<row.count).map { row.string($0).trimmed.lowercased() })
      if first.count == 8 { throw CancellationError() }
    }
    if first.first?.first.flatMap(TeamsReportReader.sectionNumber) == 1 { return .teams }
    if first.first?.first == "meeting id"
      || first.contains(where: { $0.contains("join time") && $0.contains("duration (minutes)") })
    {
      return .zoom
    }
    return SurveyPlatform.detect(path: path, dialect: CSVDialect())
  }
}

import Foundation
import KithCSV

/// What a report is drawn from: the release's study tables and group files as published (after
/// disclosure control), and where the release came from — so that a run and `kith report` give the
/// same page from the same release, and no number reaches the page that the tables do not show.
struct ReportSource {
  /// The study's name.
  var study: String
  /// Each published study table, header first, by id.
  var tables: [StudyTableID: [[String]]]
  /// `data/groups.csv` and `data/sessions.csv`, header first, when the release has them.
  var groups: [[String]]?
  var sessions: [[String]]?
  /// Where the release came from.
  var provenance: ReportProvenance

  /// The source of a run's report: its tables as they will be written.
  init(tables: [Table], provenance: ReportProvenance) {
    var byID: [StudyTableID: [[String]]] = [:]
    var groups: [[String]]?
    var sessions: [[String]]?
    // Only the study tables and the group files: never the files of one row per person.
    let rows = { (table: Table) in [table.header] + (0..<table.count).map(table.row) }
    for table in tables {
      if table.path.hasPrefix("tables/"), let id = StudyTableID(rawValue: table.name) {
        byID[id] = rows(table)
      } else if table.path == ReleaseDataFile.groups.path {
        groups = rows(table)
      } else if table.path == ReleaseDataFile.sessions.path {
        sessions = rows(table)
      }
    }
    (study, self.tables, self.groups, self.sessions, self.provenance) =
      (provenance.study, byID, groups, sessions, provenance)
  }

  /// The source of the report of the release in `folder` (`OUT/release`), read from its files.
  ///
  /// - Throws: ``DataError`` naming the file when a table cannot be read.
  init(release folder: URL, provenance: ReportProvenance) throws {
    var tables: [StudyTableID: [[String]]] = [:]
    for id in StudyTableID.allCases {
      let url = folder.appendingPathComponent("tables/\(id.rawValue).csv")
      if FileManager.default.fileExists(atPath: url.path) {
        tables[id] = try Self.rows(url)
      }
    }
    let file = { (data: ReleaseDataFile) -> [[String]]? in
      let url = folder.appendingPathComponent(data.path)
      return FileManager.default.fileExists(atPath: url.path) ? try Self.rows(url) : nil
    }
    (study, self.tables, self.provenance) = (provenance.study, tables, provenance)
    (groups, sessions) = (try file(.groups), try file(.sessions))
  }

  /// The same source with the study's name and every cell emptied but those Kith writes itself
  /// (instruments, scales, measures, flow stages): its report holds only Kith's words
  /// (headings, captions, explanations, instruments and their citations).
  var blanked: ReportSource {
    let kept: Set = ["instrument", "scale", "measure", "stage"]
    let blank = { (rows: [[String]]) -> [[String]] in
      let header = rows.first ?? []
      return [header]
        + rows.dropFirst().map { row in
          row.indices.map { kept.contains(header[$0]) ? row[$0] : "" }
        }
    }
    var copy = self
    copy.study = ""
    copy.provenance.study = ""
    copy.tables = tables.mapValues(blank)
    copy.groups = groups.map(blank)
    copy.sessions = sessions.map(blank)
    return copy
  }

  /// The rows of the CSV file at `url`, header first.
  private static func rows(_ url: URL) throws -> [[String]] {
    do {
      let reader = try CSVReader(path: url.path)
      var rows = [reader.header.names]
      try reader.forEachRow { row in rows.append((0..<row.count).map { row.string($0) }) }
      return rows
    } catch {
      throw DataError(
        "\(url.path) cannot be read as the CSV file Kith wrote; run the pipeline again to "
          + "write the release afresh")
    }
  }
}

/// A published table's rows by column name.
struct ReportTable {
  let header: [String]
  let rows: [[String]]

  /// The table of `rows`, header first; `nil` for none.
  init?(_ rows: [[String]]?) {
    guard let rows, let header = rows.first else { return nil }
    (self.header, self.rows) = (header, Array(rows.dropFirst()))
  }

  /// The table of `header` and `rows`.
  init(header: [String], rows: [[String]]) { (self.header, self.rows) = (header, rows) }

  /// The text of `column` in `row` (empty when the table has no such column).
  func text(_ row: [String], _ column: String) -> String {
    guard let index = header.firstIndex(of: column), index < row.count else { return "" }
    return row[index]
  }

  /// The cell of `column` in `row`.
  func cell(_ row: [String], _ column: String) -> ChartCell { ChartCell(text(row, column)) }

  /// The estimate in `row` of the columns `value`, `low` and `high` (a statistic and its
  /// interval).
  func estimate(_ row: [String], _ value: String, _ low: String, _ high: String)
    -> DotIntervalChart.Estimate
  {
    DotIntervalChart.Estimate(value: cell(row, value), low: cell(row, low), high: cell(row, high))
  }
}

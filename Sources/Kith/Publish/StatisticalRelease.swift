import Foundation

/// The release's data files as SPSS (`.sav`) and Stata (`.dta`) files, beside their CSV
/// (`outputs.formats`): each made from the CSV's own rows and schema (``LabelledTable``), so it
/// holds nothing the CSV does not; the leak gate reads them back before they are published.
enum StatisticalRelease {
  /// The statistical formats `formats` asks for, in a fixed order.
  static func formats(_ formats: Set<ReleaseFormat>) -> [ReadStatFile.Format] {
    let all: [(ReleaseFormat, ReadStatFile.Format)] = [(.sav, .sav), (.dta, .dta)]
    return all.filter { formats.contains($0.0) }.map(\.1)
  }

  /// The data files of `tables` (`data/*.csv`) as labelled tables, by their CSV's path.
  ///
  /// None unless `spec` asks for a statistical format: they take a pass over every row.
  /// `coded` names the text columns besides the usual ones to store as labelled codes (the
  /// quasi-identifiers).
  static func labelledTables(_ tables: [Table], spec: PipelineSpec, coded: Set<String>)
    -> [(path: String, table: LabelledTable)]
  {
    guard !formats(spec.release.formats).isEmpty else { return [] }
    return tables.filter { ReleaseDataFile(path: $0.path) != nil }.map {
      ($0.path, labelledTable($0, spec: spec, coded: coded))
    }
  }

  /// The files of `labelled` in each of `formats`' statistical formats, created at `timestamp`.
  static func files(
    _ labelled: [(path: String, table: LabelledTable)], formats: Set<ReleaseFormat>,
    timestamp: Int
  ) throws -> [(path: String, data: Data)] {
    try labelled.flatMap { path, table in
      try Self.formats(formats).map { format in
        (
          Self.path(of: path, format),
          try ReadStatFile.write(table, format: format, timestamp: timestamp)
        )
      }
    }
  }

  /// `table` as a labelled table under its data dictionary's schema.
  static func labelledTable(_ table: Table, spec: PipelineSpec, coded: Set<String>)
    -> LabelledTable
  {
    let row = table.rows()
    return LabelledTable(
      label: spec.study, header: table.header, rows: (0..<table.count).map(row),
      schema: DataDictionary.schema(path: table.path, header: table.header, spec: spec),
      coded: coded)
  }

  /// `data/participants.csv` → `data/participants.sav`.
  static func path(of csv: String, _ format: ReadStatFile.Format) -> String {
    String(csv.dropLast(3)) + format.rawValue
  }

  /// The files' creation time from the inputs, never the clock: the study's last day, as
  /// precisely as `dates:` lets the release show a date (its month's first day under `month`,
  /// 1970-01-01 under `days-since-first`, or without a day at all).
  static func timestamp(lastDay: Int?, dates: DateRelease) -> Int {
    guard let lastDay else { return 0 }
    switch dates {
    case .exact: return lastDay * 86_400
    case .month:
      let iso = CivilDate.iso(lastDay)
      return (CivilDate.day(iso: String(iso.prefix(8)) + "01") ?? 0) * 86_400
    case .daysSinceFirst: return 0
    }
  }
}

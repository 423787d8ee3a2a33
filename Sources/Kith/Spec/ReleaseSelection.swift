/// Which files a run publishes (`outputs: {data: […], tables: […], columns: {…}}`): by default
/// every data file the study has, each with all its columns, and every study table.
///
/// Publishing less is data minimisation: a study that needs only scores need not release every
/// attended session, nor a measure nobody will analyse. It also spares large runs the work of
/// building files and columns nobody reads.
public struct ReleaseSelection: Sendable, Equatable {
  /// The record-level files of `release/data/`, by name without `.csv`; `nil` for all.
  public var data: Set<String>?
  /// The study tables of `release/tables/`, by id; `nil` for all.
  public var tables: Set<String>?
  /// The columns published in each data file, by the file's name, as the pipeline lists them.
  ///
  /// A file not here keeps all its columns. The file's key columns are always among them
  /// (checked when its columns are known: ``applyColumns(to:spec:)``).
  public var columns: [String: [Located<String>]]
  /// Whether `release/report.html` is written (`outputs.report`, default true).
  public var report: Bool
  /// The formats written (`outputs.formats`, default `[csv]`; CSV is always among them).
  public var formats: Set<ReleaseFormat>

  /// Every file and table, every column, and the report.
  public init(
    data: Set<String>? = nil, tables: Set<String>? = nil,
    columns: [String: [Located<String>]] = [:], report: Bool = true,
    formats: Set<ReleaseFormat> = [.csv]
  ) {
    self.formats = formats
    self.data = data
    self.tables = tables
    self.columns = columns
    self.report = report
  }

  /// The names `outputs.data` may list.
  static let dataFiles = ReleaseDataFile.allCases.map(\.rawValue)
  /// The ids `outputs.tables` may list.
  static let studyTables = StudyTableID.allCases.map(\.rawValue)

  /// Whether `release/data/<name>.csv` is published (when the study has it).
  func publishes(data file: ReleaseDataFile) -> Bool { data?.contains(file.rawValue) ?? true }

  /// Whether `release/data/<name>.csv` is published with at least one of `columns`.
  func publishes(anyOf columns: [String], inData file: ReleaseDataFile) -> Bool {
    guard publishes(data: file) else { return false }
    guard let listed = self.columns[file.rawValue] else { return true }
    return listed.contains { columns.contains($0.value) }
  }

  /// Whether any study table is published.
  var publishesTables: Bool { tables.map { !$0.isEmpty } ?? true }

  /// Whether the study table `id` is published (when the study has it).
  func publishes(table id: StudyTableID) -> Bool { tables?.contains(id.rawValue) ?? true }
}

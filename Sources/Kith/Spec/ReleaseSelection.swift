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

  /// Every file and table, every column.
  public init(
    data: Set<String>? = nil, tables: Set<String>? = nil,
    columns: [String: [Located<String>]] = [:]
  ) {
    self.data = data
    self.tables = tables
    self.columns = columns
  }

  /// The names `outputs.data` may list.
  static let dataFiles = [
    "participants", "scores", "attendance", "sessions", "groups", "free_text", "themes", "quotes",
  ]
  /// The ids `outputs.tables` may list.
  static let studyTables = [
    "t1_characteristics", "t2_engagement", "t3_change", "t4_dose_response", "t5_attrition",
    "t6_reliability", "t7_clinical_change", "t8_theme_prevalence", "t9_participant_flow",
    "j1_statistics_by_theme",
    "j2_themes_by_change", "j3_case_ordered", "j4_participant_codes",
  ]

  /// Whether `release/data/<name>.csv` is published (when the study has it).
  func publishes(data name: String) -> Bool { data?.contains(name) ?? true }

  /// Whether `release/data/<name>.csv` is published with at least one of `columns`.
  func publishes(anyOf columns: [String], inData name: String) -> Bool {
    guard publishes(data: name) else { return false }
    guard let listed = self.columns[name] else { return true }
    return listed.contains { columns.contains($0.value) }
  }

  /// Whether any study table is published.
  var publishesTables: Bool { tables.map { !$0.isEmpty } ?? true }

  /// Whether the study table `id` is published (when the study has it).
  func publishes(table id: String) -> Bool { tables?.contains(id) ?? true }
}

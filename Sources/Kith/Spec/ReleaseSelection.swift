/// Which files a run publishes (`outputs: {data: […], tables: […]}`): by default every data file
/// the study has and every study table.
///
/// Publishing less is data minimisation: a study that needs only scores need not release every
/// attended session. It also spares large runs the work of building files nobody reads.
public struct ReleaseSelection: Sendable, Equatable {
  /// The record-level files of `release/data/`, by name without `.csv`; `nil` for all.
  public var data: Set<String>?
  /// The study tables of `release/tables/`, by id; `nil` for all.
  public var tables: Set<String>?

  /// Every file and table.
  public init(data: Set<String>? = nil, tables: Set<String>? = nil) {
    self.data = data
    self.tables = tables
  }

  /// The names `outputs.data` may list.
  static let dataFiles = [
    "participants", "scores", "attendance", "sessions", "groups", "free_text", "themes", "quotes",
  ]
  /// The ids `outputs.tables` may list.
  static let studyTables = [
    "t1_characteristics", "t2_engagement", "t3_change", "t4_dose_response", "t5_attrition",
    "t6_reliability", "t7_clinical_change", "t8_theme_prevalence", "j1_statistics_by_theme",
    "j2_themes_by_change", "j3_case_ordered", "j4_participant_codes",
  ]

  /// Whether `release/data/<name>.csv` is published (when the study has it).
  func publishes(data name: String) -> Bool { data?.contains(name) ?? true }

  /// Whether any study table is published.
  var publishesTables: Bool { tables.map { !$0.isEmpty } ?? true }

  /// Whether the study table `id` is published (when the study has it).
  func publishes(table id: String) -> Bool { tables?.contains(id) ?? true }
}

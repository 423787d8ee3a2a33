import Foundation

/// The study tables T1–T7 of a run, published through one disclosure rule in four formats, and
/// the compact view of T3 the terminal shows.
struct StudyTables {
  let facts: StudyFacts
  let rule: DisclosureRule
  /// Which tables are published.
  var selection = ReleaseSelection()

  /// What the run publishes.
  struct Built {
    /// `tables/*.csv`, released with the data tables.
    var csv: [Table]
    /// `tables/*.md`, `.html`, `.tex`.
    var documents: [(path: String, data: Data)]
    /// T3 for the terminal: instrument, scale, pairs, baseline and follow-up means, change,
    /// its CI, p, reliably improved — already under the disclosure rule.
    var changeView: [[String]]
    /// The tables' own words (``StudyTable/vocabulary(excluding:)``), for the leak gate.
    var vocabulary: [String]
    /// What the disclosure rule did to the tables' cells.
    var disclosure: DisclosureCounts
  }

  /// The columns of T3 the terminal shows.
  static let changeViewColumns = [
    "instrument", "scale", "n_pairs", "baseline_mean", "followup_mean", "mean_change",
    "change_ci_low", "change_ci_high", "p_t", "reliably_improved",
  ]

  func build() -> Built {
    let change = ChangeTable(facts: facts)
    let changeTable = change.table
    let themes = ThemeTables(facts: facts, changes: change.changes)
    let makers: [(id: String, make: () -> [StudyTable])] = [
      ("t1_characteristics", { [CharacteristicsTable(facts: facts).table] }),
      ("t2_engagement", { [EngagementTable(facts: facts).table] }),
      ("t3_change", { [changeTable] }),
      ("t4_dose_response", { [DoseResponseTable(facts: facts, changes: change.changes).table] }),
      ("t5_attrition", { [AttritionTable(facts: facts).table] }),
      ("t6_reliability", { [ReliabilityTable(facts: facts).table] }),
      ("t7_clinical_change", { [ClinicalChangeTable(changes: change.changes).table] }),
    ]
    let tables =
      makers.filter { selection.publishes(table: $0.id) }.flatMap { $0.make() }
      + themes.tables.filter { selection.publishes(table: $0.id) }
    let renderer = TableRenderer(rule: rule)
    let rendered = tables.map(renderer.render)
    let data = Set(facts.groups + facts.themes + facts.codes)
    var counts = DisclosureCounts()
    for table in tables { counts.add(table, rule: rule) }
    return Built(
      csv: rendered.map(\.csv),
      documents: rendered.flatMap { $0.documents.map { ($0.path, Data($0.text.utf8)) } },
      changeView: renderer.displayRows(changeTable, columns: Self.changeViewColumns, minus: "-"),
      vocabulary: tables.flatMap { $0.vocabulary(excluding: data) } + [renderer.disclosureNote],
      disclosure: counts)
  }
}

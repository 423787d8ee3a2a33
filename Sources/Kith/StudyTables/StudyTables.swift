import Foundation

/// The study tables of a run, published through one set of disclosure decisions
/// (``TableProtection``) in four formats and checked by an attacker (``Attacker``) until it
/// recovers nothing; the case-level displays for `private/`; and the compact view of T3 the
/// terminal shows.
struct StudyTables {
  let facts: StudyFacts
  let rule: DisclosureRule
  /// Which tables are published.
  var selection = ReleaseSelection()
  /// For a merged study, the sites' published tables, which a reader may subtract from the
  /// merged ones (``SiteDifferencing``).
  var siteTables: SiteDifferencing?

  /// What the run publishes.
  struct Built {
    /// `tables/*.csv`, released with the data tables.
    var csv: [Table]
    /// `tables/*.md`, `.html`, `.tex`.
    var documents: [(path: String, data: Data)]
    /// The tables as the workbook's sheets, in order.
    var sheets: [WorkbookSheet]
    /// The case-level displays, under `private/` (`tables/*.csv`, `.md`).
    var privateDocuments: [(path: String, text: String)]
    /// T3 for the terminal: instrument, scale, pairs, baseline and follow-up means, change,
    /// its CI, p, reliably improved — already under the disclosure decisions.
    var changeView: [[String: String]]
    /// The tables' own words (``StudyTable/vocabulary(excluding:)``), for the leak gate.
    var vocabulary: [String]
    /// What the disclosure decisions did to the tables' cells.
    var disclosure: DisclosureCounts
    /// What the attacker tried, and how many rounds of protection it took to recover nothing.
    var attack: AttackReport
  }

  /// The columns of T3 the terminal shows.
  static let changeViewColumns = [
    "instrument", "scale", "n_pairs", "baseline_mean", "followup_mean", "mean_change",
    "change_ci_low", "change_ci_high", "p_t", "reliably_improved",
  ]

  /// The most rounds of attack and protection before a run gives up (and publishes nothing).
  static let maximumRounds = 200

  /// Builds, protects and renders the tables.
  ///
  /// - Throws: ``DataError`` when no protection leaves the attacker without a recovery.
  func build() throws -> Built {
    // Made only when a published table needs them (a merge may publish T13 alone).
    lazy var change = ChangeTable(facts: facts)
    lazy var changeTable = change.table
    lazy var themes = ThemeTables(facts: facts, changes: change.changes)
    let themed: Set<StudyTableID> = [
      .t8ThemePrevalence, .j1StatisticsByTheme, .j2ThemesByChange, .j3CaseOrdered,
      .j4ParticipantCodes,
    ]
    let publishesThemes = themed.contains { selection.publishes(table: $0) }
    let makers: [(id: StudyTableID, make: () -> [StudyTable])] = [
      (.t1Characteristics, { [CharacteristicsTable(facts: facts).table] }),
      (.t2Engagement, { [EngagementTable(facts: facts).table] }),
      (.t3Change, { [changeTable] }),
      (.t4DoseResponse, { [DoseResponseTable(facts: facts, changes: change.changes).table] }),
      (.t5Attrition, { [AttritionTable(facts: facts).table] }),
      (.t6Reliability, { [ReliabilityTable(facts: facts).table] }),
      (.t7ClinicalChange, { [ClinicalChangeTable(changes: change.changes).table] }),
      (
        .t9ParticipantFlow,
        { [ParticipantFlowTable(facts: facts, changes: change.changes).table] }
      ),
      (.t10SessionsAttended, { [SessionsAttendedTable(facts: facts).table] }),
      (
        .t11ChangeBySessions,
        { [ChangeBySessionsTable(facts: facts, changes: change.changes).table] }
      ),
      (.t12AttendanceByWeek, { [AttendanceByWeekTable(facts: facts).table] }),
      (.t13Sites, { facts.sites.isEmpty ? [] : [SitesTable(facts: facts).table] }),
    ]
    var tables =
      makers.filter { selection.publishes(table: $0.id) }.flatMap { $0.make() }
      + (publishesThemes ? themes.tables.filter { selection.publishes(table: $0.id) } : [])
    let attacker = Attacker(
      rule: rule, steps: facts.scoreSteps,
      wellbeingScale: facts.wellbeing.map {
        "\(facts.instruments[$0.instrument].id) \(facts.instruments[$0.instrument].scales[$0.scale].id)"
      })
    var attack = AttackReport()
    // What the tables would give away with the rule applied cell by cell, for the record.
    let ruleAlone = TableRenderer(
      protection: TableProtection(tables: tables, rule: rule, ruleAlone: true))
    attack.ruleAlone = attacker.attack(tables.map { ruleAlone.render($0).published }).count
    var protection = TableProtection(tables: tables, rule: rule)
    var rendered: [TableRenderer.Rendered]
    // Tables where a count was suppressed against differencing with the sites' tables.
    var differenced: Set<String> = []
    while true {
      rendered = tables.map(TableRenderer(protection: protection).render)
      let published = rendered.map(\.published)
      let differences = siteTables?.recoveries(tables, published) ?? []
      differenced.formUnion(differences.map(\.cell.table))
      let recoveries = attacker.attack(published) + differences
      guard !recoveries.isEmpty else { break }
      attack.rounds += 1
      guard attack.rounds < Self.maximumRounds,
        let next = protection.coarsen(recoveries, key: { Self.key(of: $0, in: tables) })
      else {
        throw DataError(
          "disclosure control: the study tables would still let a reader recover what the rule "
            + "hides, so nothing was published:\n"
            + recoveries.prefix(10).map { "  \($0)" }.joined(separator: "\n"))
      }
      protection = next
    }
    let renderer = TableRenderer(protection: protection)
    if !differenced.isEmpty {
      for index in tables.indices where differenced.contains(tables[index].id.rawValue) {
        tables[index].notes.append(SiteDifferencing.note)
      }
      rendered = tables.map(renderer.render)
    }
    let data = Set(facts.groups + facts.themes + facts.codes)
    var counts = DisclosureCounts()
    for (table, published) in zip(tables, rendered.map(\.published)) {
      counts.add(table, published: published)
    }
    let privateTables =
      publishesThemes ? themes.privateTables.filter { selection.publishes(table: $0.id) } : []
    return Built(
      csv: rendered.map(\.csv),
      documents: rendered.flatMap { $0.documents.map { ($0.path, Data($0.text.utf8)) } },
      sheets: rendered.map(\.sheet),
      privateDocuments: privateTables.flatMap(renderer.renderPrivate),
      changeView: selection.publishes(table: .t3Change)
        ? renderer.displayRows(changeTable, columns: Self.changeViewColumns, minus: "-") : [],
      vocabulary: tables.flatMap { $0.vocabulary(excluding: data) } + [renderer.disclosureNote],
      disclosure: counts, attack: attack)
  }

  /// The count a published cell shows, when it shows one.
  private static func key(of cell: Recovery.Cell, in tables: [StudyTable]) -> CountKey? {
    guard let table = tables.first(where: { $0.id.rawValue == cell.table }),
      let column = table.columns.firstIndex(where: { $0.name == cell.column }),
      cell.row < table.rows.count,
      case .people(_, let key) = table.rows[cell.row][column]
    else { return nil }
    return key
  }
}

/// What the attacker in the release tried on the study tables (``Attacker``).
public struct AttackReport: Sendable, Codable, Equatable {
  /// Recoveries it makes from the tables as the rule alone, cell by cell, would publish them.
  public var ruleAlone = 0
  /// Rounds of protection after the complementary suppressions (coarser statistics and
  /// percentages, more suppressions) until it recovered nothing.
  public var rounds = 0
  /// Recoveries it makes from the published tables: always 0, or nothing is published.
  public var recoveries = 0

  enum CodingKeys: String, CodingKey {
    case rounds, recoveries
    case ruleAlone = "rule_alone"
  }
}

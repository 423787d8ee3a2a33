/// The disclosure decisions of one release's study tables — the one place every table, the
/// report and the terminal summary take them from.
///
/// - Counts: suppressed by the rule, and secondarily wherever a suppressed or small unpublished
///   count could be worked out from published ones (``SecondarySuppression``).
/// - Statistics: withheld where their people's count is suppressed or below the rule's minimum,
///   and where, with the others of their sum (groups and the whole study), they would give back
///   a withheld one; under a rounding rule shown only to a precision that cannot give back the
///   exact count behind them (``precision(of:n:of:column:)``); t and degrees of freedom only
///   where that count is published exactly.
/// - Percentages: from the unrounded counts, whole numbers — or, column by column, to the
///   nearest 5 or 10, stated under the table, where a finer one would give a count back.
/// - Cells an attack still recovers from are coarsened step by step (``coarsen(_:key:)``).
struct TableProtection {
  let rule: DisclosureRule
  /// Counts shown as `*`.
  private(set) var suppressed: Set<CountKey>
  /// Populations whose statistics are withheld.
  private(set) var withheld: Set<CountKey>
  /// Steps by which each cell is coarsened beyond the rule's precision.
  private(set) var coarsening: [Recovery.Cell: Int] = [:]
  /// Steps by which each column (a cell of row -1) is coarsened: percentages.
  private(set) var columnCoarsening: [Recovery.Cell: Int] = [:]
  /// Whether only the rule applies, cell by cell — no complementary suppression, statistics as
  /// computed: what a release without disclosure across cells would publish, for measuring what
  /// the protection closes.
  let isRuleAlone: Bool
  /// Every count and which some cell publishes, and the sums between them.
  private let values: [CountKey: Int]
  private let published: Set<CountKey>
  private let relations: [CountRelation]
  /// The sums of one measure's statistics (``StudyTable/statisticSums``).
  private let statisticSums: [CountRelation]
  private let statistics: [CountKey: Int]

  /// How a statistic is published.
  enum Precision: Equatable {
    /// As computed: nine decimals in the CSV.
    case full
    /// Rounded to this many decimals, in the CSV too.
    case decimals(Int)
    /// Not published (`*`).
    case withheld
  }

  /// The decisions for `tables` under `rule`; with `ruleAlone`, the rule applied cell by cell
  /// and nothing more.
  init(tables: [StudyTable], rule: DisclosureRule, ruleAlone: Bool = false) {
    self.rule = rule
    isRuleAlone = ruleAlone
    var values: [CountKey: Int] = [:]
    var published: Set<CountKey> = []
    var statistics: [CountKey: Int] = [:]
    for table in tables {
      values.merge(table.hiddenCounts) { a, _ in a }
      for row in table.rows {
        for cell in row {
          switch cell {
          case .people(let n, let key):
            values[key] = n
            published.insert(key)
          case .statistic(_, _, let n, let key), .revealsCount(_, let n, let key):
            statistics[key] = n
          default: break
          }
        }
      }
    }
    (self.values, self.published, self.statistics) = (values, published, statistics)
    relations = tables.flatMap(\.relations)
    statisticSums = tables.flatMap(\.statisticSums)
    let suppression = SecondarySuppression(
      rule: rule, values: values, published: published, relations: relations)
    suppressed = ruleAlone ? suppression.primary : suppression.suppressed()
    withheld = []
    withheld =
      ruleAlone
      ? Set(
        statistics.filter { suppressed.contains($0.key) || !rule.allowsStatistic(n: $0.value) }.keys
      )
      : withheldStatistics()
  }

  /// Whether the count of `key` is shown.
  func shows(_ key: CountKey) -> Bool { !suppressed.contains(key) }

  /// The populations whose statistics are withheld: their count is suppressed or below the
  /// rule's minimum; or they are the unknowns of a sum of one measure (``statisticSums``)
  /// whose others are all published, so that the whole study's statistic minus the groups'
  /// would give theirs back (one unknown, or several whose pooled count is below the rule's
  /// minimum) — then the sum's total (else, or when the relation keeps its total, its smallest
  /// part) is withheld too.
  private func withheldStatistics() -> Set<CountKey> {
    var withheld = Set(
      statistics.filter { key, n in suppressed.contains(key) || !rule.allowsStatistic(n: n) }.keys)
    var changed = true
    while changed {
      changed = false
      for relation in statisticSums {
        let members = [relation.total] + relation.parts
        let unknown = members.filter { key in
          (values[key] ?? 0) > 0 && (withheld.contains(key) || statistics[key] == nil)
        }
        // One unknown is given back whole; several only pooled, which is safe when the
        // pool is large enough for a statistic of its own.
        let pooled = unknown.reduce(0) { $0 + (values[$1] ?? 0) }
        guard let key = unknown.first,
          unknown.count == 1
            ? withheld.contains(key) || !rule.allowsStatistic(n: pooled)
            : !rule.allowsStatistic(n: pooled)
        else { continue }
        let shown = members.filter { statistics[$0] != nil && !withheld.contains($0) }
        let smallest = { (keys: [CountKey]) in
          keys.min(by: { (values[$0] ?? 0, $0) < (values[$1] ?? 0, $1) })
        }
        let parts = shown.filter { $0 != relation.total }
        guard
          let other = relation.keepsTotal
            ? smallest(parts) ?? smallest(shown)
            : shown.contains(relation.total) ? relation.total : smallest(shown)
        else { continue }
        withheld.insert(other)
        changed = true
      }
    }
    return withheld
  }

  /// How a statistic of `kind` over the `n` people of `key` in `cell` is published.
  func precision(of kind: Statistic, n: Int, of key: CountKey, cell: Recovery.Cell) -> Precision {
    guard !withheld.contains(key), rule.allowsStatistic(n: n) else { return .withheld }
    let coarser = coarsening[cell] ?? 0
    if rule.roundTo == 1 || isRuleAlone {
      return coarser == 0 ? .full : decimals(TableFormat.decimals(kind) - coarser)
    }
    // The lowest count the published one could be, the one a reader must not tell apart.
    let low = rule.counts(publishedAs: rule.rounded(n)).lowerBound
    let byCount = low >= 100 ? 2 : low >= 10 ? 1 : 0
    let base: Int
    switch kind {
    case .t: return .withheld
    case .score, .amount, .slope: base = min(TableFormat.decimals(kind), byCount)
    case .effect: base = low >= 100 ? 2 : 1
    case .p, .coefficient: base = 2
    }
    return decimals(base - coarser)
  }

  private func decimals(_ places: Int) -> Precision {
    places < 0 ? .withheld : .decimals(places)
  }

  /// Whether degrees of freedom (n − 1) over the people of `key` are shown: only where their
  /// count is published exactly.
  func showsCount(of key: CountKey, n: Int, cell: Recovery.Cell) -> Bool {
    shows(key) && !withheld.contains(key) && rule.isExact(n) && rule.allowsStatistic(n: n)
      && coarsening[cell] == nil
  }

  /// The step a percentage in `cell` is rounded to (1: whole numbers; 5, 10), or `nil` when it
  /// is withheld: its part or whole is suppressed, or its column was coarsened past 10.
  func percentStep(part: CountKey, whole: CountKey, cell: Recovery.Cell) -> Int? {
    guard shows(part), shows(whole) else { return nil }
    return percentStep(column: cell)
  }

  /// The step the percentages of `cell`'s column are rounded to; `nil` when they are withheld.
  func percentStep(column cell: Recovery.Cell) -> Int? {
    let steps = [1, 5, 10]
    let step = columnCoarsening[Self.column(of: cell)] ?? 0
    return step < steps.count ? steps[step] : nil
  }

  /// The cell standing for `cell`'s whole column.
  private static func column(of cell: Recovery.Cell) -> Recovery.Cell {
    Recovery.Cell(table: cell.table, row: -1, column: cell.column)
  }

  /// How a confidence limit of a proportion (in percent) in `cell` is published: as computed
  /// under a rule that publishes exact counts (they give nothing more away), in whole numbers
  /// under rounding; withheld when its counts are suppressed.
  func ratioPrecision(part: CountKey, whole: CountKey, n: Int, cell: Recovery.Cell) -> Precision {
    guard shows(part), shows(whole), rule.allowsStatistic(n: n) else { return .withheld }
    let coarser = (coarsening[cell] ?? 0) + (columnCoarsening[Self.column(of: cell)] ?? 0)
    if rule.roundTo == 1 || isRuleAlone {
      return coarser == 0 ? .full : decimals(TableFormat.decimals(.amount) - coarser)
    }
    return decimals(-coarser)
  }

  /// The decisions after an attack that still recovered something.
  ///
  /// A recovered count gets the smallest shown count beside it suppressed too; a recovered
  /// statistic's cells (a percentage's column) are published one step coarser. `key` names the
  /// count a published cell shows.
  ///
  /// - Returns: `nil` when nothing more can be done (the run must not publish).
  func coarsen(_ recoveries: [Recovery], key: (Recovery.Cell) -> CountKey?) -> TableProtection? {
    var next = self
    var changed = false
    // A column is coarsened one step per round, however many of its cells were recovered.
    var coarsenedColumns: Set<Recovery.Cell> = []
    for recovery in recoveries {
      switch recovery.remedy {
      case .coarsen(let cells):
        for cell in Set(cells) { next.coarsening[cell, default: 0] += 1 }
        changed = changed || !cells.isEmpty
      case .coarsenColumns(let cells):
        for column in Set(cells.map(Self.column)) where !coarsenedColumns.contains(column) {
          coarsenedColumns.insert(column)
          next.columnCoarsening[column, default: 0] += 1
        }
        changed = changed || !cells.isEmpty
      case .suppressBeside(let cells):
        if let complement = cells.compactMap(key).filter({
          published.contains($0) && !next.suppressed.contains($0) && (values[$0] ?? 0) > 0
        }).min(by: { (values[$0] ?? 0, $0) < (values[$1] ?? 0, $1) }) {
          next.suppressed.insert(complement)
          changed = true
        }
      }
    }
    guard changed else { return nil }
    next.withheld = next.withheldStatistics()
    return next
  }
}

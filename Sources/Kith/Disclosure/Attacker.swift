import Foundation

/// An attacker in the release: everything a reader holding the published study tables, the
/// disclosure rule and the instrument definitions can work out that the rule hides.
///
/// It tries, from the published values alone (``PublishedTable``):
/// - rows that each describe one person (a `pid` column);
/// - suppressed counts and small unpublished ones (people in no group), by every sum, equality
///   and inequality between published counts within and across tables (``AttackLayouts``),
///   solved exactly by linear programming;
/// - a statistic published over people whose count is suppressed;
/// - the exact number of people behind a rounded count, from its statistics: degrees of freedom;
///   t with d_z; d_z, the mean change and its CI; p with the mean change and its CI; g_av with
///   the means and SDs; a mean of whole-number scores (the exact-n-from-decimals trick); ρ with
///   its p;
/// - a count from a percentage (or a proportion's confidence interval) and its part or whole;
/// - a withheld group's mean from the whole study's and the other groups'.
///
/// Every recovery names where, never the value.
struct Attacker {
  let rule: DisclosureRule
  /// The step between two possible scores of each scale (`wemwbs total` → 1), from the
  /// instrument definitions; scales not listed are treated as continuous.
  let steps: [String: Double]
  /// The scale J1's wellbeing change is on (`wemwbs total`), when the joint displays have one.
  var wellbeingScale: String?

  /// Everything recovered from `tables`, in table order.
  func attack(_ tables: [PublishedTable]) -> [Recovery] {
    let layouts = AttackLayouts(tables, rule: rule)
    // What a reader can work out of the counts, solved as the attacks ask.
    let audit = layouts.model.audit()
    var recoveries = personRows(tables) + counts(layouts.model, audit: audit)
    let statistics = StatisticAttack(
      attacker: self, model: layouts.model, audit: audit,
      tables: Dictionary(tables.map { ($0.id, $0) }) { a, _ in a })
    recoveries += tables.flatMap(statistics.attack)
    return recoveries
  }

  /// Tables with a `pid` column: a row per person.
  private func personRows(_ tables: [PublishedTable]) -> [Recovery] {
    tables.filter { $0.header.contains("pid") && !$0.rows.isEmpty }.map { table in
      Recovery(
        kind: .personRows, cell: Recovery.Cell(table: table.id, row: 0, column: "pid"),
        remedy: .coarsen([]))
    }
  }

  /// Suppressed counts the sums pin down, and unpublished counts they pin to 1 up to the
  /// threshold.
  private func counts(_ model: AttackModel, audit: AuditModel) -> [Recovery] {
    var recoveries: [Recovery] = []
    for key in audit.pinned(model.suppressed.union(model.hidden).sorted()) {
      guard let interval = audit.interval(of: key) else { continue }
      let value = Int(interval.lowerBound.rounded())
      let beside = model.cells(besides: key)
      if let cell = model.cells[key] {
        recoveries.append(
          Recovery(kind: .suppressedCount, cell: cell, remedy: .suppressBeside(beside)))
      } else if (1..<rule.suppressBelow).contains(value), let first = beside.first {
        recoveries.append(
          Recovery(kind: .unpublishedCount, cell: first, remedy: .suppressBeside(beside)))
      }
    }
    return recoveries
  }

}

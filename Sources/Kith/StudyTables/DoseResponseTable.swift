/// T4: sessions attended against change, per scale — Spearman's rho with its p-value and the
/// OLS slope (change per session) with its 95% CI.
struct DoseResponseTable {
  let facts: StudyFacts
  let changes: [ChangeTable.ScaleChange]

  /// T3's first three columns (instrument, scale, pairs), then the dose–response statistics.
  static let columns: [StudyColumn] =
    ChangeTable.columns.prefix(3) + [
      StudyColumn(
        "spearman_rho", "Spearman ρ", "number", "Rank correlation of sessions attended with change."
      ),
      StudyColumn(
        "spearman_p", "p", "number", "Two-sided p-value of rho (t approximation, as scipy)."),
      StudyColumn(
        "slope_per_session", "Slope per session", "number",
        "OLS change in score per session attended."),
      StudyColumn(
        "slope_ci_low", "95% CI low", "number", "Lower limit of the slope's 95% CI."),
      StudyColumn(
        "slope_ci_high", "95% CI high", "number", "Upper limit of the slope's 95% CI."),
    ]

  var table: StudyTable {
    let rows = changes.filter { $0.scale.level != .ordinal }.map { change -> [TableCell] in
      let sessions = change.pairs.map { Double(facts.engagement[$0.pid]?.sessionsAttended ?? 0) }
      let deltas = change.pairs.map { $0.after - $0.before }
      let rho = Correlation(spearman: sessions, deltas)
      let fit = LinearRegression(x: sessions, y: deltas)
      let n = change.pairs.count
      let pairs = ChangeTable.pairsKey(change)
      return [
        .text(change.instrument.id), .text(change.scale.id), .people(n, key: pairs),
        .statistic(rho.r, .coefficient, n: n, of: pairs), .statistic(rho.p, .p, n: n, of: pairs),
        .statistic(fit.slope, .slope, n: n, of: pairs),
        .statistic(fit.ciLow, .slope, n: n, of: pairs),
        .statistic(fit.ciHigh, .slope, n: n, of: pairs),
      ]
    }
    return StudyTable(
      id: "t4_dose_response", title: "T4. Sessions attended and change", columns: Self.columns,
      rows: rows,
      notes: [
        "Sessions attended (0 for people in no register) against change from the first to the "
          + "last wave; an association, not an effect: people who improve may stay longer."
      ])
  }
}

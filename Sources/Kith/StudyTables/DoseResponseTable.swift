/// T4: sessions attended between the first and last survey against change, per scale —
/// Spearman's rho with its p-value, the OLS slope (change per session), and the slope adjusted
/// for the baseline score (ANCOVA), each with its 95% CI.
struct DoseResponseTable {
  let facts: StudyFacts
  let changes: [ChangeTable.ScaleChange]

  /// T3's first four columns (instrument, scale, measure, pairs), then the dose–response
  /// statistics.
  static let columns: [StudyColumn] =
    ChangeTable.columns.prefix(4) + [
      StudyColumn(
        "spearman_rho", "Spearman ρ", "number",
        "Rank correlation of sessions attended between the two surveys with change."),
      StudyColumn(
        "spearman_p", "p", "number", "Two-sided p-value of rho (t approximation, as scipy)."),
      StudyColumn(
        "slope_per_session", "Change per session", "number",
        "OLS change in score per session attended between the two surveys (change ~ sessions)."),
      StudyColumn(
        "slope_ci_low", "95% CI low", "number", "Lower limit of the slope's 95% CI."),
      StudyColumn(
        "slope_ci_high", "95% CI high", "number", "Upper limit of the slope's 95% CI."),
      StudyColumn(
        "adjusted_slope_per_session", "Change per session, adjusted", "number",
        "OLS change per session adjusted for the baseline score (change ~ sessions + baseline)."),
      StudyColumn(
        "adjusted_slope_ci_low", "95% CI low (adjusted)", "number",
        "Lower limit of the adjusted slope's 95% CI."),
      StudyColumn(
        "adjusted_slope_ci_high", "95% CI high (adjusted)", "number",
        "Upper limit of the adjusted slope's 95% CI."),
    ]

  /// The sessions each pair's person attended between their two surveys, in the pairs' order.
  func doses(_ change: ChangeTable.ScaleChange) -> [Double] {
    let last = facts.waves.count - 1
    return change.pairs.map { Double(facts.sessionsBetween($0.pid, first: 0, last: last)) }
  }

  var table: StudyTable {
    let rows = changes.filter { $0.scale.level != .ordinal }.map { change -> [TableCell] in
      let sessions = doses(change)
      let deltas = change.pairs.map { $0.after - $0.before }
      let rho = Correlation(spearman: sessions, deltas)
      let fit = LinearRegression(x: sessions, y: deltas)
      let adjusted = AdjustedRegression(
        x: sessions, covariate: change.pairs.map(\.before), y: deltas)
      let n = change.pairs.count
      let pairs = ChangeTable.pairsKey(change)
      return [
        .text(change.instrument.id), .text(change.scale.id),
        .text(change.scale.plainName(in: change.instrument)), .people(n, key: pairs),
        .statistic(rho.r, .coefficient, n: n, of: pairs), .statistic(rho.p, .p, n: n, of: pairs),
        .statistic(fit.slope, .slope, n: n, of: pairs),
        .statistic(fit.ciLow, .slope, n: n, of: pairs),
        .statistic(fit.ciHigh, .slope, n: n, of: pairs),
        .statistic(adjusted.slope, .slope, n: n, of: pairs),
        .statistic(adjusted.ciLow, .slope, n: n, of: pairs),
        .statistic(adjusted.ciHigh, .slope, n: n, of: pairs),
      ]
    }
    return StudyTable(
      id: .t4DoseResponse, title: "T4. Sessions attended and change", columns: Self.columns,
      rows: rows, notes: [window, adjustment])
  }

  /// Which sessions count: those between the two surveys, as far as the exports date them.
  private var window: String {
    guard facts.waves.count > 1 else { return "The pipeline has one wave: no change to show." }
    let (first, last) = (facts.waves[0], facts.waves[facts.waves.count - 1])
    let dated = [0, facts.waves.count - 1].map { !facts.responseDays[$0].isEmpty }
    let counted: String
    switch (dated[0], dated[1]) {
    case (true, true):
      counted = "from the day of the \(first) survey to the day of the \(last) survey"
    case (true, false):
      counted =
        "from the day of the \(first) survey on (the \(last) responses are undated, so "
        + "sessions after them may be counted)"
    case (false, true):
      counted =
        "up to the day of the \(last) survey (the \(first) responses are undated, so sessions "
        + "before them may be counted)"
    case (false, false):
      counted =
        "over the whole study: the surveys are undated (name a date column with `period: "
        + "{date: …}`), so sessions after the \(last) survey, which cannot have caused its "
        + "change, are counted too"
    }
    return "Sessions attended (0 for people in no register) \(counted), both days included, "
      + "against change from the \(first) to the \(last) survey; an association, not an "
      + "effect: people who improve may stay longer."
  }

  private var adjustment: String {
    "The adjusted slope comes from change ~ sessions + baseline score (ANCOVA, Vickers & "
      + "Altman 2001): people who start lower tend to improve more whatever they attend, and "
      + "the adjustment takes that out. ρ is Spearman's rank correlation (−1 to 1)."
  }
}

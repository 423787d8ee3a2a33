/// T3: change from the first to the last wave on every scored scale — paired t-test with the
/// 95% CI of the mean change, Wilcoxon signed-rank, d_z and g_av, and Jacobson–Truax reliable
/// change counted with the threshold the instrument definition declares.
struct ChangeTable {
  let facts: StudyFacts
  /// Every scale's comparison of the first and last wave; empty with fewer than two waves.
  let changes: [ScaleChange]

  init(facts: StudyFacts) {
    self.facts = facts
    changes = Self.compare(facts)
  }

  /// The CSV columns, exactly as evaluators' scripts expect them.
  static let columns: [StudyColumn] = [
    StudyColumn("instrument", "Instrument", "string", "The instrument's id."),
    StudyColumn("scale", "Scale", "string", "The scale: `total` or a subscale's id."),
    StudyColumn(
      "measure", "Measure", "string",
      "The scale in words: its name, range of scores and which way is better."),
    StudyColumn("n_pairs", "Pairs", "integer", "People with a score at both waves."),
    StudyColumn("baseline_mean", "Baseline mean", "number", "Mean score at the first wave."),
    StudyColumn("baseline_sd", "Baseline SD", "number", "Standard deviation at the first wave."),
    StudyColumn("followup_mean", "Follow-up mean", "number", "Mean score at the last wave."),
    StudyColumn("followup_sd", "Follow-up SD", "number", "Standard deviation at the last wave."),
    StudyColumn("mean_change", "Mean change", "number", "Mean of follow-up minus baseline."),
    StudyColumn(
      "change_ci_low", "95% CI low", "number", "Lower limit of the 95% CI of the mean change."),
    StudyColumn(
      "change_ci_high", "95% CI high", "number", "Upper limit of the 95% CI of the mean change."),
    StudyColumn("t", "t", "number", "Paired t statistic."),
    StudyColumn("df", "df", "integer", "Degrees of freedom of t (pairs − 1)."),
    StudyColumn("p_t", "p (t-test)", "number", "Two-sided p-value of the paired t-test."),
    StudyColumn(
      "p_wilcoxon", "p (Wilcoxon)", "number",
      "Two-sided p-value of the Wilcoxon signed-rank test (scipy's defaults)."),
    StudyColumn("d_z", "d_z", "number", "Cohen's d_z: mean change / SD of the changes."),
    StudyColumn(
      "d_z_ci_low", "d_z 95% CI low", "number", "Lower limit of the 95% CI of d_z."),
    StudyColumn(
      "d_z_ci_high", "d_z 95% CI high", "number", "Upper limit of the 95% CI of d_z."),
    StudyColumn(
      "g_av", "g_av", "number", "Hedges' g_av: mean change / mean of the two SDs, bias-corrected."),
    StudyColumn(
      "g_av_ci_low", "g_av 95% CI low", "number", "Lower limit of the 95% CI of g_av."),
    StudyColumn(
      "g_av_ci_high", "g_av 95% CI high", "number", "Upper limit of the 95% CI of g_av."),
    StudyColumn(
      "reliably_improved", "Reliably improved", "integer",
      "Pairs whose change in the better direction reaches the reliable-change threshold."),
    StudyColumn(
      "no_reliable_change", "No reliable change", "integer",
      "Pairs whose change is smaller than the threshold."),
    StudyColumn(
      "reliably_deteriorated", "Reliably deteriorated", "integer",
      "Pairs whose change in the worse direction reaches the threshold."),
    StudyColumn(
      "rci_threshold", "RCI threshold", "number", "The reliable-change threshold in score points."),
    StudyColumn(
      "rci_source", "Threshold source", "string",
      "Where the threshold (or the SD and reliability behind it) comes from, whether that source "
        + "is primary or secondary, and the sample its figures describe."),
  ]

  /// One scale's comparison, for T3's row and the terminal view.
  struct ScaleChange {
    var instrument: Instrument
    var scale: InstrumentScale
    var pairs: [(pid: String, before: Double, after: Double)]
    var comparison: PairedComparison
    var wilcoxon: WilcoxonSignedRank
  }

  private static func compare(_ facts: StudyFacts) -> [ScaleChange] {
    guard facts.waves.count > 1 else { return [] }
    let last = facts.waves.count - 1
    var result: [ScaleChange] = []
    for (position, instrument) in facts.instruments.enumerated() {
      for (index, scale) in instrument.scales.enumerated() {
        let before = facts.scores[position][index][0]
        let after = facts.scores[position][index][last]
        let pairs = facts.pids.compactMap { pid -> (String, Double, Double)? in
          guard let first = before[pid], let second = after[pid] else { return nil }
          return (pid, first, second)
        }
        result.append(
          ScaleChange(
            instrument: instrument, scale: scale, pairs: pairs,
            comparison: PairedComparison(before: pairs.map(\.1), after: pairs.map(\.2)),
            wilcoxon: WilcoxonSignedRank(changes: pairs.map { $0.2 - $0.1 })))
      }
    }
    return result
  }

  var table: StudyTable {
    let rows = changes.map(row)
    // Improved, unchanged and deteriorated add up to the pairs of each scale with a threshold.
    let relations = changes.filter { $0.scale.level != .ordinal && $0.scale.reliableChange != nil }
      .map { change in
        CountRelation(
          total: Self.pairsKey(change),
          parts: ["improved", "unchanged", "deteriorated"].map { Self.key($0, change) })
      }
    var notes = [
      "Change is the last wave (\(facts.waves.last ?? "")) minus the first "
        + "(\(facts.waves.first ?? "")) for people scored at both. The 95% CI and p (t-test) come "
        + "from the paired t-test; p (Wilcoxon) is scipy's default signed-rank test (zero changes "
        + "dropped; exact without ties up to 50 pairs, otherwise a permutation or normal "
        + "approximation). g_av uses J = 1 − 3/(4·df − 1).",
      "Reliable change: a change at least as large as the threshold, in the instrument's better "
        + "direction (improved) or worse (deteriorated). Thresholds are the definition's published "
        + "figure or 1.96 · SD · √(2(1 − r)) from its SD and reliability (Jacobson & Truax 1991).",
      "Ordinal scales (a single ordered question) get no means or t-test: only the Wilcoxon test.",
      "d_z is the mean change divided by the standard deviation of the changes: how large the "
        + "change is for the same people. g_av is the mean change divided by the average of the "
        + "two waves' standard deviations, corrected for a small sample (Lakens 2013): comparable "
        + "with differences between groups. Around 0.2 is small, 0.5 medium, 0.8 large. Their 95% "
        + "CIs use the large-sample standard error of Borenstein et al. (2009, eq. 4.28).",
      "Without a comparison group, change over time is not an effect of the groups: people may "
        + "have changed anyway (time, other support, scores drifting back towards the average).",
    ]
    if facts.waves.count < 2 {
      notes.insert("The pipeline has one wave: no change to show.", at: 0)
    }
    return StudyTable(
      id: .t3Change,
      title: "T3. Change from \(facts.waves.first ?? "baseline") to "
        + "\(facts.waves.last ?? "follow-up")", columns: Self.columns, rows: rows, notes: notes,
      relations: relations)
  }

  /// The pairs of `change`'s scale (shared by T3, T4 and T7).
  static func pairsKey(_ change: ScaleChange) -> CountKey {
    .pairs(instrument: change.instrument.id, scale: change.scale.id)
  }

  /// The pairs of `change`'s scale in a reliable-change `category`.
  static func key(_ category: String, _ change: ScaleChange) -> CountKey {
    CountKey("t3|\(category)|\(change.instrument.id).\(change.scale.id)")
  }

  private func row(_ change: ScaleChange) -> [TableCell] {
    let n = change.pairs.count
    let pairs = Self.pairsKey(change)
    let stats = change.comparison
    let interval = change.scale.level != .ordinal
    let value = { (number: Double, kind: Statistic) -> TableCell in
      interval ? .statistic(number, kind, n: n, of: pairs) : .blank
    }
    var cells: [TableCell] = [
      .text(change.instrument.id), .text(change.scale.id),
      .text(change.scale.plainName(in: change.instrument)), .people(n, key: pairs),
      value(stats.before.mean, .score), value(stats.before.sd, .score),
      value(stats.after.mean, .score), value(stats.after.sd, .score),
      value(stats.meanChange, .score), value(stats.ciLow, .score), value(stats.ciHigh, .score),
      value(stats.t, .t), interval ? .revealsCount(stats.df, n: n, of: pairs) : .blank,
      value(stats.p, .p), .statistic(change.wilcoxon.p, .p, n: n, of: pairs),
      value(stats.dz, .effect), value(stats.dzInterval.low, .effect),
      value(stats.dzInterval.high, .effect), value(stats.gav, .effect),
      value(stats.gavInterval.low, .effect), value(stats.gavInterval.high, .effect),
    ]
    guard interval, let rule = change.scale.reliableChange else {
      return cells + [.blank, .blank, .blank, .blank, .text("none declared")]
    }
    let counts = Self.reliableChange(change.pairs, threshold: rule.threshold, scale: change.scale)
    cells += [
      .people(counts.improved, key: Self.key("improved", change)),
      .people(counts.unchanged, key: Self.key("unchanged", change)),
      .people(counts.deteriorated, key: Self.key("deteriorated", change)),
      .constant(rule.threshold, .score), .text(rule.provenance),
    ]
    return cells
  }

  /// Pairs reliably improved, unchanged and deteriorated.
  ///
  /// Reliable means |change| ≥ threshold, in the direction the scale calls better. Scores are decimals, so a change equal to
  /// the threshold in decimals counts even when its binary difference falls a hair short.
  static func reliableChange(
    _ pairs: [(pid: String, before: Double, after: Double)], threshold: Double,
    scale: InstrumentScale
  ) -> (improved: Int, unchanged: Int, deteriorated: Int) {
    var (improved, unchanged, deteriorated) = (0, 0, 0)
    for pair in pairs {
      let change = scale.higherIsBetter ? pair.after - pair.before : pair.before - pair.after
      if change >= threshold - 1e-9 {
        improved += 1
      } else if -change >= threshold - 1e-9 {
        deteriorated += 1
      } else {
        unchanged += 1
      }
    }
    return (improved, unchanged, deteriorated)
  }
}

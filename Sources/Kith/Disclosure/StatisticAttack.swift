import Foundation

/// The attacks on the study tables' statistics (``Attacker``): a statistic over a suppressed
/// count, the exact number of people behind a rounded count, a count from a percentage, and a
/// withheld group mean from the others of its sum.
struct StatisticAttack {
  let attacker: Attacker
  let model: AttackModel
  /// What a reader can work out of the counts, solved as the attacks ask.
  let audit: AuditModel
  /// Every published table, by id.
  let tables: [String: PublishedTable]

  /// The statistic columns of each table, and the column holding the count they are over.
  private static let statistics: [StudyTableID: (n: String, columns: [String])] = [
    .t1Characteristics: ("n", ["mean", "sd"]),
    .t2Engagement: (
      "participants",
      [
        "sessions_median", "sessions_q1", "sessions_q3", "tenure_median_days", "tenure_q1_days",
        "tenure_q3_days",
      ]
    ),
    .t3Change: (
      "n_pairs",
      [
        "baseline_mean", "baseline_sd", "followup_mean", "followup_sd", "mean_change",
        "change_ci_low", "change_ci_high", "t", "df", "p_t", "p_wilcoxon", "d_z", "d_z_ci_low",
        "d_z_ci_high", "g_av", "g_av_ci_low", "g_av_ci_high",
      ]
    ),
    .t4DoseResponse: (
      "n_pairs",
      [
        "spearman_rho", "spearman_p", "slope_per_session", "slope_ci_low", "slope_ci_high",
        "adjusted_slope_per_session", "adjusted_slope_ci_low", "adjusted_slope_ci_high",
      ]
    ),
    .t5Attrition: ("n", ["mean", "sd"]),
    .t11ChangeBySessions: ("n_pairs", ["mean_change", "change_ci_low", "change_ci_high"]),
    .t6Reliability: ("n", ["alpha", "lowest_item_rest", "alpha_without_it"]),
  ]

  /// Everything recovered from `table`'s statistics and percentages.
  func attack(_ table: PublishedTable) -> [Recovery] {
    var recoveries: [Recovery] = []
    if let id = table.studyTable, let (nColumn, columns) = Self.statistics[id] {
      for row in table.rows.indices {
        recoveries += statistics(table, row: row, n: nColumn, columns: columns)
      }
    }
    if table.studyTable == .j1StatisticsByTheme {
      for row in table.rows.indices {
        for scale in ["wellbeing", "loneliness"] {
          recoveries += statistics(
            table, row: row, n: "\(scale)_pairs", columns: ["\(scale)_mean_change"])
        }
      }
    }
    recoveries += percentages(table)
    if table.studyTable == .t1Characteristics { recoveries += groupMeans(table) }
    return recoveries
  }

  // MARK: - The number behind a statistic

  /// A value's window: the numbers it may have been before rounding; `nil` unless a number.
  private func window(_ table: PublishedTable, _ row: Int, _ column: String) -> ClosedRange<Double>?
  {
    guard let value = table.value(row, column), let number = value.number,
      let half = value.halfWidth
    else { return nil }
    return (number - half - 1e-9)...(number + half + 1e-9)
  }

  /// The recoveries from the statistics of one row, over the count in column `n`.
  private func statistics(
    _ table: PublishedTable, row: Int, n nColumn: String, columns: [String]
  ) -> [Recovery] {
    guard let nValue = table.value(row, nColumn) else { return [] }
    let shown = columns.filter { table.value(row, $0)?.number != nil }
    let cell = Recovery.Cell(table: table.id, row: row, column: nColumn)
    if nValue.isSuppressed {
      guard !shown.isEmpty else { return [] }
      return [
        Recovery(
          kind: .statisticOfSuppressedCount,
          cell: Recovery.Cell(table: table.id, row: row, column: shown[0]),
          remedy: .coarsen(shown.map { Recovery.Cell(table: table.id, row: row, column: $0) }))
      ]
    }
    var model = model
    guard let published = Int(nValue.text), published > 0, !shown.isEmpty,
      let key = model.count(table, row, nColumn), let window = model.bounds[key]
    else { return [] }
    // The counts the published value allows, then those the statistics allow.
    let allowed = Self.wholeNumbers(in: window)
    guard allowed.count > 1, allowed.count < 100_000 else { return [] }
    var candidates = allowed
    var used: [String] = []
    for check in checks(table, row: row) {
      let kept = candidates.filter(check.allows)
      if kept.count < candidates.count {
        used += check.columns
        candidates = kept
      }
    }
    // The sums narrow the counts further: solved only when the solutions seen leave it open.
    if candidates.count > 1, let seen = audit.seenRange(of: key),
      candidates.filter({ seen.contains(Double($0)) }).count > 1
    {
      return []
    }
    guard let exact = audit.interval(of: key) else { return [] }
    let possible = Set(Self.wholeNumbers(in: exact))
    guard possible.count > 1, candidates.filter(possible.contains).count == 1 else { return [] }
    return [
      Recovery(
        kind: .exactCount, cell: cell,
        remedy: .coarsen(
          Set(used).sorted().map { Recovery.Cell(table: table.id, row: row, column: $0) }))
    ]
  }

  /// A test of which counts a row's statistics are consistent with.
  private struct Check {
    var columns: [String]
    var allows: (Int) -> Bool
  }

  /// The tests a row's published statistics allow.
  private func checks(_ table: PublishedTable, row: Int) -> [Check] {
    var checks: [Check] = []
    let w = { (column: String) in window(table, row, column) }
    if let df = table.value(row, "df"), let value = Int(df.text) {
      checks.append(Check(columns: ["df"]) { $0 == value + 1 })
    }
    let scale = "\(table.text(row, "instrument")) \(table.text(row, "scale"))"
    switch table.studyTable {
    case .t1Characteristics:
      if let step = attacker.steps[table.text(row, "characteristic")], let mean = w("mean") {
        checks.append(granularity(mean, step: step, column: "mean"))
      }
    case .t5Attrition:
      let step = table.text(row, "measure") == "sessions attended" ? 1 : attacker.steps[scale]
      if let step, let mean = w("mean") {
        checks.append(granularity(mean, step: step, column: "mean"))
      }
    case .j1StatisticsByTheme:
      for name in ["wellbeing", "loneliness"] {
        if name == "wellbeing", let scale = attacker.wellbeingScale,
          let step = attacker.steps[scale],
          let mean = w("wellbeing_mean_change")
        {
          checks.append(granularity(mean, step: step, column: "wellbeing_mean_change"))
        }
      }
    case .t3Change:
      if let step = attacker.steps[scale] {
        for column in ["baseline_mean", "followup_mean", "mean_change"] {
          if let mean = w(column) { checks.append(granularity(mean, step: step, column: column)) }
        }
      }
      checks += changeChecks(w)
    case .t11ChangeBySessions:
      if let step = attacker.steps[scale], let mean = w("mean_change") {
        checks.append(granularity(mean, step: step, column: "mean_change"))
      }
    case .t4DoseResponse:
      if let rho = w("spearman_rho"), let p = w("spearman_p") {
        checks.append(
          Check(columns: ["spearman_rho", "spearman_p"]) { n in
            guard n > 2 else { return false }
            let size = Self.absolute(rho)
            let ps = [size.lowerBound, size.upperBound].map { r -> Double in
              let r = min(0.999_999, r)
              return Distributions.tTwoSided(
                r * (Double(n - 2) / (1 - r * r)).squareRoot(), df: Double(n - 2))
            }
            return Self.overlaps(Self.span(ps[0], ps[1]), p)
          })
      }
    default: break
    }
    return checks
  }

  /// T3's tests from the paired t-test: t with d_z; d_z with the mean change and its CI; p
  /// with the mean change and its CI; g_av with the means and SDs.
  private func changeChecks(_ w: (String) -> ClosedRange<Double>?) -> [Check] {
    var checks: [Check] = []
    let change = w("mean_change").map { Self.absolute($0) }
    let half = w("change_ci_low").flatMap { low in
      w("change_ci_high").map { high in
        max(
          1e-12, (high.lowerBound - low.upperBound) / 2)...max(
            1e-12, (high.upperBound - low.lowerBound) / 2)
      }
    }
    if let t = w("t").map(Self.absolute), let dz = w("d_z").map(Self.absolute), dz.lowerBound > 0 {
      checks.append(
        Check(columns: ["t", "d_z"]) { n in
          let root = Double(n).squareRoot()
          return Self.overlaps(
            (t.lowerBound / dz.upperBound)...(t.upperBound / dz.lowerBound), root...root)
        })
    }
    if let change, let half, let dz = w("d_z").map(Self.absolute), dz.lowerBound > 0,
      change.lowerBound > 0
    {
      checks.append(
        Check(columns: ["d_z", "mean_change", "change_ci_low", "change_ci_high"]) { n in
          guard n > 1 else { return false }
          let critical = Distributions.tCritical(alpha: 0.05, df: Double(n - 1))
          let root = Double(n).squareRoot()
          let low = change.lowerBound * critical / (dz.upperBound * half.upperBound)
          let high = change.upperBound * critical / (dz.lowerBound * half.lowerBound)
          return Self.overlaps(low...high, root...root)
        })
    }
    if let dz = w("d_z").map(Self.absolute), let low = w("d_z_ci_low"), let high = w("d_z_ci_high")
    {
      // The CI's half-width is 1.96 · √((1 + d_z²/2) / n): n follows from it and d_z.
      let z = PairedComparison.z975
      let halves =
        max(
          1e-12, (high.lowerBound - low.upperBound) / 2)...max(
          1e-12, (high.upperBound - low.lowerBound) / 2)
      checks.append(
        Check(columns: ["d_z", "d_z_ci_low", "d_z_ci_high"]) { n in
          guard n > 1 else { return false }
          let lowest = z * ((1 + dz.lowerBound * dz.lowerBound / 2) / Double(n)).squareRoot()
          let highest = z * ((1 + dz.upperBound * dz.upperBound / 2) / Double(n)).squareRoot()
          return Self.overlaps(lowest...highest, halves)
        })
    }
    if let change, let half, let p = w("p_t") {
      checks.append(
        Check(columns: ["p_t", "mean_change", "change_ci_low", "change_ci_high"]) { n in
          guard n > 1 else { return false }
          let critical = Distributions.tCritical(alpha: 0.05, df: Double(n - 1))
          let ts = [
            change.lowerBound * critical / half.upperBound,
            change.upperBound * critical / half.lowerBound,
          ]
          let ps = ts.map { Distributions.tTwoSided($0, df: Double(n - 1)) }
          return Self.overlaps(Self.span(ps[0], ps[1]), p)
        })
    }
    if let change, let g = w("g_av").map(Self.absolute), let before = w("baseline_sd"),
      let after = w("followup_sd"), before.lowerBound + after.lowerBound > 0
    {
      let averaged =
        ((before.lowerBound + after.lowerBound) / 2)...((before.upperBound + after.upperBound) / 2)
      let (lowest, highest) = (
        change.lowerBound / averaged.upperBound,
        change.upperBound / max(1e-12, averaged.lowerBound)
      )
      let dav = lowest...highest
      checks.append(
        Check(columns: ["g_av", "mean_change", "baseline_sd", "followup_sd"]) { n in
          guard n > 2 else { return false }
          let correction = 1 - 3 / (4 * Double(n - 1) - 1)
          return Self.overlaps((correction * dav.lowerBound)...(correction * dav.upperBound), g)
        })
    }
    return checks
  }

  /// A mean of scores `step` apart over n people is a multiple of step / n: the counts for which
  /// some multiple lies in the published mean's window.
  private func granularity(_ mean: ClosedRange<Double>, step: Double, column: String) -> Check {
    Check(columns: [column]) { n in
      let scale = Double(n) / step
      return (mean.lowerBound * scale - 1e-6).rounded(.up)
        <= (mean.upperBound * scale + 1e-6).rounded(.down)
    }
  }

  // MARK: - Percentages

  /// The percentages of each table with their part and whole (cells or hidden counts).
  private func percentages(_ table: PublishedTable) -> [Recovery] {
    var found: [Recovery] = []
    for row in table.rows.indices {
      for (column, part, whole, extra) in percentCells(table, row: row) {
        guard let percent = window(table, row, column) else { continue }
        var model = model
        guard let part = part(&model), let whole = whole(&model) else { continue }
        let ci = extra.compactMap { window(table, row, $0) }
        /// The (part, whole) pairs within the intervals given that the percentage (and its CI)
        /// allow.
        func consistent(_ p: ClosedRange<Double>, _ q: ClosedRange<Double>) -> Int? {
          let parts = Self.wholeNumbers(in: p)
          let wholes = Self.wholeNumbers(in: max(1, q.lowerBound)...min(1e6, max(1, q.upperBound)))
          guard parts.count * wholes.count <= 200_000 else { return nil }
          var found = 0
          for whole in wholes {
            for part in parts where part <= whole {
              let share = 100 * Double(part) / Double(whole)
              guard percent.contains(share) else { continue }
              if ci.count == 2 {
                let interval = WilsonInterval(count: part, of: whole)
                guard ci[0].contains(100 * interval.low), ci[1].contains(100 * interval.high)
                else { continue }
              }
              found += 1
            }
          }
          return found
        }
        // Solutions already seen may show two possible pairs; else the exact intervals decide.
        if let p = audit.seenRange(of: part), let q = audit.seenRange(of: whole),
          (consistent(p, q) ?? 2) > 1
        {
          continue
        }
        guard let p = audit.interval(of: part), let q = audit.interval(of: whole),
          Self.wholeNumbers(in: p).count * Self.wholeNumbers(in: q).count > 1,
          consistent(p, q) == 1
        else { continue }
        do {
          found.append(
            Recovery(
              kind: .percentage, cell: Recovery.Cell(table: table.id, row: row, column: column),
              remedy: .coarsenColumns(
                ([column] + extra).map { Recovery.Cell(table: table.id, row: row, column: $0) })))
        }
      }
    }
    return found
  }

  /// A percentage cell, how to find its part and whole in the model, and the columns of its
  /// confidence interval.
  private typealias PercentCell = (
    column: String, part: (inout AttackModel) -> CountKey?, whole: (inout AttackModel) -> CountKey?,
    interval: [String]
  )

  /// The percentages of `row` of `table`.
  private func percentCells(_ table: PublishedTable, row: Int) -> [PercentCell] {
    let here = { (column: String) in
      { (model: inout AttackModel) in model.count(table, row, column) }
    }
    switch table.studyTable {
    case .t1Characteristics:
      guard !table.text(row, "level").isEmpty else { return [] }
      let group = table.text(row, "group")
      let participants = table.rows.indices.first {
        table.text($0, "characteristic") == "participants" && table.text($0, "group") == group
      }
      return [("percent", here("n"), { $0.count(table, participants, "n") }, [])]
    case .t2Engagement:
      let group = table.text(row, "group")
      return ["w4", "w8", "w12"].map {
        ("retained_\($0)_percent", here("retained_\($0)"), here("participants"), [])
      } + [("isolated_percent", here("isolated"), { $0.hidden("t2 measured \(group)") }, [])]
    case .t5Attrition:
      guard table.text(row, "measure") == "baseline respondents" else { return [] }
      return [("percent", here("n"), { $0.hidden("t5 baseline respondents") }, [])]
    case .t7ClinicalChange:
      return [
        (
          "recovered_percent", here("recovered"), here("cases_baseline"),
          ["recovered_ci_low", "recovered_ci_high"]
        )
      ]
    case .t8ThemePrevalence:
      return [("percent", here("participants"), here("interviewed"), [])]
    case .j1StatisticsByTheme:
      return [
        (
          "wellbeing_reliably_improved_percent",
          { model in
            guard let j2 = tables[StudyTableID.j2ThemesByChange.rawValue] else { return nil }
            let theme = table.text(row, "theme")
            return model.count(
              j2, j2.rows.indices.first { j2.text($0, "theme") == theme }, "reliably_improved")
          }, here("wellbeing_pairs"), []
        )
      ]
    default:
      return []
    }
  }

  // MARK: - Group means

  /// A withheld group mean of T1 recovered from the whole study's and the other groups', when
  /// the people in no group are known to be none and counts are exact.
  private func groupMeans(_ table: PublishedTable) -> [Recovery] {
    guard attacker.rule.roundTo == 1 else { return [] }
    var found: [Recovery] = []
    var scores: [String: [Int]] = [:]
    for row in table.rows.indices
    where table.text(row, "level").isEmpty && table.text(row, "characteristic") != "participants" {
      scores[table.text(row, "characteristic"), default: []].append(row)
    }
    for (score, rows) in scores.sorted(by: { $0.key < $1.key }) {
      let withheld = rows.filter { table.value($0, "mean")?.isSuppressed == true }
      guard withheld.count == 1 else { continue }
      let rest = CountKey("hidden|t1 no group scored \(score)")
      guard let interval = audit.interval(of: rest), interval.upperBound < 0.5 else { continue }
      // The others' means give it back: coarser others close it.
      let others = rows.filter { $0 != withheld[0] }.flatMap { row in
        ["mean", "sd"].map { Recovery.Cell(table: table.id, row: row, column: $0) }
      }
      found.append(
        Recovery(
          kind: .groupStatistic,
          cell: Recovery.Cell(table: table.id, row: withheld[0], column: "mean"),
          remedy: .coarsen(others)))
    }
    return found
  }

  /// The whole numbers in `range`.
  private static func wholeNumbers(in range: ClosedRange<Double>) -> [Int] {
    let low = (range.lowerBound - 1e-6).rounded(.up)
    let high = (range.upperBound + 1e-6).rounded(.down)
    guard low <= high, high - low < 1e7 else { return [] }
    return Array(Int(low)...Int(high))
  }

  private static func absolute(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
    range.lowerBound >= 0
      ? range
      : range.upperBound <= 0
        ? (-range.upperBound)...(-range.lowerBound) : 0...max(-range.lowerBound, range.upperBound)
  }

  /// The interval from the smaller of `a` and `b` to the larger.
  private static func span(_ a: Double, _ b: Double) -> ClosedRange<Double> {
    min(a, b)...max(a, b)
  }

  private static func overlaps(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>) -> Bool {
    a.lowerBound <= b.upperBound + 1e-9 && b.lowerBound <= a.upperBound + 1e-9
  }
}

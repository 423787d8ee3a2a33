/// T11: change on each scale by how many sessions people attended between their two surveys,
/// in bands — the dose–response of T4 as aggregates a reader can draw, never one dot per
/// person: each band's pairs, mean change and its 95% CI.
struct ChangeBySessionsTable {
  let facts: StudyFacts
  let changes: [ChangeTable.ScaleChange]

  /// The bands of sessions attended between the surveys, each with its lowest number; the last
  /// is open.
  static let bands: [(label: String, from: Int)] = [
    ("0", 0), ("1–3", 1), ("4–7", 4), ("8–11", 8), ("12 or more", 12),
  ]

  /// T3's first three columns (instrument, scale, measure), the band, then its pairs and change.
  static let columns: [StudyColumn] =
    ChangeTable.columns.prefix(3) + [
      StudyColumn(
        "sessions_between_surveys", "Sessions between surveys", "string",
        "A band of the number of sessions attended between the first and the last survey "
          + "(counted as in T4)."),
      StudyColumn("n_pairs", "Pairs", "integer", "People of the band scored at both waves."),
      StudyColumn(
        "mean_change", "Mean change", "number", "Mean of follow-up minus baseline in the band."),
      StudyColumn(
        "change_ci_low", "95% CI low", "number",
        "Lower limit of the 95% CI of the band's mean change (t distribution)."),
      StudyColumn(
        "change_ci_high", "95% CI high", "number",
        "Upper limit of the 95% CI of the band's mean change (t distribution)."),
    ]

  /// The band of `sessions` attended.
  static func band(of sessions: Int) -> Int {
    bands.lastIndex { sessions >= $0.from } ?? 0
  }

  var table: StudyTable {
    let doses = DoseResponseTable(facts: facts, changes: changes)
    var rows: [[TableCell]] = []
    var relations: [CountRelation] = []
    for change in changes where change.scale.level != .ordinal {
      var banded = [[(before: Double, after: Double)]](repeating: [], count: Self.bands.count)
      for (pair, sessions) in zip(change.pairs, doses.doses(change)) {
        banded[Self.band(of: Int(sessions))].append((pair.before, pair.after))
      }
      let keys = Self.bands.indices.map { Self.key($0, change) }
      // The bands' pairs are T3's pairs; the bands' sums of change are T3's sum too.
      relations.append(CountRelation(total: ChangeTable.pairsKey(change), parts: keys))
      for (index, band) in Self.bands.enumerated() {
        let pairs = banded[index]
        let (n, key) = (pairs.count, keys[index])
        var row: [TableCell] = [
          .text(change.instrument.id), .text(change.scale.id),
          .text(change.scale.plainName(in: change.instrument)), .text(band.label),
          .people(n, key: key),
        ]
        if n == 0 {
          row += [.blank, .blank, .blank]
        } else {
          // One person has no interval: still a statistic cell, withheld like any over a
          // suppressed count, so that a blank cannot tell a reader the band holds one person.
          let paired = PairedComparison(before: pairs.map(\.before), after: pairs.map(\.after))
          row += [paired.meanChange, paired.ciLow, paired.ciHigh].map {
            .statistic(n > 1 ? $0 : .nan, .score, n: n, of: key)
          }
        }
        rows.append(row)
      }
    }
    return StudyTable(
      id: .t11ChangeBySessions, title: "T11. Change by sessions attended between surveys",
      columns: Self.columns, rows: rows,
      notes: [
        "People scored at both waves, in bands of the sessions they attended between the first "
          + "and the last survey (as T4 counts them); each band's mean change with its 95% CI. "
          + "Bands describe who stayed, not what the sessions did: people who improve may "
          + "attend more."
      ], relations: relations,
      statisticSums: relations.map {
        CountRelation(total: $0.total, parts: $0.parts, keepsTotal: true)
      })
  }

  /// The pairs of `change`'s scale in band `index`.
  static func key(_ index: Int, _ change: ChangeTable.ScaleChange) -> CountKey {
    CountKey("t11|\(bands[index].label)|\(change.instrument.id).\(change.scale.id)")
  }
}

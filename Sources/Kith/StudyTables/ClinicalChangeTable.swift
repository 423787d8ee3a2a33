/// T7: clinically significant change on every scale with a cut-off — who was a case at the first
/// wave, who was no longer one at the last (recovered), and who also changed reliably (reliable
/// recovery, as NHS Talking Therapies reports it), with a Wilson 95% CI for the recovery rate.
struct ClinicalChangeTable {
  let changes: [ChangeTable.ScaleChange]

  static let columns: [StudyColumn] = [
    StudyColumn("instrument", "Instrument", "string", "The instrument's id."),
    StudyColumn("scale", "Scale", "string", "The scale."),
    StudyColumn(
      "cutoff", "Cut-off", "string", "Who counts as a case, in the definition's words."),
    StudyColumn("n_pairs", "Pairs", "integer", "People scored at both waves."),
    StudyColumn(
      "cases_baseline", "Cases at baseline", "integer", "Pairs that were a case at the first wave."),
    StudyColumn(
      "cases_followup", "Cases at follow-up", "integer", "Pairs that were a case at the last wave."),
    StudyColumn(
      "recovered", "Recovered", "integer",
      "Cases at the first wave that were not cases at the last."),
    StudyColumn(
      "recovered_percent", "% recovered", "integer",
      "Recovered as a percentage of cases at baseline, from the published counts."),
    StudyColumn(
      "recovered_ci_low", "95% CI low", "number",
      "Lower Wilson 95% limit of the percentage recovered."),
    StudyColumn(
      "recovered_ci_high", "95% CI high", "number",
      "Upper Wilson 95% limit of the percentage recovered."),
    StudyColumn(
      "reliably_recovered", "Reliably recovered", "integer",
      "Recovered and reliably improved (where the scale has a reliable-change threshold)."),
    StudyColumn("cutoff_source", "Source", "string", "Where the cut-off comes from."),
  ]

  var table: StudyTable {
    var relations: [CountRelation] = []
    var hidden: [CountKey: Int] = [:]
    let rows = changes.compactMap { change -> [TableCell]? in
      guard let cutoff = change.scale.cutoff, change.scale.level != .ordinal else { return nil }
      let isCase = { (score: Double) in
        cutoff.atOrAbove ? score >= cutoff.score.double - 1e-9 : score <= cutoff.score.double + 1e-9
      }
      let atBaseline = change.pairs.filter { isCase($0.before) }
      let atFollowup = change.pairs.filter { isCase($0.after) }
      let recovered = atBaseline.filter { !isCase($0.after) }
      let reliably = change.scale.reliableChange.map { rule in
        recovered.filter { pair in
          let gain =
            change.scale.higherIsBetter ? pair.after - pair.before : pair.before - pair.after
          return gain >= rule.threshold - 1e-9
        }.count
      }
      let rate = WilsonInterval(count: recovered.count, of: atBaseline.count)
      let n = atBaseline.count
      let key = { (name: String) in
        CountKey("t7|\(name)|\(change.instrument.id).\(change.scale.id)")
      }
      let pairs = ChangeTable.pairsKey(change)
      // Cases at each wave are some of the pairs; the recovered, some of the cases at baseline;
      // the reliably recovered, some of the recovered.
      let nested: [(outer: CountKey, inner: String, rest: String, count: Int, of: Int)] =
        [
          (pairs, "cases baseline", "not cases baseline", n, change.pairs.count),
          (pairs, "cases followup", "not cases followup", atFollowup.count, change.pairs.count),
          (key("cases baseline"), "recovered", "not recovered", recovered.count, n),
        ]
        + (reliably.map {
          [(key("recovered"), "reliably recovered", "recovered not reliably", $0, recovered.count)]
        } ?? [])
      for part in nested {
        hidden[key(part.rest)] = part.of - part.count
        relations.append(
          CountRelation(total: part.outer, parts: [key(part.inner), key(part.rest)]))
      }
      return [
        .text(change.instrument.id), .text(change.scale.id),
        .text("\(cutoff.label): \(cutoff.atOrAbove ? "≥" : "≤") \(cutoff.score)"),
        .people(change.pairs.count, key: pairs), .people(n, key: key("cases baseline")),
        .people(atFollowup.count, key: key("cases followup")),
        .people(recovered.count, key: key("recovered")),
        .percent(recovered.count, of: n, part: key("recovered"), whole: key("cases baseline")),
        .ratio(
          100 * rate.low, .amount, count: recovered.count, n: n, part: key("recovered"),
          whole: key("cases baseline")),
        .ratio(
          100 * rate.high, .amount, count: recovered.count, n: n, part: key("recovered"),
          whole: key("cases baseline")),
        reliably.map { .people($0, key: key("reliably recovered")) } ?? .blank,
        .text(cutoff.source.words),
      ]
    }
    // Each threshold behind "reliably recovered", with the sample and source of its figures.
    let thresholds = changes.compactMap { change -> String? in
      guard change.scale.cutoff != nil, change.scale.level != .ordinal,
        let rule = change.scale.reliableChange
      else { return nil }
      return "Reliable change, \(change.instrument.id) \(change.scale.id): \(rule.words)."
    }
    return StudyTable(
      id: "t7_clinical_change", title: "T7. Clinically significant change", columns: Self.columns,
      rows: rows,
      notes: [
        "Scales whose definition has a cut-off. Recovered: a case at the first wave and not at "
          + "the last; reliably recovered: recovered with a reliable improvement (Jacobson & "
          + "Truax 1991; NHS Talking Therapies' reliable recovery). The CI is Wilson's."
      ] + thresholds, relations: relations, hiddenCounts: hidden)
  }
}

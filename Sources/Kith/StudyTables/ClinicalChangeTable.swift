/// T7: clinically significant change on every scale with a cut-off — who was a case at the first
/// wave and at the last; where the cut-off is clinical, who was no longer one at the last
/// (recovered) and who also changed reliably (reliable recovery, as NHS Talking Therapies reports
/// it), with a Wilson 95% CI for the recovery rate; and reliable improvement under each
/// reliability the definition gives (a sensitivity range).
struct ClinicalChangeTable {
  let changes: [ChangeTable.ScaleChange]

  static let columns: [StudyColumn] = [
    StudyColumn("instrument", "Instrument", "string", "The instrument's id."),
    StudyColumn("scale", "Scale", "string", "The scale."),
    StudyColumn(
      "measure", "Measure", "string",
      "The scale in words: its name, range of scores and which way is better."),
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
    StudyColumn(
      "rci_threshold", "RCI threshold", "number",
      "The reliable-change threshold in score points (the definition's main reliability)."),
    StudyColumn(
      "reliably_improved", "Reliably improved", "integer",
      "Pairs whose change in the better direction reaches the threshold."),
    StudyColumn(
      "rci_threshold_sensitivity", "RCI threshold (other reliability)", "number",
      "The threshold with the other reliability the definition gives (test–retest)."),
    StudyColumn(
      "reliably_improved_sensitivity", "Reliably improved (other reliability)", "integer",
      "Pairs reliably improved under that threshold."),
    StudyColumn("cutoff_source", "Source", "string", "Where the cut-off comes from."),
  ]

  var table: StudyTable {
    var relations: [CountRelation] = []
    var hidden: [CountKey: Int] = [:]
    let rows = changes.compactMap { change -> [TableCell]? in
      guard let cutoff = change.scale.cutoff, change.scale.level != .ordinal else { return nil }
      let clinical = cutoff.clinical
      let isCase = { (score: Double) in
        cutoff.atOrAbove ? score >= cutoff.score.double - 1e-9 : score <= cutoff.score.double + 1e-9
      }
      let atBaseline = change.pairs.filter { isCase($0.before) }
      let atFollowup = change.pairs.filter { isCase($0.after) }
      let recovered = atBaseline.filter { !isCase($0.after) }
      let reliably = change.scale.reliableChange.flatMap { rule -> Int? in
        guard clinical else { return nil }
        return
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
      let (improvedCells, improvedRelation) = improvement(change, hidden: &hidden)
      relations += improvedRelation
      for part in nested where clinical || part.inner.hasPrefix("cases") {
        hidden[key(part.rest)] = part.of - part.count
        relations.append(
          CountRelation(total: part.outer, parts: [key(part.inner), key(part.rest)]))
      }
      let instrument = change.instrument
      let cells: [TableCell] = [
        .text(instrument.id), .text(change.scale.id),
        .text(change.scale.plainName(in: instrument)),
        .text("\(cutoff.label): \(cutoff.atOrAbove ? "≥" : "≤") \(cutoff.score)"),
        .people(change.pairs.count, key: pairs), .people(n, key: key("cases baseline")),
        .people(atFollowup.count, key: key("cases followup")),
      ]
      guard clinical else {
        return cells + [.blank, .blank, .blank, .blank, .blank] + improvedCells
          + [.text(cutoff.source.citation)]
      }
      return cells + [
        .people(recovered.count, key: key("recovered")),
        .percent(recovered.count, of: n, part: key("recovered"), whole: key("cases baseline")),
        .ratio(
          100 * rate.low, .amount, count: recovered.count, n: n, part: key("recovered"),
          whole: key("cases baseline")),
        .ratio(
          100 * rate.high, .amount, count: recovered.count, n: n, part: key("recovered"),
          whole: key("cases baseline")),
        reliably.map { .people($0, key: key("reliably recovered")) } ?? .blank,
      ] + improvedCells + [.text(cutoff.source.citation)]
    }
    // Each threshold behind "reliably recovered", with the sample and source of its figures.
    let thresholds = changes.compactMap { change -> String? in
      guard change.scale.cutoff != nil, change.scale.level != .ordinal,
        let rule = change.scale.reliableChange
      else { return nil }
      var words = "Reliable change, \(change.instrument.id) \(change.scale.id): \(rule.plainWords)"
      if let sensitivity = rule.sensitivity, let other = rule.sensitivityThreshold {
        words +=
          "; with its \(sensitivity.kind) reliability of \(sensitivity.reliability) instead, "
          + String(format: "%.2f", other) + " points (\(sensitivity.source.citation))"
      }
      return words + "."
    }
    let nonClinical = changes.compactMap { change -> String? in
      guard let cutoff = change.scale.cutoff, !cutoff.clinical, change.scale.level != .ordinal
      else { return nil }
      return "\(change.instrument.id) \(change.scale.id)"
    }
    return StudyTable(
      id: .t7ClinicalChange, title: "T7. Clinically significant change", columns: Self.columns,
      rows: rows,
      notes: [
        "Scales whose definition has a cut-off. Pairs: people scored at both the first and the "
          + "last wave; cases are counted among them. Recovered: a case at the first wave and "
          + "not at the last, as a percentage of the cases at the first wave who answered both "
          + "waves; reliably recovered: recovered with a reliable improvement (Jacobson & Truax "
          + "1991; NHS Talking Therapies' reliable recovery). The CI is Wilson's."
      ]
        + (nonClinical.isEmpty
          ? []
          : [
            "Recovery is reported only where the cut-off marks a clinical population; for "
              + nonClinical.joined(separator: ", ") + " the threshold is a research or "
              + "survey convention, so only cases are counted."
          ])
        + [
          "Reliable improvement is shown under each reliability the instrument's sources give "
            + "(internal consistency, and test–retest where published): the two counts are the "
            + "range within which the true figure lies, as the choice of reliability is a "
            + "judgement (Jacobson & Truax 1991)."
        ] + thresholds, relations: relations, hiddenCounts: hidden)
  }

  /// Reliable improvement under the definition's threshold and its sensitivity threshold: the
  /// cells, and the relation of the stricter count to the other (its rest a hidden count).
  private func improvement(
    _ change: ChangeTable.ScaleChange, hidden: inout [CountKey: Int]
  ) -> (cells: [TableCell], relations: [CountRelation]) {
    guard let rule = change.scale.reliableChange else {
      return ([.blank, .blank, .blank, .blank], [])
    }
    let main = ChangeTable.reliableChange(
      change.pairs, threshold: rule.threshold, scale: change.scale
    ).improved
    let improved = ChangeTable.key("improved", change)
    var cells: [TableCell] = [.constant(rule.threshold, .score), .people(main, key: improved)]
    guard let other = rule.sensitivityThreshold else { return (cells + [.blank, .blank], []) }
    let count = ChangeTable.reliableChange(change.pairs, threshold: other, scale: change.scale)
      .improved
    let key = { (name: String) in
      CountKey("t7|\(name)|\(change.instrument.id).\(change.scale.id)")
    }
    // The higher threshold's improvers are some of the lower's.
    let (strict, loose) = other > rule.threshold ? (count, main) : (main, count)
    let (strictKey, looseKey) =
      other > rule.threshold
      ? (key("improved sensitivity"), improved) : (improved, key("improved sensitivity"))
    hidden[key("improved between thresholds")] = loose - strict
    cells += [.constant(other, .score), .people(count, key: key("improved sensitivity"))]
    return (
      cells,
      [CountRelation(total: looseKey, parts: [strictKey, key("improved between thresholds")])]
    )
  }
}

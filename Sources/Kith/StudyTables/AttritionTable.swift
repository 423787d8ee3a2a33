/// T5: who was followed up — baseline respondents who answered the last wave compared with those
/// who did not, and the share of items left unanswered per instrument and wave.
struct AttritionTable {
  let facts: StudyFacts

  static let columns: [StudyColumn] = [
    StudyColumn("measure", "Measure", "string", "What is compared."),
    StudyColumn(
      "instrument", "Instrument", "string", "The instrument, where the measure has one."),
    StudyColumn("scale", "Scale", "string", "The scale, where the measure has one."),
    StudyColumn("wave", "Wave", "string", "The wave, for item missingness."),
    StudyColumn("group", "Group", "string", "Followed up or not, for the comparisons."),
    StudyColumn("n", "n", "integer", "People (responses, for item missingness)."),
    StudyColumn("mean", "Mean", "number", "Mean of the measure."),
    StudyColumn("sd", "SD", "number", "Standard deviation of the measure."),
    StudyColumn(
      "percent", "%", "number", "Percentage: of baseline respondents, or of items unanswered."),
  ]

  var table: StudyTable {
    var rows: [[TableCell]] = []
    var relations: [CountRelation] = []
    var hidden: [CountKey: Int] = [:]
    var sums: [CountRelation] = []
    let last = facts.waves.count - 1
    if last > 0 {
      let baseline = facts.pids.filter { facts.responded[0].contains($0) }
      let followed = baseline.filter { facts.responded[last].contains($0) }
      let lost = baseline.filter { !facts.responded[last].contains($0) }
      let respondents = Self.key("baseline respondents")
      hidden[respondents] = baseline.count
      let splits = [("followed up", followed), ("not followed up", lost)]
      relations.append(
        CountRelation(total: respondents, parts: splits.map { Self.key($0.0) }))
      for (name, pids) in splits {
        let key = Self.key(name)
        rows.append([
          .text("baseline respondents"), .blank, .blank, .blank, .text(name),
          .people(pids.count, key: key), .blank, .blank,
          .percent(pids.count, of: baseline.count, part: key, whole: respondents),
        ])
      }
      for (name, pids) in splits {
        let sessions = pids.map { Double(facts.engagement[$0]?.sessionsAttended ?? 0) }
        rows.append(summaryRow("sessions attended", "", "", name, sessions, of: Self.key(name)))
      }
      for scale in facts.intervalScales {
        // The two groups' sums of scores add up to every baseline respondent's.
        let scoredKey = { (name: String) in
          Self.key("scored \(scale.instrument.id).\(scale.scale.id) \(name)")
        }
        hidden[scoredKey("baseline respondents")] =
          baseline.filter {
            facts.scores[scale.position][scale.index][0][$0] != nil
          }.count
        sums.append(
          CountRelation(
            total: scoredKey("baseline respondents"), parts: splits.map { scoredKey($0.0) }))
        for (name, pids) in splits {
          let scores = pids.compactMap { facts.scores[scale.position][scale.index][0][$0] }
          let scored = Self.key("scored \(scale.instrument.id).\(scale.scale.id) \(name)")
          let unscored = Self.key("unscored \(scale.instrument.id).\(scale.scale.id) \(name)")
          hidden[unscored] = pids.count - scores.count
          relations.append(CountRelation(total: Self.key(name), parts: [scored, unscored]))
          rows.append(
            summaryRow(
              "baseline score", scale.instrument.id, scale.scale.id, name, scores, of: scored))
        }
      }
    }
    for (position, instrument) in facts.instruments.enumerated() {
      for (wave, name) in facts.waves.enumerated() {
        let responses = facts.items[position][wave].values
        guard !responses.isEmpty else { continue }
        let items = responses.reduce(0) { $0 + $1.count }
        let missing = responses.reduce(0) { $0 + $1.filter { $0 == nil }.count }
        let key = Self.key("responses \(instrument.id) \(name)")
        rows.append([
          .text("items unanswered"), .text(instrument.id), .blank, .text(name), .blank,
          .people(responses.count, key: key), .blank, .blank,
          .statistic(100 * Double(missing) / Double(items), .amount, n: responses.count, of: key),
        ])
      }
    }
    return StudyTable(
      id: "t5_attrition", title: "T5. Follow-up and missing answers", columns: Self.columns,
      rows: rows,
      notes: [
        "Baseline respondents answered the first wave (\(facts.waves.first ?? "")); followed "
          + "up means they also answered the last (\(facts.waves.last ?? "")). Items "
          + "unanswered counts blank and unusable answers over every response to the instrument."
      ], relations: relations + sums, hiddenCounts: hidden, statisticSums: sums)
  }

  /// A population of this table.
  private static func key(_ name: String) -> CountKey { CountKey("t5|\(name)") }

  private func summaryRow(
    _ measure: String, _ instrument: String, _ scale: String, _ group: String, _ values: [Double],
    of key: CountKey
  ) -> [TableCell] {
    let summary = Descriptive(values)
    return [
      .text(measure), .text(instrument), .text(scale), .blank, .text(group),
      .people(values.count, key: key),
      .statistic(summary.mean, .score, n: values.count, of: key),
      .statistic(summary.sd, .score, n: values.count, of: key), .blank,
    ]
  }
}

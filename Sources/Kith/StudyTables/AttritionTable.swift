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
    let last = facts.waves.count - 1
    if last > 0 {
      let baseline = facts.pids.filter { facts.responded[0].contains($0) }
      let followed = baseline.filter { facts.responded[last].contains($0) }
      let lost = baseline.filter { !facts.responded[last].contains($0) }
      let splits = [("followed up", followed), ("not followed up", lost)]
      for (name, pids) in splits {
        rows.append([
          .text("baseline respondents"), .blank, .blank, .blank, .text(name), .people(pids.count),
          .blank, .blank, .percent(pids.count, of: baseline.count),
        ])
      }
      for (name, pids) in splits {
        let sessions = pids.map { Double(facts.engagement[$0]?.sessionsAttended ?? 0) }
        rows.append(summaryRow("sessions attended", "", "", name, sessions))
      }
      for (position, instrument) in facts.instruments.enumerated() {
        for (index, scale) in instrument.scales.enumerated() where scale.level != .ordinal {
          for (name, pids) in splits {
            let scores = pids.compactMap { facts.scores[position][index][0][$0] }
            rows.append(summaryRow("baseline score", instrument.id, scale.id, name, scores))
          }
        }
      }
    }
    for (position, instrument) in facts.instruments.enumerated() {
      for (wave, name) in facts.waves.enumerated() {
        let responses = facts.items[position][wave].values
        guard !responses.isEmpty else { continue }
        let items = responses.reduce(0) { $0 + $1.count }
        let missing = responses.reduce(0) { $0 + $1.filter { $0 == nil }.count }
        rows.append([
          .text("items unanswered"), .text(instrument.id), .blank, .text(name), .blank,
          .people(responses.count), .blank, .blank,
          .statistic(100 * Double(missing) / Double(items), .amount, n: responses.count),
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
      ])
  }

  private func summaryRow(
    _ measure: String, _ instrument: String, _ scale: String, _ group: String, _ values: [Double]
  ) -> [TableCell] {
    let summary = Descriptive(values)
    return [
      .text(measure), .text(instrument), .text(scale), .blank, .text(group), .people(values.count),
      .statistic(summary.mean, .score, n: values.count),
      .statistic(summary.sd, .score, n: values.count), .blank,
    ]
  }
}

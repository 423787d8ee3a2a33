/// T5: who was followed up — baseline respondents who answered the last wave compared with those
/// who did not (means and Austin's standardised differences), attenders who never answered the
/// first wave, and the share of items left unanswered per instrument and wave.
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
      "percent", "% (see note)", "number",
      "Percentage: of baseline respondents, of attenders, or of items unanswered."),
    StudyColumn(
      "std_difference", "Std. difference", "number",
      "Standardised difference of those not followed up from those followed up (Austin 2009)."),
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
          .percent(pids.count, of: baseline.count, part: key, whole: respondents), .blank,
        ])
      }
      let attenders = facts.pids.filter { facts.engagement[$0] != nil }
      let unanswered = attenders.filter { !facts.responded[0].contains($0) }
      let attenderSplits = [
        ("answered baseline", attenders.count - unanswered.count),
        ("no baseline response", unanswered.count),
      ]
      relations.append(
        CountRelation(total: .attended, parts: attenderSplits.map { Self.key("attenders \($0.0)") })
      )
      for (name, count) in attenderSplits {
        let key = Self.key("attenders \(name)")
        rows.append([
          .text("attenders"), .blank, .blank, .blank, .text(name), .people(count, key: key),
          .blank, .blank, .percent(count, of: attenders.count, part: key, whole: .attended), .blank,
        ])
      }
      let sessionsOf = { (pids: [String]) in
        pids.map { Double(facts.engagement[$0]?.sessionsAttended ?? 0) }
      }
      rows += comparison(
        "sessions attended", "", "", splits.map { ($0.0, sessionsOf($0.1), Self.key($0.0)) })
      rows.append(
        summaryRow(
          "sessions attended", "", "", "attenders with no baseline response",
          sessionsOf(unanswered), of: Self.key("attenders no baseline response")))
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
        var compared: [(String, [Double], CountKey)] = []
        for (name, pids) in splits {
          let scores = pids.compactMap { facts.scores[scale.position][scale.index][0][$0] }
          let scored = Self.key("scored \(scale.instrument.id).\(scale.scale.id) \(name)")
          let unscored = Self.key("unscored \(scale.instrument.id).\(scale.scale.id) \(name)")
          hidden[unscored] = pids.count - scores.count
          relations.append(CountRelation(total: Self.key(name), parts: [scored, unscored]))
          compared.append((name, scores, scored))
        }
        rows += comparison("baseline score", scale.instrument.id, scale.scale.id, compared)
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
          .blank,
        ])
      }
    }
    return StudyTable(
      id: .t5Attrition, title: "T5. Follow-up and missing answers", columns: Self.columns,
      rows: rows,
      notes: [
        "Baseline respondents answered the first wave (\(facts.waves.first ?? "")); followed "
          + "up means they also answered the last (\(facts.waves.last ?? "")); their % is of "
          + "the baseline respondents. Items unanswered counts blank and unusable answers; its % "
          + "is of every item of every response to the instrument at that wave.",
        "Attenders: people who attended at least one session, split by whether they answered "
          + "the first wave; their percentages are of everyone who attended.",
        "Std. difference (Austin 2009): the mean of those not followed up minus the mean of "
          + "those followed up, over √((SD² + SD²)/2); beyond ±0.1 the two differ enough that "
          + "the change in T3, measured only on those followed up, may not hold for everyone.",
      ], relations: relations + sums, hiddenCounts: hidden, statisticSums: sums)
  }

  /// A population of this table (shared with the participant flow).
  static func key(_ name: String) -> CountKey { CountKey("t5|\(name)") }

  /// The summary rows of a measure in each group, the last with its standardised difference
  /// from the first (Austin 2009): (mean₂ − mean₁) / √((SD₁² + SD₂²) / 2), withheld with
  /// either group's statistics.
  private func comparison(
    _ measure: String, _ instrument: String, _ scale: String,
    _ groups: [(name: String, values: [Double], key: CountKey)]
  ) -> [[TableCell]] {
    var rows = groups.map { summaryRow(measure, instrument, scale, $0.name, $0.values, of: $0.key) }
    guard groups.count == 2, let last = rows.indices.last else { return rows }
    let (first, second) = (Descriptive(groups[0].values), Descriptive(groups[1].values))
    let pooled = ((first.sd * first.sd + second.sd * second.sd) / 2).squareRoot()
    let difference = pooled > 0 ? (second.mean - first.mean) / pooled : .nan
    // Shown under the smaller group's rule (it reveals no count, only how the means differ).
    let smaller = groups.min { $0.values.count < $1.values.count } ?? groups[1]
    rows[last][rows[last].count - 1] = .statistic(
      difference, .effect, n: smaller.values.count, of: smaller.key)
    return rows
  }

  private func summaryRow(
    _ measure: String, _ instrument: String, _ scale: String, _ group: String, _ values: [Double],
    of key: CountKey
  ) -> [TableCell] {
    let summary = Descriptive(values)
    return [
      .text(measure), .text(instrument), .text(scale), .blank, .text(group),
      .people(values.count, key: key),
      .statistic(summary.mean, .score, n: values.count, of: key),
      .statistic(summary.sd, .score, n: values.count, of: key), .blank, .blank,
    ]
  }
}

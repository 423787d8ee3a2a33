/// T1: the participants of each group and of the whole study — how many, their released age
/// bands and genders, and their baseline scores.
struct CharacteristicsTable {
  let facts: StudyFacts

  static let columns: [StudyColumn] = [
    StudyColumn("characteristic", "Characteristic", "string", "What is described."),
    StudyColumn(
      "level", "Level", "string", "The category, where the characteristic has them."),
    StudyColumn(
      "group", "Group", "string",
      "The participants' main group (the one they attended most), or all participants."),
    StudyColumn("n", "n", "integer", "People."),
    StudyColumn("percent", "%", "integer", "Percentage of the group's participants."),
    StudyColumn("mean", "Mean", "number", "Mean baseline score."),
    StudyColumn("sd", "SD", "number", "Standard deviation of the baseline score."),
  ]

  /// The column groups: each group's members, then everyone (including those who attended no
  /// session).
  private var columnGroups: [(name: String, pids: [String])] {
    facts.byGroup(facts.pids) + [("All participants", facts.pids)]
  }

  /// A released characteristic as a row label: blank is not known, `*` was suppressed for
  /// k-anonymity.
  static func describe(_ level: String) -> String {
    switch level {
    case "": "not known"
    case DisclosureRule.suppressed: "withheld (k-anonymity)"
    default: level
    }
  }

  var table: StudyTable {
    var rows: [[TableCell]] = []
    for (name, pids) in columnGroups {
      rows.append([
        .text("participants"), .blank, .text(name), .people(pids.count), .blank, .blank, .blank,
      ])
      for column in facts.characteristicColumns {
        let values = pids.map { facts.characteristics[$0]?[column] ?? "" }
        for level in Set(values).sorted() {
          let count = values.filter { $0 == level }.count
          rows.append([
            .text(column), .text(Self.describe(level)), .text(name), .people(count),
            .percent(count, of: pids.count), .blank, .blank,
          ])
        }
      }
      for (position, instrument) in facts.instruments.enumerated() where !facts.waves.isEmpty {
        for (index, scale) in instrument.scales.enumerated() where scale.level != .ordinal {
          let scores = pids.compactMap { facts.scores[position][index][0][$0] }
          let summary = Descriptive(scores)
          rows.append([
            .text("\(instrument.id) \(scale.id)"), .blank, .text(name), .people(scores.count),
            .blank, .statistic(summary.mean, .score, n: scores.count),
            .statistic(summary.sd, .score, n: scores.count),
          ])
        }
      }
    }
    return StudyTable(
      id: "t1_characteristics", title: "T1. Participants by group",
      columns: Self.columns, rows: rows,
      notes: [
        "Groups are each participant's main group; \"All participants\" also counts people who "
          + "answered a survey but attended no session.",
        "Age bands and genders are the released, k-anonymous values of participants.csv; "
          + "scores are at the first wave (\(facts.waves.first ?? "")).",
      ])
  }
}

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
    StudyColumn("percent", "% of group", "integer", "Percentage of the group's participants."),
    StudyColumn("mean", "Mean", "number", "Mean baseline score."),
    StudyColumn("sd", "SD", "number", "Standard deviation of the baseline score."),
  ]

  /// A released characteristic as a row label: blank is not known, `*` was suppressed for
  /// k-anonymity.
  static func describe(_ level: String) -> String {
    switch level {
    case "": "not known"
    case DisclosureRule.suppressed: "withheld (k-anonymity)"
    default: level
    }
  }

  /// A column of the table: a group, the whole study, or the participants in no group — who
  /// have no column, but whose counts the whole study's minus the groups' imply.
  private enum Column: Equatable {
    case group(String)
    case all
    case noGroup

    /// The group in keys: its name, `nil` for the whole study.
    var group: String? {
      if case .group(let name) = self { name } else { nil }
    }

    var heading: String { group ?? CharacteristicsTable.everyone }
  }

  var table: StudyTable {
    var rows: [[TableCell]] = []
    var relations: [CountRelation] = []
    var hidden: [CountKey: Int] = [:]
    let groups = facts.byGroup(facts.pids)
    let grouped = Set(groups.flatMap(\.pids))
    let columns: [(Column, [String])] =
      groups.map { (.group($0.group), $0.pids) } + [
        (.all, facts.pids), (.noGroup, facts.pids.filter { !grouped.contains($0) }),
      ]
    let shown = Dictionary(
      uniqueKeysWithValues: facts.characteristicColumns.map { ($0, Self.shownLevels(facts, $0)) })
    let level = { (pid: String, characteristic: String) -> String in
      let value = facts.characteristics[pid]?[characteristic] ?? ""
      return shown[characteristic]?[value] ?? value
    }
    let levels = facts.characteristicColumns.map { column in
      (column, Set(facts.pids.map { level($0, column) }).sorted { Self.order($0, $1) })
    }
    let scales = facts.waves.isEmpty ? [] : facts.intervalScales
    for (column, pids) in columns {
      let population =
        column == .noGroup ? .withoutGroup : CountKey.participants(group: column.group)
      /// A count: published in a cell, or, for the participants in no group, hidden.
      func count(_ value: Int, _ key: CountKey, cells: (TableCell) -> [TableCell]) {
        if column == .noGroup {
          hidden[key] = value
        } else {
          rows.append(cells(.people(value, key: key)))
        }
      }
      count(pids.count, population) {
        [.text("participants"), .blank, .text(column.heading), $0] + [.blank, .blank, .blank]
      }
      for (characteristic, columnLevels) in levels {
        let values = pids.map { level($0, characteristic) }
        var parts: [CountKey] = []
        for level in columnLevels {
          let number = values.filter { $0 == level }.count
          let key = Self.key(characteristic, level, column)
          parts.append(key)
          count(number, key) {
            [
              .text(characteristic), .text(Self.describe(level)), .text(column.heading), $0,
              .percent(number, of: pids.count, part: key, whole: population), .blank, .blank,
            ]
          }
        }
        relations.append(CountRelation(total: population, parts: parts))
      }
      for scale in scales {
        let scores = pids.compactMap { facts.scores[scale.position][scale.index][0][$0] }
        let scored = Self.scoredKey(scale.instrument.id, scale.scale.id, column)
        let unscored = CountKey("t1|unscored|\(scale.instrument.id).\(scale.scale.id)|\(column)")
        hidden[unscored] = pids.count - scores.count
        relations.append(CountRelation(total: population, parts: [scored, unscored]))
        let summary = Descriptive(scores)
        count(scores.count, scored) {
          [
            .text("\(scale.instrument.id) \(scale.scale.id)"), .blank, .text(column.heading), $0,
            .blank, .statistic(summary.mean, .score, n: scores.count, of: scored),
            .statistic(summary.sd, .score, n: scores.count, of: scored),
          ]
        }
      }
    }
    // The whole study is its groups and the participants in no group, level by level.
    let across = { (key: (Column) -> CountKey) in
      CountRelation(
        total: key(.all), parts: groups.map { key(.group($0.group)) } + [key(.noGroup)])
    }
    relations.append(across { $0 == .noGroup ? .withoutGroup : .participants(group: $0.group) })
    for (characteristic, columnLevels) in levels {
      for level in columnLevels { relations.append(across { Self.key(characteristic, level, $0) }) }
    }
    let scoreSums = scales.map { scale in
      across { Self.scoredKey(scale.instrument.id, scale.scale.id, $0) }
    }
    relations += scoreSums
    return StudyTable(
      id: .t1Characteristics, title: "T1. Participants by group",
      columns: Self.columns, rows: rows,
      notes: [
        "Groups are each participant's main group; \"All participants\" also counts people who "
          + "answered a survey but attended no session.",
        "Age bands and genders are the released, k-anonymous values of participants.csv; "
          + "scores are at the first wave (\(facts.waves.first ?? "")).",
      ] + collapsedNote(shown), relations: relations, hiddenCounts: hidden, statisticSums: scoreSums
    )
  }

  /// The column heading the whole study.
  static let everyone = "All participants"

  /// The most levels a characteristic shows before the rarest are put together as "other".
  static let mostLevels = 6
  /// The level the rarest are put together under.
  static let other = "other"

  /// Each released value of `characteristic` mapped to the level T1 shows: itself, or "other"
  /// when the characteristic has more than ``mostLevels`` known values and this one is not among
  /// the five most common in the whole study (ties by name); not known and withheld stay apart.
  static func shownLevels(_ facts: StudyFacts, _ characteristic: String) -> [String: String] {
    var counts: [String: Int] = [:]
    for pid in facts.pids {
      counts[facts.characteristics[pid]?[characteristic] ?? "", default: 0] += 1
    }
    let known = counts.keys.filter { $0 != "" && $0 != DisclosureRule.suppressed }
    guard known.count > mostLevels else { return [:] }
    let kept = Set(
      known.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }.prefix(mostLevels - 1))
    return Dictionary(uniqueKeysWithValues: known.map { ($0, kept.contains($0) ? $0 : other) })
  }

  /// Levels in their natural order, "other" after every named level.
  static func order(_ a: String, _ b: String) -> Bool {
    if (a == other) != (b == other) { return b == other }
    return NaturalOrder.less(a, b)
  }

  /// A note naming what "other" holds, for each characteristic collapsed.
  private func collapsedNote(_ shown: [String: [String: String]]) -> [String] {
    shown.keys.sorted().compactMap { characteristic in
      let folded = (shown[characteristic] ?? [:]).filter { $0.value == Self.other }.keys
      guard !folded.isEmpty else { return nil }
      return "\(characteristic): the \(Self.mostLevels - 1) most common values are shown; "
        + "\(folded.count) others are counted together as \"other\"."
    }
  }

  /// The people of `column` with `level` of `characteristic`.
  private static func key(_ characteristic: String, _ level: String, _ column: Column) -> CountKey {
    CountKey("t1|\(characteristic)=\(level)|\(column)")
  }

  /// The people of `column` scored on a scale at the first wave.
  private static func scoredKey(_ instrument: String, _ scale: String, _ column: Column)
    -> CountKey
  {
    CountKey("t1|scored|\(instrument).\(scale)|\(column)")
  }
}

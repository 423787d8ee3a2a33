/// The qualitative tables: theme prevalence by group, and the joint displays that set themes
/// beside the numbers (Guetterman, Fetters & Creswell 2015) — statistics by theme, themes by
/// change category, a case-ordered matrix, and participants by codes.
struct ThemeTables {
  let facts: StudyFacts
  let changes: [ChangeTable.ScaleChange]

  /// The tables to publish, or none when the pipeline reads no coding: aggregates only.
  var tables: [StudyTable] {
    guard !facts.themes.isEmpty else { return [] }
    return [prevalence, statisticsByTheme, sideBySide]
  }

  /// The case-level displays — a row per interviewed participant — for the evaluator's own
  /// analysis in `private/tables/`: counting their rows would give back every count the
  /// disclosure rule hides, and a rare session count would tie a person to their themes.
  var privateTables: [StudyTable] {
    guard !facts.themes.isEmpty else { return [] }
    return [caseOrdered, participantCodes]
  }

  /// People with any linked coded segment.
  private var interviewed: [String] { facts.pids.filter { facts.themesOf[$0] != nil } }

  /// Interviewed participants coded with `theme`.
  private func members(with theme: String) -> [String] {
    facts.pids.filter { facts.themesOf[$0]?.contains(theme) == true }
  }

  /// The first two columns of J1 and J2.
  private static let themeColumns = [
    StudyColumn("theme", "Theme", "string", "The theme."),
    StudyColumn(
      "participants", "Participants", "integer", "Interviewed participants coded with the theme."),
  ]

  /// The change of the wellbeing or loneliness total, by pid.
  private func change(_ scale: (instrument: Int, scale: Int)?) -> ChangeTable.ScaleChange? {
    guard let scale else { return nil }
    let instrument = facts.instruments[scale.instrument]
    return changes.first { $0.instrument.id == instrument.id && $0.scale.id == "total" }
  }

  /// T8: per theme and group, participants coded with it among those interviewed.
  var prevalence: StudyTable {
    let byGroup = facts.byGroup(interviewed)
    let grouped = Set(byGroup.flatMap(\.pids))
    let ungrouped = interviewed.filter { !grouped.contains($0) }
    let groups = byGroup.map { ($0.group as String?, $0.pids) } + [(nil, interviewed)]
    let names = byGroup.map(\.group)
    var rows: [[TableCell]] = []
    // Interviewed people in no group: in the whole-study row, published in no group's row.
    let restKey = CountKey.interviewed(group: "(no group)")
    var hidden: [CountKey: Int] = [restKey: ungrouped.count]
    var relations = [
      CountRelation(
        total: .interviewed(group: nil), parts: names.map { .interviewed(group: $0) } + [restKey])
    ]
    for theme in facts.themes {
      let themed = { (pids: [String]) in
        pids.filter { facts.themesOf[$0]?.contains(theme) == true }.count
      }
      let restThemed = CountKey.themed(theme, group: "(no group)")
      hidden[restThemed] = themed(ungrouped)
      relations.append(
        CountRelation(
          total: .themed(theme, group: nil),
          parts: names.map { .themed(theme, group: $0) } + [restThemed]))
      for (group, pids) in groups + [("(no group)", ungrouped)] {
        // Those coded with the theme are some of the group's interviewed.
        let without = CountKey("t8|not themed|\(theme)|\(group ?? "all")")
        hidden[without] = pids.count - themed(pids)
        relations.append(
          CountRelation(
            total: .interviewed(group: group), parts: [.themed(theme, group: group), without]))
      }
      for (group, pids) in groups {
        let with = themed(pids)
        let (part, whole) = (
          CountKey.themed(theme, group: group), CountKey.interviewed(group: group)
        )
        rows.append([
          .text(theme), .text(group ?? "All interviewed"), .people(with, key: part),
          .people(pids.count, key: whole), .percent(with, of: pids.count, part: part, whole: whole),
          group == nil ? .integer(facts.linkedSegments[theme] ?? 0) : .blank,
        ])
      }
      rows.append([
        .text(theme), .text("Documents linked to no one"), .blank, .blank, .blank,
        .integer(facts.unlinkedSegments[theme] ?? 0),
      ])
    }
    return StudyTable(
      id: .t8ThemePrevalence, title: "T8. Themes by group",
      columns: [
        StudyColumn("theme", "Theme", "string", "The theme."),
        StudyColumn(
          "group", "Group", "string",
          "Main group, all interviewed participants, or documents linked to no participant."),
        StudyColumn(
          "participants", "Participants with theme", "integer",
          "Interviewed participants coded with the theme."),
        StudyColumn(
          "interviewed", "Interviewed", "integer", "Participants with any coded segment."),
        StudyColumn(
          "percent", "% of interviewed", "integer",
          "Participants with the theme, as a percentage of those interviewed."),
        StudyColumn(
          "segments", "Segments", "integer",
          "Coded segments with the theme: of all interviewed participants, or in documents linked to no one."
        ),
      ], rows: rows,
      notes: [
        "Interviewed: participants with at least one coded segment linked to them. Documents "
          + "that could not be linked to a participant count only in their own row."
      ], relations: relations, hiddenCounts: hidden)
  }

  /// J1: per theme, the participants with it and their mean change in wellbeing and
  /// loneliness, and the share reliably improved in wellbeing.
  var statisticsByTheme: StudyTable {
    let wellbeing = change(facts.wellbeing)
    let loneliness = change(facts.loneliness)
    var relations: [CountRelation] = []
    var hidden: [CountKey: Int] = [:]
    let rows = facts.themes.map { theme -> [TableCell] in
      let members = Set(members(with: theme))
      let themed = CountKey.themed(theme, group: nil)
      var cells: [TableCell] = [.text(theme), .people(members.count, key: themed)]
      for (name, scale) in [("wellbeing", wellbeing), ("loneliness", loneliness)] {
        guard let scale else {
          cells += [.blank, .blank]
          continue
        }
        let pairs = scale.pairs.filter { members.contains($0.pid) }
        let key = Self.pairsKey(name, theme)
        // Those scored at both waves are some of those with the theme; for wellbeing the rest
        // is J2's "not scored" column.
        let rest =
          name == "wellbeing"
          ? Self.categoryKey("not scored", theme) : Self.pairsKey("not \(name)", theme)
        if name != "wellbeing" { hidden[rest] = members.count - pairs.count }
        relations.append(CountRelation(total: themed, parts: [key, rest]))
        let mean = Descriptive.mean(pairs.map { $0.after - $0.before })
        cells += [
          .people(pairs.count, key: key), .statistic(mean, .score, n: pairs.count, of: key),
        ]
      }
      if let wellbeing, let rule = wellbeing.scale.reliableChange {
        let pairs = wellbeing.pairs.filter { members.contains($0.pid) }
        let improved = ChangeTable.reliableChange(
          pairs, threshold: rule.threshold, scale: wellbeing.scale
        ).improved
        cells.append(
          .percent(
            improved, of: pairs.count, part: Self.categoryKey("improved", theme),
            whole: Self.pairsKey("wellbeing", theme)))
      } else {
        cells.append(.blank)
      }
      return cells
    }
    let wellbeingName = wellbeing.map { $0.instrument.id } ?? "wellbeing"
    let lonelinessName = loneliness.map { $0.instrument.id } ?? "loneliness"
    return StudyTable(
      id: .j1StatisticsByTheme, title: "J1. Change by theme",
      columns: Self.themeColumns + [
        StudyColumn(
          "wellbeing_pairs", "\(wellbeingName) pairs", "integer",
          "Of them, scored on the wellbeing instrument at both waves."),
        StudyColumn(
          "wellbeing_mean_change", "\(wellbeingName) mean change", "number",
          "Their mean change in wellbeing (last wave − first)."),
        StudyColumn(
          "loneliness_pairs", "\(lonelinessName) pairs", "integer",
          "Of them, scored on the loneliness instrument at both waves."),
        StudyColumn(
          "loneliness_mean_change", "\(lonelinessName) mean change", "number",
          "Their mean change in loneliness."),
        StudyColumn(
          "wellbeing_reliably_improved_percent", "% reliably improved", "integer",
          "Percentage of the wellbeing pairs reliably improved."),
      ], rows: rows,
      notes: [
        "Wellbeing is \(wellbeingName), loneliness \(lonelinessName) (the pipeline's "
          + "`joint_display:`). A participant counts under every theme they were coded with; "
          + "the figures describe, they do not test."
      ], relations: relations, hiddenCounts: hidden)
  }

  /// Those with `theme` scored at both waves on the wellbeing or loneliness scale (`name`).
  static func pairsKey(_ name: String, _ theme: String) -> CountKey {
    CountKey("j1|\(name) pairs|\(theme)")
  }

  /// Those with `theme` in a wellbeing change `category` (J2's columns).
  static func categoryKey(_ category: String, _ theme: String) -> CountKey {
    CountKey("j2|\(category)|\(theme)")
  }

  /// J2: participants with each theme by their wellbeing change category.
  var sideBySide: StudyTable {
    let wellbeing = change(facts.wellbeing)
    var relations: [CountRelation] = []
    let rows = facts.themes.map { theme -> [TableCell] in
      let members = members(with: theme)
      let themed = CountKey.themed(theme, group: nil)
      guard let wellbeing, let rule = wellbeing.scale.reliableChange else {
        return [.text(theme), .people(members.count, key: themed), .blank, .blank, .blank, .blank]
      }
      let memberSet = Set(members)
      let pairs = wellbeing.pairs.filter { memberSet.contains($0.pid) }
      let counts = ChangeTable.reliableChange(
        pairs, threshold: rule.threshold, scale: wellbeing.scale)
      let categories = ["improved", "unchanged", "deteriorated"]
      relations.append(
        CountRelation(
          total: Self.pairsKey("wellbeing", theme),
          parts: categories.map { Self.categoryKey($0, theme) }))
      return [
        .text(theme), .people(members.count, key: themed),
        .people(counts.improved, key: Self.categoryKey("improved", theme)),
        .people(counts.unchanged, key: Self.categoryKey("unchanged", theme)),
        .people(counts.deteriorated, key: Self.categoryKey("deteriorated", theme)),
        .people(members.count - pairs.count, key: Self.categoryKey("not scored", theme)),
      ]
    }
    return StudyTable(
      id: .j2ThemesByChange, title: "J2. Themes by change in wellbeing",
      columns: Self.themeColumns + [
        StudyColumn(
          "reliably_improved", "Reliably improved", "integer",
          "Of them, reliably improved in wellbeing."),
        StudyColumn(
          "no_reliable_change", "No reliable change", "integer", "Of them, without reliable change."
        ),
        StudyColumn(
          "reliably_deteriorated", "Reliably deteriorated", "integer",
          "Of them, reliably deteriorated."),
        StudyColumn(
          "not_scored", "Not scored at both waves", "integer",
          "Of them, without a wellbeing score at both waves."),
      ], rows: rows,
      notes: ["Change categories as in T3, on the wellbeing instrument's total."],
      relations: relations)
  }

  /// J3: interviewed participants ordered by wellbeing change, with each theme present or not.
  var caseOrdered: StudyTable {
    let wellbeing = change(facts.wellbeing)
    let loneliness = change(facts.loneliness)
    let byPid = { (scale: ChangeTable.ScaleChange?) -> [String: Double] in
      Dictionary(
        (scale?.pairs ?? []).map { ($0.pid, $0.after - $0.before) }, uniquingKeysWith: { a, _ in a }
      )
    }
    let wellbeingChange = byPid(wellbeing)
    let lonelinessChange = byPid(loneliness)
    let ordered = interviewed.sorted { a, b in
      switch (wellbeingChange[a], wellbeingChange[b]) {
      case (let x?, let y?) where x != y: return x > y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a < b
      }
    }
    let rows = ordered.map { pid -> [TableCell] in
      [
        .text(pid), wellbeingChange[pid].map { .value($0, .score) } ?? .blank,
        lonelinessChange[pid].map { .value($0, .score) } ?? .blank,
        .integer(facts.engagement[pid]?.sessionsAttended ?? 0),
      ] + facts.themes.map { .integer(facts.themesOf[pid]?.contains($0) == true ? 1 : 0) }
    }
    return StudyTable(
      id: .j3CaseOrdered, title: "J3. Participants ordered by change in wellbeing",
      columns: [
        StudyColumn("pid", "pid", "string", "The participant's pseudonym."),
        StudyColumn(
          "wellbeing_change", "Wellbeing change", "number",
          "Last wave minus first on the wellbeing instrument."),
        StudyColumn(
          "loneliness_change", "Loneliness change", "number",
          "Last wave minus first on the loneliness instrument."),
        StudyColumn("sessions_attended", "Sessions", "integer", "Sessions attended."),
      ]
        + facts.themes.map {
          StudyColumn(
            "theme_" + ColumnName.snakeCase($0), $0, "integer",
            "1 when the participant was coded with the theme \"\($0)\", else 0.")
        }, rows: rows,
      notes: [
        "One row per interviewed participant (the same people as data/themes.csv), largest "
          + "improvement in wellbeing first; participants without both scores last."
      ])
  }

  /// J4: interviewed participants by codes, 1 where coded.
  var participantCodes: StudyTable {
    let rows = interviewed.map { pid -> [TableCell] in
      [.text(pid)] + facts.codes.map { .integer(facts.codesOf[pid]?.contains($0) == true ? 1 : 0) }
    }
    return StudyTable(
      id: .j4ParticipantCodes, title: "J4. Participants by codes",
      columns: [StudyColumn("pid", "pid", "string", "The participant's pseudonym.")]
        + facts.codes.map {
          StudyColumn(
            "code_" + ColumnName.snakeCase($0), $0, "integer",
            "1 when the participant was coded with \"\($0)\", else 0.")
        }, rows: rows,
      notes: ["Quantitised codes: join on pid to data/participants.csv."])
  }
}

/// The qualitative tables: theme prevalence by group, and the joint displays that set themes
/// beside the numbers (Guetterman, Fetters & Creswell 2015) — statistics by theme, themes by
/// change category, a case-ordered matrix, and participants by codes.
struct ThemeTables {
  let facts: StudyFacts
  let changes: [ChangeTable.ScaleChange]

  /// The tables, or none when the pipeline reads no coding.
  var tables: [StudyTable] {
    guard !facts.themes.isEmpty else { return [] }
    return [prevalence, statisticsByTheme, sideBySide, caseOrdered, participantCodes]
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
    let groups =
      facts.byGroup(interviewed)
      + [("All interviewed", interviewed)]
    var rows: [[TableCell]] = []
    for theme in facts.themes {
      for (index, (name, pids)) in groups.enumerated() {
        let with = pids.filter { facts.themesOf[$0]?.contains(theme) == true }.count
        let isAll = index == groups.count - 1
        rows.append([
          .text(theme), .text(name), .people(with), .people(pids.count),
          .percent(with, of: pids.count),
          isAll ? .integer(facts.linkedSegments[theme] ?? 0) : .blank,
        ])
      }
      rows.append([
        .text(theme), .text("Documents linked to no one"), .blank, .blank, .blank,
        .integer(facts.unlinkedSegments[theme] ?? 0),
      ])
    }
    return StudyTable(
      id: "t8_theme_prevalence", title: "T8. Themes by group",
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
          "percent", "%", "integer",
          "Participants with the theme, as a percentage of those interviewed."),
        StudyColumn(
          "segments", "Segments", "integer",
          "Coded segments with the theme: of all interviewed participants, or in documents linked to no one."
        ),
      ], rows: rows,
      notes: [
        "Interviewed: participants with at least one coded segment linked to them. Documents "
          + "that could not be linked to a participant count only in their own row."
      ])
  }

  /// J1: per theme, the participants with it and their mean change in wellbeing and
  /// loneliness, and the share reliably improved in wellbeing.
  var statisticsByTheme: StudyTable {
    let wellbeing = change(facts.wellbeing)
    let loneliness = change(facts.loneliness)
    let rows = facts.themes.map { theme -> [TableCell] in
      let members = Set(members(with: theme))
      var cells: [TableCell] = [.text(theme), .people(members.count)]
      for scale in [wellbeing, loneliness] {
        guard let scale else {
          cells += [.blank, .blank]
          continue
        }
        let pairs = scale.pairs.filter { members.contains($0.pid) }
        let mean = Descriptive.mean(pairs.map { $0.after - $0.before })
        cells += [.people(pairs.count), .statistic(mean, .score, n: pairs.count)]
      }
      if let wellbeing, let rule = wellbeing.scale.reliableChange {
        let pairs = wellbeing.pairs.filter { members.contains($0.pid) }
        let improved = ChangeTable.reliableChange(
          pairs, threshold: rule.threshold, scale: wellbeing.scale
        ).improved
        cells.append(.percent(improved, of: pairs.count))
      } else {
        cells.append(.blank)
      }
      return cells
    }
    let wellbeingName = wellbeing.map { $0.instrument.id } ?? "wellbeing"
    let lonelinessName = loneliness.map { $0.instrument.id } ?? "loneliness"
    return StudyTable(
      id: "j1_statistics_by_theme", title: "J1. Change by theme",
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
      ])
  }

  /// J2: participants with each theme by their wellbeing change category.
  var sideBySide: StudyTable {
    let wellbeing = change(facts.wellbeing)
    let rows = facts.themes.map { theme -> [TableCell] in
      let members = members(with: theme)
      guard let wellbeing, let rule = wellbeing.scale.reliableChange else {
        return [.text(theme), .people(members.count), .blank, .blank, .blank, .blank]
      }
      let memberSet = Set(members)
      let pairs = wellbeing.pairs.filter { memberSet.contains($0.pid) }
      let counts = ChangeTable.reliableChange(
        pairs, threshold: rule.threshold, scale: wellbeing.scale)
      return [
        .text(theme), .people(members.count), .people(counts.improved),
        .people(counts.unchanged), .people(counts.deteriorated),
        .people(members.count - pairs.count),
      ]
    }
    return StudyTable(
      id: "j2_themes_by_change", title: "J2. Themes by change in wellbeing",
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
      notes: ["Change categories as in T3, on the wellbeing instrument's total."])
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
      id: "j3_case_ordered", title: "J3. Participants ordered by change in wellbeing",
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
            "theme_" + ReleaseTables.snakeCase($0), $0, "integer",
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
      id: "j4_participant_codes", title: "J4. Participants by codes",
      columns: [StudyColumn("pid", "pid", "string", "The participant's pseudonym.")]
        + facts.codes.map {
          StudyColumn(
            "code_" + ReleaseTables.snakeCase($0), $0, "integer",
            "1 when the participant was coded with \"\($0)\", else 0.")
        }, rows: rows,
      notes: ["Quantitised codes: join on pid to data/participants.csv."])
  }
}

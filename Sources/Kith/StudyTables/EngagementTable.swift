/// T2: engagement by group — sessions attended, tenure, retention at weeks 4, 8 and 12, and
/// isolation in the group.
struct EngagementTable {
  let facts: StudyFacts

  static let columns: [StudyColumn] =
    [
      StudyColumn(
        "group", "Group", "string", "The participants' main group, or all who attended."),
      StudyColumn(
        "participants", "Participants", "integer", "People who attended at least one session."),
      StudyColumn(
        "sessions_median", "Sessions (median)", "number", "Median sessions attended."),
      StudyColumn(
        "sessions_q1", "Sessions Q1", "number", "First quartile of sessions attended."),
      StudyColumn(
        "sessions_q3", "Sessions Q3", "number", "Third quartile of sessions attended."),
      StudyColumn(
        "tenure_median_days", "Tenure (median days)", "number",
        "Median days from first to last session attended."),
      StudyColumn(
        "tenure_q1_days", "Tenure Q1", "number", "First quartile of tenure in days."),
      StudyColumn(
        "tenure_q3_days", "Tenure Q3", "number", "Third quartile of tenure in days."),
    ]
    + Engagement.retentionWeeks.flatMap { week in
      [
        StudyColumn(
          "could_w\(week)", "Could stay \(week) wk", "integer",
          "People whose first session was at least \(week) weeks before the study's last day: "
            + "those who could have been retained at week \(week)."),
        StudyColumn(
          "retained_w\(week)", "Retained wk \(week)", "integer",
          "People attending \(week) weeks or more after their first session."),
        StudyColumn(
          "retained_w\(week)_percent", "% of could stay \(week) wk", "integer",
          "Percentage retained at week \(week), of those who could have been."),
      ]
    }
    + [
      StudyColumn(
        "isolated", "Isolated", "integer",
        "People isolated in their group (docs/measures.md), where measured."),
      StudyColumn(
        "isolated_percent", "% of measured", "integer",
        "Percentage isolated, of those who attended enough sessions to be measured."),
    ]

  var table: StudyTable {
    let attended = facts.pids.filter { facts.engagement[$0] != nil }
    let groups = facts.byGroup(attended)
    var relations: [CountRelation] = []
    var hidden: [CountKey: Int] = [:]
    let columns = groups.map { ($0.group as String?, $0.pids) } + [(nil, attended)]
    let rows = columns.map { group, pids -> [TableCell] in
      let engagements = pids.compactMap { facts.engagement[$0] }
      let n = engagements.count
      let people = group.map { CountKey.participants(group: $0) } ?? .attended
      let sessions = Descriptive(engagements.map { Double($0.sessionsAttended) })
      let tenure = Descriptive(engagements.map { Double($0.lastDay - $0.firstDay) })
      var cells: [TableCell] = [
        .text(group ?? "All who attended"), .people(n, key: people),
        .statistic(sessions.median, .amount, n: n, of: people),
        .statistic(sessions.q1, .amount, n: n, of: people),
        .statistic(sessions.q3, .amount, n: n, of: people),
        .statistic(tenure.median, .amount, n: n, of: people),
        .statistic(tenure.q1, .amount, n: n, of: people),
        .statistic(tenure.q3, .amount, n: n, of: people),
      ]
      // Those who could stay to week 12 could stay to week 8, and to week 4; the retained at
      // each week are some of those who could be, and of the retained a week before: nested
      // counts, each an identity the disclosure control keeps whole.
      var couldBefore = (key: people, count: n)
      var retainedBefore: (key: CountKey, count: Int)?
      for week in Engagement.retentionWeeks {
        let could = engagements.filter { engagement in
          facts.lastDay.map { engagement.couldBeRetained(week: week, studyEnd: $0) } ?? false
        }
        let retained = could.filter { $0.isRetained(week: week) }.count
        let couldKey = Self.key("could w\(week)", group)
        let key = Self.key("retained w\(week)", group)
        hidden[Self.key("could not w\(week)", group)] = couldBefore.count - could.count
        hidden[Self.key("not retained w\(week)", group)] = could.count - retained
        relations += [
          CountRelation(
            total: couldBefore.key, parts: [couldKey, Self.key("could not w\(week)", group)]),
          CountRelation(total: couldKey, parts: [key, Self.key("not retained w\(week)", group)]),
        ]
        if let before = retainedBefore {
          hidden[Self.key("left before w\(week)", group)] = before.count - retained
          relations.append(
            CountRelation(total: before.key, parts: [key, Self.key("left before w\(week)", group)]))
        }
        cells += [
          .people(could.count, key: couldKey), .people(retained, key: key),
          .percent(retained, of: could.count, part: key, whole: couldKey),
        ]
        couldBefore = (couldKey, could.count)
        retainedBefore = (key, retained)
      }
      let measured = pids.compactMap { facts.isolated[$0] }
      let isolated = measured.filter { $0 }.count
      let (isolatedKey, measuredKey) = (Self.key("isolated", group), Self.key("measured", group))
      hidden[measuredKey] = measured.count
      hidden[Self.key("not measured", group)] = n - measured.count
      hidden[Self.key("not isolated", group)] = measured.count - isolated
      relations += [
        CountRelation(total: people, parts: [measuredKey, Self.key("not measured", group)]),
        CountRelation(total: measuredKey, parts: [isolatedKey, Self.key("not isolated", group)]),
      ]
      return cells + [
        .people(isolated, key: isolatedKey),
        .percent(isolated, of: measured.count, part: isolatedKey, whole: measuredKey),
      ]
    }
    // Every attender has a main group: the groups add up to everyone who attended.
    let names = groups.map(\.group)
    relations.append(
      CountRelation(total: .attended, parts: names.map { .participants(group: $0) }))
    let weekly = Engagement.retentionWeeks.flatMap { ["could w\($0)", "retained w\($0)"] }
    for measure in ["isolated", "measured"] + weekly {
      relations.append(
        CountRelation(total: Self.key(measure, nil), parts: names.map { Self.key(measure, $0) }))
    }
    return StudyTable(
      id: .t2Engagement, title: "T2. Engagement by group", columns: Self.columns, rows: rows,
      notes: [
        "Participants who attended at least one session, by main group. Retained at week N: "
          + "attended N weeks or more after their first session, as a percentage of those who "
          + "could have been — whose first session was at least N weeks before the study's last "
          + "day\(lastDayWords). Isolation is measured once a "
          + "participant has attended enough sessions (docs/measures.md); its percentage is of "
          + "those measured."
      ], relations: relations, hiddenCounts: hidden)
  }

  /// The people of `group` (`nil`: everyone who attended) counted by `measure`.
  static func key(_ measure: String, _ group: String?) -> CountKey {
    CountKey("t2|\(measure)|" + (group ?? "all"))
  }

  /// The study's last day in the note, no more precisely than `dates:` releases dates: the day,
  /// its month, or (days since first attendance) not at all.
  private var lastDayWords: String {
    guard let day = facts.lastDay else { return "" }
    switch facts.dates {
    case .exact: return " (\(CivilDate.iso(day)))"
    case .month: return " (in \(CivilDate.iso(day).prefix(7)))"
    case .daysSinceFirst: return ""
    }
  }
}

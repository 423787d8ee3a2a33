/// T2: engagement by group — sessions attended, tenure, retention at weeks 4, 8 and 12, and
/// isolation in the group.
struct EngagementTable {
  let facts: StudyFacts

  static let columns: [StudyColumn] = [
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
    StudyColumn(
      "retained_w4", "Retained wk 4", "integer",
      "People attending 4 weeks or more after their first session."),
    StudyColumn("retained_w4_percent", "%", "integer", "Percentage retained at week 4."),
    StudyColumn(
      "retained_w8", "Retained wk 8", "integer",
      "People attending 8 weeks or more after their first session."),
    StudyColumn("retained_w8_percent", "%", "integer", "Percentage retained at week 8."),
    StudyColumn(
      "retained_w12", "Retained wk 12", "integer",
      "People attending 12 weeks or more after their first session."),
    StudyColumn("retained_w12_percent", "%", "integer", "Percentage retained at week 12."),
    StudyColumn(
      "isolated", "Isolated", "integer",
      "People isolated in their group (docs/measures.md), where measured."),
    StudyColumn(
      "isolated_percent", "%", "integer", "Percentage of those measured who are isolated."),
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
      // Retained at week 12 are retained at week 8, and those at week 4: nested counts.
      var outer = (key: people, count: n)
      for week in Engagement.retentionWeeks.indices {
        let retained = engagements.filter { $0.retained[week] }.count
        let key = Self.key("retained w\(Engagement.retentionWeeks[week])", group)
        let lost = Self.key("not retained w\(Engagement.retentionWeeks[week])", group)
        hidden[lost] = outer.count - retained
        relations.append(CountRelation(total: outer.key, parts: [key, lost]))
        cells += [.people(retained, key: key), .percent(retained, of: n, part: key, whole: people)]
        outer = (key, retained)
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
    for measure in ["isolated", "measured"] + Engagement.retentionWeeks.map({ "retained w\($0)" }) {
      relations.append(
        CountRelation(total: Self.key(measure, nil), parts: names.map { Self.key(measure, $0) }))
    }
    return StudyTable(
      id: "t2_engagement", title: "T2. Engagement by group", columns: Self.columns, rows: rows,
      notes: [
        "Participants who attended at least one session, by main group. Retention counts "
          + "everyone who attended, including those who joined too close to the study's end to "
          + "be retained; isolation is measured once a participant has attended enough sessions "
          + "(docs/measures.md)."
      ], relations: relations, hiddenCounts: hidden)
  }

  /// The people of `group` (`nil`: everyone who attended) counted by `measure`.
  static func key(_ measure: String, _ group: String?) -> CountKey {
    CountKey("t2|\(measure)|" + (group ?? "all"))
  }
}

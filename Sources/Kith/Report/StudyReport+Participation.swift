/// The report's sections on who took part and how: the study at a glance, the participant
/// flow, engagement and isolation.
extension StudyReport {

  var glance: ReportSection? {
    var facts: [(String, String)] = [("Study", source.study)]
    if let sessions = ReportTable(source.sessions), sessions.header.contains("session_date") {
      let dates = sessions.rows.map { sessions.text($0, "session_date") }.filter { !$0.isEmpty }
      if let first = dates.min(), let last = dates.max() {
        facts.append(("Sessions from", "\(first) to \(last)"))
      }
    }
    if let groups = ReportTable(source.groups) {
      facts.append(("Groups", String(groups.rows.count)))
      let held = groups.rows.compactMap { Int(groups.text($0, "sessions_held")) }
      facts.append(("Sessions held", String(held.reduce(0, +))))
    }
    if let flow = table(.t9ParticipantFlow) {
      for row in flow.rows where flow.text(row, "instrument").isEmpty {
        facts.append((Self.capitalised(flow.text(row, "stage")), flow.text(row, "n")))
      }
    }
    guard facts.count > 1 else { return nil }
    return ReportSection(
      id: "glance", title: "The study at a glance",
      paragraphs: [
        "Counts of people are shown as the study tables publish them, under the disclosure rule "
          + "described under Methods: rounded, or * where a count is too small to show."
      ], facts: facts)
  }

  var flow: ReportSection? {
    guard let flow = table(.t9ParticipantFlow) else { return nil }
    let stages = flow.rows.filter { flow.text($0, "instrument").isEmpty }
    let analysed = flow.rows.filter { !flow.text($0, "instrument").isEmpty }
    var section = ReportSection(id: "flow", title: "Participant flow")
    let diagram = FlowDiagram(
      stages: stages.map { (Self.capitalised(flow.text($0, "stage")), flow.cell($0, "n")) })
    section.charts.append(
      ReportChart(
        id: "chart-flow", title: "Who took part, from first contact to analysis",
        summary: "Each box is a stage of the study, with the number of people who reached it; "
          + "each stage is a subset of the one above.",
        svg: diagram.svg(title: "Participant flow", describedBy: "chart-flow-summary"),
        columns: ["Stage", "People", "% of everyone"],
        rows: stages.map {
          [Self.capitalised(flow.text($0, "stage")), flow.text($0, "n"), flow.text($0, "percent")]
        }))
    if !analysed.isEmpty {
      section.tables.append(
        (
          "Analysed, per scale: people with a score at both waves",
          ["Instrument", "Scale", "People", "% of everyone"],
          analysed.map {
            [
              flow.text($0, "instrument"), flow.text($0, "scale"), flow.text($0, "n"),
              flow.text($0, "percent"),
            ]
          }
        ))
    }
    return section
  }

  var engagement: ReportSection? {
    guard let table = table(.t2Engagement), !table.rows.isEmpty else { return nil }
    var section = ReportSection(id: "engagement", title: "Engagement")
    let (drawn, note) = drawnRows(table, column: "group")
    if let note { section.paragraphs.append(note) }
    let t2 = ReportTable(header: table.header, rows: drawn)
    let groups = t2.rows.map { t2.text($0, "group") }
    let weeks = ["w4", "w8", "w12"]
    let retention = BarChart(
      categories: groups,
      series: weeks.map { week in
        ("Week \(week.dropFirst())", t2.rows.map { t2.cell($0, "retained_\(week)_percent") })
      }, unit: "%", axisMaximum: 100)
    section.charts.append(
      ReportChart(
        id: "chart-retention", title: "Still attending at 4, 8 and 12 weeks",
        summary: "For each group, the percentage of those who could have stayed N weeks who "
          + "attended N weeks or more after their first session.",
        svg: retention.svg(title: "Retention by group", describedBy: "chart-retention-summary"),
        columns: ["Group"] + weeks.flatMap { ["Could stay \($0)", "Stayed \($0)", "% \($0)"] },
        rows: t2.rows.map { row in
          [t2.text(row, "group")]
            + weeks.flatMap { week in
              [
                t2.text(row, "could_\(week)"), t2.text(row, "retained_\(week)"),
                t2.text(row, "retained_\(week)_percent"),
              ]
            }
        }))
    let sessions = DotIntervalChart(
      rows: groups,
      series: [
        (
          "Median (quartiles)",
          t2.rows.map { t2.estimate($0, "sessions_median", "sessions_q1", "sessions_q3") }
        )
      ], unit: "sessions attended", markZero: false)
    section.charts.append(
      ReportChart(
        id: "chart-sessions", title: "Sessions attended per person",
        summary: "The median number of sessions a member attended, with the lower and upper "
          + "quartiles: half of the members attended between the two.",
        svg: sessions.svg(title: "Sessions attended", describedBy: "chart-sessions-summary"),
        columns: ["Group", "People", "Median", "Lower quartile", "Upper quartile"],
        rows: t2.rows.map { row in
          ["group", "participants", "sessions_median", "sessions_q1", "sessions_q3"].map {
            t2.text(row, $0)
          }
        }))
    if let distribution = sessionsDistribution { section.charts.append(distribution) }
    if let weekly = attendanceByWeek { section.charts.append(weekly) }
    if let strip = sessionsByMonth { section.charts.append(strip) }
    if let groupFile = ReportTable(source.groups), groupFile.rows.count > Self.groupsDrawn {
      let held = groupFile.rows.compactMap { Int(groupFile.text($0, "sessions_held")) }.sorted()
      if let first = held.first, let last = held.last {
        section.facts.append(
          (
            "Sessions held per group",
            "median \(Fixed.format(Self.median(held), decimals: 1)) (from \(first) to \(last))"
          ))
      }
    } else if let groupFile = ReportTable(source.groups) {
      section.tables.append(
        (
          "Sessions held by each group", ["Group", "Sessions held"],
          groupFile.rows.map { [groupFile.text($0, "group"), groupFile.text($0, "sessions_held")] }
        ))
    }
    return section
  }

  var isolation: ReportSection? {
    let t2 = table(.t2Engagement).map { table in
      ReportTable(header: table.header, rows: drawnRows(table, column: "group").rows)
    }
    let t3 = table(.t3Change)
    let lonely = t3.map { t3 in t3.rows.filter { Self.isLoneliness(t3.text($0, "instrument")) } }
    guard let t2, t2.header.contains("isolated_percent") || !(lonely ?? []).isEmpty else {
      return nil
    }
    var section = ReportSection(id: "isolation", title: "Isolation")
    section.paragraphs.append(
      "Two views of isolation: whether members have few regular peers in their group (from who "
        + "attended which sessions together), and how lonely they said they were in the surveys.")
    let chart = BarChart(
      categories: t2.rows.map { t2.text($0, "group") },
      series: [("Isolated in group", t2.rows.map { t2.cell($0, "isolated_percent") })],
      unit: "%", axisMaximum: 100)
    section.charts.append(
      ReportChart(
        id: "chart-isolated", title: "Members isolated in their group",
        summary: "The percentage of members measured (after enough sessions) who had at most "
          + "one regular peer.",
        svg: chart.svg(title: "Isolated in group", describedBy: "chart-isolated-summary"),
        columns: ["Group", "Isolated", "% of measured"],
        rows: t2.rows.map {
          [t2.text($0, "group"), t2.text($0, "isolated"), t2.text($0, "isolated_percent")]
        }))
    if let t3, let lonely, !lonely.isEmpty {
      section.tables.append(
        (
          "Loneliness and social connection in the surveys",
          ["Scale", "People", "Baseline mean", "Follow-up mean", "Mean change", "95% CI"],
          lonely.map { row in
            [
              Self.measureName(t3.text(row, "measure")), t3.text(row, "n_pairs"),
              t3.text(row, "baseline_mean"), t3.text(row, "followup_mean"),
              t3.text(row, "mean_change"),
              "\(t3.text(row, "change_ci_low")) to \(t3.text(row, "change_ci_high"))",
            ]
          }
        ))
    }
    return section
  }

  /// The median of `sorted`.
  static func median(_ sorted: [Int]) -> Double {
    let middle = sorted.count / 2
    return sorted.count % 2 == 1
      ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
  }

  static func isLoneliness(_ instrument: String) -> Bool {
    ["ucla3", "ons_loneliness", "djg6", "djg11", "lsns6"].contains(instrument)
  }
}

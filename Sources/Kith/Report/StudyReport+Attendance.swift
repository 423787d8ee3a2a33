/// The report's charts of attendance: how many sessions people attended (T10), how many came
/// each week (T12), and how many sessions each group held each month.
extension StudyReport {
  /// How many sessions everyone who attended attended, in T10's bands.
  var sessionsDistribution: ReportChart? {
    guard let t10 = table(.t10SessionsAttended) else { return nil }
    let all = t10.rows.filter { t10.text($0, "group") == "All who attended" }
    guard !all.isEmpty else { return nil }
    let histogram = Histogram(
      bins: all.map { t10.text($0, "sessions_attended") },
      counts: all.map { t10.cell($0, "participants") }, unit: "sessions attended")
    let (drawn, _) = drawnRows(t10, column: "group")
    return ReportChart(
      id: "chart-attended", title: "How many sessions people attended",
      summary: "Everyone who attended at least one session, by the number of sessions they "
        + "attended; a band withheld under the disclosure rule shows * and no bar.",
      svg: histogram.svg(title: "Sessions attended", describedBy: "chart-attended-summary"),
      columns: ["Group", "Sessions attended", "People"],
      rows: drawn.map { row in
        ["group", "sessions_attended", "participants"].map { t10.text(row, $0) }
      })
  }

  /// Sessions held per month by each group, from `data/sessions.csv` (no count of people);
  /// `nil` without dated sessions or for more than ``groupsDrawn`` groups.
  var sessionsByMonth: ReportChart? {
    guard let sessions = ReportTable(source.sessions), sessions.header.contains("session_date")
    else { return nil }
    var groups: [String] = []
    var counts: [String: [String: Int]] = [:]
    for row in sessions.rows {
      let (group, month) = (
        sessions.text(row, "group"), String(sessions.text(row, "session_date").prefix(7))
      )
      guard !month.isEmpty else { continue }
      if counts[group] == nil { groups.append(group) }
      counts[group, default: [:]][month, default: 0] += 1
    }
    guard !groups.isEmpty, groups.count <= Self.groupsDrawn else { return nil }
    let months = Set(counts.values.flatMap(\.keys)).sorted()
    let values = groups.map { group in months.map { counts[group]?[$0] ?? 0 } }
    let strip = HeatStrip(rows: groups, columns: months, values: values)
    return ReportChart(
      id: "chart-held", title: "Sessions held each month",
      summary: "How many sessions each group held in each calendar month; darker is more.",
      svg: strip.svg(title: "Sessions held by month", describedBy: "chart-held-summary"),
      columns: ["Group"] + months, rows: zip(groups, values).map { [$0] + $1.map(String.init) })
  }

  /// People attending each week, a line per group (T12); `nil` without T12 or for more than
  /// ``groupsDrawn`` groups (the table has them all).
  var attendanceByWeek: ReportChart? {
    guard let t12 = table(.t12AttendanceByWeek), !t12.rows.isEmpty else { return nil }
    var groups: [String] = []
    var values: [String: [Int: ChartCell]] = [:]
    var weeks: Set<Int> = []
    for row in t12.rows {
      let (group, week) = (t12.text(row, "group"), Int(t12.text(row, "week")) ?? 0)
      if values[group] == nil { groups.append(group) }
      values[group, default: [:]][week] = t12.cell(row, "participants")
      weeks.insert(week)
    }
    guard groups.count <= Self.groupsDrawn else { return nil }
    let ordered = weeks.sorted()
    let cell = { (group: String, week: Int) in values[group]?[week] ?? .withheld(text: "") }
    let chart = LineChart(
      positions: ordered.map(Double.init),
      series: groups.map { group in (group, ordered.map { cell(group, $0) }) },
      across: "week of the study", unit: "people")
    return ReportChart(
      id: "chart-weekly", title: "People attending each week",
      summary: "How many members of each group came to at least one session in each week of "
        + "the study (week 1 begins on the first day anyone attended). A week withheld under "
        + "the disclosure rule is not drawn and breaks the line.",
      svg: chart.svg(title: "Attendance by week", describedBy: "chart-weekly-summary"),
      columns: ["Week"] + groups,
      rows: ordered.map { week in [String(week)] + groups.map { cell($0, week).text } })
  }
}

/// The report's section on the coded interviews: theme prevalence and the joint display.
extension StudyReport {

  var themes: ReportSection? {
    guard let t8 = table(.t8ThemePrevalence), !t8.rows.isEmpty else { return nil }
    var section = ReportSection(id: "themes", title: "What members said")
    let (drawn, note) = drawnRows(t8, column: "group")
    if let note { section.paragraphs.append(note) }
    let rows = drawn.filter { !t8.text($0, "interviewed").isEmpty }
    var themes: [String] = []
    var groups: [String] = []
    for row in rows {
      let (theme, group) = (t8.text(row, "theme"), t8.text(row, "group"))
      if !themes.contains(theme) { themes.append(theme) }
      if !groups.contains(group) { groups.append(group) }
    }
    let percent = { (theme: String, group: String) -> ChartCell in
      rows.first { t8.text($0, "theme") == theme && t8.text($0, "group") == group }
        .map { t8.cell($0, "percent") } ?? .withheld(text: "")
    }
    let chart = BarChart(
      categories: themes,
      series: groups.map { group in (group, themes.map { percent($0, group) }) }, unit: "%",
      axisMaximum: 100)
    section.charts.append(
      ReportChart(
        id: "chart-themes", title: "How many interviewed members raised each theme",
        summary: "For each theme of the coded interviews, the percentage of the members "
          + "interviewed whose interview was coded with it.",
        svg: chart.svg(title: "Theme prevalence", describedBy: "chart-themes-summary"),
        columns: ["Theme", "Group", "People", "Interviewed", "%"],
        rows: rows.map { row in
          ["theme", "group", "participants", "interviewed", "percent"].map { t8.text(row, $0) }
        }))
    if let j2 = table(.j2ThemesByChange), !j2.rows.isEmpty {
      let (parts, columns) = (Self.reliableChange.map(\.part), Self.reliableChange.map(\.column))
      let joint = StackedBarChart(
        rows: j2.rows.map { j2.text($0, "theme") }, parts: parts,
        values: j2.rows.map { row in columns.map { j2.cell(row, $0) } })
      section.charts.append(
        ReportChart(
          id: "chart-joint", title: "Themes beside reliable change in wellbeing",
          summary: "For the members coded with each theme, how many reliably improved, did not "
            + "reliably change, or reliably deteriorated. A bar with a part withheld under the "
            + "disclosure rule is not drawn.",
          svg: joint.svg(title: "Themes by change", describedBy: "chart-joint-summary"),
          columns: ["Theme", "People"] + parts + ["Not scored"],
          rows: j2.rows.map { row in
            [j2.text(row, "theme"), j2.text(row, "participants")] + columns.map { j2.text(row, $0) }
              + [j2.text(row, "not_scored")]
          }))
    }
    return section
  }
}

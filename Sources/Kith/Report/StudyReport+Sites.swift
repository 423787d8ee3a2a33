/// The report's section on the sites of a merged study (T13): each site's people side by side
/// with the study's, as the disclosure rule lets the table show them.
extension StudyReport {
  var sites: ReportSection? {
    guard let t13 = table(.t13Sites), !t13.rows.isEmpty else { return nil }
    let measures = t13.header.dropFirst().map { $0 }
    let labels = measures.map { column in
      column == "participants"
        ? "Participants"
        : column == "attended"
          ? "Attended"
          : "Responded at "
            + column.dropFirst("responded_".count)
    }
    let sites = t13.rows.filter { t13.text($0, "site") != "All sites" }
    let chart = BarChart(
      categories: sites.map { t13.text($0, "site") },
      series: zip(measures, labels).map { column, label in
        (label, sites.map { t13.cell($0, column) })
      }, unit: "people")
    return ReportSection(
      id: "sites", title: "Sites side by side",
      paragraphs: [
        "The study was merged from the releases of \(sites.count) sites. A person released by "
          + "more than one site counts once in the study, so the sites add up to more than All "
          + "sites. A site's count too small to show is * here as in every table."
      ],
      charts: [
        ReportChart(
          id: "chart-sites", title: "People at each site",
          summary: "Participants, those who attended a session and those who responded at each "
            + "wave, by site; a count withheld under the disclosure rule shows * and no bar.",
          svg: chart.svg(title: "People at each site", describedBy: "chart-sites-summary"),
          columns: ["Site"] + labels,
          rows: t13.rows.map { row in [t13.text(row, "site")] + measures.map { t13.text(row, $0) } }
        )
      ])
  }
}

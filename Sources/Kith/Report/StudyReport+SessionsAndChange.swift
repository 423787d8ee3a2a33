/// The report's section on sessions and change: the slope of change on sessions attended (T4)
/// and the change of each band of sessions attended (T11).
extension StudyReport {
  var doseResponse: ReportSection? {
    let bands = table(.t11ChangeBySessions)
    guard let t4 = table(.t4DoseResponse), !t4.rows.isEmpty else {
      guard let bands, !bands.rows.isEmpty else { return nil }
      var section = ReportSection(id: "dose", title: "Sessions and change")
      section.charts += changeByBand(bands)
      return section
    }
    var section = ReportSection(id: "dose", title: "Sessions and change")
    section.paragraphs.append(
      "Whether people who attended more sessions between their surveys changed more: the change "
        + "in score per session attended, from all who answered both waves (never one dot per "
        + "person), before and after allowing for the score at baseline. Each row is in its "
        + "own scale's points.")
    let estimate = { (row: [String], prefix: String) in
      t4.estimate(
        row, "\(prefix)slope_per_session", "\(prefix)slope_ci_low", "\(prefix)slope_ci_high")
    }
    let chart = DotIntervalChart(
      rows: t4.rows.map { Self.measureName(t4.text($0, "measure")) },
      series: [
        ("Per session", t4.rows.map { estimate($0, "") }),
        ("Adjusted for baseline", t4.rows.map { estimate($0, "adjusted_") }),
      ], unit: "change in score per session attended", markZero: true)
    section.charts.append(
      ReportChart(
        id: "chart-dose", title: "Change per session attended",
        summary: "The slope of change on sessions attended, with its 95% confidence interval, "
          + "unadjusted and adjusted for the baseline score.",
        svg: chart.svg(title: "Change per session", describedBy: "chart-dose-summary"),
        columns: [
          "Scale", "People", "Spearman's rho", "Slope", "95% CI", "Adjusted slope",
          "95% CI",
        ],
        rows: t4.rows.map { row in
          [
            Self.measureName(t4.text(row, "measure")), t4.text(row, "n_pairs"),
            t4.text(row, "spearman_rho"), t4.text(row, "slope_per_session"),
            "\(t4.text(row, "slope_ci_low")) to \(t4.text(row, "slope_ci_high"))",
            t4.text(row, "adjusted_slope_per_session"),
            "\(t4.text(row, "adjusted_slope_ci_low")) to \(t4.text(row, "adjusted_slope_ci_high"))",
          ]
        }))
    if let bands { section.charts += changeByBand(bands) }
    return section
  }

  /// T11 as charts: for every total scale, the mean change of each band of sessions attended
  /// between the surveys, with its 95% CI; a band with no one in it is left out, a withheld
  /// one says so.
  func changeByBand(_ t11: ReportTable) -> [ReportChart] {
    var scales: [String] = []
    for row in t11.rows where t11.text(row, "scale") == "total" {
      let instrument = t11.text(row, "instrument")
      if !scales.contains(instrument) { scales.append(instrument) }
    }
    return scales.map { instrument in
      let rows = t11.rows.filter {
        t11.text($0, "instrument") == instrument && t11.text($0, "scale") == "total"
          && t11.text($0, "n_pairs") != "0"
      }
      let name = Self.measureName(rows.first.map { t11.text($0, "measure") } ?? instrument)
      let chart = DotIntervalChart(
        rows: rows.map { "\(t11.text($0, "sessions_between_surveys")) sessions" },
        series: [
          (
            "Mean change (95% CI)",
            rows.map { t11.estimate($0, "mean_change", "change_ci_low", "change_ci_high") }
          )
        ], unit: "mean change in score", markZero: true)
      let id = "chart-dose-bands-\(instrument)"
      return ReportChart(
        id: id, title: "\(name): change by sessions attended between surveys",
        summary: "The mean change of the people in each band of sessions attended between "
          + "their two surveys, with its 95% confidence interval — groups of people, never one "
          + "person; a band withheld under the disclosure rule is not drawn.",
        svg: chart.svg(title: "\(name) change by sessions", describedBy: "\(id)-summary"),
        columns: ["Sessions between surveys", "People", "Mean change", "95% CI"],
        rows: rows.map { row in
          [
            t11.text(row, "sessions_between_surveys"), t11.text(row, "n_pairs"),
            t11.text(row, "mean_change"),
            "\(t11.text(row, "change_ci_low")) to \(t11.text(row, "change_ci_high"))",
          ]
        })
    }
  }
}

/// The report's section on change from the first to the last wave.
extension StudyReport {

  var outcomes: ReportSection? {
    guard let t3 = table(.t3Change), !t3.rows.isEmpty else { return nil }
    var section = ReportSection(id: "outcomes", title: "Outcomes")
    section.paragraphs.append(
      "Change from the first to the last survey wave of the people who answered both. Change "
        + "without a comparison group is not an effect of the groups: people join at a low point "
        + "and many improve with time.")
    let measures = t3.rows.map { Self.measureName(t3.text($0, "measure")) }
    let effect = DotIntervalChart(
      rows: measures,
      series: [
        (
          "d_z (95% CI)",
          t3.rows.map { t3.estimate($0, "d_z", "d_z_ci_low", "d_z_ci_high") }
        )
      ], unit: "standardised mean change (d_z)", markZero: true)
    section.charts.append(
      ReportChart(
        id: "chart-effect", title: "Standardised change on every scale",
        summary: "Mean change divided by the standard deviation of change (d_z), with its 95% "
          + "confidence interval; right of zero is a rise in the score, which is an improvement "
          + "on scales where higher is better.",
        svg: effect.svg(title: "Standardised change", describedBy: "chart-effect-summary"),
        columns: ["Scale", "People", "Mean change", "95% CI", "d_z", "d_z 95% CI"],
        rows: t3.rows.map { row in
          [
            Self.measureName(t3.text(row, "measure")), t3.text(row, "n_pairs"),
            t3.text(row, "mean_change"),
            "\(t3.text(row, "change_ci_low")) to \(t3.text(row, "change_ci_high"))",
            t3.text(row, "d_z"),
            "\(t3.text(row, "d_z_ci_low")) to \(t3.text(row, "d_z_ci_high"))",
          ]
        }))
    for row in t3.rows where t3.text(row, "scale") == "total" {
      section.charts.append(means(t3, row))
    }
    let reliable = t3.rows.filter { !t3.text($0, "rci_threshold").isEmpty }
    if !reliable.isEmpty {
      let (parts, columns) = (Self.reliableChange.map(\.part), Self.reliableChange.map(\.column))
      let chart = StackedBarChart(
        rows: reliable.map { Self.measureName(t3.text($0, "measure")) }, parts: parts,
        values: reliable.map { row in columns.map { t3.cell(row, $0) } })
      section.charts.append(
        ReportChart(
          id: "chart-reliable", title: "Reliable change",
          summary: "People whose change was larger than the scale's reliable change threshold "
            + "(better or worse), and those whose change was within it. A bar with a part "
            + "withheld under the disclosure rule is not drawn.",
          svg: chart.svg(title: "Reliable change", describedBy: "chart-reliable-summary"),
          columns: ["Scale", "Threshold"] + parts,
          rows: reliable.map { row in
            [Self.measureName(t3.text(row, "measure")), t3.text(row, "rci_threshold")]
              + columns.map { t3.text(row, $0) }
          }))
    }
    if let t7 = table(.t7ClinicalChange), !t7.rows.isEmpty {
      section.tables.append(
        (
          "Clinical cut-offs: cases at each wave, and recovery where the cut-off is a clinical one",
          [
            "Scale", "Cut-off", "People", "Cases at baseline", "Cases at follow-up", "Recovered",
            "% recovered",
          ],
          t7.rows.map { row in
            [Self.measureName(t7.text(row, "measure"))]
              + [
                "cutoff", "n_pairs", "cases_baseline", "cases_followup", "recovered",
                "recovered_percent",
              ].map { t7.text(row, $0) }
          }
        ))
    }
    return section
  }

  /// The baseline and follow-up means of T3's `row`, each with a 95% interval from its
  /// published mean, SD and number of people.
  func means(_ t3: ReportTable, _ row: [String]) -> ReportChart {
    let n = Double(t3.text(row, "n_pairs"))
    let estimate = { (wave: String) -> DotIntervalChart.Estimate in
      let mean = t3.cell(row, "\(wave)_mean")
      guard let value = mean.number, let sd = Double(t3.text(row, "\(wave)_sd")), let n, n > 1
      else { return .init(value: mean, low: .withheld(text: ""), high: .withheld(text: "")) }
      let half = Distributions.tCritical(alpha: 0.05, df: n - 1) * sd / n.squareRoot()
      return .init(
        value: mean, low: .value(value - half, text: Fixed.format(value - half, decimals: 1)),
        high: .value(value + half, text: Fixed.format(value + half, decimals: 1)))
    }
    let name = Self.measureName(t3.text(row, "measure"))
    let instrument = t3.text(row, "instrument")
    let waves = [("Baseline", estimate("baseline")), ("Follow-up", estimate("followup"))]
    let chart = DotIntervalChart(
      rows: waves.map(\.0), series: [("Mean (95% CI)", waves.map(\.1))], unit: name,
      markZero: false)
    return ReportChart(
      id: "chart-means-\(instrument)", title: "\(name): mean at baseline and follow-up",
      summary: "The mean score of the people who answered both waves, with a 95% confidence "
        + "interval computed from the published mean, standard deviation and number of people.",
      svg: chart.svg(title: "\(name) means", describedBy: "chart-means-\(instrument)-summary"),
      columns: ["Wave", "People", "Mean", "SD", "95% CI"],
      rows: waves.map { wave, estimate in
        let key = wave == "Baseline" ? "baseline" : "followup"
        return [
          wave, t3.text(row, "n_pairs"), t3.text(row, "\(key)_mean"), t3.text(row, "\(key)_sd"),
          "\(estimate.low.text) to \(estimate.high.text)",
        ]
      })
  }
}

import Foundation

/// The evaluator's report: sections of charts, words and tables drawn only from the published,
/// disclosure-controlled values of a ``ReportSource``, each section present when the study has
/// its data.
struct StudyReport {
  let source: ReportSource
  /// The heading of the page (`report: {title}`), else the study's name.
  var title: String

  /// The sections, in reading order.
  var sections: [ReportSection] {
    [glance, flow, engagement, outcomes, doseResponse, isolation, themes].compactMap { $0 }
      + [methods]
  }

  private func table(_ id: StudyTableID) -> ReportTable? { ReportTable(source.tables[id]) }

  /// Beyond this many groups a chart of one row per group would be unreadable (and the page
  /// large): the charts show the study as a whole, and say where each group's values are.
  static let groupsDrawn = 12

  /// The rows of `table` to draw, by `column`'s group: every group's, or only the whole
  /// study's (the rows whose group starts `All `) for a study of more than ``groupsDrawn``.
  private func drawnRows(_ table: ReportTable, column: String) -> (rows: [[String]], note: String?)
  {
    let groups = Set(table.rows.map { table.text($0, column) }.filter { !$0.hasPrefix("All ") })
    guard groups.count > Self.groupsDrawn else { return (table.rows, nil) }
    return (
      table.rows.filter { table.text($0, column).hasPrefix("All ") },
      "The study has \(groups.count) groups: the charts show it as a whole; each group's values "
        + "are in the release's study tables."
    )
  }

  // MARK: The study at a glance

  private var glance: ReportSection? {
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

  // MARK: Participant flow

  private var flow: ReportSection? {
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

  // MARK: Engagement

  private var engagement: ReportSection? {
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
          t2.rows.map {
            DotIntervalChart.Estimate(
              value: t2.cell($0, "sessions_median"), low: t2.cell($0, "sessions_q1"),
              high: t2.cell($0, "sessions_q3"))
          }
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

  /// Sessions held per month by each group, from `data/sessions.csv` (no count of people);
  /// `nil` without dated sessions or for more than ``groupsDrawn`` groups.
  private var sessionsByMonth: ReportChart? {
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

  // MARK: Outcomes

  private var outcomes: ReportSection? {
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
          t3.rows.map {
            DotIntervalChart.Estimate(
              value: t3.cell($0, "d_z"), low: t3.cell($0, "d_z_ci_low"),
              high: t3.cell($0, "d_z_ci_high"))
          }
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
      let parts = ["Reliably improved", "No reliable change", "Reliably deteriorated"]
      let columns = ["reliably_improved", "no_reliable_change", "reliably_deteriorated"]
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
  private func means(_ t3: ReportTable, _ row: [String]) -> ReportChart {
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

  // MARK: Dose–response

  private var doseResponse: ReportSection? {
    guard let t4 = table(.t4DoseResponse), !t4.rows.isEmpty else { return nil }
    var section = ReportSection(id: "dose", title: "Sessions and change")
    section.paragraphs.append(
      "Whether people who attended more sessions between their surveys changed more: the change "
        + "in score per session attended, from all who answered both waves (never one dot per "
        + "person), before and after allowing for the score at baseline. Each row is in its "
        + "own scale's points.")
    let estimate = { (row: [String], prefix: String) in
      DotIntervalChart.Estimate(
        value: t4.cell(row, "\(prefix)slope_per_session"),
        low: t4.cell(row, "\(prefix)slope_ci_low"),
        high: t4.cell(row, "\(prefix)slope_ci_high"))
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
    return section
  }

  // MARK: Isolation

  private var isolation: ReportSection? {
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
  private static func median(_ sorted: [Int]) -> Double {
    let middle = sorted.count / 2
    return sorted.count % 2 == 1
      ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
  }

  private static func isLoneliness(_ instrument: String) -> Bool {
    ["ucla3", "ons_loneliness", "djg6", "djg11", "lsns6"].contains(instrument)
  }

  // MARK: Themes

  private var themes: ReportSection? {
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
      let parts = ["Reliably improved", "No reliable change", "Reliably deteriorated"]
      let columns = ["reliably_improved", "no_reliable_change", "reliably_deteriorated"]
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

  // MARK: Methods

  private var methods: ReportSection {
    let provenance = source.provenance
    var section = ReportSection(id: "methods", title: "Methods and provenance")
    section.paragraphs.append(
      "Identifiers (names, emails, phone numbers) never reach this report: each person is known "
        + "by a pseudonym, the keyed hash (HMAC-SHA256) of their identifier under the study's "
        + "key, and free text is scrubbed of names and contact details.")
    section.paragraphs.append(
      "Disclosure control (\(provenance.disclosure.name)): \(provenance.disclosure.summary). Every "
        + "number and chart in this report comes from the study tables after this rule; a bar "
        + "whose count is withheld is not drawn, and says so.")
    if let k = provenance.kAnonymity {
      let generalised = k.generalisation.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
      section.paragraphs.append(
        "Released characteristics are generalised until every combination is shared by at "
          + "least \(k.k) people (k-anonymity)"
          + (generalised.isEmpty ? "." : ": " + generalised.joined(separator: "; ") + "."))
    }
    var instruments: [String] = []
    for id in StudyTableID.allCases.compactMap({ table($0) }).flatMap({ table in
      table.rows.map { table.text($0, "instrument") }
    }) where !id.isEmpty && !instruments.contains(id) {
      instruments.append(id)
    }
    if !instruments.isEmpty {
      section.tables.append(
        (
          "Instruments, as Kith \(provenance.kithVersion) scores them",
          ["Instrument", "Version", "Source", "Missing items"],
          instruments.map { id in
            guard let instrument = try? InstrumentCatalog.instrument(id) else {
              return [id, "", "defined in the study's pipeline", ""]
            }
            return [
              instrument.name, instrument.version, instrument.citation,
              instrument.scales.map { "\($0.name): \(Self.describe($0.missing))" }
                .joined(separator: "; "),
            ]
          }
        ))
    }
    section.facts = [
      ("Kith version", provenance.kithVersion),
      ("Pipeline", "\(provenance.pipeline) (SHA-256 \(provenance.pipelineSHA256.prefix(16))…)"),
      ("Key fingerprint", provenance.keyFingerprint),
    ]
    section.tables.append(
      (
        "Inputs read", ["Input", "Rows read", "Rows used", "SHA-256"],
        provenance.inputs.map {
          [
            $0.name, String($0.rowsRead), String($0.rowsAccepted),
            String($0.sha256.prefix(16)) + "…",
          ]
        }
      ))
    return section
  }

  private static func describe(_ rule: InstrumentScale.MissingRule) -> String {
    switch rule {
    case .complete: "scored only when every item is answered"
    case .sumAnswered(let limit): "answered items summed when at most \(limit) are missing"
    case .prorate(let limit, _): "prorated when at most \(limit) items are missing"
    }
  }

  // MARK: Words

  /// `in any input` → `In any input`.
  static func capitalised(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }

  /// The study tables' measure text without its range and direction:
  /// `WEMWBS (mental wellbeing, 14–70, higher is better)` → `WEMWBS (mental wellbeing)`.
  static func measureName(_ measure: String) -> String {
    guard let open = measure.firstIndex(of: "("), let comma = measure[open...].firstIndex(of: ",")
    else { return measure }
    return String(measure[..<comma]) + ")"
  }
}

import Foundation
import Testing

@testable import Kith

/// The study tables' one disclosure path and one formatting policy, reliable change counted by
/// hand, and the tables of a small study.
@Suite struct StudyTableTests {
  @Test func numbersAreFormattedByOnePolicy() {
    #expect(TableFormat.display(-1.234, .score, minus: "−") == "−1.23")
    #expect(TableFormat.display(-0.001, .score, minus: "−") == "0.00")
    #expect(TableFormat.display(0.0004, .p, minus: "−") == "< 0.001")
    #expect(TableFormat.display(0.0315, .p, minus: "−") == "0.032")
    #expect(TableFormat.display(2.5, .amount, minus: "−") == "2.5")
    #expect(TableFormat.machine(2.82608695652) == "2.826086957")
    #expect(TableFormat.machine(-1e-12) == "0" && TableFormat.machine(40) == "40")
    // No run of digits the leak gate would take for a phone number.
    #expect(!LeakGate.containsUKPhone(TableFormat.machine(4.0777118601234)))
  }

  /// A table of three populations, each with a mean, a p-value and degrees of freedom.
  static let sample: StudyTable = {
    let key = { (name: String) in CountKey("sample|\(name)") }
    let row = { (label: String, n: Int, mean: Double, p: Double?) -> [TableCell] in
      [
        .text(label), .people(n, key: key(label)), .statistic(mean, .score, n: n, of: key(label)),
        p.map { .statistic($0, .p, n: n, of: key(label)) } ?? .blank,
        p == nil ? .blank : .revealsCount(n - 1, n: n, of: key(label)),
      ]
    }
    return StudyTable(
      id: .t6Reliability, title: "T6. A sample",
      columns: [
        StudyColumn("label", "Label", "string", "A label."),
        StudyColumn("n", "n", "integer", "People."),
        StudyColumn("mean", "Mean", "number", "A mean."),
        StudyColumn("p", "p", "number", "A p-value."),
        StudyColumn("df", "df", "integer", "Degrees of freedom."),
      ],
      rows: [
        row("few & far", 5, -1.5, 0.2), row("many_people", 23, -1.54, 0.0002),
        row("undefined", 12, .nan, nil),
      ], notes: ["A note."])
  }()

  /// The rendering of `table` under `rule`.
  static func render(_ table: StudyTable, _ rule: DisclosureRule) -> TableRenderer.Rendered {
    TableRenderer(protection: TableProtection(tables: [table], rule: rule)).render(table)
  }

  @Test func everyCellPassesTheDisclosureDecisions() throws {
    let rendered = Self.render(Self.sample, .nhsDigital)
    #expect(rendered.csv.path == "tables/t6_reliability.csv")
    // 23 people are published as 25 (21 to 27 could be): the mean to one decimal, which 21 to
    // 27 whole-number sums all give; p to two; no degrees of freedom.
    #expect(
      (0..<rendered.csv.count).map(rendered.csv.row) == [
        ["few & far", "*", "*", "*", "*"],
        ["many_people", "25", "-1.5", "0.00", "*"],
        ["undefined", "10", "", "", ""],
      ])
    let markdown = try #require(rendered.documents.first { $0.path.hasSuffix(".md") }?.text)
    #expect(markdown.contains("| many_people | 25 | −1.5 | < 0.01 | * |"))
    #expect(markdown.contains("| undefined | 10 | – |  |  |"))
    #expect(markdown.contains("t and degrees of freedom are not shown"))
    #expect(markdown.contains("counts of 1–7 shown as *; other counts rounded to the nearest 5"))
    let html = try #require(rendered.documents.first { $0.path.hasSuffix(".html") }?.text)
    #expect(html.contains("<td>few &amp; far</td>"))
    #expect(html.contains("<td style=\"text-align: right\">&lt; 0.01</td>"))
    #expect(html.contains(">−1.5<"))
    let latex = try #require(rendered.documents.first { $0.path.hasSuffix(".tex") }?.text)
    #expect(latex.contains("many\\_people & 25 & $-$1.5 & $<$ 0.01 & * \\\\"))
    #expect(latex.contains("few \\& far") && latex.contains("\\toprule"))
    #expect(latex.contains("\\begin{tabular}{lrrrr}"))

    // A rule that neither rounds nor withholds at 5 shows everything as computed, df included.
    let open = Self.render(
      Self.sample,
      DisclosureRule(name: "custom", suppressBelow: 5, roundTo: 1, minimumForStatistics: 5))
    #expect(open.csv.row(0) == ["few & far", "5", "-1.5", "0.2", "4"])
    #expect(open.csv.row(1) == ["many_people", "23", "-1.54", "0.0002", "22"])
  }

  @Test func reliableChangeIsCountedInTheScalesBetterDirection() throws {
    let phq9 = try #require(try InstrumentCatalog.shipped().first { $0.id == "phq9" })
    let scale = phq9.scales[0]
    // PHQ-9: lower is better, threshold 6. 20 → 14 improves, 10 → 16 deteriorates, 12 → 7 does
    // not change reliably.
    let counts = ChangeTable.reliableChange(
      [("a", 20, 14), ("b", 10, 16), ("c", 12, 7)], threshold: 6, scale: scale)
    #expect(counts == (1, 1, 1))
    let wemwbs = try #require(try InstrumentCatalog.shipped().first { $0.id == "wemwbs" })
    // WEMWBS: higher is better; the threshold is 1.96 · 8.79 · √(2 · (1 − 0.91)) = 7.3094 from
    // the population sample's SD and alpha, so 40 → 48 improves by 8 (it did not at α = 0.89's
    // 8.08) and 40 → 47 does not.
    let threshold = try #require(wemwbs.scales[0].reliableChange).threshold
    #expect(abs(threshold - 7.309391) < 1e-6)
    let wellbeing = ChangeTable.reliableChange(
      [("a", 40, 48), ("b", 40, 47), ("c", 50, 40)], threshold: threshold, scale: wemwbs.scales[0])
    #expect(wellbeing == (1, 1, 1))
  }

  @Test func clinicallySignificantChangeIsCountedByHand() throws {
    let phq9 = try #require(try InstrumentCatalog.shipped().first { $0.id == "phq9" })
    // Cut-off ≥ 10, lower is better, reliable change 6. Cases at baseline: 12, 15, 20, 11;
    // at follow-up: 14, 12. Recovered: 12 → 8, 20 → 9, 11 → 3; reliably: 20 → 9 and 11 → 3.
    let pairs: [(pid: String, before: Double, after: Double)] = [
      ("a", 12, 8), ("b", 15, 14), ("c", 20, 9), ("d", 5, 12), ("e", 11, 3), ("f", 9, 9),
    ]
    let change = ChangeTable.ScaleChange(
      instrument: phq9, scale: phq9.scales[0], pairs: pairs,
      comparison: PairedComparison(before: pairs.map(\.before), after: pairs.map(\.after)),
      wilcoxon: WilcoxonSignedRank(changes: pairs.map { $0.after - $0.before }))
    let everything = DisclosureRule(
      name: "none", suppressBelow: 1, roundTo: 1, minimumForStatistics: 1)
    let rendered = Self.render(ClinicalChangeTable(changes: [change]).table, everything)
    // Wilson 95% CI of 3/4 (scipy's z): 30.064184258 to 95.441273919 percent.
    #expect(
      rendered.csv.row(0) == [
        "phq9", "total", "PHQ9 (depression severity, 0–27, lower is better)",
        "clinical range: ≥ 10", "6", "4", "2", "3", "75", "30.064184258", "95.441273919", "2",
        // Reliably improved (changes of 11 and 8 reach 6); PHQ-9 gives one reliability only.
        "6", "2", "", "",
        "Kroenke et al. (2001), 10 or above; the NHS Data Dictionary's caseness",
      ])
    // The footnote names the reliable-change threshold behind "reliably recovered" and where it
    // comes from.
    let markdown = try #require(rendered.documents.first { $0.path.hasSuffix(".md") }?.text)
    #expect(
      markdown.contains(
        "Reliable change, phq9 total: 6 points, published (95% confidence); sample: not stated "
          + "in the sources read"))
    // Under NHS Digital's rule the small counts and the interval are withheld.
    let nhs = Self.render(ClinicalChangeTable(changes: [change]).table, .nhsDigital)
    #expect(nhs.csv.row(0)[4...11].allSatisfy { $0 == "*" })
  }

  /// A proportion's confidence interval is a statistic, not a count: over 625 cases it is
  /// shown, in whole percents under rounding.
  @Test func aLargeRecoveryRatesIntervalIsShown() throws {
    let phq9 = try #require(try InstrumentCatalog.shipped().first { $0.id == "phq9" })
    // 625 cases at baseline (15 → 8: 400 recover, 15 → 12: 225 do not), 100 never cases.
    let pairs: [(pid: String, before: Double, after: Double)] =
      (0..<400).map { ("r\($0)", 15, 8) } + (0..<225).map { ("s\($0)", 15, 12) }
      + (0..<100).map { ("n\($0)", 5, 5) }
    let change = ChangeTable.ScaleChange(
      instrument: phq9, scale: phq9.scales[0], pairs: pairs,
      comparison: PairedComparison(before: pairs.map(\.before), after: pairs.map(\.after)),
      wilcoxon: WilcoxonSignedRank(changes: pairs.map { $0.after - $0.before }))
    let row = Self.render(ClinicalChangeTable(changes: [change]).table, .nhsDigital).csv.row(0)
    // Wilson 95% interval of 400/625: 60.18 % to 67.68 %, whole percents: 60 and 68.
    #expect(row[4...10] == ["725", "625", "225", "400", "64", "60", "68"])
  }

  @Test func aSmallStudysTablesWithholdStatisticsAndSayWhy() throws {
    let folder = StudyFolder()
    try SmallStudy.write(into: folder)
    try folder.run()
    let t3 = try folder.rows("out/release/tables/t3_change.csv")
    #expect(t3[0] == ChangeTable.columns.map(\.name))
    // One person answered both waves: every statistic is withheld, the count suppressed.
    let wemwbs = try #require(t3.first { $0[0] == "wemwbs" })
    #expect(wemwbs[3] == "*" && wemwbs[4...20].allSatisfy { $0 == "*" })
    let markdown = try folder.read("out/release/tables/t3_change.md")
    #expect(markdown.contains("statistics shown only where n ≥ 8"))
    for id in [
      "t1_characteristics", "t2_engagement", "t3_change", "t4_dose_response",
      "t5_attrition", "t6_reliability", "t7_clinical_change",
    ] {
      for format in ["csv", "md", "html", "tex"] {
        #expect(folder.exists("out/release/tables/\(id).\(format)"), "\(id).\(format)")
      }
    }
    let manifest = try folder.read("out/release/manifest.json")
    #expect(manifest.contains("\"path\":\"tables/t6_reliability.tex\""))
    let package = try folder.read("out/release/datapackage.json")
    #expect(package.contains("\"path\" : \"tables/t3_change.csv\""))
  }
}

/// T6 names an item every response answered alike, rather than leaving it out silently.
@Suite struct ReliabilityNoteTests {
  @Test func anItemAnsweredAlikeIsNamedInANote() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Alike
      key: test.key
      waves: [baseline]
      instruments: [ucla3]
      inputs:
        s: {path: s.csv, type: survey, wave: baseline, identifier: {column: Email, kind: email}}

      """)
    let rows = (0..<12).map { "p\($0)@example.org,\($0 % 3 + 1),2,\(($0 + 1) % 3 + 1)" }
    try folder.write(
      "s.csv", (["Email,UCLA_1,UCLA_2,UCLA_3"] + rows).joined(separator: "\n") + "\n")
    _ = try folder.run()
    let markdown = try folder.read("out/release/tables/t6_reliability.md")
    #expect(
      markdown.contains(
        "Answered alike by every response, so without an item–rest correlation and not "
          + "considered for the weakest item: ucla3 total at baseline: item 2."))
  }
}

/// T2's retention counts only those who could have been retained: people who joined too close
/// to the study's last day are left out of that week's denominator, not counted as lost.
@Suite struct RetentionDenominatorTests {
  @Test(arguments: [("", "2025-05-26"), ("attendance: {study_end: 2025-07-31}\n", "2025-07-31")])
  func lateJoinersAreNotCountedAsLost(end: String, lastDay: String) throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Retention
      key: test.key
      disclosure: {suppress_below: 1, round_to: 1, min_n_for_statistics: 1}
      \(end)inputs:
        r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, group: {name: A}, date: {column: Date, format: yyyy-MM-dd}}

      """)
    // a and b from 3 March: a stays to 26 May (12 weeks), b leaves after 3 March; c and d join
    // on 12 May, two weeks before the last session on 26 May.
    let rows = [
      "2025-03-03,a", "2025-05-26,a", "2025-03-03,b", "2025-05-12,c", "2025-05-26,c",
      "2025-05-12,d",
    ].map { line -> String in
      let parts = line.split(separator: ",")
      return "\(parts[0]),\(parts[1])@example.org"
    }
    try folder.write("r.csv", (["Date,Email"] + rows).joined(separator: "\n") + "\n")
    _ = try folder.run()
    let all = try #require(
      try folder.records("out/release/tables/t2_engagement.csv").first {
        $0["group"] == "All who attended"
      })
    let weeks = [4, 8, 12].map { week in
      [all["could_w\(week)"], all["retained_w\(week)"], all["retained_w\(week)_percent"]]
        .map { $0 ?? "" }.joined(separator: " ")
    }
    if lastDay == "2025-05-26" {
      // Week 4 needs a first session by 28 April: a and b; c and d joined too late.
      #expect(weeks == ["2 1 50", "2 1 50", "2 1 50"])
    } else {
      // With the study ending on 31 July, c and d could have stayed 4 and 8 weeks (not 12).
      #expect(weeks == ["4 1 25", "4 1 25", "2 1 50"])
    }
    #expect(try folder.read("out/release/tables/t2_engagement.md").contains("(\(lastDay))"))
  }
}

/// A release whose dates are coarsened shows no finer date anywhere, the study tables' notes
/// included: with `dates: month` no day, with `dates: days-since-first` no calendar date at all.
@Suite struct CoarsenedDatesTests {
  @Test(arguments: [("month", #"\d{4}-\d{2}-\d{2}"#), ("days-since-first", #"\d{4}-\d{2}"#)])
  func noFinerDateReachesTheRelease(dates: String, forbidden: String) throws {
    let folder = StudyFolder()
    try SmallStudy.write(into: folder)
    try folder.write("pipeline.yaml", SmallStudy.pipeline + "dates: \(dates)\n")
    try folder.run()
    let release = folder.url.appendingPathComponent("out/release")
    let pattern = try Regex(forbidden)
    var files = 0
    for case let path as String in FileManager.default.enumerator(atPath: release.path) ?? .init() {
      var isFolder: ObjCBool = false
      let url = release.appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      files += 1
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(text.firstMatch(of: pattern) == nil, "\(path) under dates: \(dates)")
    }
    #expect(files > 20)
  }
}

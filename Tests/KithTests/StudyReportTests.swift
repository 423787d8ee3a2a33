import Foundation
import Testing

@testable import Kith

/// The evaluator's report (`release/report.html`): complete, self-contained and deterministic
/// for the bundled example; drawn again by `kith report` to the same bytes; made only of
/// published values (a planted small count shows as `*` in the tables and in the charts); with
/// the study's own title, logo and template; scanned by the leak gate; and left out on request.
@Suite struct StudyReportTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Runs the example into a fresh folder and returns it with the report's text.
  private func runExample() throws -> (out: URL, page: String) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-report-\(UUID().uuidString)")
    let spec = try PipelineLoader.load(
      path: Self.root.appendingPathComponent("pipelines/example.yaml").path)
    try PipelineRun(spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out))
      .run()
    let page = try String(
      contentsOf: out.appendingPathComponent("release/report.html"), encoding: .utf8)
    return (out, page)
  }

  @Test func theExampleReportIsCompleteAndFetchesNothing() throws {
    let (out, page) = try runExample()
    defer { try? FileManager.default.removeItem(at: out) }
    for section in [
      "glance", "flow", "engagement", "outcomes", "dose", "isolation", "themes", "methods",
    ] {
      #expect(page.contains("<section id=\"\(section)\""), "\(section)")
    }
    for chart in [
      "chart-flow", "chart-retention", "chart-sessions", "chart-attended", "chart-weekly",
      "chart-held",
      "chart-effect",
      "chart-means-wemwbs",
      "chart-reliable", "chart-dose", "chart-dose-bands-wemwbs", "chart-isolated", "chart-themes",
      "chart-joint",
    ] {
      let figure = try #require(page.range(of: "<figure id=\"\(chart)\""), "\(chart)")
      let rest = page[figure.upperBound...]
      let end = try #require(rest.range(of: "</figure>"))
      #expect(rest[..<end.lowerBound].contains("<svg"), "\(chart)")
      #expect(rest[..<end.lowerBound].contains("<details>"), "\(chart)")
    }
    #expect(page.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"))
    #expect(!page.contains("<script"))
    // Nothing fetched: no reference outside the page but the SVG namespace's name.
    #expect(
      page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        .range(of: "https?://", options: .regularExpression) == nil)
    #expect(page.range(of: "(src|href)=\"(?!#|data:)", options: .regularExpression) == nil)
    let manifest = try Manifest.read(from: out.appendingPathComponent("release/manifest.json"))
    let listed = try #require(manifest.outputs.first { $0.path == "report.html" })
    #expect(listed.bytes == page.utf8.count)
    // The T9 flow as published, box by box.
    let flow = try CSVFile.records(
      out.appendingPathComponent("release/tables/t9_participant_flow.csv"))
    for stage in flow where stage["instrument"] == "" {
      #expect(page.contains("n = \(stage["n"] ?? "")</text>"))
    }
    // Drawn again from the release alone: the same bytes.
    #expect(
      try ReleaseReport.render(outputDirectory: out, settings: ReportSettings()) == .unchanged)
  }

  @Test func aPlantedSmallCountIsAStarInTheTablesAndInTheCharts() throws {
    let folder = StudyFolder()
    // Three people under NHS Digital's rule: every count of people is below 8.
    try SmallStudy.write(into: folder)
    try folder.run()
    let flow = try folder.records("out/release/tables/t9_participant_flow.csv")
    let engagement = try folder.records("out/release/tables/t2_engagement.csv")
    #expect(!flow.isEmpty && flow.allSatisfy { $0["n"] == "*" })
    let page = try folder.read("out/release/report.html")
    #expect(page.contains("n = *</text>"))
    // Every band of sessions attended is withheld: the histogram draws no bar.
    #expect(!page.contains("<title>1: ") && !page.contains("<title>2–3: "))
    #expect(page.range(of: "n = [0-9]", options: .regularExpression) == nil)
    // Every week of the attendance lines is withheld or none: no marker counts a person.
    let weeks = try folder.records("out/release/tables/t12_attendance_by_week.csv")
    #expect(
      !weeks.isEmpty && weeks.allSatisfy { $0["participants"] == "*" || $0["participants"] == "0" })
    #expect(page.contains("chart-weekly"))
    #expect(page.range(of: "week of the study [0-9]+: [1-9]", options: .regularExpression) == nil)
    // The retention chart draws no bar of a withheld percentage, and says why.
    for row in engagement where row["retained_w4_percent"] == "*" {
      let group = row["group"] ?? ""
      #expect(!page.contains("<title>\(group), Week 4:"))
      #expect(page.contains("Week 4: not drawn (*)"))
    }
    // Every cell of the chart tables behind the flow is the published one.
    let stages = flow.filter { $0["instrument"] == "" }
    for stage in stages {
      #expect(
        page.contains(
          "<td>\(StudyReport.capitalised(stage["stage"] ?? ""))</td><td>*</td>"))
    }
  }

  @Test func theStudysTitleLogoAndTemplateAndTheLeakGate() throws {
    let folder = StudyFolder()
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline
        + """
        report: {title: "A report for trustees", template: page.mustache, logo: logo.svg}

        """)
    try folder.write(
      "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>")
    try folder.write(
      "page.mustache",
      "<html><h1>{{title}}</h1>{{#logo}}<img src=\"{{logo}}\">{{/logo}}"
        + "{{#sections}}<h2>{{title}}</h2>{{/sections}}</html>\n")
    try folder.run()
    let page = try folder.read("out/release/report.html")
    #expect(
      page.hasPrefix("<html><h1>A report for trustees</h1><img src=\"data:image/svg+xml;base64,"))
    #expect(page.contains("<h2>Methods and provenance</h2>"))
    // A template that would publish a participant's email stops the run.
    try folder.write("page.mustache", "<html>{{title}} jo.smith@example.org</html>\n")
    let error = try #require(throws: DataError.self) { try folder.run(force: true) }
    #expect(error.message.contains("report.html"))
    // A template that is not Mustache is named by `kith check` (a run that writes nothing).
    try folder.write("page.mustache", "<html>{{#sections}}</html>\n")
    let check = try #require(throws: PipelineError.self) { try folder.run(dryRun: true) }
    #expect(check.message.contains("page.mustache is not a valid Mustache template"))
  }

  @Test func aMissingTemplateOrALogoOfAnotherKindIsAPipelineError() throws {
    let folder = StudyFolder()
    try SmallStudy.write(
      into: folder, pipeline: SmallStudy.pipeline + "report: {template: nowhere.mustache}\n")
    let missing = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    #expect(missing.description.contains("`report.template` names nowhere.mustache"))
    try folder.write("logo.gif", "GIF89a")
    try folder.write("pipeline.yaml", SmallStudy.pipeline + "report: {logo: logo.gif}\n")
    let logo = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    #expect(logo.description.contains("`report.logo` must be a PNG, JPEG or SVG image"))
  }

  @Test func outputsReportFalseLeavesTheReportOut() throws {
    let folder = StudyFolder()
    try SmallStudy.write(into: folder, pipeline: SmallStudy.pipeline + "outputs: {report: false}\n")
    try folder.run()
    #expect(folder.exists("out/release/datapackage.json"))
    #expect(!folder.exists("out/release/report.html"))
  }

  @Test func aStudyOfManyGroupsIsDrawnAsAWhole() throws {
    let header = [
      "group", "participants", "sessions_median", "sessions_q1", "sessions_q3", "could_w4",
      "retained_w4", "retained_w4_percent", "isolated", "isolated_percent",
    ]
    let groups = (1...20).map {
      ["Group \($0)", "10", "5.0", "3.0", "8.0", "10", "5", "50", "*", "*"]
    }
    let t2 = Table(
      path: "tables/t2_engagement.csv", header: header,
      rows: groups + [
        ["All who attended", "200", "5.0", "3.0", "8.0", "200", "100", "50", "20", "10"]
      ])
    let source = ReportSource(
      tables: [t2],
      provenance: ReportProvenance(
        kithVersion: "0", study: "Many groups", pipeline: "p.yaml", pipelineSHA256: "",
        keyFingerprint: "", disclosure: .nhsDigital, kAnonymity: nil, inputs: []))
    let engagement = try #require(
      StudyReport(source: source, title: "Many groups").sections.first { $0.id == "engagement" })
    #expect(engagement.paragraphs.contains { $0.hasPrefix("The study has 20 groups") })
    for chart in engagement.charts {
      #expect(chart.rows.map { $0[0] } == ["All who attended"], "\(chart.id)")
      #expect(!chart.svg.contains("Group 1"), "\(chart.id)")
    }
    // Twelve groups are still drawn one by one.
    let twelve = Table(path: t2.path, header: header, rows: Array(groups.prefix(12)))
    let few = StudyReport(
      source: ReportSource(tables: [twelve], provenance: source.provenance), title: "Few")
    let drawn = try #require(few.sections.first { $0.id == "engagement" }?.charts.first)
    #expect(drawn.rows.count == 12)
  }
}

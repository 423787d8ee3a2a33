import Foundation
import Testing

@testable import Kith

/// The study tables of two studies against pandas, scipy and statsmodels.
///
/// T1, T2, T3's effect-size intervals, T4, T5, T6, T7, T8, T9, J1, J2 and J3's rows:
/// `Reference/make_tables_reference.py` recomputed them from the released data files
/// of a run under an open disclosure rule (exact counts, nine decimals) and the raw surveys'
/// dates; Kith's tables from the same run must agree to 1e-8 (percentages to their whole-number
/// rounding). The studies: the bundled example, and the late-joiners study
/// (`Reference/make_late_joiners_study.py`: people joining until the last weeks, five groups
/// named `Group 1` to `Group 12`, people in two groups, an eight-answer gender question).
@Suite struct StudyTablesReferenceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A study: its pipeline, how its relative paths become absolute, and its reference file.
  struct Study: CustomTestStringConvertible, Sendable {
    var name: String
    var pipeline: String
    var replacements: [(String, String)]
    var reference: String
    var testDescription: String { name }
  }

  static let studies = [
    Study(
      name: "example", pipeline: "pipelines/example.yaml",
      replacements: [("../data/", root.appendingPathComponent("data").path + "/")],
      reference: "example_tables_reference.json"),
    Study(
      name: "late joiners", pipeline: "Tests/KithTests/Reference/late-joiners/pipeline.yaml",
      replacements: [
        ("path: ", "path: " + root.appendingPathComponent(lateJoiners).path + "/"),
        ("key: study.key", "key: " + root.appendingPathComponent(lateJoiners).path + "/study.key"),
      ],
      reference: "late_joiners_tables_reference.json"),
  ]
  static let lateJoiners = "Tests/KithTests/Reference/late-joiners"

  /// `study`'s pipeline with every count published exactly, as the reference script reads it.
  static func openPipeline(_ study: Study, in folder: URL) throws -> URL {
    var text = try String(
      contentsOf: root.appendingPathComponent(study.pipeline), encoding: .utf8)
    for (from, to) in study.replacements { text = text.replacingOccurrences(of: from, with: to) }
    text +=
      "\ndisclosure: {preset: min5, suppress_below: 1, round_to: 1, min_n_for_statistics: 3}\n"
    let url = folder.appendingPathComponent("open.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test(arguments: studies)
  func theTablesAgreeWithPandasScipyAndStatsmodels(study: Study) throws {
    let file = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: Self.root.appendingPathComponent(
            "Tests/KithTests/Reference/\(study.reference)"))) as? [String: Any])
    let reference = try #require(file["values"] as? [String: Double])
    let withheld = try #require(file["withheld"] as? [String])
    #expect(reference.count > 200)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-open-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try PipelineLoader.load(path: try Self.openPipeline(study, in: folder).path)
    let out = folder.appendingPathComponent("out")
    _ = try PipelineRun(
      spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out)
    ).run()

    // Each table's file and the columns that name a row in the reference's keys.
    let layouts: [String: (file: String, key: [String])] = [
      "t1": ("t1_characteristics", ["characteristic", "level", "group"]),
      "t2": ("t2_engagement", ["group"]),
      "t3": ("t3_change", ["instrument", "scale"]),
      "t4": ("t4_dose_response", ["instrument", "scale"]),
      "t5": ("t5_attrition", ["measure", "instrument", "scale", "group"]),
      "t6": ("t6_reliability", ["instrument", "scale", "wave"]),
      "t7": ("t7_clinical_change", ["instrument", "scale"]),
      "t8": ("t8_theme_prevalence", ["theme", "group"]),
      "t9": ("t9_participant_flow", ["stage", "instrument", "scale"]),
      "t10": ("t10_sessions_attended", ["group", "sessions_attended"]),
      "t11": ("t11_change_by_sessions", ["instrument", "scale", "sessions_between_surveys"]),
      "t12": ("t12_attendance_by_week", ["group", "week"]),
      "j1": ("j1_statistics_by_theme", ["theme"]), "j2": ("j2_themes_by_change", ["theme"]),
    ]
    var rows: [String: [String: [String: String]]] = [:]
    for (id, layout) in layouts {
      let url = out.appendingPathComponent("release/tables/\(layout.file).csv")
      // A study without interviews has no T8, J1 or J2; the reference then has none either.
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      for row in try CSVFile.records(url) {
        // T3, T4 and T7 name a scale `instrument.scale`; the others join their columns with |.
        let separator = ["t3", "t4", "t7"].contains(id) ? "." : "|"
        rows[id, default: [:]][layout.key.map { row[$0] ?? "" }.joined(separator: separator)] = row
      }
    }
    // J3, the evaluator's case-ordered display, has a row for each person T8 counts interviewed.
    let j3 = out.appendingPathComponent("private/tables/j3_case_ordered.csv")
    if FileManager.default.fileExists(atPath: j3.path) {
      rows["j3"] = ["rows": ["count": String(try CSVFile.records(j3).count)]]
    }
    // Even the open rule withholds the cells a difference of sums would give a few people's
    // scores from.
    for key in withheld {
      let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      let row = parts[1..<parts.count - 1].joined(separator: "|")
      #expect(rows[parts[0]]?[row]?[parts[parts.count - 1]] == "*", "\(key)")
    }
    for (key, expected) in reference {
      let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      let (table, column) = (parts[0], parts[parts.count - 1])
      let row = parts[1..<parts.count - 1].joined(separator: "|")
      let cell = try #require(rows[table]?[row]?[column], "\(key)")
      let value = try #require(Double(cell), "\(key): '\(cell)'")
      let tolerance = column.hasSuffix("percent") ? 0.5 + 1e-9 : 1e-8
      #expect(abs(value - expected) <= tolerance, "\(key): Kith \(value), reference \(expected)")
    }
  }
}

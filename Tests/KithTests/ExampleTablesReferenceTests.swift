import Foundation
import KithCSV
import Testing

@testable import Kith

/// The bundled example's study tables against pandas, scipy and statsmodels.
///
/// T1, T2, T3's effect-size intervals, T4, T5, T7, T8, T9, J1, J2 and J3's rows:
/// `Reference/make_example_tables_reference.py` recomputed them from the released data files of a run under an open disclosure rule (exact counts, nine decimals) and
/// the raw surveys' dates; Kith's tables from the same run must agree to 1e-8 (percentages to
/// their whole-number rounding).
@Suite struct ExampleTablesReferenceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The example pipeline with every count published exactly, as the reference script reads it.
  static func openPipeline(in folder: URL) throws -> URL {
    let example = try String(
      contentsOf: root.appendingPathComponent("pipelines/example.yaml"), encoding: .utf8)
    let data = root.appendingPathComponent("data").path
    let text =
      example.replacingOccurrences(of: "../data/", with: data + "/")
      + "\ndisclosure: {preset: min5, suppress_below: 1, round_to: 1, min_n_for_statistics: 3}\n"
    let url = folder.appendingPathComponent("example-open.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func theExamplesTablesAgreeWithPandasScipyAndStatsmodels() throws {
    let file = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: Self.root.appendingPathComponent(
            "Tests/KithTests/Reference/example_tables_reference.json"))) as? [String: Any])
    let reference = try #require(file["values"] as? [String: Double])
    let withheld = try #require(file["withheld"] as? [String])
    #expect(reference.count > 500)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-open-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try PipelineLoader.load(path: try Self.openPipeline(in: folder).path)
    let out = folder.appendingPathComponent("out")
    try PipelineRun(
      spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out)
    ).run()

    // Each table's file and the columns that name a row in the reference's keys.
    let layouts: [String: (file: String, key: [String])] = [
      "t1": ("t1_characteristics", ["characteristic", "level", "group"]),
      "t2": ("t2_engagement", ["group"]),
      "t3": ("t3_change", ["instrument", "scale"]),
      "t4": ("t4_dose_response", ["instrument", "scale"]),
      "t5": ("t5_attrition", ["measure", "instrument", "scale", "group"]),
      "t7": ("t7_clinical_change", ["instrument", "scale"]),
      "t8": ("t8_theme_prevalence", ["theme", "group"]),
      "t9": ("t9_participant_flow", ["stage", "instrument", "scale"]),
      "j1": ("j1_statistics_by_theme", ["theme"]), "j2": ("j2_themes_by_change", ["theme"]),
    ]
    var rows: [String: [String: [String: String]]] = [:]
    for (id, layout) in layouts {
      for row in try Self.records(out.appendingPathComponent("release/tables/\(layout.file).csv")) {
        // T3, T4 and T7 name a scale `instrument.scale`; the others join their columns with |.
        let separator = ["t3", "t4", "t7"].contains(id) ? "." : "|"
        rows[id, default: [:]][layout.key.map { row[$0] ?? "" }.joined(separator: separator)] = row
      }
    }
    // J3, the evaluator's case-ordered display, has a row for each person T8 counts interviewed.
    let j3 = try Self.records(out.appendingPathComponent("private/tables/j3_case_ordered.csv"))
    rows["j3"] = ["rows": ["count": String(j3.count)]]
    // Even the open rule withholds the cells a difference of sums would give a few people's
    // scores from.
    #expect(!withheld.isEmpty)
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

  /// The records of a CSV file, read as Kith reads CSV, each from the header's names to fields.
  static func records(_ url: URL) throws -> [[String: String]] {
    let reader = try CSVReader(path: url.path)
    var records: [[String: String]] = []
    try reader.forEachRow { row in
      records.append(
        Dictionary(
          uniqueKeysWithValues: reader.header.names.enumerated().map { ($1, row.string($0)) }))
    }
    return records
  }
}

import Foundation
import KithCSV
import Testing

@testable import Kith

/// T2, T3's effect-size intervals, T4, T5, T7 and T9 of the bundled example against pandas,
/// scipy and statsmodels: `Reference/make_example_tables_reference.py` recomputed them from the
/// released data files of a run under an open disclosure rule (exact counts, nine decimals) and
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
    let reference = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: Self.root.appendingPathComponent(
            "Tests/KithTests/Reference/example_tables_reference.json"))) as? [String: Double])
    #expect(reference.count > 250)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-open-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try PipelineLoader.load(path: try Self.openPipeline(in: folder).path)
    let out = folder.appendingPathComponent("out")
    try PipelineRun(
      spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out)
    ).run()

    let files = [
      "t2": "t2_engagement", "t3": "t3_change", "t4": "t4_dose_response", "t5": "t5_attrition",
      "t7": "t7_clinical_change", "t9": "t9_participant_flow",
    ]
    var rows: [String: [String: [String: String]]] = [:]
    for (id, file) in files {
      let reader = try CSVReader(
        path: out.appendingPathComponent("release/tables/\(file).csv").path)
      var table: [[String: String]] = []
      try reader.forEachRow { row in
        table.append(
          Dictionary(
            uniqueKeysWithValues: reader.header.names.enumerated().map { ($1, row.string($0)) }))
      }
      for row in table {
        let key =
          switch id {
          case "t2": row["group"] ?? ""
          case "t3", "t4", "t7": "\(row["instrument"] ?? "").\(row["scale"] ?? "")"
          case "t5":
            ["measure", "instrument", "scale", "group"].map { row[$0] ?? "" }.joined(
              separator: "|")
          default: ["stage", "instrument", "scale"].map { row[$0] ?? "" }.joined(separator: "|")
          }
        rows[id, default: [:]][key] = row
      }
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

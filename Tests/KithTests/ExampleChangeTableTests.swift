import Foundation
import Testing

@testable import Kith

/// T3 of the bundled example against scipy: `Reference/make_example_t3_reference.py` recomputed
/// every scale's statistics from the released scores; Kith's unrounded statistics must agree to
/// 1e-9, and `t3_change.csv` (nine decimals) to within its rounding.
@Suite struct ExampleChangeTableTests {
  static let exampleRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test func theExamplesChangeTableAgreesWithScipy() throws {
    let reference = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: Self.exampleRoot.appendingPathComponent(
            "Tests/KithTests/Reference/example_t3_reference.json")))
        as? [String: [String: Double]])
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-example-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let spec = try PipelineLoader.load(
      path: Self.exampleRoot.appendingPathComponent("pipelines/example.yaml").path)
    _ = try PipelineRun(
      spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out)
    ).run()

    // Unrounded: the released scores, paired and compared by Kith's statistics.
    var scores: [String: [String: Double]] = [:]
    for row in try CSVFile.rows(out.appendingPathComponent("release/data/scores.csv")).dropFirst()
    where !row[4].isEmpty {
      scores["\(row[2]) \(row[3])", default: [:]]["\(row[0]) \(row[1])"] = Double(row[4])
    }
    var largest = 0.0
    for (scale, expected) in reference {
      let values = try #require(scores[scale])
      let pids = Set(values.keys.map { String($0.prefix(16)) }).sorted().filter {
        values["\($0) baseline"] != nil && values["\($0) followup"] != nil
      }
      let before = pids.compactMap { values["\($0) baseline"] }
      let after = pids.compactMap { values["\($0) followup"] }
      let change = PairedComparison(before: before, after: after)
      let wilcoxon = WilcoxonSignedRank(changes: zip(after, before).map { $0 - $1 })
      let actual: [String: Double] = [
        "baseline_mean": change.before.mean, "baseline_sd": change.before.sd,
        "followup_mean": change.after.mean, "followup_sd": change.after.sd,
        "mean_change": change.meanChange, "change_ci_low": change.ciLow,
        "change_ci_high": change.ciHigh, "t": change.t, "p_t": change.p,
        "p_wilcoxon": wilcoxon.p, "d_z": change.dz, "g_av": change.gav,
      ]
      for (name, value) in expected {
        let difference = abs((actual[name] ?? .nan) - value)
        largest = max(largest, difference)
        #expect(difference <= 1e-9 * max(1, abs(value)), "\(scale) \(name)")
      }
    }
    #expect(largest < 1e-9)

    // Published: every T3 cell within the rounding its decimals show (nine, or fewer where the
    // disclosure rule coarsens it) of scipy's value.
    let table = try CSVFile.rows(out.appendingPathComponent("release/tables/t3_change.csv"))
    let header = table[0]
    #expect(table.count - 1 == reference.count)
    for row in table.dropFirst() {
      let expected = try #require(reference["\(row[0]) \(row[1])"])
      for (name, value) in expected {
        let cell = row[try #require(header.firstIndex(of: name))]
        guard cell != "*", !cell.isEmpty else { continue }
        let decimals = cell.split(separator: ".").dropFirst().first?.count ?? 0
        let half = 0.5 * pow(10, -Double(decimals)) * 1.000001
        #expect(abs(try #require(Double(cell)) - value) <= half, "\(row[0]) \(name)")
      }
    }
  }
}

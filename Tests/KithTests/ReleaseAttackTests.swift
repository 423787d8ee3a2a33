import Foundation
import KithCSV
import Testing

@testable import Kith

/// The attacker over whole releases, which must recover nothing.
///
/// The example, the example with three people moved into a group of their own, and a synthetic
/// study of 2,000 members, under each preset. The study tables are read back from the release's files and attacked afresh: nothing the rule hides
/// may come back.
@Suite struct ReleaseAttackTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The studies: a name and a function writing its pipeline (and data) into a folder.
  enum Study: String, CaseIterable, Sendable {
    case example, tinyGroup, synthetic2000
  }

  /// Writes `study` into `folder`; returns the pipeline file.
  func write(_ study: Study, preset: String, into folder: StudyFolder) throws -> URL {
    let data = folder.url.appendingPathComponent("data")
    switch study {
    case .example, .tinyGroup:
      try FileManager.default.copyItem(
        at: Self.root.appendingPathComponent("data/example"), to: data)
    case .synthetic2000:
      _ = try SyntheticExports.write(to: data, seed: 20_250_106, members: 2000)
    }
    if study == .tinyGroup {
      // Three members' every session moves to a group of their own.
      let register = data.appendingPathComponent("attendance.csv")
      var lines = try String(contentsOf: register, encoding: .utf8).split(separator: "\n")
        .map(String.init)
      let emails = Array(
        Set(
          lines.dropFirst().compactMap { $0.split(separator: ",").dropFirst(3).first }
            .map { $0.lowercased().trimmingCharacters(in: .whitespaces) })
      ).sorted().prefix(3)
      for index in lines.indices.dropFirst()
      where emails.contains(where: { lines[index].lowercased().contains($0) }) {
        lines[index] = "Tiny group" + lines[index].drop { $0 != "," }
      }
      try (lines.joined(separator: "\n") + "\n").write(
        to: register, atomically: true, encoding: .utf8)
    }
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: data.appendingPathComponent("demo.key").path)
    let pipeline = try String(
      contentsOf: Self.root.appendingPathComponent("pipelines/example.yaml"), encoding: .utf8
    )
    .replacingOccurrences(of: "../data/example/", with: "data/")
    .replacingOccurrences(of: "demo: true", with: "demo: true\ndisclosure: \(preset)")
    return try folder.write("pipeline.yaml", pipeline)
  }

  /// The release's study tables as a reader sees them: values with the precision their
  /// decimals show, percentages with the precision the data package states for their column.
  static func publishedTables(in release: URL) throws -> [PublishedTable] {
    let folder = release.appendingPathComponent("tables")
    let package = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: release.appendingPathComponent("datapackage.json")))
        as? [String: Any])
    var steps: [String: Double] = [:]
    for resource in package["resources"] as? [[String: Any]] ?? [] {
      let fields = (resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []
      for field in fields {
        guard let description = field["description"] as? String,
          let range = description.range(of: "Rounded to the nearest "),
          let step = Double(description[range.upperBound...].prefix { $0.isNumber })
        else { continue }
        steps["\(resource["path"] ?? "")#\(field["name"] ?? "")"] = step
      }
    }
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .filter { $0.hasSuffix(".csv") }.map { name in
        let reader = try CSVReader(
          path: folder.appendingPathComponent(name).path, dialect: .written)
        var rows: [[PublishedTable.Value]] = []
        let names = reader.header.names
        try reader.forEachRow { row in
          rows.append(
            (0..<row.count).map { index in
              let text = row.string(index)
              guard text != "*", Double(text) != nil else {
                return PublishedTable.Value(text: text, halfWidth: nil)
              }
              if let step = steps["tables/\(name)#\(names[index])"] {
                return PublishedTable.Value(text: text, halfWidth: step / 2)
              }
              let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
              return PublishedTable.Value(text: text, halfWidth: 0.5 * pow(10, -Double(decimals)))
            })
        }
        return PublishedTable(
          id: String(name.dropLast(4)), header: reader.header.names, rows: rows)
      }
  }

  @Test(arguments: Study.allCases, ["nhs-digital", "ons10", "min5"])
  func theAttackerRecoversNothing(study: Study, preset: String) throws {
    let folder = StudyFolder()
    let pipeline = try write(study, preset: preset, into: folder)
    let spec = try PipelineLoader.load(path: pipeline.path)
    let out = folder.url.appendingPathComponent("out")
    let summary = try PipelineRun(spec: spec, options: PipelineRun.Options(outputDirectory: out))
      .run()
    let attack = try #require(summary.privacy?.attack)
    #expect(attack.recoveries == 0)
    // The rule alone, cell by cell, would give values back: the protection is not idle.
    #expect(attack.ruleAlone > 0, "\(study) \(preset)")
    let tables = try Self.publishedTables(in: out.appendingPathComponent("release"))
    // Every public study table of a run: all but the case-level J3 and J4, and T13, which only
    // a merge makes.
    #expect(tables.count == StudyTableID.allCases.count - 3)
    #expect(!tables.contains { $0.header.contains("pid") })
    let facts = spec.instruments.map(\.value)
    var steps: [String: Double] = [:]
    for instrument in facts {
      for scale in instrument.scales where scale.conversion == nil {
        if case .prorate(_, let places) = scale.missing {
          steps["\(instrument.id) \(scale.id)"] = pow(10, -Double(places))
        } else {
          steps["\(instrument.id) \(scale.id)"] = 1
        }
      }
    }
    let recoveries = Attacker(rule: spec.disclosure, steps: steps, wellbeingScale: "wemwbs total")
      .attack(tables)
    #expect(recoveries.isEmpty, "\(study) \(preset): \(recoveries.prefix(3))")
  }
}

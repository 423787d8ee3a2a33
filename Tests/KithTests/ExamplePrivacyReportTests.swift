import Foundation
import Testing

@testable import Kith

/// The bundled example's privacy report, against its golden file (`make expected` regenerates
/// it), and what the run says of its unlinked interview.
@Suite struct ExamplePrivacyReportTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let golden = root.appendingPathComponent(
    "Tests/KithTests/Golden/example-privacy-report.md")

  @Test func theExamplesPrivacyReportIsTheGoldenFile() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-example-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let spec = try PipelineLoader.load(
      path: Self.root.appendingPathComponent("pipelines/example.yaml").path)
    let summary = try PipelineRun(
      spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out)
    ).run()
    let report = try String(
      contentsOf: out.appendingPathComponent("private/privacy-report.md"), encoding: .utf8)
    #expect(report == (try String(contentsOf: Self.golden, encoding: .utf8)))
    #expect(summary.privacy?.markdown == report)
    // The focus group is linked to no one: named by its position and a keyed tag, not by its
    // file name, which could be a person's.
    let notices = try #require(summary.inputs.last?.notices).joined(separator: "\n")
    #expect(notices.contains("1 document is not linked to a participant: document 25 (tag "))
    #expect(!notices.contains("Focus group") && !notices.contains("Riverside.txt"))
  }
}

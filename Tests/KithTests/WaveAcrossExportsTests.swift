import Foundation
import Testing

@testable import Kith

/// One wave's instruments may come from two exports (wellbeing in Qualtrics, PHQ-9 in REDCap):
/// responses that answer no instrument in common are both kept; those that share one are
/// duplicates, settled by `duplicates:`.
@Suite struct WaveAcrossExportsTests {
  let folder = StudyFolder()

  func run(secondHeader: String, second: [String]) throws -> RunSummary {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Two exports
      key: test.key
      waves: [baseline]
      instruments: [ucla3, phq9]
      max_rejected: 100%  # the overlapping case rejects on purpose
      inputs:
        loneliness: {path: a.csv, type: survey, wave: baseline, identifier: {column: Email, kind: email}}
        mood:
          path: b.csv
          type: survey
          format: redcap
          wave: baseline
          identifiers: [{column: record_id, kind: id}, {column: email, kind: email}]

      """)
    try folder.write(
      "a.csv", "Email,UCLA_1,UCLA_2,UCLA_3\na@example.org,1,2,3\nb@example.org,2,2,2\n")
    try folder.write("b.csv", ([secondHeader] + second).joined(separator: "\n") + "\n")
    return try folder.run()
  }

  /// `instrument total` of each email's scores.
  func totals(_ email: String) throws -> [String] {
    let pid = try folder.pid(of: email)
    return try folder.rows("out/release/data/scores.csv").filter {
      $0[0] == pid && $0[3] == "total" && $0[4] != ""
    }.map { "\($0[2]) \($0[4])" }.sorted()
  }

  @Test func responsesWithNoInstrumentInCommonAreBothKept() throws {
    let phq = (1...9).map { "phq9_\($0)" }.joined(separator: ",")
    let summary = try run(
      secondHeader: "record_id,email,\(phq)",
      second: ["101,a@example.org,1,1,1,1,1,1,1,1,0", "102,b@example.org,0,0,0,0,0,0,0,0,0"])
    #expect(summary.rowsRejected == 0)
    #expect(try totals("a@example.org") == ["phq9 8", "ucla3 6"])
    #expect(try totals("b@example.org") == ["phq9 0", "ucla3 6"])
    #expect(summary.participants == 2)
  }

  @Test func responsesSharingAnInstrumentAreDuplicates() throws {
    let summary = try run(
      secondHeader: "record_id,email,ucla_1,ucla_2,ucla_3",
      second: ["101,a@example.org,3,3,3", "102,b@example.org,1,1,1", "103,c@example.org,1,1,1"])
    // first-complete keeps the first export's responses.
    #expect(summary.rowsRejected == 2)
    #expect(try totals("a@example.org") == ["ucla3 6"])
    #expect(try totals("c@example.org") == ["ucla3 3"])
    let reasons = try folder.records("out/private/rejects.csv").map { $0["reason"] ?? "" }
    #expect(reasons.allSatisfy { $0.hasPrefix("a second response from this participant") })
  }
}

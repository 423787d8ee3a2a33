import Foundation
import Testing

@testable import Kith

/// A value over the field cap is a bad row, not a bad file: under `on_error: reject-row` that row
/// is rejected with a message naming the cap and how to raise it, and the other rows are kept;
/// `on_error: fail` stops the input; `max_field_mib` raises the cap.
@Suite struct OversizedFieldTests {
  let folder = StudyFolder()

  func pipeline(_ extra: String) -> String {
    """
    study: Fields
    key: test.key
    max_rejected: 50%  # the row with the huge note is rejected on purpose
    inputs:
      register:
        path: register.csv
        type: register
        identifier: {column: Email, kind: email}
        group: Group
        date: {column: Date, format: yyyy-MM-dd}
    \(extra)

    """
  }

  /// Three rows; the second's `Note` (a column the pipeline does not read) is 3 MiB.
  func writeRegister(quoted: Bool) throws {
    let huge = String(repeating: quoted ? "said hello\n" : "x", count: quoted ? 300_000 : 3 << 20)
    try folder.write(
      "register.csv",
      "Group,Date,Email,Note\nA,2025-03-01,a@example.org,ok\nA,2025-03-01,b@example.org,"
        + (quoted ? "\"\(huge)\"" : huge) + "\nA,2025-03-08,c@example.org,ok\n")
  }

  @Test(arguments: [true, false])
  func theRowIsRejectedNamingTheCapAndTheOthersAreKept(quoted: Bool) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline("    max_field_mib: 1"))
    try writeRegister(quoted: quoted)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 3 && report.rowsAccepted == 2 && report.rowsRejected == 1)
    let reject = try #require(try folder.records("out/private/rejects.csv").first)
    #expect(reject["line"] == "3" && reject["column"] == "Note")
    #expect(reject["reason"]?.hasPrefix("a value is larger than 1 MiB") == true)
    #expect(reject["reason"]?.hasSuffix("`max_field_mib: 2` on the input raises it") == true)
    #expect(try folder.rows("out/release/data/sessions.csv").count == 3)
  }

  @Test func onErrorFailStopsTheInputNamingTheLine() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline("    max_field_mib: 1\n    on_error: fail"))
    try writeRegister(quoted: false)
    let error = try #require(throws: DataError.self) { try folder.run() }
    #expect(
      error.message.contains("register.csv line 3, column Note: a value is larger than 1 MiB"))
  }

  @Test func aRaisedCapReadsTheValue() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline("    max_field_mib: 8"))
    try writeRegister(quoted: true)
    let summary = try folder.run()
    #expect(summary.inputs.first?.rowsAccepted == 3)
  }
}

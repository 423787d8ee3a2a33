import Foundation
import KithCSV
import Testing

@testable import Kith

/// Summary rows typed into registers (`Total`, `Count:`, `Sum`, numbers with no one named) are
/// skipped and listed with their line: never a person, a session or a name the leak gate
/// searches for.
@Suite struct SummaryRowTests {
  let folder = StudyFolder()

  func pipeline(_ register: String) -> String {
    """
    study: Summaries
    key: test.key
    inputs:
      register:
        path: register.csv
        type: register
        identifier: {column: Email, kind: email}
        identifying: [Name]
    \(register)

    """
  }

  @Test(arguments: [
    ("Total,,,,3", "'Total'"), ("TOTAL:,,,,3", "'TOTAL:'"), ("Count,,,,3", "'Count'"),
    ("Grand  total,,,,3", "'Grand  total'"), (",,,,3", "numbers only"), (",Sum,,,40%", "'Sum'"),
  ])
  func aLongRegistersSummaryRowIsSkippedWithItsLine(line: String, kind: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    group: Group\n    date: {column: Date, format: yyyy-MM-dd}\n    attended: Attended"))
    try folder.write(
      "register.csv",
      """
      Name,Group,Email,Attended,Date
      Jo Smith,Riverside,jo@example.org,Y,2025-03-01
      Sam Khan,Riverside,sam@example.org,Y,2025-03-01
      \(line)

      """)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 2 && report.rowsAccepted == 2 && report.rowsRejected == 0)
    #expect(report.summaryRows == 1)
    let rejects = try folder.records("out/private/rejects.csv")
    #expect(rejects.count == 1)
    #expect(rejects.first?["line"] == "4" && rejects.first?["outcome"] == "summary row skipped")
    #expect(
      rejects.first?["reason"] == "a summary row (\(kind)), not a person or a session: skipped")
    #expect(rejects.first?["raw"] == line)
    #expect(try folder.read("out/private/run.log").contains("1 summary row (a Total"))
    // Two people, one session: the summary row is neither.
    #expect(try folder.rows("out/release/data/participants.csv").count == 3)
    #expect(try folder.rows("out/release/data/sessions.csv").count == 2)
  }

  /// The word of a summary row is not an identifying value: a release whose tables say `Total`
  /// publishes (were it a name, the leak gate would stop it).
  @Test func aWideRegistersTotalRowAndColumnAreNeitherPeopleNorSessions() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline("    format: wide\n    group: Group"))
    try folder.write(
      "register.csv",
      """
      Name,Email,Group,01/03/2025,08/03/2025,Total
      Jo Smith,jo@example.org,Riverside,Y,Y,2
      Sam Khan,sam@example.org,Riverside,Y,N,1
      Total,,,2,1,3
      ,,,2,1,3

      """)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 2 && report.rowsAccepted == 2 && report.summaryRows == 2)
    #expect(report.droppedColumns == ["Total"])
    #expect(try folder.rows("out/release/data/participants.csv").count == 3)
    #expect(
      try folder.rows("out/release/data/sessions.csv").dropFirst().map { $0.joined(separator: " ") }
        == ["Riverside 2025-03-01 2", "Riverside 2025-03-08 1"])
    let tables = try FileManager.default.contentsOfDirectory(
      atPath: folder.url.appendingPathComponent("out/release/tables").path)
    let words = try tables.map { try folder.read("out/release/tables/\($0)") }.joined()
    #expect(words.localizedCaseInsensitiveContains("total"))
  }

  /// A skipped row is written back with its file's delimiter.
  @Test func aSemicolonRegistersTotalRowKeepsItsSemicolons() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml", pipeline("    group: Group\n    date: {column: Date, format: yyyy-MM-dd}"))
    try folder.write(
      "register.csv",
      "Name;Group;Email;Date\nJo Smith;A;jo@example.org;2025-03-01\nTotal;;;1\n")
    _ = try folder.run()
    #expect(try folder.records("out/private/rejects.csv").first?["raw"] == "Total;;;1")
  }

  /// A row naming a person is never a summary row, whatever numbers it holds.
  @Test func aPersonsRowIsNeverASummaryRow() throws {
    let names = ["Name", "Email", "Group", "Date"]
    let header = CSVHeaderFixture(names)
    #expect(header.kind(["Jo Smith", "jo@example.org", "Riverside", "3"]) == "not a summary")
    #expect(header.kind(["", "jo@example.org", "", "3"]) == "not a summary")
    #expect(header.kind(["Totally Fine", "t@example.org", "A", "2025-03-01"]) == "not a summary")
    #expect(header.kind(["", "", "", "2025-03-01"]) == "not a summary")
    #expect(header.kind(["", "", "Total", "3"]) == "'Total'")
  }
}

/// One-row CSV files for ``SummaryRow/kind(of:labelCells:personCells:)``.
private struct CSVHeaderFixture {
  let names: [String]
  init(_ names: [String]) { self.names = names }

  func kind(_ cells: [String]) -> String {
    let text = names.joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n"
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "summary-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    guard (try? text.write(to: url, atomically: true, encoding: .utf8)) != nil,
      let reader = try? CSVReader(path: url.path)
    else { return "unreadable" }
    var found = "no row"
    try? reader.forEachRow { row in
      found =
        SummaryRow.kind(of: row, labelCells: [0, 1, 2], personCells: [0, 1]) ?? "not a summary"
    }
    return found
  }
}

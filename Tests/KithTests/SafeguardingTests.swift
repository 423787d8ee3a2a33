import Foundation
import Testing

@testable import Kith

/// Safeguarding never depends on an answer being readable, nor on the row being kept: every risk
/// item (PHQ-9 item 9, CORE-10 item 6, the self-harm count) answered above its lowest answer, or
/// answered in a way that cannot be read, is a line of `private/safeguarding.csv`.
@Suite struct SafeguardingTests {
  let folder = StudyFolder()

  static let phqColumns = (1...9).map { "PHQ9_\($0)" }.joined(separator: ",")
  static let coreColumns = (1...10).map { "CORE10_\($0)" }.joined(separator: ",")

  func pipeline(extra: String = "") -> String {
    """
    study: Safeguarding
    key: test.key
    waves: [baseline, followup]
    instruments: [phq9, core10, selfharm]
    inputs:
      survey:
        path: survey.csv
        type: survey
        wave: {column: Wave}
        identifier: {column: Email, kind: email}
    \(extra)

    """
  }

  /// A row answering every item 0 except the risk items, which are `phq`, `core` and `count`.
  static func row(
    _ email: String, wave: String = "baseline", phq: String = "0", core: String = "0",
    count: String = "0"
  ) -> String {
    let phqItems = Array(repeating: "0", count: 8) + [phq]
    // CORE-10 items 2 and 3 (reversed) answered 4, so the clinical score is the risk item's.
    let coreItems = ["0", "4", "4", "0", "0", core, "0", "0", "0", "0"]
    return ([email, wave] + phqItems + coreItems + [count]).map(csvField).joined(separator: ",")
  }

  static func csvField(_ text: String) -> String {
    text.contains(",") || text.contains("\"")
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  static let header = "Email,Wave,\(phqColumns),\(coreColumns),SELFHARM"

  /// `private/safeguarding.csv`, one dictionary of fields per line.
  func concerns() throws -> [[String: String]] {
    try folder.records("out/private/safeguarding.csv")
  }

  /// Answers that cannot be read, for each risk item: an unknown wording, a number out of range,
  /// a decimal, a negative number, two answers in one cell, a refusal, free text.
  static let unreadable: [(instrument: String, item: Int, column: String, answers: [String])] = [
    (
      "phq9", 9, "PHQ9_9",
      ["Most days", "Nearly every  day?", "4", "-1", "2.5", "1,2", "Prefer not to say", "yes"]
    ),
    (
      "core10", 6, "CORE10_6",
      ["Most of the time", "5", "Often-ish", "0.5", "3 or 4", "N/A"]
    ),
    ("selfharm", 1, "SELFHARM", ["a few", "3-4", "1001", "-2", "several times", "2.0"]),
  ]

  @Test func everyUnreadableRiskAnswerIsAConcernWithItsText() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline())
    var lines = [Self.header]
    var expected: [(email: String, instrument: String, item: Int, column: String, text: String)] =
      []
    for risk in Self.unreadable {
      for (index, answer) in risk.answers.enumerated() {
        let email = "\(risk.instrument)\(index)@example.org"
        switch risk.instrument {
        case "phq9": lines.append(Self.row(email, phq: answer))
        case "core10": lines.append(Self.row(email, core: answer))
        default: lines.append(Self.row(email, count: answer))
        }
        expected.append((email, risk.instrument, risk.item, risk.column, answer))
      }
    }
    try folder.write("survey.csv", lines.joined(separator: "\n") + "\n")
    let summary = try folder.run()
    let found = try concerns()
    #expect(found.count == expected.count)
    #expect(summary.safeguardingConcerns == expected.count)
    #expect(summary.safeguardingUnreadable == expected.count)
    for (offset, want) in expected.enumerated() where offset < found.count {
      let concern = found[offset]
      #expect(concern["pid"] == (try folder.pid(of: want.email)), "\(want.text)")
      #expect(concern["wave"] == "baseline")
      #expect(concern["instrument"] == want.instrument && concern["item"] == String(want.item))
      #expect(concern["column"] == want.column)
      #expect(concern["answer"] == "", "\(want.text) has no code")
      #expect(concern["text"] == want.text)
      #expect(concern["reason"] == "unreadable answer on a risk item — check by hand")
      #expect(concern["line"] == String(offset + 2))
    }
    // The unreadable answer is also set aside as missing, with the reason it was not read.
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("'Most of the time' is not an answer of CORE10"))
    #expect(rejects.contains("'1001' is not an answer of SELFHARM"))
  }

  /// The issue's cases: "Nearly everyday" is a published spelling, read as 3; "Most of the time"
  /// on CORE-10 item 6 is no answer of the CORE-10, and is flagged unread.
  @Test func aCirculatingSpellingIsReadAndAnUnknownOneIsFlagged() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline())
    try folder.write(
      "survey.csv",
      [
        Self.header, Self.row("a@example.org", phq: "Nearly everyday"),
        Self.row("b@example.org", core: "Most of the time"),
      ].joined(separator: "\n") + "\n")
    let summary = try folder.run()
    let found = try concerns()
    #expect(found.count == 2 && summary.safeguardingUnreadable == 1)
    #expect(found.first?["answer"] == "3" && found.first?["text"] == "Nearly everyday")
    #expect(found.first?["reason"] == "answered above the lowest answer")
    #expect(found.last?["answer"] == "" && found.last?["text"] == "Most of the time")
    // PHQ-9 with item 9 read as 3 and the others 0 totals 3.
    let scores = try folder.rows("out/release/data/scores.csv")
    let a = try folder.pid(of: "a@example.org")
    #expect(scores.contains { $0[0] == a && $0[2] == "phq9" && $0[4] == "3" })
  }

  /// Answers at the lowest, and blanks, raise nothing; any answer above the lowest does,
  /// however it is written.
  @Test func readableAnswersAboveTheLowestAreConcernsAndOthersAreNot() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline())
    try folder.write(
      "survey.csv",
      [
        Self.header,
        Self.row("quiet@example.org", phq: "Not at all", core: "0", count: "None"),
        Self.row("blank@example.org", phq: "", core: "", count: ""),
        Self.row("phq@example.org", phq: "Several days"),
        Self.row("core@example.org", core: " 1 "),
        Self.row("count@example.org", count: "1"),
      ].joined(separator: "\n") + "\n")
    let summary = try folder.run()
    let found = try concerns()
    #expect(summary.safeguardingConcerns == 3 && summary.safeguardingUnreadable == 0)
    #expect(found.map { $0["instrument"] ?? "" } == ["phq9", "core10", "selfharm"])
    #expect(found.map { $0["answer"] ?? "" } == ["1", "1", "1"])
    #expect(found.map { $0["text"] ?? "" } == ["Several days", "1", "1"])
    #expect(found.allSatisfy { $0["reason"] == "answered above the lowest answer" })
  }

  /// A rejected row is still checked.
  ///
  /// One that cannot be identified (blank pid), one in no wave (blank wave). The pipeline
  /// allows the rejections (`max_rejected`), so the run publishes.
  @Test func rowsThatAreRejectedAreStillChecked() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(extra: "max_rejected: 100%"))
    try folder.write(
      "survey.csv",
      [
        Self.header,
        Self.row("", phq: "3"),
        Self.row("nowave@example.org", wave: "week 99", core: "Most of the time"),
        Self.row("quiet@example.org"),
      ].joined(separator: "\n") + "\n")
    let summary = try folder.run()
    #expect(summary.rowsRejected == 2)
    let found = try concerns()
    #expect(found.count == 2)
    #expect(found.first?["pid"] == "" && found.first?["wave"] == "" && found.first?["line"] == "2")
    #expect(found.first?["answer"] == "3")
    #expect(found.last?["pid"] == (try folder.pid(of: "nowave@example.org")))
    #expect(found.last?["wave"] == "" && found.last?["line"] == "3")
    #expect(found.last?["reason"] == "unreadable answer on a risk item — check by hand")
  }

  /// An unfinished Qualtrics response (blank pid) is rejected; when that is every row the run
  /// fails (nothing is published) and the concern is still written, in the failed run's
  /// private files.
  @Test func anUnfinishedResponseIsStillCheckedWhenTheRunFails() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Safeguarding
      key: test.key
      waves: [baseline]
      instruments: [phq9]
      inputs:
        survey:
          path: survey.csv
          type: survey
          format: qualtrics
          wave: baseline
          identifier: {column: RecipientEmail, kind: email}

      """)
    let items = (1...9).map { "PHQ9_\($0)" }
    let imports = items.map { "\"{\"\"ImportId\"\":\"\"\($0)\"\"}\"" }.joined(separator: ",")
    try folder.write(
      "survey.csv",
      """
      StartDate,Finished,RecipientEmail,\(items.joined(separator: ","))
      Start Date,Finished,Recipient Email,\(items.joined(separator: ","))
      "{""ImportId"":""startDate""}","{""ImportId"":""finished""}","{""ImportId"":""recipientEmail""}",\(imports)
      2026-03-01 10:00:00,0,a@example.org,0,0,0,,,,,,Nearly every day

      """)
    #expect(throws: DataError.self) { try folder.run() }
    #expect(!folder.exists("out/release/manifest.json"))
    let found = try folder.records("out/private/failed-run/safeguarding.csv")
    #expect(found.count == 1 && found.first?["pid"] == "" && found.first?["answer"] == "3")
    #expect(found.first?["line"] == "4" && found.first?["text"] == "Nearly every day")
  }
}

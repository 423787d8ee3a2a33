import Foundation
import Testing

@testable import Kith

/// Answer wordings as exports write them.
///
/// Compared after normalisation, added per input under `answers:`, and — when not an answer —
/// set aside and reported, stopping the run when one recurs (`max_unrecognised`) so that a
/// wording the definition lacks never quietly removes a measure. An input rejecting more than
/// `max_rejected` of its rows stops the run as well.
@Suite struct AnswerWordingTests {
  let folder = StudyFolder()

  static let header = "Email," + (1...6).map { "LSNS_\($0)" }.joined(separator: ",")

  /// A pipeline scoring the LSNS-6 from `survey.csv`, with `extra` lines in the input and `top`
  /// lines at the top level.
  func pipeline(extra: String = "", top: String = "") -> String {
    """
    study: Wordings
    key: test.key
    waves: [baseline]
    instruments: [lsns6]
    \(top)
    inputs:
      survey:
        path: survey.csv
        type: survey
        wave: baseline
        identifier: {column: Email, kind: email}
    \(extra)

    """
  }

  /// `count` responses answering item 4 with `answer` and every other item "two".
  static func survey(_ answers: [String]) -> String {
    ([header]
      + answers.enumerated().map { index, answer in
        "p\(index)@example.org,two,two,two,\(answer),two,two"
      }).joined(separator: "\n") + "\n"
  }

  /// Each response's LSNS-6 total, by email order.
  func totals(count: Int) throws -> [String] {
    let rows = try folder.rows("out/release/data/scores.csv").dropFirst()
    return try (0..<count).map { index in
      let pid = try folder.pid(of: "p\(index)@example.org")
      return rows.first { $0[0] == pid && $0[3] == "total" }?[4] ?? "none"
    }
  }

  @Test(arguments: [
    "Five thru eight", "five through eight", "FIVE TO EIGHT", "5–8", "5 - 8", "5—8",
    "five\u{00A0}thru eight", "  five thru  eight  ", "5 to 8",
  ])
  func publishedWordingsAreReadAfterNormalisation(answer: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline())
    try folder.write("survey.csv", Self.survey([answer]))
    let summary = try folder.run()
    #expect(summary.inputs.first?.unrecognisedAnswers == [])
    // Five items "two" (2 each) and item 4 "five thru eight" (4).
    #expect(try totals(count: 1) == ["14"])
  }

  @Test func aRecurringUnknownWordingStopsTheRunNamingItsItemAndCount() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline())
    try folder.write(
      "survey.csv",
      Self.survey([
        "Between five and eight", "between five and eight", "Between five and eight ", "one",
      ]))
    let error = try #require(throws: DataError.self) { try folder.run() }
    #expect(
      error.message.contains(
        "survey: LSNS_4: 'Between five and eight' × 3 of 4 answers — not an answer of lsns6"))
    #expect(error.message.contains("`answers: {LSNS_4: {\"Between five and eight\": CODE}}`"))
    #expect(!folder.exists("out/release/manifest.json"))
  }

  @Test(arguments: [
    "answers: {LSNS_4: {\"Between five and eight\": 4}}",
    "answers: {lsns6: {\"between five and eight\": 4}}",
  ])
  func anInputMayAddAWordingForAnItemOrTheInstrument(answers: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(extra: "    " + answers))
    try folder.write(
      "survey.csv", Self.survey(["Between five and eight", "between five and eight", "one"]))
    let summary = try folder.run()
    #expect(summary.inputs.first?.unrecognisedAnswers == [])
    #expect(try totals(count: 3) == ["14", "14", "11"])
  }

  /// A one-off typo in a small survey is set aside (the response is not scored) and reported,
  /// not fatal; the pipeline can make even one stop the run.
  @Test func aOneOffTypoIsReportedAndStopsTheRunOnlyWhenThePipelineSaysSo() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline())
    try folder.write("survey.csv", Self.survey(["fiev thru eight", "one", "one", "two"]))
    let summary = try folder.run()
    let unrecognised = try #require(summary.inputs.first?.unrecognisedAnswers)
    #expect(
      unrecognised == [
        UnrecognisedAnswer(
          column: "LSNS_4", instrument: "lsns6", text: "fiev thru eight", count: 1, answered: 4)
      ])
    let totals = try totals(count: 4)
    #expect(totals == ["", "11", "11", "12"])
    #expect(
      try folder.read("out/private/run.log").contains(
        "not read: LSNS_4: 'fiev thru eight' × 1 of 4 answers — not an answer of lsns6"))

    try folder.write("pipeline.yaml", pipeline(top: "max_unrecognised: {count: 1, share: 0}"))
    #expect(throws: DataError.self) { try folder.run() }
  }

  @Test(arguments: [
    (
      "answers: {LSNS_4: {\"one\": 4}}",
      "gives 'one' the code 4, but lsns6's definition reads it as 1"
    ),
    ("answers: {lsns6: {\"about six\": 9}}", "0 to 5"),
    ("answers: {LSNS_9: {\"about six\": 4}}", "`LSNS_9`, which is neither an instrument"),
  ])
  func anAddedWordingThatContradictsTheDefinitionIsRefused(answers: String, words: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(extra: "    " + answers))
    try folder.write("survey.csv", Self.survey(["one"]))
    let error = try #require(throws: (any Error).self) { try folder.run() }
    #expect("\(error)".contains(words), "\(error)")
  }

  @Test(arguments: [
    // 2 of 10 rows rejected (no email): over the default 10 %.
    ("", 2, true), ("max_rejected: 20%", 2, false), ("max_rejected: 0.1", 1, false),
    ("max_rejected: 0", 1, true),
  ])
  func anInputRejectingMoreThanMaxRejectedStopsRunAndCheck(
    top: String, blanks: Int, stops: Bool
  ) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(top: top))
    var lines = (0..<10).map { "p\($0)@example.org,two,two,two,one,two,two" }
    for index in 0..<blanks { lines[index] = ",two,two,two,one,two,two" }
    try folder.write("survey.csv", ([Self.header] + lines).joined(separator: "\n") + "\n")
    for dryRun in [true, false] {
      if stops {
        let error = try #require(throws: DataError.self) { try folder.run(dryRun: dryRun) }
        #expect(error.message.contains("survey: \(blanks) of its 10 rows were rejected"))
      } else {
        let summary = try folder.run(dryRun: dryRun)
        #expect(summary.inputs.first?.rowsRejected == blanks)
      }
    }
  }
}

import Foundation
import Testing

@testable import Kith

/// `period: {from, to}`: sessions and responses dated outside the study are rejected with their
/// date, whatever kind of export holds them; and `group: {name: …}` gives every row of a
/// register one group.
@Suite struct StudyPeriodTests {
  let folder = StudyFolder()

  func pipeline(period: String, inputs: String) -> String {
    """
    study: Period
    key: test.key
    waves: [baseline]
    instruments: [ucla3]
    max_rejected: 100%  # the rows outside the period are rejected on purpose
    \(period)
    inputs:
    \(inputs)

    """
  }

  /// The sessions released, as `group date attendees`.
  func sessions() throws -> [String] {
    try folder.rows("out/release/data/sessions.csv").dropFirst().map { $0.joined(separator: " ") }
  }

  func rejectReasons() throws -> [String] {
    try folder.records("out/private/rejects.csv").map { $0["reason"] ?? "" }
  }

  @Test func aLongRegistersSessionsOutsideThePeriodAreRejectedWithTheirDate() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "period: {from: 2025-02-01, to: 2025-03-31}",
        inputs: """
            register:
              path: register.csv
              type: register
              identifier: {column: Email, kind: email}
              group: Group
              date: {column: Date, format: yyyy-MM-dd}
          """))
    try folder.write(
      "register.csv",
      """
      Group,Date,Email
      Riverside,2025-01-25,a@example.org
      Riverside,2025-02-01,a@example.org
      Riverside,2025-02-01,b@example.org
      Riverside,2025-03-31,b@example.org
      Riverside,2025-04-01,b@example.org

      """)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 5 && report.rowsAccepted == 3 && report.rowsRejected == 2)
    #expect(
      try rejectReasons() == [
        "a session on 2025-01-25, before the study period (2025-02-01 to 2025-03-31)",
        "a session on 2025-04-01, after the study period (2025-02-01 to 2025-03-31)",
      ])
    #expect(try sessions() == ["Riverside 2025-02-01 2", "Riverside 2025-03-31 1"])
    // The taster session moved nobody's first session.
    let firsts = try folder.records("out/release/data/participants.csv").map {
      $0["first_attended"] ?? ""
    }
    #expect(firsts.allSatisfy { $0 == "" || $0 >= "2025-02-01" })
  }

  @Test func aWideRegistersMarksOutsideThePeriodAreSetAsideAndItsFixedGroupIsUsed() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "period: {from: 2025-02-01}",
        inputs: """
            register:
              path: wide.csv
              type: register
              format: wide
              identifier: {column: Email, kind: email}
              group: {name: Hillside}
              date: {format: dd/MM/yyyy}
          """))
    try folder.write(
      "wide.csv",
      """
      Email,25/01/2025,01/02/2025,08/02/2025
      a@example.org,Y,Y,N
      b@example.org,,Y,Y

      """)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 2 && report.rowsAccepted == 2)
    #expect(
      try rejectReasons() == ["a session on 2025-01-25, before the study period (from 2025-02-01)"])
    #expect(try sessions() == ["Hillside 2025-02-01 2", "Hillside 2025-02-08 1"])
  }

  /// Every session of a Teams report falls before the period: every row is rejected, so the
  /// run fails, and the reasons are in the failed run's private files.
  @Test func aTeamsReportBeforeThePeriodIsRejectedAndTheRunFails() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "period: {from: 2025-03-01}",
        inputs: """
            meeting:
              path: report.csv
              type: register
              format: teams
              group: Online group
              identifier: {column: Email, kind: email}
              identifying: [Name]
          """))
    try Data(TeamsReportTests.report()).write(to: folder.url.appendingPathComponent("report.csv"))
    let error = try #require(throws: DataError.self) { try folder.run() }
    #expect(error.message.contains("meeting: every one of its 3 rows was rejected"))
    let reasons = try folder.records("out/private/failed-run/rejects.csv").map { $0["reason"] }
    #expect(
      reasons
        == Array(
          repeating: "a session on 2025-02-05, before the study period (from 2025-03-01)", count: 3)
    )
  }

  @Test(arguments: [
    // The platform's own date column (Qualtrics RecordedDate), ISO with a time.
    ("RecordedDate", "2025-01-20 10:00:00", "2025-02-10 09:30:00", ""),
    // A column the input names, in UK order.
    (
      "Completed on", "20/01/2025", "10/02/2025",
      "\n    period: {date: {column: Completed on, format: dd/MM/yyyy}}"
    ),
  ])
  func surveyResponsesOutsideThePeriodAreRejected(
    column: String, before: String, inside: String, declared: String
  ) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "period: {from: 2025-02-01, to: 2025-08-31}",
        inputs: """
            survey:
              path: survey.csv
              type: survey
              wave: baseline
              identifier: {column: Email, kind: email}\(declared)
          """))
    try folder.write(
      "survey.csv",
      """
      Email,\(column),UCLA_1,UCLA_2,UCLA_3
      a@example.org,\(before),1,1,1
      b@example.org,\(inside),1,2,3
      c@example.org,not a date,1,1,1

      """)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 3 && report.rowsAccepted == 1 && report.rowsRejected == 2)
    let reasons = try rejectReasons()
    #expect(
      reasons.first
        == "a response dated 2025-01-20, before the study period (2025-02-01 to 2025-08-31)")
    #expect(reasons.last?.hasPrefix("'not a date' is not a date") == true)
    let scores = try folder.rows("out/release/data/scores.csv").dropFirst()
    #expect(scores.map { $0[0] } == [try folder.pid(of: "b@example.org")])
  }

  @Test func aSurveyWithNoDateSaysThePeriodIsNotChecked() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "period: {to: 2025-08-31}",
        inputs: """
            survey:
              path: survey.csv
              type: survey
              wave: baseline
              identifier: {column: Email, kind: email}
          """))
    try folder.write("survey.csv", "Email,UCLA_1,UCLA_2,UCLA_3\na@example.org,1,2,3\n")
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsAccepted == 1)
    #expect(
      report.notices.contains {
        $0.hasPrefix("the study period (to 2025-08-31) is not checked for these responses")
      })
  }

  @Test(arguments: [
    ("period: {from: 2025-09-01, to: 2025-02-01}", "ends (2025-02-01) before it starts"),
    ("period: {from: 1 Feb 2025}", "must be a date like 2025-02-01"),
    ("period: {since: 2025-02-01}", "since"),
  ])
  func aPeriodThatCannotBeIsRefusedAtItsLine(period: String, words: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("r.csv", "Group,Date,Email\nA,2025-03-01,a@example.org\n")
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: period,
        inputs: """
            r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, group: Group, date: {column: Date, format: yyyy-MM-dd}}
          """))
    let error = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    #expect(error.description.contains(words))
    #expect(error.description.contains("pipeline.yaml:6"))
  }

  @Test func aRegisterWithoutAGroupColumnOrNameIsRefused() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("r.csv", "Date,Email\n2025-03-01,a@example.org\n")
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "",
        inputs: """
            r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, group: {}, date: {column: Date, format: yyyy-MM-dd}}
          """))
    let error = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    #expect(error.description.contains("needs one of `name`"))
  }

  @Test func aLongRegisterMayNameOneGroupForEveryRow() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("r.csv", "Date,Email\n2025-03-01,a@example.org\n2025-03-01,b@example.org\n")
    try folder.write(
      "pipeline.yaml",
      pipeline(
        period: "",
        inputs: """
            r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, group: {name: Riverside}, date: {column: Date, format: yyyy-MM-dd}}
          """))
    _ = try folder.run()
    #expect(try sessions() == ["Riverside 2025-03-01 2"])
  }
}

import Foundation
import Testing

@testable import Kith

@Suite struct TeamsReportTests {
  @Test(arguments: [
    ("19m 26s", 19 + 26.0 / 60), ("1h 5m", 65.0), ("45s", 0.75), ("1 godz. 5 min 30 sek.", 65.5),
  ])
  func durations(text: String, minutes: Double) throws {
    let parsed = try #require(MeetingReport.minutes(text))
    #expect(abs(parsed - minutes) < 1e-9)
  }

  @Test(arguments: ["", "soon", "19x", "m 5"])
  func notDurations(text: String) {
    #expect(MeetingReport.minutes(text) == nil)
  }

  @Test func startTimesWithTwoOrFourDigitYears() {
    #expect(
      MeetingReport.day("14/11/22, 09:29:07", format: .dayMonthYear).map(CivilDate.iso)
        == "2022-11-14")
    #expect(
      MeetingReport.day("11/14/2022, 9:29:07 AM", format: .monthDayYear).map(CivilDate.iso)
        == "2022-11-14")
    #expect(TeamsReportReader.sectionNumber("2. Participants") == 2)
    #expect(TeamsReportReader.sectionNumber("Jo Smith") == nil)
  }

  static let pipeline = """
    study: Teams
    key: test.key
    inputs:
      meeting:
        path: report.csv
        type: register
        format: teams
        group: Online group
        identifier: {column: Email, kind: email}
        identifying: [Name]
        attended: {minimum_minutes: 10}
        max_rejected: 100%  # the unreadable duration is rejected on purpose

    """

  /// A report as Teams downloads it: UTF-16 little-endian with a byte-order mark, tab-separated.
  static func report() -> [UInt8] {
    let text = """
      1. Summary
      Meeting title\tWednesday check-in
      Start time\t05/02/25, 18:00:03
      Meeting duration\t1h 2m

      2. Participants
      Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tRole
      Smith, Jo\t05/02/25, 18:00:10\t05/02/25, 19:01:00\t1h 0m 50s\tjo.smith@example.org\tOrganizer
      Sam Khan\t05/02/25, 18:20:00\t05/02/25, 18:25:00\t5m\tsam.khan@example.org\tAttendee
      Pat Lee\t05/02/25, 18:05:00\t05/02/25, 18:40:00\tabout an hour\tpat@example.org\tAttendee

      3. In-Meeting activities
      Name\tJoin time\tLeave time\tDuration\tEmail\tRole
      Smith, Jo\t05/02/25, 18:00:10\t05/02/25, 19:01:00\t1h 0m 50s\tjo.smith@example.org\tOrganizer

      """
    return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  @Test func aReportGivesOneSessionWithTheMinimumTimeApplied() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", Self.pipeline)
    try Data(Self.report()).write(to: folder.url.appendingPathComponent("report.csv"))
    let summary = try folder.run()
    // Three participant rows are data rows; Pat's duration is unreadable.
    #expect(summary.inputs.map { [$0.rowsRead, $0.rowsAccepted, $0.rowsRejected] } == [[3, 2, 1]])
    #expect(summary.inputs.first?.encoding == "utf-16le")
    let attendance = try folder.rows("out/release/data/attendance.csv")
    // Jo (pid from Python's hmac) stayed an hour; Sam's 5 minutes are under 10: absent.
    let sam = try #require(attendance.dropFirst().first { $0[0] != "70c6bf3f59e3888f" })[0]
    #expect(
      attendance.dropFirst().map { $0.joined(separator: " ") }
        == [
          "70c6bf3f59e3888f Online group 2025-02-05 1", "\(sam) Online group 2025-02-05 0",
        ].sorted())
    #expect(
      try folder.read("out/private/rejects.csv").contains(
        "'about an hour' is not a time in the meeting"))
    let release = try folder.read("out/release/data/participants.csv")
    #expect(!release.lowercased().contains("smith"))
  }

  @Test(.enabled(if: sharedFixture != nil, "../shared/fixtures/external/teams is absent"))
  func theSharedTeamsExportReads() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      Self.pipeline.replacingOccurrences(of: "    group: Online group\n", with: "")
        .replacingOccurrences(of: "minimum_minutes: 10", with: "minimum_minutes: 15"))
    let fixture = try #require(Self.sharedFixture)
    try FileManager.default.copyItem(
      at: fixture, to: folder.url.appendingPathComponent("report.csv"))
    let summary = try folder.run()
    #expect(summary.inputs.first?.rowsRead == 7 && summary.inputs.first?.rowsRejected == 0)
    #expect(
      summary.inputs.first?.encoding == "utf-16be" && summary.inputs.first?.delimiter == "tab")
    // Six stayed 15 minutes or more; one (14m 50s) did not.
    #expect(
      try folder.rows("out/release/data/sessions.csv") == [
        ["group", "session_date", "attendees"], ["Scrum Meeting", "2022-11-14", "6"],
      ])
  }

  static let sharedFixture = KithTests.sharedFixture("teams/IDL-14-11-22.csv")
}

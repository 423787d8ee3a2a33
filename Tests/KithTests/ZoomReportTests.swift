import Foundation
import Testing

@testable import Kith

@Suite struct ZoomReportTests {
  static let pipeline = """
    study: Zoom
    key: test.key
    inputs:
      meeting:
        path: zoom.csv
        type: register
        format: zoom
        identifier: {column: User Email, kind: email}
        identifying: [Name (Original Name)]
        attended: {minimum_minutes: 20}
        max_rejected: 100%  # the guest and the unreadable duration are rejected on purpose

    """

  /// A Zoom participants export with its meeting summary: one row per join.
  static let report = """
    Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,
    812 3456 7890,Thursday peer group,02/06/2025 06:58:10 PM,02/06/2025 08:01:00 PM,host@example.org,63,4,

    Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
    Jo Smith,jo.smith@example.org,02/06/2025 06:59:00 PM,02/06/2025 07:10:00 PM,11,No
    Jo Smith,jo.smith@example.org,02/06/2025 07:30:00 PM,02/06/2025 07:45:00 PM,15,No
    Sam Khan,sam.khan@example.org,02/06/2025 07:00:00 PM,02/06/2025 07:12:00 PM,12,No
    Guest 1,,02/06/2025 07:00:00 PM,02/06/2025 08:00:00 PM,60,Yes
    Pat Lee,pat@example.org,02/06/2025 07:00:00 PM,02/06/2025 08:00:00 PM,an hour,No

    """

  @Test func joinsAreSummedPerPersonAndTheMinimumApplied() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", Self.pipeline)
    try folder.write("zoom.csv", Self.report)
    let summary = try folder.run()
    // Five join rows: Jo's two and Sam's are accepted; the guest (no email) and Pat are not.
    #expect(summary.inputs.map { [$0.rowsRead, $0.rowsAccepted, $0.rowsRejected] } == [[5, 3, 2]])
    let attendance = try folder.rows("out/release/data/attendance.csv")
    // Jo: 11 + 15 = 26 minutes ≥ 20, attended; Sam: 12 < 20, absent. Date from the summary,
    // group from the topic.
    #expect(
      attendance.dropFirst().map { "\($0[1]) \($0[2]) \($0[3])" }.sorted() == [
        "Thursday peer group 2025-02-06 0", "Thursday peer group 2025-02-06 1",
      ])
    #expect(attendance.contains { $0[0] == "70c6bf3f59e3888f" && $0[3] == "1" })
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("no email to identify the person"))
    #expect(rejects.contains("'an hour' is not a number of minutes"))
  }

  @Test func withoutASummaryTheJoinTimeGivesTheDate() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      Self.pipeline.replacingOccurrences(
        of: "format: zoom", with: "format: zoom\n    group: Online"))
    let body = Self.report.split(separator: "\n").dropFirst(2).joined(separator: "\n") + "\n"
    try folder.write("zoom.csv", body)
    try folder.run()
    #expect(
      try folder.rows("out/release/data/sessions.csv") == [
        ["group", "session_date", "attendees"], ["Online", "2025-02-06", "1"],
      ])
  }
}

import Foundation
import Testing

@testable import Kith

/// `identifiers:` linkage beside inputs of every format.
///
/// A REDCap export keyed by `record_id` also holds each person's email; beside it sits one input
/// of each format, keyed by email. With `pid: email` the other input's identifier is the pid's
/// own kind; with `pid: id` it reaches the pid through the REDCap row's link. Either way
/// `kith check` and `kith run` pass and each person is one participant.
@Suite struct LinkageFormatTests {
  let folder = StudyFolder()

  static let emails = ["jo.smith@example.org", "sam.khan@example.org", "pat@example.org"]

  /// The linked REDCap export: record 101 is Jo, 102 Sam, 103 Pat.
  static let redcap = """
    record_id,email,UCLA_1,UCLA_2,UCLA_3
    101,jo.smith@example.org,1,2,3
    102,sam.khan@example.org,2,2,2
    103,pat@example.org,3,3,3

    """

  /// Each format: the input's pipeline lines (after `path` and `type`) and the file's bytes.
  static let formats: [(name: String, type: String, lines: String, file: [UInt8])] = [
    (
      "csv survey", "survey", "wave: followup",
      Array(
        "Email,UCLA_1,UCLA_2,UCLA_3\n\(emails.map { "\($0),1,1,1" }.joined(separator: "\n"))\n".utf8
      )
    ),
    (
      "qualtrics", "survey", "format: qualtrics\n    wave: followup",
      Array(
        """
        StartDate,Finished,RecipientEmail,UCLA_1,UCLA_2,UCLA_3
        Start Date,Finished,Recipient Email,Lack companionship?,Left out?,Isolated?
        "{""ImportId"":""startDate""}","{""ImportId"":""finished""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}"
        \(emails.map { "2025-03-01 10:00:00,1,\($0),1,2,1" }.joined(separator: "\n"))

        """.utf8)
    ),
    (
      "limesurvey", "survey", "format: limesurvey\n    wave: followup",
      Array(
        """
        Response ID,Date submitted,Email,UCLA_1,UCLA_2,UCLA_3
        \(emails.enumerated().map { "\($0 + 1),2025-03-01 10:00:00,\($1),2,2,2" }.joined(separator: "\n"))

        """.utf8)
    ),
    (
      "redcap keyed by email", "survey", "format: redcap\n    wave: followup",
      Array(
        """
        email,UCLA_1,UCLA_2,UCLA_3
        \(emails.map { "\($0),1,1,2" }.joined(separator: "\n"))

        """.utf8)
    ),
    (
      "long register", "register", "group: Group\n    date: {column: Date, format: yyyy-MM-dd}",
      Array(
        "Group,Date,Email\n\(emails.map { "Riverside,2025-03-01,\($0)" }.joined(separator: "\n"))\n"
          .utf8)
    ),
    (
      "wide register", "register", "format: wide\n    group: {name: Riverside}",
      Array(
        "Email,01/03/2025,08/03/2025\n\(emails.map { "\($0),Y,Y" }.joined(separator: "\n"))\n".utf8)
    ),
    (
      "semicolon Windows-1252 register", "register",
      "group: Groupe\n    date: {column: Date, format: dd/MM/yyyy}",
      // "Groupe;Date;Email", then a group named "Café" in Windows-1252 (0xE9).
      Array("Groupe;Date;Email\n".utf8)
        + emails.flatMap { Array("Caf".utf8) + [0xE9] + Array(";01/03/2025;\($0)\n".utf8) }
    ),
    (
      "teams report", "register", "format: teams\n    group: Online group",
      TeamsReportTests.report()
    ),
    ("zoom report", "register", "format: zoom", Array(ZoomReportTests.report.utf8)),
  ]

  func pipeline(pid: String, format: (name: String, type: String, lines: String, file: [UInt8]))
    -> String
  {
    """
    study: Linked formats
    key: test.key
    pid: \(pid)
    waves: [baseline, followup]
    instruments: [ucla3]
    max_rejected: 100%  # the meeting reports' fixtures hold rows rejected on purpose
    inputs:
      redcap:
        path: redcap.csv
        type: survey
        format: redcap
        wave: baseline
        identifiers: [{column: record_id, kind: id}, {column: email, kind: email}]
      other:
        path: other.csv
        type: \(format.type)
        identifier: {column: \(Self.emailColumn(format.name)), kind: email}
        \(format.lines)

    """
  }

  static func emailColumn(_ format: String) -> String {
    switch format {
    case "qualtrics": "RecipientEmail"
    case "redcap keyed by email": "email"
    case "zoom report": "User Email"
    default: "Email"
    }
  }

  @Test(arguments: ["email", "id"])
  func everyFormatRunsBesideALinkedInput(pid: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("redcap.csv", Self.redcap)
    let expected = Set(
      try zip(["101", "102", "103"], Self.emails).map { id, email in
        pid == "id" ? try folder.pid(of: id, kind: .id) : try folder.pid(of: email)
      })
    for format in Self.formats {
      try folder.write("pipeline.yaml", pipeline(pid: pid, format: format))
      try Data(format.file).write(to: folder.url.appendingPathComponent("other.csv"))
      let checked = try folder.run(dryRun: true)
      #expect(checked.inputs.count == 2, "\(format.name)")
      let summary = try folder.run()
      let other = try #require(summary.inputs.last)
      #expect(other.rowsAccepted >= 2, "\(format.name): \(other)")
      let pids = Set(try folder.rows("out/release/data/participants.csv").dropFirst().map { $0[0] })
      #expect(pids == expected, "\(format.name) with pid: \(pid)")
      if format.type == "register" {
        let attended = Set(
          try folder.rows("out/release/data/attendance.csv").dropFirst().map { $0[0] })
        #expect(!attended.isEmpty && attended.isSubset(of: expected), "\(format.name)")
      }
    }
  }

  @Test func aMeetingReportCannotDeclareSeveralIdentifiers() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try Data(TeamsReportTests.report()).write(to: folder.url.appendingPathComponent("r.csv"))
    try folder.write(
      "pipeline.yaml",
      """
      study: S
      key: test.key
      inputs:
        r:
          path: r.csv
          type: register
          format: teams
          identifiers: [{column: Email, kind: email}, {column: Name, kind: id}]

      """)
    let error = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    #expect(error.description.contains("a Teams report identifies people by one column"))
  }
}

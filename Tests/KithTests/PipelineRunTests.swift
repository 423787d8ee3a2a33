import Foundation
import Testing

@testable import Kith

/// End-to-end runs of a small study whose every output value is worked out by hand.
@Suite struct PipelineRunTests {
  let folder = StudyFolder()

  // Pids of the test key, from Python: hmac.new(key, b"email:" + id, sha256).hexdigest()[:16]
  static let jo = "70c6bf3f59e3888f"

  @Test func participantsHoldHandComputedMeasures() throws {
    try SmallStudy.write(into: folder)
    let summary = try folder.run()
    #expect(summary.participants == 4)
    let rows = try folder.rows("out/release/data/participants.csv")
    #expect(
      rows[0] == ["pid", "sessions_attended"] + AttendanceRelease.columns + [
        "wemwbs_baseline", "wemwbs_followup", "ucla3_baseline", "ucla3_followup",
      ])
    // Held: Tuesday 7, 14 (Sam's apologies) and 21 Jan (Pat); Thursday 9 Jan.
    // Jo: Tue 7, Thu 9, Tue 14 → offered Tue 7, 14, 21 + Thu 9 = 4; rate 0.750; gaps 2 and 5
    // days; no missed session between first and last; met Sam once (Tue 7) → 1 peer, none
    // regular; other attendees 1 + 0 + 0 over 3 sessions = 0.33; fewer than 4 sessions, so
    // isolation is not judged.
    let jo = try #require(rows.first { $0[0] == Self.jo })
    #expect(
      jo == [
        Self.jo, "3", "4", "0.750", "2025-01-07", "2025-01-14", "7", "5", "0", "0", "0", "0", "0",
        "2", "1", "0", "0.33", "1", "", "40", "70", "6", "3",
      ])
    // Sam: Tue 7 only, of Tue 7, 14, 21 offered; met Jo. Pat: Tue 21 of Tue 21; met nobody.
    // Ali answered the survey but is in no register.
    let measures = Set(rows.dropFirst().map { Array($0.dropFirst()) })
    #expect(
      measures == [
        Array(jo.dropFirst()),
        [
          "1", "3", "0.333", "2025-01-07", "2025-01-07", "0", "0", "0", "0", "0", "0", "0", "1",
          "1", "0", "1.00", "1", "", "42", "", "7", "",
        ],
        ["0"] + Array(repeating: "", count: 17) + ["", "", "", ""],
        [
          "1", "1", "1.000", "2025-01-21", "2025-01-21", "0", "0", "0", "0", "0", "0", "0", "1",
          "0", "0", "0.00", "0", "", "", "", "", "",
        ],
      ])
  }

  @Test func everyRowIsAccountedFor() throws {
    try SmallStudy.write(into: folder)
    let summary = try folder.run()
    let counts = summary.inputs.map { [$0.rowsRead, $0.rowsAccepted, $0.rowsRejected] }
    #expect(counts == [[5, 3, 2], [1, 1, 0], [9, 7, 2]])
    let rejects = try folder.rows("out/private/rejects.csv")
    let lines = rejects.dropFirst().map { "\($0[0]):\($0[1])" }
    #expect(lines == ["baseline:4", "baseline:5", "baseline:6", "register:8", "register:9"])
    let text = try folder.read("out/private/rejects.csv")
    #expect(text.contains("'9' is not an answer of UCLA3; expected 1–3"))
    #expect(text.contains("no email to identify the person"))
    #expect(text.contains("'31/02/2025' is not a date written dd/MM/yyyy"))
    #expect(text.contains("'maybe' is not an attendance mark"))
    #expect(summary.valuesSetAside == 1)
  }

  @Test func scoresAreLongAndSorted() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let scores = try folder.rows("out/release/data/scores.csv")
    #expect(
      scores[0] == [
        "pid", "wave", "instrument", "scale", "score", "band", "items_answered", "items_missing",
        "prorated", "instrument_version",
      ])
    #expect(
      scores.filter { $0[0] == Self.jo }.map { $0[1...].joined(separator: "|") } == [
        "baseline|wemwbs|total|40|probable depression|14|0|0|3",
        "baseline|ucla3|total|6|lonely|3|0|0|2",
        "followup|wemwbs|total|70|high wellbeing|14|0|0|3",
        "followup|ucla3|total|3|not lonely|3|0|0|2",
      ])
    // Ali's UCLA-3 item 2 was '9': set aside, so two answered and no score.
    #expect(
      scores.contains { $0[1...].joined(separator: "|") == "baseline|ucla3|total|||2|1|0|2" })
    #expect(scores.count == 1 + 4 + 2 + 2)
  }

  @Test func attendanceCountsEachSessionOnceWithISODates() throws {
    try SmallStudy.write(into: folder)
    let summary = try folder.run()
    let attendance = try folder.rows("out/release/data/attendance.csv")
    #expect(attendance[0] == ["pid", "group", "session_date", "attended"])
    #expect(
      attendance.filter { $0[0] == Self.jo }.map { "\($0[1]) \($0[2]) \($0[3])" } == [
        "Tuesday 2025-01-07 1", "Thursday 2025-01-09 1", "Tuesday 2025-01-14 1",
      ])
    // Sam's apologies for 14 January are recorded as an absence.
    #expect(
      attendance.filter { $0[3] == "0" }.map { "\($0[1]) \($0[2])" } == ["Tuesday 2025-01-14"])
    #expect(
      try folder.rows("out/release/data/sessions.csv") == [
        ["group", "session_date", "attendees"], ["Thursday", "2025-01-09", "1"],
        ["Tuesday", "2025-01-07", "2"], ["Tuesday", "2025-01-14", "1"],
        ["Tuesday", "2025-01-21", "1"],
      ])
    #expect(
      try folder.rows("out/release/data/groups.csv") == [
        [
          "group", "sessions_held", "median_attendance", "members", "new_members_per_month",
          "retained_w12",
        ],
        ["Thursday", "1", "1.0", "1", "1.00", "0"], ["Tuesday", "3", "1.0", "3", "3.00", "0"],
      ])
    #expect(summary.inputs[2].notices.contains { $0.hasPrefix("1 row repeats") })
  }

  @Test func nothingUndeclaredOrIdentifyingReachesTheRelease() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let release = try ["participants", "scores", "attendance"].map {
      try folder.read("out/release/data/\($0).csv").lowercased()
    }.joined()
    for value in ["jo.smith", "sam.khan", "@", "jo smith", "khan", "private text", "r_1"] {
      #expect(!release.contains(value), "\(value) leaked")
    }
    let log = try folder.read("out/private/run.log")
    #expect(log.contains("dropped columns (not declared): ResponseId, Secret note"))
    #expect(!log.contains("000102030405"))
    // Where the run spent its time and memory, phase by phase.
    let time = try #require(log.split(separator: "\n").last { $0.hasPrefix("time: ") })
    for phase in ["read", "measures", "study tables", "publish"] {
      #expect(time.contains(", \(phase) ") || time.hasPrefix("time: \(phase) "))
    }
    #expect(time.contains(" MB)"))
  }

  @Test func theLeakGateStopsAReleaseThatWouldHoldAnEmail() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let before = try folder.read("out/release/data/participants.csv")
    // A kept column that is not declared identifying but holds email addresses.
    let leaky = SmallStudy.pipeline.replacingOccurrences(
      of: "identifying: [Name]\n  followup:",
      with: "identifying: [Name]\n    keep: [Secret note]\n  followup:")
    try SmallStudy.write(into: folder, pipeline: leaky)
    try folder.write(
      "baseline.csv",
      SmallStudy.baseline.replacingOccurrences(
        of: "private text 2", with: "write to helpdesk@example.net"))
    #expect(throws: DataError.self) { try folder.run() }
    do {
      try folder.run()
    } catch let error as DataError {
      #expect(error.message.contains("data/participants.csv, column `secret_note`, line "))
      #expect(error.message.contains(": an email address"))
      #expect(!error.message.contains("helpdesk@example.net"))
    }
    #expect(try folder.read("out/release/data/participants.csv") == before)
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: folder.url.appendingPathComponent("out").path)
    #expect(leftovers.sorted() == [".cache", ".kith-lock", ".kith-output", "private", "release"])
    // The failed run's private files are kept apart from those of the release in place.
    #expect(folder.exists("out/private/failed-run/rejects.csv"))
  }

  /// A refusal names the file, the column and the line, and which input holds the value —
  /// never the value — in `kith check` and `kith run` alike.
  @Test func theLeakGateNamesTheLineAndTheInputTheValueCameFrom() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Buddies
      key: test.key
      inputs:
        survey:
          path: survey.csv
          type: survey
          wave: baseline
          identifier: {column: Email, kind: email}
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          group: Group
          date: {column: Date, format: yyyy-MM-dd}
          keep: [Buddy]
          keep_raw: {Buddy: "a test of the gate"}

      """)
    try folder.write("survey.csv", "Email\nsam.khan@example.org\njo@example.org\n")
    try folder.write(
      "register.csv",
      "Group,Date,Email,Buddy\nA,2025-03-01,pat@example.org,none\n"
        + "A,2025-03-01,lee@example.org,Sam.Khan@example.org\n")
    for dryRun in [true, false] {
      let error = try #require(throws: DataError.self) { try folder.run(dryRun: dryRun) }
      #expect(error.message.contains("data/participants.csv, column `buddy`, line "), "\(error)")
      #expect(error.message.contains("(a value the input `survey` holds)"), "\(error)")
      #expect(!error.message.lowercased().contains("sam.khan"))
    }
  }

  @Test func keptColumnsAreReleasedAsParticipantAttributes() throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "identifying: [Name]\n  followup:",
        with: "identifying: [Name]\n    keep: [Secret note]\n  followup:"))
    try folder.run()
    let rows = try folder.rows("out/release/data/participants.csv")
    #expect(rows[0].last == "secret_note")
    #expect(rows.first { $0[0] == Self.jo }?.last == "private text 1")
  }

  @Test func failPolicyStopsAtTheFirstBadRowNamingIt() throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "attended: Attended", with: "attended: Attended\n    on_error: fail"))
    do {
      try folder.run()
      Issue.record("expected the run to fail")
    } catch let error as DataError {
      #expect(
        error.message
          == "register.csv line 8, column Session date: '31/02/2025' is not a date written dd/MM/yyyy, in the years 1900 to 2100 (the input's policy is `on_error: fail`)"
      )
    }
    #expect(!folder.exists("out/release"))
  }

  @Test func twoRunsWriteIdenticalBytes() throws {
    try SmallStudy.write(into: folder)
    let first = try folder.run()
    let again = try folder.run(force: true)
    #expect(first.outputs.map(\.sha256) == again.outputs.map(\.sha256))
  }

  @Test func differentKeysGiveDifferentPidsAndTheSameKeyTheSame() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let first = try folder.rows("out/release/data/participants.csv").map { $0[0] }
    try folder.write(
      "other.key", "9e4c2a7f1b8d3e6c5a0f9b2d4e7c1a8f3b6d0e9c2f5a8b1d4c7e0a3f6b9d2c5e")
    try folder.run(key: folder.url.appendingPathComponent("other.key").path)
    let other = try folder.rows("out/release/data/participants.csv").map { $0[0] }
    #expect(Set(first.dropFirst()).isDisjoint(with: other.dropFirst()))
    #expect(other.contains("85ee107b55b3d0c1"))
  }

  @Test func checkWritesNothingAndNeedsNoKey() throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(of: "key: test.key\n", with: ""))
    let summary = try folder.run(dryRun: true)
    #expect(summary.keyFingerprint == nil && !summary.wroteOutputs)
    #expect(summary.outputs.prefix(5).map(\.rows) == [4, 8, 6, 4, 2])
    #expect(summary.outputs.dropFirst(5).map(\.path).allSatisfy { $0.hasPrefix("release/tables/") })
    #expect(!folder.exists("out"))
    #expect(throws: KeyError.missing) { try folder.run() }
  }

  @Test func shortKeysAndKeysInsideTheOutputAreRefused() throws {
    try SmallStudy.write(into: folder)
    try folder.write("test.key", String(repeating: "ab", count: 31))
    #expect(throws: KeyError.tooShort(bytes: 31)) { try folder.run() }
    try folder.write("out/k.key", StudyFolder.testKeyHex)
    let inside = folder.url.appendingPathComponent("out/k.key").path
    #expect(throws: KeyError.insideOutput(path: inside)) { try folder.run(key: inside) }
  }

  @Test func aMissingColumnPointsAtThePipelineLine() throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(of: "group: Group", with: "group: Grup"))
    let errors = try #require(throws: PipelineErrors.self) { try folder.run() }
    #expect(errors.errors.count == 1)
    let error = try #require(errors.errors.first)
    #expect(error.message == "column `Grup` is not in register.csv — did you mean `Group`?")
    #expect(error.location == SourceLocation(line: 22, column: 12))
  }
}

@Suite struct KeyPolicyTests {
  let folder = StudyFolder()

  func git(_ arguments: String...) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"] + arguments
    process.currentDirectoryURL = folder.url
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
  }

  @Test func aKeyTrackedByGitIsRefusedUnlessTheStudyIsADemo() throws {
    try SmallStudy.write(into: folder)
    try git("init", "-q")
    #expect(throws: Never.self) { try folder.run() }
    try git("add", "test.key")
    try git("commit", "-qm", "oops")
    let key = folder.url.appendingPathComponent("test.key").path
    #expect(throws: KeyError.trackedByGit(path: key)) { try folder.run() }
    try SmallStudy.write(into: folder, pipeline: "demo: true\n" + SmallStudy.pipeline)
    #expect(throws: Never.self) { try folder.run() }
  }
}

@Suite struct FreeTextTests {
  let folder = StudyFolder()

  @Test func keptFreeTextIsScrubbedOfPlantedIdentifiersAndOtherTextIsDropped() throws {
    let pipeline = SmallStudy.pipeline.replacingOccurrences(
      of: "identifying: [Name]\n  followup:",
      with: "identifying: [Name]\n    free_text: [Secret note]\n  followup:")
    try SmallStudy.write(into: folder, pipeline: pipeline)
    try folder.write(
      "baseline.csv",
      SmallStudy.baseline
        .replacingOccurrences(
          of: "private text 1",
          with: "\"Pat Lee and sam helped; mail jo@example.net, 07700 900123\""
        )
        .replacingOccurrences(of: "private text 2", with: "safe space near LS6 2AB"))
    try folder.run()
    let text = try folder.read("out/release/data/free_text.csv")
    #expect(text.hasPrefix("pid,source,wave,column,text\n"))
    // Pat Lee appears only in the register's name column, read after the survey.
    #expect(text.contains("[name] [name] and [name] helped; mail [email], [phone]"))
    #expect(text.contains("safe space near [postcode]"))
    #expect(!text.lowercased().contains("pat") && !text.contains("@"))
    #expect(text.contains("baseline,baseline,Secret note,"))
  }
}

@Suite struct QuasiIdentifierRunTests {
  let folder = StudyFolder()

  static let pipeline = """
    study: QI study
    key: test.key
    waves: [baseline]
    k_anonymity: {k: 2, max_suppressed: 0.25}
    dates: days-since-first
    inputs:
      baseline:
        path: baseline.csv
        type: survey
        wave: baseline
        identifier: {column: Email, kind: email}
        quasi_identifiers:
          age: {column: DOB, format: dd/MM/yyyy}
          gender: {column: Gender, groups: {Woman: [female, woman], Man: [male, man]}}
          postcode: {column: Postcode}
      register:
        path: register.csv
        type: register
        identifier: {column: Email, kind: email}
        group: Group
        date: Session date

    """

  @Test func quasiIdentifiersAreGeneralisedUntilKAnonymous() throws {
    try folder.write("pipeline.yaml", Self.pipeline)
    try folder.write("test.key", StudyFolder.testKeyHex)
    // Ages at first attendance (14/01/2025): 20, 22, 30, 31, 33; one DOB unreadable.
    try folder.write(
      "baseline.csv",
      """
      Email,DOB,Gender,Postcode
      a@example.org,01/01/2005,Female,LS6 2AB
      b@example.org,01/01/2003,female,LS6 3CD
      c@example.org,01/01/1995,Male,LS7 1AA
      d@example.org,01/01/1994,man,LS7 2BB
      e@example.org,01/01/1992,Man,LS8 1AA
      f@example.org,31/02/1990,Other,nowhere

      """)
    try folder.write(
      "register.csv",
      "Group,Session date,Email\n"
        + "abcdef".map { "G,14/01/2025,\($0)@example.org\nG,21/01/2025,\($0)@example.org\n" }
        .joined())
    let summary = try folder.run()
    let rows = try folder.rows("out/release/data/participants.csv")
    #expect(Array(rows[0].suffix(3)) == ["age_band", "gender", "area"])
    // k = 2, at most 1 of 6 suppressed; f has no usable quasi-identifier and is exempt. Rung 0:
    // (18–24, Woman, LS6) ×2, (25–34, Man, LS7) ×2, and e (25–34, Man, LS8) alone: 1 ≤ 1, so
    // e is suppressed rather than everyone's postcode widened.
    let released = rows.dropFirst().map { Array($0.suffix(3)) }.sorted { $0.joined() < $1.joined() }
    #expect(
      released == [
        ["", "", ""], ["*", "*", "*"], ["18–24", "Woman", "LS6"], ["18–24", "Woman", "LS6"],
        ["25–34", "Man", "LS7"], ["25–34", "Man", "LS7"],
      ])
    #expect(summary.kAnonymity?.suppressedParticipants == 1)
    #expect(summary.kAnonymity?.smallestClass == 2)
    #expect(
      summary.kAnonymity?.generalisation == [
        "age_band": "bands from 18, 25, 35, 45, 55, 65", "gender": "declared groups",
        "area": "postcode district",
      ])
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("'31/02/1990' is not a date of birth written dd/MM/yyyy"))
    #expect(rejects.contains("'Other' is in none of the groups declared for gender (Woman, Man)"))
    #expect(rejects.contains("'nowhere' is not a UK postcode"))
    let attendance = try folder.rows("out/release/data/attendance.csv")
    #expect(attendance[0] == ["pid", "group", "days_since_first", "attended"])
    #expect(Set(attendance.dropFirst().map { $0[2] }) == ["0", "7"])
  }
}

@Suite struct LinkageTests {
  let folder = StudyFolder()

  @Test func aRegisterKnownOnlyByPhoneIsLinkedToTheSurveysEmails() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Linked
      key: test.key
      pid: email
      inputs:
        survey:
          path: survey.csv
          type: survey
          wave: baseline
          identifiers: [{column: Email, kind: email}, {column: Mobile, kind: phone}]
        register:
          path: register.csv
          type: register
          identifiers: [{column: Phone, kind: phone}]
          group: Group
          date: Date
          max_rejected: 100%  # the rows with no usable phone are rejected on purpose

      """)
    try folder.write(
      "survey.csv",
      """
      Email,Mobile
      jo.smith@example.org,07700 900001
      sam.khan@example.org,07700900002
      sam.k@example.org,+44 7700 900002
      pat@example.org,

      """)
    try folder.write(
      "register.csv",
      """
      Group,Date,Phone
      A,07/01/2025,+447700900001
      A,14/01/2025,(07700) 900-001
      A,07/01/2025,07700 900002
      A,07/01/2025,07700 900009
      A,07/01/2025,not a phone

      """)
    let summary = try folder.run()
    #expect(summary.inputs.map(\.rowsAccepted) == [4, 2])
    let attendance = try folder.rows("out/release/data/attendance.csv")
    // Jo's two sessions carry the pid of Jo's email (golden value from Python's hmac).
    #expect(attendance.dropFirst().map { $0[0] } == ["70c6bf3f59e3888f", "70c6bf3f59e3888f"])
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(
      rejects.contains(
        "the phone is linked to 2 different email identifiers, so the person is ambiguous"))
    #expect(rejects.contains("the phone is not linked to any email in the inputs"))
    #expect(rejects.contains("the identifier is not a UK phone number"))
    let release = try ["participants", "attendance", "scores"].map {
      try folder.read("out/release/data/\($0).csv")
    }.joined()
    #expect(!release.contains("7700"))

    // A link added in the survey changes the register's pids: its reading is not reused.
    try folder.write(
      "survey.csv", try folder.read("survey.csv") + "new@example.org,07700 900009\n")
    let again = try folder.run()
    #expect(
      again.inputs.allSatisfy { !$0.notices.contains { $0.hasPrefix("taken from the cache") } })
    #expect(again.inputs.map(\.rowsAccepted) == [5, 3])
  }
}

import Foundation
import KithCSV
import Testing

@testable import Kith

/// Survey exports from each platform: recognised from their first lines, their header rows and
/// metadata handled, unfinished responses rejected unless the pipeline keeps them, REDCap events
/// mapped to waves — on the real exports in `../shared` and on synthetic ones.
@Suite struct SurveyPlatformTests {
  let folder = StudyFolder()

  /// A study's own instrument: `items` questions in columns `pattern`, answered 0–4 or by label.
  func writeInstrument(id: String, items: Int, pattern: String) throws {
    try folder.write(
      "\(id).yaml",
      """
      id: \(id)
      name: A test instrument
      version: "1"
      citation: Written for these tests.
      items: \(items)
      columns: \(pattern)
      answers: {codes: [0, 4], labels: {never: 0, rarely: 1, sometimes: 2, often: 3, always: 4}}
      scales:
        total: {items: all, missing: complete, higher_is_better: true}

      """)
  }

  func pipeline(instruments: String = "[test.yaml]", waves: String = "[baseline]", _ input: String)
    -> String
  {
    """
    study: Platforms
    key: test.key
    waves: \(waves)
    instruments: \(instruments)
    inputs:
      survey:
        path: survey.csv
        type: survey
    \(input)

    """
  }

  func copyFixture(_ fixture: URL) throws {
    try FileManager.default.copyItem(
      at: fixture, to: folder.url.appendingPathComponent("survey.csv"))
    try folder.write("test.key", StudyFolder.testKeyHex)
  }

  /// `pid wave scale score` of every score row, sorted.
  func scoreRows() throws -> [String] {
    try folder.rows("out/release/data/scores.csv").dropFirst().map {
      "\($0[0]) \($0[1]) \($0[2]) \($0[4])"
    }.sorted()
  }

  /// Every score, sorted.
  func scoreValues() throws -> [String] {
    try folder.rows("out/release/data/scores.csv").dropFirst().map { $0[4] }.sorted()
  }

  // MARK: - Recognising exports

  @Test func eachPlatformIsRecognisedFromItsFirstLines() throws {
    let samples: [(InputSpec.Format, String)] = [
      (.surveymonkey, Self.surveyMonkey), (.googleForms, Self.googleForms),
      (.microsoftForms, Self.microsoftForms), (.csv, "Email,UCLA3_1\na@example.org,1\n"),
      (.qualtrics, Self.qualtrics(finished: ["1"])),
    ]
    for (expected, text) in samples {
      let file = try folder.write("\(expected.rawValue).csv", text)
      #expect(SurveyPlatform.detect(path: file.path, dialect: CSVDialect()) == expected)
    }
  }

  /// Real exports from public projects (../shared/fixtures/external) are recognised too.
  @Test(.enabled(if: sharedFixture("qualtrics") != nil, "../shared fixtures are absent"))
  func theSharedExportsAreRecognised() throws {
    let fixtures: [(InputSpec.Format, String)] = [
      (.qualtrics, "qualtrics/sample.csv"), (.qualtricsLegacy, "qualtrics/sample_legacy.csv"),
      (.redcap, "redcap/longitudinal/data.csv"), (.redcap, "redcap/checkboxes-1/data.csv"),
      (.redcap, "redcap/repeating-instruments/data.csv"), (.redcap, "redcap/survey/data.csv"),
      (.limesurvey, "limesurvey/survey_998192_R_data_file.csv"),
    ]
    for (expected, path) in fixtures {
      let fixture = try #require(sharedFixture(path), "../shared/fixtures/external/\(path)")
      #expect(
        SurveyPlatform.detect(path: fixture.path, dialect: CSVDialect()) == expected,
        "\(path)")
    }
  }

  @Test func headersSpreadOverTwoRowsAreJoined() {
    let monkey = CSVHeader(rows: [
      ["Respondent ID", "Over the last two weeks…", "", "Your code"],
      ["", "Feeling nervous", "Not being able to stop worrying", "Open-Ended Response"],
    ])
    #expect(
      SurveyPlatform.columnHeader(monkey, format: .surveymonkey).names == [
        "Respondent ID", "Over the last two weeks… - Feeling nervous",
        "Over the last two weeks… - Not being able to stop worrying", "Your code",
      ])
    let legacy = CSVHeader(rows: [
      ["V1", "V10", "Q1", "V2x"], ["ResponseID", "Finished", "Question text", "Other"],
    ])
    #expect(
      SurveyPlatform.columnHeader(legacy, format: .qualtricsLegacy).names == [
        "ResponseID", "Finished", "Q1", "V2x",
      ])
  }

  // MARK: - Qualtrics

  static func qualtrics(finished: [String]) -> String {
    let rows = finished.enumerated().map { index, done in
      "2026-03-0\(index + 1) 10:00:00,10.0.0.\(index + 1),\(done == "1" ? "100" : "40"),\(done),"
        + "R_\(index + 1),Person\(index + 1)@example.org,\(index + 1),2,\(done == "1" ? "3" : "")"
    }
    return """
      StartDate,IPAddress,Progress,Finished,ResponseId,RecipientEmail,T_1,T_2,T_3
      Start Date,IP Address,Progress,Finished,Response ID,Recipient Email,How often? - A,How often? - B,How often? - C
      "{""ImportId"":""startDate""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}","{""ImportId"":""QID1_3""}"
      \(rows.joined(separator: "\n"))

      """
  }

  @Test func qualtricsUnfinishedResponsesAreRejectedUnlessThePipelineKeepsThem() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try writeInstrument(id: "test", items: 3, pattern: "T_{n}")
    try folder.write("survey.csv", Self.qualtrics(finished: ["1", "0", "1"]))
    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    wave: baseline\n    identifier: {column: ResponseId, kind: id}\n"
          + "    max_rejected: 50%  # the unfinished response"))
    let summary = try folder.run()
    let input = try #require(summary.inputs.first)
    #expect(input.rowsRead == 3 && input.rowsAccepted == 2 && input.rowsRejected == 1)
    #expect(input.notices.first?.hasPrefix("read as a Qualtrics export (detected") == true)
    // Responses 1 and 3 answer (1, 2, 3) and (3, 2, 3).
    #expect(try scoreValues() == ["6", "8"])
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(
      rejects.contains(
        "survey,5,an unfinished response (Finished = '0'); set `partial_responses: true` on "
          + "the input to score what it answered,\"2026-03-02 10:00:00,10.0.0.2,40,0,R_2,"
          + "Person2@example.org,2,2,\",Finished,row rejected"))
    let release =
      try folder.read("out/release/data/participants.csv")
      + folder.read("out/release/data/scores.csv")
    #expect(!release.contains("10.0.0") && !release.lowercased().contains("example.org"))
    #expect(input.droppedColumns.contains("IPAddress"))

    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    wave: baseline\n    identifier: {column: ResponseId, kind: id}\n"
          + "    partial_responses: true"))
    let partial = try folder.run()
    #expect(partial.inputs.first?.rowsAccepted == 3)
    // The unfinished response left T_3 blank: complete-only, so no score.
    #expect(
      try scoreValues() == ["", "6", "8"])
  }

  @Test func qualtricsMetadataThatIdentifiesPeopleCannotBeKept() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try writeInstrument(id: "test", items: 3, pattern: "T_{n}")
    try folder.write("survey.csv", Self.qualtrics(finished: ["1"]))
    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    wave: baseline\n    identifier: {column: ResponseId, kind: id}\n"
          + "    keep: [IPAddress]"))
    #expect {
      try folder.run()
    } throws: { error in
      "\(error)".contains("`IPAddress` is Qualtrics metadata that identifies people")
    }
  }

  @Test(.enabled(if: sharedFixture("qualtrics") != nil, "../shared fixtures are absent"))
  func theSharedQualtricsExportsRead() throws {
    for (file, idColumn, format) in [
      ("qualtrics/sample.csv", "ResponseId", "Qualtrics"),
      ("qualtrics/sample_legacy.csv", "ResponseID", "legacy Qualtrics"),
    ] {
      let run = StudyFolder()
      try FileManager.default.copyItem(
        at: try #require(sharedFixture(file)), to: run.url.appendingPathComponent("survey.csv"))
      try run.write("test.key", StudyFolder.testKeyHex)
      try run.write(
        "q.yaml",
        """
        id: q
        name: The fixture's multiple-choice question
        version: "1"
        citation: ropensci/qualtRics test files.
        items: 1
        columns: Q{n}
        answers: {codes: [1, 5]}
        scales:
          total: {items: all, missing: complete, higher_is_better: true}

        """)
      try run.write(
        "pipeline.yaml",
        pipeline(
          instruments: "[q.yaml]",
          "    wave: baseline\n    identifier: {column: \(idColumn), kind: id}"))
      let summary = try run.run()
      let input = try #require(summary.inputs.first)
      #expect(input.rowsRead == 1 && input.rowsAccepted == 1, "\(file)")
      #expect(input.notices.first?.hasPrefix("read as a \(format) export") == true, "\(file)")
      #expect(try run.rows("out/release/data/scores.csv")[1][4] == "2", "\(file)")
      let release = try run.read("out/release/data/participants.csv")
      #expect(!release.contains("130.92.34.66") && !release.contains("Hello World"))
    }
  }

  // MARK: - REDCap

  static let longitudinalMap = """
        wave:
          column: redcap_event_name
          map:
            dose_1_arm_1: baseline
            visit_2_arm_1: followup
            first_dose_arm_2: baseline
            first_visit_arm_2: followup
        identifier: {column: study_id, kind: id}
        max_rejected: 25%  # the 4 answers at unmapped events are rejected on purpose
        identifying: [first_name, last_name, telephone_1, email, dob]
        keep: [age]
        keep_raw: {age: "the fixture's age in years, kept to test kept columns"}
    """

  @Test(.enabled(if: sharedFixture("redcap") != nil, "../shared fixtures are absent"))
  func theSharedRedcapLongitudinalExportMapsEventsToWaves() throws {
    try copyFixture(try #require(sharedFixture("redcap/longitudinal/data.csv")))
    try writeInstrument(id: "pmq", items: 4, pattern: "pmq{n}")
    try folder.write(
      "pipeline.yaml",
      pipeline(instruments: "[pmq.yaml]", waves: "[baseline, followup]", Self.longitudinalMap))
    let summary = try folder.run()
    let input = try #require(summary.inputs.first)
    // 18 rows: 8 answer no pmq item (enrolment, final visit, deadlines), 4 answer at events the
    // pipeline does not map (visit_1, dose_2 of arm 1), 6 are the mapped events.
    #expect(input.rowsRead == 18 && input.rowsAccepted == 14 && input.rowsRejected == 4)
    #expect(input.notices.contains { $0.hasPrefix("8 REDCap rows hold no answers") })
    let pid100 = try folder.pid(of: "100", kind: .id)
    let pid220 = try folder.pid(of: "220", kind: .id)
    let pid304 = try folder.pid(of: "304", kind: .id)
    // 100: dose_1 2+2+1+1, visit_2 0+1+0+0; 220: 0+1+0+2, 3+4+1+0; 304: 0+1+0+0, 2+0+0+0.
    #expect(
      try scoreRows()
        == [
          "\(pid100) baseline pmq 6", "\(pid100) followup pmq 1", "\(pid220) baseline pmq 3",
          "\(pid220) followup pmq 8", "\(pid304) baseline pmq 1", "\(pid304) followup pmq 2",
        ].sorted())
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("'visit_1_arm_1' is not mapped to a wave"))
    let participants = try folder.rows("out/release/data/participants.csv")
    let ageColumn = try #require(participants[0].firstIndex(of: "age"))
    #expect(participants.dropFirst().map { $0[ageColumn] }.sorted() == ["31", "4", "9"])
    let release = try folder.read("out/release/data/participants.csv").lowercased()
    #expect(!release.contains("zharko") && !release.contains("gmail"))
  }

  @Test(.enabled(if: sharedFixture("redcap") != nil, "../shared fixtures are absent"))
  func aSharedRedcapFormMarkedIncompleteIsNotScoredUnlessPartialResponsesAreKept() throws {
    try copyFixture(try #require(sharedFixture("redcap/checkboxes-1/data.csv")))
    try writeInstrument(id: "check", items: 4, pattern: "check_one___{n}")
    let input = "    wave: baseline\n    identifier: {column: record_id, kind: id}"
    try folder.write("pipeline.yaml", pipeline(instruments: "[check.yaml]", input))
    let summary = try folder.run()
    #expect(summary.inputs.first?.rowsRead == 4 && summary.inputs.first?.rowsRejected == 0)
    // Record 1's form_2 is Complete (1 ticked); record 2's is Incomplete (0): set aside.
    let scores = try folder.rows("out/release/data/scores.csv").dropFirst()
    let pid1 = try folder.pid(of: "1", kind: .id)
    let pid2 = try folder.pid(of: "2", kind: .id)
    #expect(scores.first { $0[0] == pid1 }?[4] == "1")
    #expect(scores.first { $0[0] == pid2 }?[4] == "")
    #expect(
      try folder.read("out/private/rejects.csv").contains(
        "the form holding CHECK is marked Incomplete (form_2_complete = '0')"))

    try folder.write(
      "pipeline.yaml",
      pipeline(instruments: "[check.yaml]", input + "\n    partial_responses: true"))
    try folder.run()
    let kept = try folder.rows("out/release/data/scores.csv").dropFirst()
    #expect(kept.first { $0[0] == pid2 }?[4] == "0")
  }

  // MARK: - LimeSurvey

  @Test(.enabled(if: sharedFixture("limesurvey") != nil, "../shared fixtures are absent"))
  func theSharedLimesurveyExportKeepsOnlySubmittedResponses() throws {
    try copyFixture(
      try #require(sharedFixture("limesurvey/survey_998192_R_data_file.csv")))
    try writeInstrument(id: "test", items: 1, pattern: "NOT_IN_THIS_EXPORT_{n}")
    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    wave: baseline\n    identifier: {column: Response ID, kind: id}\n"
          + "    max_rejected: 100%  # the five unsubmitted responses"))
    let summary = try folder.run()
    let input = try #require(summary.inputs.first)
    #expect(input.rowsRead == 7 && input.rowsAccepted == 2 && input.rowsRejected == 5)
    #expect(input.notices.first?.hasPrefix("read as a LimeSurvey export") == true)
    #expect(
      try folder.read("out/private/rejects.csv").contains(
        "an unfinished response (Date submitted = '')"))
  }

  // MARK: - SurveyMonkey, Google Forms, Microsoft Forms

  static let surveyMonkey = """
    Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,What is your code?,"How often do you feel that you lack companionship?",How often do you feel left out?,How often do you feel isolated from others?
    ,,,,,,,,,Open-Ended Response,Response,Response,Response
    114001,4001,03/01/2026 10:00:00 AM,03/01/2026 10:05:00 AM,192.0.2.7,,,,,P-001,Hardly ever,Some of the time,Often
    114002,4001,03/01/2026 11:00:00 AM,03/01/2026 11:04:00 AM,192.0.2.8,,,,,P-002,often,often,OFTEN

    """

  static let googleForms = """
    Timestamp,Email Address,What is your code?,How often do you feel that you lack companionship?,How often do you feel left out?,How often do you feel isolated from others?
    3/1/2026 10:00:00,robin.q@example.org,P-001,Hardly ever,Some of the time,Often
    3/1/2026 11:00:00,sam.q@example.org,P-002,Often,Often,Often

    """

  static let microsoftForms = """
    ID,Start time,Completion time,Email,Name,What is your code?,How often do you feel that you lack companionship?,How often do you feel left out?,How often do you feel isolated from others?
    1,3/1/26 10:00:00,3/1/26 10:05:00,robin.q@example.org,Robin Quill,P-001,Hardly ever,Some of the time,Often
    2,3/1/26 11:00:00,3/1/26 11:04:00,anonymous,,P-002,Often,Often,Often

    """

  @Test(arguments: [
    ("SurveyMonkey", surveyMonkey), ("Google Forms", googleForms),
    ("Microsoft Forms", microsoftForms),
  ])
  func formsExportsScoreUcla3FromQuestionTextColumns(platform: String, export: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("survey.csv", export)
    let items = [
      "How often do you feel that you lack companionship?", "How often do you feel left out?",
      "How often do you feel isolated from others?",
    ].map { "\"\($0)\"" }.joined(separator: ", ")
    try folder.write(
      "pipeline.yaml",
      pipeline(
        instruments: "[ucla3]",
        "    wave: baseline\n    identifier: {column: What is your code?, kind: id}\n"
          + "    items: {ucla3: [\(items)]}"))
    let summary = try folder.run()
    let input = try #require(summary.inputs.first)
    #expect(input.rowsAccepted == 2, "\(platform)")
    #expect(input.notices.first?.hasPrefix("read as a \(platform) export") == true)
    // Hardly ever 1 + Some of the time 2 + Often 3 = 6; three times Often = 9.
    #expect(
      try scoreValues() == ["6", "9"],
      "\(platform)")
    let release =
      try folder.read("out/release/data/participants.csv")
      + folder.read("out/release/data/scores.csv")
    #expect(!release.contains("192.0.2") && !release.contains("example.org"), "\(platform)")
  }

  // MARK: - Waves from date windows

  @Test func wavesFromDateWindowsCountDaysFromEachParticipantsFirstSession() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    // The survey comes first in the pipeline: the register must still be read before it.
    try folder.write(
      "pipeline.yaml",
      """
      study: Windows
      key: test.key
      instruments: [ucla3]
      inputs:
        survey:
          path: survey.csv
          type: survey
          identifier: {column: Email, kind: email}
          wave:
            date: {column: RecordedDate, format: yyyy-MM-dd}
            windows: {baseline: [-28, 14], followup: [70, 126]}
          max_rejected: 100%  # the responses outside every window are rejected on purpose
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          group: Group
          date: {column: Date, format: yyyy-MM-dd}

      """)
    try folder.write(
      "register.csv",
      """
      Group,Date,Email
      Tuesday,2026-03-09,a@example.org
      Tuesday,2026-03-02,a@example.org
      Tuesday,2026-03-10,b@example.org

      """)
    try folder.write(
      "survey.csv",
      """
      Email,RecordedDate,UCLA_1,UCLA_2,UCLA_3
      a@example.org,2026-02-20,1,1,1
      a@example.org,2026-05-20,3,3,3
      b@example.org,2026-04-01,2,2,2
      c@example.org,2026-03-01,2,2,2
      a@example.org,soon,2,2,2

      """)
    let summary = try folder.run()
    #expect(summary.inputs.map(\.name) == ["survey", "register"])
    #expect(summary.inputs[0].rowsAccepted == 2 && summary.inputs[0].rowsRejected == 3)
    // a's first session is 2 March: 20 February is day −10 (baseline), 20 May day 79 (followup).
    let pid = try folder.pid(of: "a@example.org")
    #expect(
      try scoreRows() == ["\(pid) baseline ucla3 3", "\(pid) followup ucla3 9"])
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(
      rejects.contains(
        "dated 2026-04-01, day 22 from the participant's first session (2026-03-10), which is "
          + "in no wave's window (baseline -28 to 14, followup 70 to 126)"))
    #expect(
      rejects.contains(
        "the participant attended no session, so the wave of a response dated 2026-03-01"))
    #expect(rejects.contains("'soon' is not a date written yyyy-MM-dd"))
  }

  @Test func overlappingWaveWindowsAreRefused() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("survey.csv", "Email,When,UCLA_1,UCLA_2,UCLA_3\n")
    try folder.write(
      "pipeline.yaml",
      pipeline(
        instruments: "[ucla3]", waves: "[baseline, followup]",
        "    identifier: {column: Email, kind: email}\n"
          + "    wave: {date: When, windows: {baseline: [-28, 14], followup: [10, 100]}}"))
    #expect {
      try PipelineLoader.load(path: folder.url.appendingPathComponent("pipeline.yaml").path)
    } throws: { error in
      "\(error)".contains("the window of `followup` overlaps the window of `baseline`")
    }
  }
}

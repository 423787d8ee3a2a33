import Foundation
import Testing

@testable import Kith

/// Instruments scored end to end from a pipeline: embedded and renamed item columns, prorating,
/// safeguarding, exports that already reversed items, a study's own definition, bad answers and
/// duplicate responses.
@Suite struct InstrumentPipelineTests {
  let folder = StudyFolder()

  static let wemwbsColumns = (1...14).map { "WEMWBS_\($0)" }.joined(separator: ",")
  static let phqColumns = (1...9).map { "PHQ9_\($0)" }.joined(separator: ",")
  static let coreColumns = (1...10).map { "CORE10_\($0)" }.joined(separator: ",")

  func pipeline(instruments: String, extra: String = "", top: String = "") -> String {
    """
    study: Instruments
    key: test.key
    waves: [baseline]
    instruments: \(instruments)
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

  /// The scores of `pid`'s rows: `instrument scale score band answered missing prorated`.
  func scores(_ email: String) throws -> [String] {
    let pid = try folder.pid(of: email)
    return try folder.rows("out/release/data/scores.csv").filter { $0[0] == pid }.map {
      $0[2...8].joined(separator: " ")
    }
  }

  @Test func swemwbsIsScoredFromTheWemwbsColumnsAndPhq9IsProratedAndFlagged() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(instruments: "[wemwbs, swemwbs, phq9]"))
    // WEMWBS: items 1, 2, 3, 6, 7, 9, 11 (the SWEMWBS items) are 4, the rest 2:
    // WEMWBS = 7·4 + 7·2 = 42; SWEMWBS raw 28 → 25.03. PHQ-9: item 9 = 2, two items blank,
    // seven answered summing to 8 → 8 × 9 / 7 = 10.29 → 10.
    try folder.write(
      "survey.csv",
      """
      Email,\(Self.wemwbsColumns),\(Self.phqColumns)
      a@example.org,4,4,4,2,2,4,4,2,4,2,4,2,2,2,1,1,1,1,1,,,1,2
      b@example.org,3,3,3,3,3,3,3,3,3,3,3,3,3,3,0,0,0,0,0,0,0,0,0

      """)
    let summary = try folder.run()
    #expect(
      try scores("a@example.org") == [
        "wemwbs total 42 possible depression 14 0 0",
        "swemwbs total 25.03  7 0 0",
        "phq9 total 10 moderate 7 2 1",
      ])
    #expect(summary.safeguardingConcerns == 1)
    let pid = try folder.pid(of: "a@example.org")
    #expect(
      try folder.read("out/private/safeguarding.csv")
        == "pid,wave,instrument,item,column,answer,text,reason,source,line\n"
        + "\(pid),baseline,phq9,9,PHQ9_9,2,2,answered above the lowest answer,survey,2\n")
    #expect(!(try folder.read("out/release/data/participants.csv")).contains("PHQ9_9"))
    let header = try folder.rows("out/release/data/participants.csv")[0]
    #expect(header.suffix(3) == ["wemwbs_baseline", "swemwbs_baseline", "phq9_baseline"])
  }

  @Test func core10FromAnExportThatAlreadyReversedItems2And3() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(instruments: "[core10]", extra: "    reversed_in_export: [core10]"))
    let labels = Array(repeating: "Not at all", count: 10).joined(separator: ",")
    try folder.write(
      "survey.csv",
      "Email,\(Self.coreColumns)\na@example.org,1,1,1,1,1,1,1,1,1,1\nb@example.org,\(labels)\n")
    try folder.run()
    // Items 2 and 3 printed reversed: the export's 1 is the score itself, so ten 1s total 10.
    #expect(try scores("a@example.org") == ["core10 total 10 low level 10 0 0"])
    // Labels mean what they say: "not at all" on items 2 and 3 still scores 4 each.
    #expect(try scores("b@example.org") == ["core10 total 8 low level 10 0 0"])
    try folder.write("pipeline.yaml", pipeline(instruments: "[core10]"))
    try folder.run()
    // Not reversed in the export: items 2 and 3 score 4 − 1 = 3 each.
    #expect(try scores("a@example.org") == ["core10 total 14 mild 10 0 0"])
    #expect(try scores("b@example.org") == ["core10 total 8 low level 10 0 0"])
  }

  /// The ONS loneliness question is numbered both ways: numbers are read only under the
  /// numbering the input names, labels always.
  @Test func onsLonelinessNumbersNeedTheExportsNumbering() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(instruments: "[ons_loneliness]"))
    try folder.write(
      "survey.csv",
      "Email,ONS_LONELY\na@example.org,1\nb@example.org,Often / always\nc@example.org,4\n")
    let summary = try folder.run()
    #expect(summary.valuesSetAside == 2)
    #expect(try scores("a@example.org") == ["ons_loneliness loneliness   0 1 0"])
    #expect(try scores("b@example.org") == ["ons_loneliness loneliness 5 often/always 1 0 0"])
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(
      rejects.contains(
        "'1' is a number, but exports number ONS_LONELINESS's answers both ways (`often-first` "
          + "(1 = 'often/always') or `never-first` (1 = 'never')), so a bare number could mean "
          + "either; say which this export uses with `codes: {ons_loneliness: often-first}` on "
          + "the input, or export the labels"))

    for (numbering, a, c) in [
      ("often-first", "5 often/always", "2 hardly ever"),
      ("never-first", "1 never", "4 some of the time"),
    ] {
      try folder.write(
        "pipeline.yaml",
        pipeline(
          instruments: "[ons_loneliness]", extra: "    codes: {ons_loneliness: \(numbering)}"))
      #expect(try folder.run().valuesSetAside == 0)
      #expect(try scores("a@example.org") == ["ons_loneliness loneliness \(a) 1 0 0"])
      #expect(try scores("b@example.org") == ["ons_loneliness loneliness 5 often/always 1 0 0"])
      #expect(try scores("c@example.org") == ["ons_loneliness loneliness \(c) 1 0 0"])
    }
  }

  @Test(arguments: [
    (
      "[ons_loneliness]", "{ons_loneliness: first}",
      "must be one of `often-first`, `never-first`, found `first`"
    ),
    ("[wemwbs]", "{wemwbs: often-first}", "wemwbs's answers are numbered one way only"),
    ("[djg6]", "{djg6: often-first}", "(djg6 is read from labels only)"),
    ("[wemwbs]", "{ons_loneliness: often-first}", "unknown key `ons_loneliness`"),
  ])
  func aWrongCodesSettingIsAPipelineError(instruments: String, codes: String, message: String)
    throws
  {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml", pipeline(instruments: instruments, extra: "    codes: \(codes)"))
    let error = #expect(throws: PipelineErrors.self) { try folder.run() }
    #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    #expect(error?.description.contains("pipeline.yaml:12") == true)
  }

  @Test func itemsMayBeNamedOneColumnPerItemForQuestionTextHeaders() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        instruments: "[ucla3]",
        extra: """
              items:
                ucla3: [Lack companionship?, Left out?, Isolated?]
          """))
    try folder.write(
      "survey.csv",
      "Email,Left out?,Isolated?,Lack companionship?\na@example.org,Often,Some of the time,1\n")
    try folder.run()
    #expect(try scores("a@example.org") == ["ucla3 total 6 lonely 3 0 0"])
  }

  @Test func unknownLabelsOutOfRangeCodesAndNumbersForALabelOnlyScaleAreRejectedByCell() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline(instruments: "[ucla3, djg6]"))
    try folder.write(
      "survey.csv",
      """
      Email,UCLA_1,UCLA_2,UCLA_3,DJG_1,DJG_2,DJG_3,DJG_4,DJG_5,DJG_6
      a@example.org,Sometimes,4,1,yes,2,no,no,no,Yes

      """)
    let summary = try folder.run()
    #expect(summary.valuesSetAside == 3)
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("survey,2,\"'Sometimes' is not an answer of UCLA3; expected 1–3"))
    #expect(rejects.contains(",UCLA_1,value treated as missing"))
    #expect(rejects.contains("survey,2,\"'4' is not an answer of UCLA3; expected 1–3"))
    #expect(
      rejects.contains(
        "'2' is a number, but DJG6 is read from its answer labels only (exports number its "
          + "answers in different ways); export the labels"))
    #expect(rejects.contains(",DJG_2,value treated as missing"))
    // DJG-6 with item 2 set aside counts the five answered: 1 yes (emotional) 1, 3 no (social)
    // 1, 4 no (emotional) 0, 5 no (social) 1, 6 yes (emotional) 1 → 4.
    let djg = try scores("a@example.org").filter { $0.hasPrefix("djg6 total") }
    #expect(djg == ["djg6 total 4 moderately lonely 5 1 0"])
  }

  @Test func aStudyMayAddItsOwnInstrumentDefinition() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "instruments/hope.yaml",
      """
      id: hope
      name: Hope (a study's own three questions)
      version: "0.1"
      citation: Written for this study.
      items: 3
      columns: HOPE{n}
      answers: {codes: [1, 4], labels: {never: 1, always: 4}}
      reverse: [3]
      scales:
        total:
          items: all
          missing: {max_missing: 1, rule: prorate, decimals: 1}
          higher_is_better: true
          bands:
            - {label: low, min: 3, max: 7}
            - {label: high, min: 8, max: 12}

      """)
    try folder.write("pipeline.yaml", pipeline(instruments: "[instruments/hope.yaml]"))
    // 4 + 2 + (5 − 1) = 10; b: 1 + (5 − 4), one missing → 2 × 3 / 2 = 3.0.
    try folder.write(
      "survey.csv", "Email,HOPE1,HOPE2,HOPE3\na@example.org,always,2,never\nb@example.org,1,,4\n")
    try folder.run()
    #expect(try scores("a@example.org") == ["hope total 10 high 3 0 0"])
    #expect(try scores("b@example.org") == ["hope total 3.0 low 2 1 1"])
    #expect(try folder.rows("out/release/data/scores.csv")[1][9] == "0.1")
  }

  @Test func aBrokenDefinitionIsReportedWithItsLine() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "bad.yaml",
      """
      id: bad
      name: Bad
      version: "1"
      citation: none
      items: 2
      answers: {codes: [0, 3]}
      scales:
        total:
          items: all
          higher_is_better: true
          bands:
            - {label: low, min: 0, max: 3}
            - {label: high, min: 3, max: 6}

      """)
    try folder.write("pipeline.yaml", pipeline(instruments: "[bad.yaml]"))
    #expect {
      try PipelineLoader.load(path: folder.url.appendingPathComponent("pipeline.yaml").path)
    } throws: { error in
      let text = "\(error)"
      return text.contains("bad.yaml:13:") && text.contains("`high` (3–6) is not")
    }
  }

  static let duplicates = """
    Email,UCLA_1,UCLA_2,UCLA_3
    a@example.org,1,,1
    a@example.org,2,2,2
    a@example.org,3,3,3
    a@example.org,1,1,

    """

  @Test(arguments: [("first-complete", "6", 3), ("last-complete", "9", 4)])
  func duplicatesKeepTheFirstOrLastCompleteResponseAndRejectTheOthers(
    policy: String, kept: String, keptLine: Int
  ) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        instruments: "[ucla3]",
        top: "duplicates: \(policy)\nmax_rejected: 100%  # the duplicates are rejected on purpose"))
    try folder.write("survey.csv", Self.duplicates)
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 4 && report.rowsAccepted == 1 && report.rowsRejected == 3)
    #expect(try scores("a@example.org").map { $0.split(separator: " ")[2] } == [kept[...]])
    let rejects = try folder.rows("out/private/rejects.csv").dropFirst()
    #expect(rejects.count == 3)
    #expect(!rejects.contains { $0[1] == String(keptLine) })
    // Each reject holds its row as read, replaced ones too, and names the row it duplicates.
    let lines = Self.duplicates.split(separator: "\n").map(String.init)
    for reject in try folder.records("out/private/rejects.csv") {
      let line = try #require(Int(reject["line"] ?? ""))
      #expect(reject["raw"] == lines[line - 1], "line \(line)")
      let named = (2...5).filter { reject["reason"]?.contains("survey line \($0)") == true }
      #expect(named.count == 1 && named.first != line, "\(reject["reason"] ?? "")")
    }
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(folder.read("out/release/manifest.json").utf8)) as? [String: Any])
    let input = try #require((manifest["inputs"] as? [[String: Any]])?.first)
    #expect(input["rows_accepted"] as? Int == 1 && input["rows_rejected"] as? Int == 3)
  }

  @Test func duplicatesErrorStopsTheRunNamingBothLines() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml", pipeline(instruments: "[ucla3]", top: "duplicates: error"))
    try folder.write("survey.csv", Self.duplicates)
    #expect {
      try folder.run()
    } throws: { error in
      "\(error)".contains("survey line 2 and survey line 3")
    }
  }
}

import Foundation
import Testing

@testable import Kith

/// Coding exports read from every tool Kith supports, linked to participants with the study key,
/// turned into themes, and set beside the numbers in the joint displays.
@Suite struct QualitativeTests {
  let folder = StudyFolder()

  // MARK: - Readers on the shared REFI-QDA fixtures

  @Test(.enabled(if: sharedFixture("qualitative") != nil, "../shared fixtures are absent"))
  func theSharedHandAuthoredProjectGivesItsCodesCasesAndSegments() throws {
    let url = try #require(sharedFixture("qualitative/project.qde"))
    let export = try RefiReader.project(at: url, displayName: "project.qde")
    #expect(export.codes.count == 4)
    #expect(
      export.path(of: "20000000-0000-0000-0000-000000000003") == ["Topics", "Health", "Diet"])
    // Two text selections, and one each on the picture, PDF, transcript, audio and video.
    #expect(export.segments.count == 7)
    let text = export.segments.filter { $0.document == "Interview 1.txt" }
    #expect(text.map(\.caseName) == ["Participant 1", "Participant 1"])
    #expect(text.map(\.text) == ["Diet and health", "health are closely"])
    #expect(export.caseValues["Participant 1"]?["age"] == "34")
    #expect(export.segments.filter { $0.caseName == nil }.count == 5)
  }

  @Test(.enabled(if: sharedFixture("qualitative") != nil, "../shared fixtures are absent"))
  func theSharedVendorExportsAndCodebooksRead() throws {
    // f4: no users, memo-only selections (no coding) give no segments.
    let f4 = try RefiReader.project(
      at: try #require(sharedFixture("qualitative/valid-document.xml")), displayName: "f4.qde")
    #expect(f4.codes.count == 1 && f4.segments.count == 2)
    // NVivo for Mac: a ZIP holding project.qde; 262 nested codes, nothing coded.
    let nvivo = try RefiReader.project(
      at: try #require(sharedFixture("qualitative/nvivo_project.qdpx")),
      displayName: "nvivo_project.qdpx")
    #expect(nvivo.codes.count == 262 && nvivo.segments.isEmpty)
    #expect(nvivo.codes.values.contains { nvivo.path(of: $0.id).count == 3 })
    var codebook = CodingExport()
    try RefiReader.codebook(
      at: try #require(sharedFixture("qualitative/example_codebook.qdc")),
      displayName: "example_codebook.qdc", into: &codebook)
    #expect(codebook.codes.count == 44)
    #expect(codebook.codes["c21"].map { codebook.path(of: $0.id).count } == 2)
  }

  @Test(.enabled(if: sharedFixture("qualitative") != nil, "../shared fixtures are absent"))
  func aMalformedSharedCodebookIsAnErrorNamingLineColumnAndElement() throws {
    var codebook = CodingExport()
    #expect {
      try RefiReader.codebook(
        at: try #require(sharedFixture("qualitative/example_codebook_defect.qdc")),
        displayName: "example_codebook_defect.qdc", into: &codebook)
    } throws: { error in
      let text = "\(error)"
      return text.contains("example_codebook_defect.qdc line 132")
        && text.contains("(in CodeBook/Codes/Code/Code)")
        && text.contains("a closing tag does not match the element it closes")
    }
  }

  @Test func aTruncatedProjectOfOurOwnIsRefused() throws {
    let file = try folder.write(
      "broken.qde",
      "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\">\n  <CodeBook>\n"
        + "    <Codes><Code guid=\"a\" name=\"A\">\n")
    #expect {
      try RefiReader.project(at: file, displayName: "broken.qde")
    } throws: {
      "\($0)".contains("broken.qde line 4") && "\($0)".contains("ends before its XML is complete")
    }
    let notRefi = try folder.write("notes.qde", "<?xml version=\"1.0\"?>\n<Notes/>\n")
    #expect {
      try RefiReader.project(at: notRefi, displayName: "notes.qde")
    } throws: { "\($0)".contains("is not a REFI-QDA project") }
  }

  // MARK: - CSV exports

  @Test func taguetteQualcoderAndPlainCSVExportsRead() throws {
    let taguette = try folder.write(
      "highlights.csv",
      """
      id,document,tag,tag_parent,tag_full_path,tag_description,content
      1,Interview A,Feeling safe,Safe space,Safe space/Feeling safe,,"I feel safe here."
      1,Interview A,Less alone,Less isolation,Less isolation/Less alone,,"I feel safe here."
      2,Interview B,,,,,"An untagged highlight."

      """)
    let spec = { (path: URL, format: CodingFormat) in
      CodingSpec(
        name: "c", path: path, displayPath: path.lastPathComponent, format: format,
        identifier: IdentifierSpec(column: Located("participant", at: nil), kind: .id),
        documents: [:], codebook: nil, themes: [], quotes: false, quoteMaxLength: 240)
    }
    #expect(CodingReader.detect(path: taguette) == .taguette)
    let (tags, report) = try CodingReader.read(spec(taguette, .taguette))
    #expect(tags.segments.map(\.code) == ["Safe space/Feeling safe", "Less isolation/Less alone"])
    #expect(tags.path(of: "Safe space/Feeling safe") == ["Safe space", "Feeling safe"])
    #expect(report.rowsRead == 3 && report.rowsAccepted == 2 && report.rowsRejected == 1)

    let matrix = try folder.write(
      "matrix.csv",
      "Case,Feeling safe,Less alone\nInterview A,2,0\nInterview B,,3\nInterview C,x,1\n")
    #expect(CodingReader.detect(path: matrix) == .qualcoder)
    let (cells, matrixReport) = try CodingReader.read(spec(matrix, .qualcoder))
    #expect(
      cells.segments.map { "\($0.document) \($0.code) \($0.count)" } == [
        "Interview A Feeling safe 2", "Interview B Less alone 3", "Interview C Less alone 1",
      ])
    #expect(matrixReport.rowsRejected == 1)

    let plain = try folder.write(
      "codes.csv", "participant,code,segment\nP1,Feeling safe,I feel safe.\nP2,,nothing\n")
    #expect(CodingReader.detect(path: plain) == .csv)
    let (rows, _) = try CodingReader.read(spec(plain, .csv))
    #expect(
      rows.segments.map { "\($0.identifier ?? "") \($0.code) \($0.text)" } == [
        "P1 Feeling safe I feel safe."
      ])
    #expect(rows.rejected.map(\.reason) == ["no code"])
  }

  @Test func themesComeFromTheMappingOrTheTopOfTheHierarchy() {
    var export = CodingExport()
    export.add(CodingExport.Code(id: "s", name: "Safe space", parent: nil))
    export.add(CodingExport.Code(id: "f", name: "Feeling safe", parent: "s"))
    export.add(CodingExport.Code(id: "w", name: "Waiting lists", parent: nil))
    let hierarchy = ThemeAssignment(export: export, mapping: [])
    #expect(hierarchy.theme(of: "f") == ("Safe space", true))
    #expect(hierarchy.codePath("f") == "Safe space/Feeling safe")
    let mapped = ThemeAssignment(
      export: export, mapping: [("Services", ["waiting lists"]), ("Safety", ["Safe space"])])
    #expect(mapped.theme(of: "w") == ("Services", true))
    // Mapping a parent covers its children.
    #expect(mapped.theme(of: "f") == ("Safety", true))
  }

  // MARK: - A study end to end

  /// The small study with a plain coding export: Jo and Sam coded, one document unlinked.
  func writeCodedStudy(quotes: Bool) throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline
        + """
        disclosure: {suppress_below: 1, round_to: 1, min_n_for_statistics: 1}
        qualitative:
          interviews:
            path: coding.csv
            identifier: {column: participant, kind: email}
            quotes: \(quotes)
            quote_max_length: 40
            themes:
              Support: [Helping others, Being heard]
              Isolation: [Less alone]

        """)
    try folder.write(
      "coding.csv",
      """
      participant,code,segment
      jo.smith@example.org,Helping others,Jo Smith told me to ring 07700 900123 when it gets bad.
      jo.smith@example.org,Less alone,I am not alone any more.
      sam.khan@example.org,Being heard,People listen here and they listen properly every week without fail.
      sam.khan@example.org,Helping others,I help the new people settle in.
      not-an-email,Less alone,A malformed identifier.

      """)
  }

  @Test func jointDisplaysAgreeWithAHandCount() throws {
    try writeCodedStudy(quotes: false)
    let summary = try folder.run()
    let coding = try #require(summary.inputs.first { $0.name == "interviews" })
    #expect(coding.rowsRead == 5 && coding.rowsAccepted == 4 && coding.rowsRejected == 1)
    let jo = try folder.pid(of: "jo.smith@example.org")
    let sam = try folder.pid(of: "sam.khan@example.org")
    #expect(
      try folder.rows("out/release/data/themes.csv").dropFirst().map { $0.joined(separator: " ") }
        == [
          "\(jo) Isolation Less alone 1", "\(jo) Support Helping others 1",
          "\(sam) Support Being heard 1", "\(sam) Support Helping others 1",
        ].sorted())
    // Jo: WEMWBS 40 → 70 (+30, reliably improved: 30 ≥ 8.08), UCLA-3 6 → 3 (−3). Sam: baseline
    // only. Support: Jo and Sam; Isolation: Jo.
    #expect(
      try folder.rows("out/release/tables/j1_statistics_by_theme.csv").dropFirst().map {
        $0.joined(separator: ",")
      } == ["Support,2,1,30,1,-3,100", "Isolation,1,1,30,1,-3,100"])
    #expect(
      try folder.rows("out/release/tables/j2_themes_by_change.csv").dropFirst().map {
        $0.joined(separator: ",")
      } == ["Support,2,1,0,0,1", "Isolation,1,1,0,0,0"])
    // The case-level displays (a row per person) are the evaluator's, in private/ only.
    #expect(!folder.exists("out/release/tables/j3_case_ordered.csv"))
    #expect(!folder.exists("out/release/tables/j4_participant_codes.md"))
    #expect(
      try folder.rows("out/private/tables/j3_case_ordered.csv") == [
        [
          "pid", "wellbeing_change", "loneliness_change", "sessions_attended", "theme_support",
          "theme_isolation",
        ],
        [jo, "30", "-3", "3", "1", "1"], [sam, "", "", "1", "1", "0"],
      ])
    let matrix = try folder.rows("out/private/tables/j4_participant_codes.csv")
    #expect(matrix[0] == ["pid", "code_being_heard", "code_helping_others", "code_less_alone"])
    #expect(Set(matrix.dropFirst()) == [[jo, "0", "1", "1"], [sam, "1", "1", "0"]])
    let prevalence = try folder.rows("out/release/tables/t8_theme_prevalence.csv")
    #expect(prevalence.contains(["Support", "All interviewed", "2", "2", "100", "3"]))
    #expect(!folder.exists("out/release/data/quotes.csv"))
    let segments = try folder.read("out/private/segments.csv")
    #expect(segments.contains("07700 900123"))
    #expect(try folder.read("out/private/rejects.csv").contains("interviews,6,"))
  }

  @Test func releasedQuotesAreScrubbedShortenedAndCarryOnlyThePid() throws {
    try writeCodedStudy(quotes: true)
    try folder.run()
    let quotes = try folder.read("out/release/data/quotes.csv")
    #expect(quotes.hasPrefix("pid,theme,code,quote\n"))
    #expect(!quotes.contains("Jo Smith") && !quotes.contains("07700"))
    #expect(quotes.contains("[name] [name] told me to ring [phone]…"))
    #expect(quotes.contains("People listen here and they listen…"))
    #expect(!quotes.contains("sam.khan"))
  }
}

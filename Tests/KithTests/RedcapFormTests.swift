import Foundation
import Testing

@testable import Kith

/// Which form a REDCap `<form>_complete` column speaks for.
///
/// The form whose fields share its name, or the form the project's data dictionary names; its
/// place in the export is the last resort. A row with several incomplete forms has one reject
/// entry per form.
@Suite struct RedcapFormTests {
  let folder = StudyFolder()

  func pipeline(items: String, extra: String = "") -> String {
    """
    study: Forms
    key: test.key
    waves: [baseline]
    instruments: [ucla3, phq9]
    inputs:
      survey:
        path: survey.csv
        type: survey
        format: redcap
        wave: baseline
        identifier: {column: record_id, kind: id}
        items: \(items)
    \(extra)

    """
  }

  /// `instrument scale score` of the record's scores (its scales scored, not those left blank).
  func scores(_ record: String) throws -> [String] {
    let pid = try folder.pid(of: record, kind: .id)
    return try folder.rows("out/release/data/scores.csv").filter { $0[0] == pid && $0[4] != "" }
      .map {
        "\($0[2]) \($0[3]) \($0[4])"
      }
  }

  /// A report export with every status column at the end, where the place would give PHQ-9
  /// the UCLA form's status.
  @Test func theFormIsTheOneWhoseFieldsShareItsName() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml", pipeline(items: "{ucla3: \"ucla_{n}\", phq9: \"phq9_{n}\"}"))
    let phq = (1...9).map { "phq9_\($0)" }.joined(separator: ",")
    try folder.write(
      "survey.csv",
      """
      record_id,ucla_1,ucla_2,ucla_3,\(phq),ucla_complete,phq9_complete
      101,1,2,3,0,0,0,0,0,0,0,0,1,2,0
      102,1,1,1,1,1,1,1,1,1,1,1,1,0,0
      103,3,3,3,0,0,0,0,0,0,0,0,0,2,2

      """)
    _ = try folder.run()
    #expect(try scores("101") == ["ucla3 total 6"])
    #expect(try scores("102") == [])
    #expect(try scores("103").contains("ucla3 total 9"))
    #expect(try scores("103").contains("phq9 total 0"))
    let rejects = try folder.records("out/private/rejects.csv")
    #expect(
      rejects.map { "\($0["line"] ?? "") \($0["column"] ?? "")" } == [
        "2 phq9_complete", "3 ucla_complete", "3 phq9_complete",
      ])
    #expect(
      rejects.first?["reason"]?.hasPrefix("the form holding PHQ9 is marked Incomplete") == true)
  }

  /// Fields not named after their form: the data dictionary says which form they are on.
  @Test(arguments: [true, false])
  func theDataDictionaryNamesTheForm(declared: Bool) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "DataDictionary.csv",
      """
      "Variable / Field Name","Form Name","Section Header","Field Type","Field Label"
      record_id,enrolment,,text,Record ID
      lon_1,loneliness,,radio,Lack companionship?
      lon_2,loneliness,,radio,Left out?
      lon_3,loneliness,,radio,Isolated?
      note,visit_notes,,notes,Notes

      """)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        items: "{ucla3: \"lon_{n}\"}", extra: declared ? "    dictionary: DataDictionary.csv" : ""))
    try folder.write(
      "survey.csv",
      """
      record_id,loneliness_complete,lon_1,lon_2,lon_3,note,visit_notes_complete
      101,0,1,2,3,,2
      102,2,1,1,1,,0

      """)
    _ = try folder.run()
    let columns = try folder.records("out/private/rejects.csv").map { $0["column"] ?? "" }
    if declared {
      #expect(try scores("101") == [] && scores("102") == ["ucla3 total 3"])
      #expect(columns == ["loneliness_complete"])
    } else {
      // Without it, the status after the items is taken: the visit notes' form.
      #expect(try scores("101") == ["ucla3 total 6"])
      #expect(columns == ["visit_notes_complete"])
    }
  }

  @Test(arguments: [
    ("format: csv", "DataDictionary.csv", "is not a REDCap export"),
    ("format: redcap", "missing.csv", "data dictionary not found: `missing.csv`"),
  ])
  func aDictionaryMustBeAREDCapInputsAndExist(format: String, path: String, words: String)
    throws
  {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("DataDictionary.csv", "\"Variable / Field Name\",\"Form Name\"\n")
    try folder.write("survey.csv", "record_id,ucla_1,ucla_2,ucla_3\n101,1,1,1\n")
    try folder.write(
      "pipeline.yaml",
      pipeline(items: "{ucla3: \"ucla_{n}\"}", extra: "    dictionary: \(path)")
        .replacingOccurrences(of: "format: redcap", with: format))
    let error = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    #expect(error.description.contains(words))
  }

  @Test func aFileThatIsNotADictionaryIsRefusedByName() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("DataDictionary.csv", "field,form\nucla_1,loneliness\n")
    try folder.write("survey.csv", "record_id,ucla_1,ucla_2,ucla_3\n101,1,1,1\n")
    try folder.write(
      "pipeline.yaml",
      pipeline(items: "{ucla3: \"ucla_{n}\"}", extra: "    dictionary: DataDictionary.csv"))
    let error = try #require(throws: DataError.self) { try folder.run(dryRun: true) }
    #expect(error.message.contains("DataDictionary.csv is not a REDCap data dictionary"))
  }
}

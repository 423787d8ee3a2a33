import Foundation
import Testing

@testable import Kith

/// A column has one role: a quasi-identifier reaches the release only generalised, and a kept
/// column that looks like one — by its header or by its values — needs a `keep_raw` reason.
@Suite struct QuasiIdentifierRoleTests {
  let folder = StudyFolder()

  /// The small study's baseline survey with one more column, `header`, holding `values` (one per
  /// response, in order), declared on the baseline input with `declaration` (YAML lines).
  func study(header: String, values: [String], declaration: String) throws {
    let lines = SmallStudy.baseline.split(separator: "\n").map(String.init)
    var rows = [lines[0] + ",\(header)"]
    for (line, value) in zip(lines.dropFirst(), values) { rows.append(line + ",\(value)") }
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "identifying: [Name]\n  followup:",
        with: "identifying: [Name]\n\(declaration)\n  followup:"))
    try folder.write("baseline.csv", rows.joined(separator: "\n") + "\n")
  }

  /// The pipeline errors a load gives, or none.
  func loadErrors() -> [PipelineError] {
    do {
      _ = try PipelineLoader.load(path: folder.url.appendingPathComponent("pipeline.yaml").path)
      return []
    } catch let errors as PipelineErrors {
      return errors.errors
    } catch {
      return [PipelineError("\(error)", file: "")]
    }
  }

  @Test(arguments: ["keep", "free_text"])
  func aQuasiIdentifierCannotAlsoBeKept(role: String) throws {
    try study(
      header: "DOB", values: ["01/02/1990", "03/04/1985", "", "", ""],
      declaration: "    quasi_identifiers: {age: {column: DOB}}\n    \(role): [DOB]")
    let errors = loadErrors()
    #expect(errors.count == 1)
    #expect(
      errors.first?.message
        == "`DOB` is declared under `quasi_identifiers`, so it is released only generalised; it "
        + "cannot also be listed under `\(role)`")
    #expect(errors.first?.location?.line == 13)
  }

  @Test(arguments: [
    "DOB", "Date of birth", "Your date of birth", "Birthday", "Age", "Age at baseline",
    "Year of birth", "Postcode", "Post code", "Home postcode", "Gender", "Sex", "Ethnicity",
    "Ethnic group",
  ])
  func aKeptColumnNamedLikeAQuasiIdentifierNeedsAReason(header: String) throws {
    try study(
      header: header, values: ["x", "y", "z", "x", "y"], declaration: "    keep: [\(header)]")
    let errors = loadErrors()
    #expect(errors.count == 1, "\(header)")
    #expect(errors.first?.message.contains("looks like") == true)
    #expect(errors.first?.hint?.contains("keep_raw: {\"\(header)\": \"the reason\"}") == true)
    try study(
      header: header, values: ["x", "y", "z", "x", "y"],
      declaration: "    keep: [\(header)]\n    keep_raw: {\(header): \"agreed with the DPO\"}")
    #expect(loadErrors().isEmpty)
    try folder.run()
    #expect(
      try folder.read("out/private/run.log").contains("kept raw: \(header) — agreed with the DPO"))
    let report = try folder.read("out/private/privacy-report.md")
    #expect(report.contains("kept raw because: agreed with the DPO"))
  }

  @Test(arguments: ["Language", "Page", "Sussex office", "Stage", "Message", "Percentage"])
  func headersThatOnlyContainSuchAWordAreKept(header: String) throws {
    try study(
      header: header, values: ["x", "y", "z", "x", "y"], declaration: "    keep: [\(header)]")
    #expect(loadErrors().isEmpty, "\(header)")
    #expect(throws: Never.self) { try folder.run() }
  }

  /// Columns whose values give them away: postcodes, outward codes, dates, genders,
  /// ethnicities — refused by `run` and `check` alike, unless a reason is given.
  @Test(arguments: [
    ["LS6 2AB", "ls4 7zl", "BD1 1AA", "HX3 9QQ", "LS11 5TT"], ["LS6", "LS4", "BD1", "HX3", "LS9"],
    ["01/02/1990", "03/04/1985", "12/12/2001", "05/05/1975", "07/07/1960"],
    ["Female", "male", "Woman", "F", "Non-binary"],
    ["White British", "Black Caribbean", "Asian - Pakistani", "Mixed", "White Irish"],
  ])
  func aKeptColumnWhoseValuesLookLikeAQuasiIdentifierNeedsAReason(values: [String]) throws {
    try study(header: "Notes", values: values, declaration: "    keep: [Notes]")
    #expect(loadErrors().isEmpty)
    for dryRun in [true, false] {
      do {
        try folder.run(dryRun: dryRun)
        Issue.record("\(values) was released as it is")
      } catch let errors as PipelineErrors {
        #expect(errors.errors.count == 1)
        #expect(
          errors.errors.first?.message.hasPrefix("`Notes` holds values that look like") == true)
        #expect(errors.errors.first?.location?.line == 12)
      }
    }
    #expect(!folder.exists("out/release"))
    try study(
      header: "Notes", values: values,
      declaration: "    keep: [Notes]\n    keep_raw: {Notes: \"coarse already\"}")
    #expect(throws: Never.self) { try folder.run() }
  }

  @Test func ordinaryKeptValuesAreNotQuasiIdentifiers() throws {
    try study(
      header: "Referred by", values: ["GP", "self", "friend", "GP", "Samaritans"],
      declaration: "    keep: [Referred by]")
    #expect(throws: Never.self) { try folder.run() }
    #expect(try folder.read("out/release/data/participants.csv").contains("referred_by"))
  }

  @Test func keepRawMustNameAKeptColumn() throws {
    try study(
      header: "Age", values: ["30", "40", "", "", ""],
      declaration: "    keep_raw: {Age: \"needed\"}")
    #expect(
      loadErrors().first?.message
        == "`inputs.baseline.keep_raw` names `Age`, which the input does not keep")
  }
}

/// Released text that a spreadsheet would run is written with a leading apostrophe; the
/// private zone keeps every row as read.
@Suite struct ReleasedFormulaTests {
  @Test func formulaLikeValuesAreNeutralisedInTheReleaseOnly() throws {
    let folder = StudyFolder()
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "identifying: [Name]\n  followup:",
        with: "identifying: [Name]\n    keep: [Secret note]\n  followup:"))
    try folder.write(
      "baseline.csv",
      SmallStudy.baseline.replacingOccurrences(of: "private text 1", with: "=1+1")
        .replacingOccurrences(of: "private text 2", with: "-3"))
    try folder.run()
    let participants = try folder.read("out/release/data/participants.csv")
    #expect(participants.contains(",'=1+1\n") && participants.contains(",-3\n"))
    #expect(try folder.read("out/private/rejects.csv").contains("R_3,Ali Evans"))
  }
}

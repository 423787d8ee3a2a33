import Foundation
import Testing

@testable import Kith

@Suite struct PipelineLoaderTests {
  let folder = StudyFolder()

  func errors(_ text: String) throws -> [PipelineError] {
    try folder.write("data.csv", "a\n")
    do {
      _ = try PipelineLoader.parse(text: text, file: "p.yaml", directory: folder.url)
      Issue.record("expected errors")
      return []
    } catch let errors as PipelineErrors {
      return errors.errors
    }
  }

  static let valid = """
    study: S
    inputs:
      survey:
        path: data.csv
        type: survey
        wave: baseline
        identifier: {column: Email, kind: email}

    """

  @Test func aValidPipelineLoadsWithItsDefaults() throws {
    try folder.write("data.csv", "a\n")
    let spec = try PipelineLoader.parse(
      text: Self.valid, file: "pipelines/s.yaml", directory: folder.url)
    #expect(spec.study == "S" && spec.name == "s" && spec.waves == ["baseline"])
    let input = try #require(spec.inputs.first)
    #expect(input.name == "survey" && input.kind == .survey && input.format == .csv)
    #expect(
      input.dialect.headerRows == 1 && input.dialect.delimiter == nil && input.onError == .rejectRow
    )
    #expect(
      input.identifiers.map(\.column.value) == ["Email"] && input.identifiers.first?.kind == .email)
    #expect(input.path == folder.url.appendingPathComponent("data.csv").standardizedFileURL)
  }

  @Test func anUnknownKeyIsRenderedCompilerStyleWithASuggestion() throws {
    let text = Self.valid.replacingOccurrences(of: "identifier:", with: "identifer:")
    let found = try errors(text)
    // The unknown key, and so the missing `identifier`: both at once.
    #expect(found.count == 2)
    #expect(found.last?.message == "`inputs.survey` needs `identifier`")
    let lines = found.first?.description.split(separator: "\n").map(String.init) ?? []
    #expect(
      Array(lines.prefix(5)) == [
        "error: unknown key `identifer` in `inputs.survey` — did you mean `identifier`?",
        " --> p.yaml:7:5",
        "  |",
        "7 |     identifer: {column: Email, kind: email}",
        "  |     ^",
      ])
    #expect(
      lines.last?.hasPrefix("  = help: allowed here: path, type, format, header_rows") == true)
    #expect(lines.last?.contains(", identifier, identifiers, ") == true)
  }

  @Test func everyProblemIsReportedInOnePass() throws {
    let text = """
      study: [not, text]
      instruments: [wembws]
      inputs:
        survey:
          path: missing.csv
          type: surve
          identifier: {column: Email, kind: email}

      """
    let found = try errors(text)
    #expect(
      found.map(\.message) == [
        "`study` must be text, found a list",
        "unknown instrument `wembws` — did you mean `wemwbs`?",
        "`inputs.survey.type` must be one of `survey`, `register`, found `surve` — did you mean `survey`?",
      ])
    #expect(found.map(\.location?.line) == [1, 2, 6])
  }

  @Test func aMissingFileNamesWhereItWasLooked() throws {
    let found = try errors(
      Self.valid.replacingOccurrences(of: "path: data.csv", with: "path: nope.csv"))
    #expect(found.first?.message == "input file not found: `nope.csv`")
    #expect(found.first?.location == SourceLocation(line: 4, column: 11))
    #expect(found.first?.hint?.hasSuffix("/nope.csv") == true)
  }

  @Test func wrongTypesSayWhatWasExpected() throws {
    let text = Self.valid + "    header_rows: lots\n"
    let found = try errors(text)
    #expect(
      found.first?.message
        == "`inputs.survey.header_rows` must be a whole number from 0 to 20, found `lots`")
  }

  @Test func identifyingColumnsCannotBeKept() throws {
    let text = Self.valid + "    keep: [Email]\n"
    #expect(try errors(text).map(\.message) == ["`Email` identifies people, so it cannot be kept"])
  }

  @Test func registerKeysAreRefusedOnSurveys() throws {
    let text = Self.valid + "    group: Group\n"
    #expect(
      try errors(text).map(\.message) == [
        "`group` applies to register inputs, but `survey` is a survey"
      ])
  }

  @Test func invalidYAMLPointsAtTheProblem() throws {
    let found = try errors("study: S\ninputs: {a: [}\n")
    #expect(found.first?.message.hasPrefix("the pipeline is not valid YAML") == true)
    #expect(found.first?.location?.line == 2)
  }

  @Test func theBundledExamplePipelineLoads() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let spec = try PipelineLoader.load(
      path: root.appendingPathComponent("pipelines/example.yaml").path)
    #expect(spec.inputs.map(\.name) == ["survey_baseline", "survey_followup", "register"])
    #expect(
      spec.instruments.map(\.value.id) == [
        "wemwbs", "swemwbs", "ucla3", "djg6", "ons4", "lsns6", "phq9",
      ] && spec.demo)
  }
}

@Suite struct DisclosureSettingTests {
  let folder = StudyFolder()

  func rule(_ yaml: String) throws -> DisclosureRule {
    try folder.write("data.csv", "a\n")
    return try PipelineLoader.parse(
      text: PipelineLoaderTests.valid + yaml, file: "p.yaml", directory: folder.url
    ).disclosure
  }

  @Test func theDefaultIsNHSDigitalAndPresetsAndOverridesAreRead() throws {
    #expect(try rule("") == .nhsDigital)
    #expect(try rule("disclosure: ons10\n") == .ons10)
    let custom = try rule("disclosure: {preset: min5, suppress_below: 6}\n")
    #expect(custom.suppressBelow == 6 && custom.roundTo == 1 && custom.name == "custom (from min5)")
    #expect(throws: PipelineErrors.self) { try rule("disclosure: nhs\n") }
  }
}

import Foundation
import Testing

@testable import Kith

/// `kith check` reports every problem of a pipeline at once — every unknown key, every missing
/// column of every input — each at its line, not one per round.
@Suite struct CheckReportsAllTests {
  let folder = StudyFolder()

  @Test func everyUnknownKeyIsReportedInOneRound() throws {
    try folder.write("survey.csv", "Email,UCLA_1,UCLA_2,UCLA_3\na@example.org,1,1,1\n")
    try folder.write(
      "pipeline.yaml",
      """
      study: Keys
      wavez: [baseline]
      instrumentz: [ucla3]
      inputs:
        survey:
          path: survey.csv
          type: survey
          wave: baseline
          identifier: {column: Email, kind: email}
          colour: blue
          identifer: {column: Email}

      """)
    let error = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    let problems = error.errors.map { "\($0.location?.line ?? 0) \($0.message)" }
    #expect(
      problems == [
        "2 unknown key `wavez` — did you mean `waves`?",
        "3 unknown key `instrumentz` — did you mean `instruments`?",
        "10 unknown key `colour` in `inputs.survey`",
        "11 unknown key `identifer` in `inputs.survey` — did you mean `identifier`?",
      ])
  }

  @Test func everyMissingColumnOfEveryInputIsReportedInOneRound() throws {
    try folder.write("survey.csv", "email,UCLA_1,UCLA_2,UCLA_3\na@example.org,1,1,1\n")
    try folder.write("register.csv", "Group,Date,Email\nA,2025-03-01,a@example.org\n")
    try folder.write(
      "pipeline.yaml",
      """
      study: Columns
      waves: [baseline]
      inputs:
        survey:
          path: survey.csv
          type: survey
          wave: {column: Wave}
          identifier: {column: Mail, kind: email}
          keep: [Colour]
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          group: Team
          date: {column: Session, format: yyyy-MM-dd}
          attended: Came

      """)
    let error = try #require(throws: PipelineErrors.self) { try folder.run(dryRun: true) }
    let problems = error.errors.map { "\($0.location?.line ?? 0) \($0.message)" }
    #expect(
      problems == [
        "8 column `Mail` is not in survey.csv — did you mean `email`?",
        "9 column `Colour` is not in survey.csv",
        "7 column `Wave` is not in survey.csv",
        "14 column `Team` is not in register.csv",
        "15 column `Session` is not in register.csv",
        "16 column `Came` is not in register.csv",
      ])
  }
}

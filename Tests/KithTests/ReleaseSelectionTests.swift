import Foundation
import Testing

@testable import Kith

/// `outputs: {data, tables}` publishes only the files a study lists.
@Suite struct ReleaseSelectionTests {
  let folder = StudyFolder()

  @Test func onlyTheListedFilesAndTablesArePublished() throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline
        + "outputs: {data: [participants, scores], tables: [t3_change]}\n")
    let full = StudyFolder()
    try SmallStudy.write(into: full)
    try full.run()
    let summary = try folder.run()
    let released = summary.outputs.map(\.path).filter { $0.hasPrefix("release/") }.sorted()
    #expect(
      released == [
        "release/data/participants.csv", "release/data/scores.csv", "release/datapackage.json",
        "release/tables/t3_change.csv", "release/tables/t3_change.html",
        "release/tables/t3_change.md", "release/tables/t3_change.tex",
      ])
    #expect(!folder.exists("out/release/data/attendance.csv"))
    #expect(!folder.exists("out/release/tables/t1_characteristics.csv"))
    // What is published is what the full release holds.
    for file in ["data/participants.csv", "data/scores.csv", "tables/t3_change.csv"] {
      #expect(try folder.read("out/release/" + file) == full.read("out/release/" + file))
    }
    let package = try folder.read("out/release/datapackage.json")
    #expect(package.contains("\"participants\"") && !package.contains("\"attendance\""))
    let manifest = try folder.read("out/release/manifest.json")
    #expect(!manifest.contains("attendance.csv") && manifest.contains("scores.csv"))
  }

  @Test func anEmptyTableListPublishesNoTable() throws {
    try SmallStudy.write(into: folder, pipeline: SmallStudy.pipeline + "outputs: {tables: []}\n")
    let summary = try folder.run()
    #expect(!summary.outputs.contains { $0.path.hasPrefix("release/tables/") })
    #expect(folder.exists("out/release/data/attendance.csv"))
  }

  @Test func anUnknownNameIsAnErrorWithASuggestion() throws {
    try SmallStudy.write(
      into: folder, pipeline: SmallStudy.pipeline + "outputs: {data: [participant]}\n")
    do {
      try folder.run()
      Issue.record("an unknown output name was accepted")
    } catch let error as PipelineErrors {
      #expect(error.description.contains("`outputs.data` lists `participant`"))
      #expect(error.description.contains("did you mean `participants`"))
    }
  }
}

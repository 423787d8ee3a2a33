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
        "release/report.html", "release/tables/t3_change.csv", "release/tables/t3_change.html",
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

  /// `outputs.columns` publishes only the listed columns, in the file's own order, each holding
  /// what the full release holds — with co-attendance measured (a network column listed) and
  /// without (none listed, no study tables: it is skipped) — and the data package describes
  /// just those columns.
  @Test(arguments: [
    ["wemwbs_baseline", "pid", "peers_met", "attendance_rate", "isolated_in_group"],
    ["pid", "groups_attended", "sessions_offered", "ucla3_followup"],
  ])
  func onlyTheListedColumnsArePublished(participants listed: [String]) throws {
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline + """
        outputs:
          tables: []
          columns:
            participants: [\(listed.joined(separator: ", "))]
            scores: [score, pid, scale, wave, instrument]

        """)
    let full = StudyFolder()
    try SmallStudy.write(into: full)
    try full.run()
    try folder.run()
    for (file, listed) in [
      ("participants", listed), ("scores", ["score", "pid", "scale", "wave", "instrument"]),
    ] {
      let all = try full.rows("out/release/data/\(file).csv")
      let kept = try folder.rows("out/release/data/\(file).csv")
      let positions = all[0].indices.filter { listed.contains(all[0][$0]) }
      #expect(kept[0] == positions.map { all[0][$0] }, "\(file)")
      #expect(kept == all.map { row in positions.map { row[$0] } }, "\(file)")
      #expect(kept.count > 2 && kept[0].count == listed.count)
    }
    // The measures of who met whom are not all zero, so the test can tell them apart.
    let allParticipants = try full.rows("out/release/data/participants.csv")
    let peers = try #require(allParticipants[0].firstIndex(of: "peers_met"))
    #expect(allParticipants.dropFirst().contains { !["", "0"].contains($0[peers]) })
    let package =
      try JSONSerialization.jsonObject(
        with: Data(folder.read("out/release/datapackage.json").utf8)) as? [String: Any]
    let resources = try #require(package?["resources"] as? [[String: Any]])
    let described = resources.first { $0["path"] as? String == "data/participants.csv" }
    let fields = (described?["schema"] as? [String: Any])?["fields"] as? [[String: Any]]
    #expect(
      fields?.compactMap { $0["name"] as? String } == allParticipants[0].filter(listed.contains))
  }

  /// A column list naming a column the file lacks, leaving out a key column, naming a file not
  /// published, repeating a column, or naming none stops the run before anything is published.
  @Test(arguments: [
    (
      "{columns: {participants: [pid, sesions_attended]}}",
      [
        "`outputs.columns.participants` lists `sesions_attended`",
        "did you mean `sessions_attended`",
      ]
    ),
    (
      "{columns: {scores: [pid, wave, instrument, score]}}",
      ["`outputs.columns.scores` leaves out `scale`", "`pid`, `wave`, `instrument`, `scale`"]
    ),
    (
      "{columns: {participants: [sessions_attended]}}",
      ["`outputs.columns.participants` leaves out `pid`"]
    ),
    (
      "{data: [participants], columns: {scores: [pid]}}",
      ["lists columns of `scores`, which `outputs.data` does not publish"]
    ),
    ("{columns: {participants: [pid, pid]}}", ["`outputs.columns.participants` lists `pid` twice"]),
    ("{columns: {participants: []}}", ["`outputs.columns.participants` lists no column"]),
    (
      "{columns: {participant: [pid]}}",
      ["unknown key `participant`", "did you mean `participants`"]
    ),
  ])
  func aWrongColumnListIsAnError(outputs: String, expected: [String]) throws {
    try SmallStudy.write(into: folder, pipeline: SmallStudy.pipeline + "outputs: \(outputs)\n")
    do {
      try folder.run()
      Issue.record("`outputs: \(outputs)` was accepted")
    } catch let error as PipelineErrors {
      for fragment in expected { #expect(error.description.contains(fragment), "\(error)") }
    } catch let error as PipelineError {
      for fragment in expected { #expect(error.description.contains(fragment), "\(error)") }
    }
    #expect(!folder.exists("out/release"))
  }
}

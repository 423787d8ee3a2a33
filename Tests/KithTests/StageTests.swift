import Foundation
import Testing

@testable import Kith

/// Stages, their reasons to run again, and runs that do nothing when nothing changed.
@Suite struct StageTests {
  let folder = StudyFolder()

  func run(force: Bool = false) throws -> RunSummary {
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    return try PipelineRun(
      spec: spec,
      options: PipelineRun.Options(
        outputDirectory: folder.url.appendingPathComponent("out"), force: force)
    ).run()
  }

  func status() throws -> [String: [String]] {
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    let statuses = try PipelineRun(
      spec: spec,
      options: PipelineRun.Options(outputDirectory: folder.url.appendingPathComponent("out"))
    ).status()
    return Dictionary(uniqueKeysWithValues: statuses.map { ($0.name, $0.reasons) })
  }

  /// Runs the small study, then takes UCLA-3 out of the pipeline's instruments.
  func runThenDropUCLA3() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    try folder.write(
      "pipeline.yaml",
      SmallStudy.pipeline.replacingOccurrences(
        of: "instruments: [wemwbs, ucla3]", with: "instruments: [wemwbs]"))
  }

  @Test func everythingIsStaleBeforeTheFirstRunAndFreshAfter() throws {
    try SmallStudy.write(into: folder)
    #expect(try status()["read:register"] == ["no earlier run recorded"])
    #expect(try !run().upToDate)
    #expect(try status().values.allSatisfy(\.isEmpty))
    #expect(try run().upToDate)
    #expect(try !run(force: true).upToDate)
  }

  @Test func aTouchedButIdenticalInputDoesNotRerun() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    let register = folder.url.appendingPathComponent("register.csv")
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: register.path)
    #expect(try status().values.allSatisfy(\.isEmpty))
    #expect(try run().upToDate)
  }

  @Test func aChangedInputRerunsItsReadingAndWhatUsesIt() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    try folder.write(
      "register.csv", SmallStudy.register + "Thursday,16/01/2025,Jo Smith,jo.smith@example.org,Y\n")
    let stale = try status()
    #expect(stale["read:register"] == ["register.csv changed"])
    #expect(stale["attendance"] == ["uses read:register, which must run again"])
    #expect(stale["read:baseline"] == [] && stale["scores"] == [])
    #expect(stale["release"]?.first?.hasPrefix("uses ") == true)
    #expect(try !run().upToDate)
    #expect(try status().values.allSatisfy(\.isEmpty))
  }

  @Test func aChangedInstrumentSettingRerunsScoringAndSurveyReadingOnly() throws {
    try runThenDropUCLA3()
    let stale = try status()
    #expect(stale["scores"]?.first == "pipeline setting `instruments` changed")
    #expect(stale["read:baseline"] == ["pipeline setting `instruments` changed"])
    #expect(stale["read:register"] == [] && stale["attendance"] == [])
  }

  /// Every top-level setting of the pipeline format is a part of some stage (the release
  /// depends on all of them but the inputs, codings and key, which the reading stages and every
  /// stage carry): a setting no stage tracks would leave a stale release in place.
  @Test func everyTopLevelSettingIsTrackedByAStage() throws {
    try SmallStudy.write(into: folder)
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    let stages = StagePlan.stages(spec: spec, inputDigests: [:], key: "k")
    let tracked = Set(stages.flatMap(\.parts.keys))
    for key in PipelineLoader.topKeys where !["inputs", "qualitative"].contains(key) {
      #expect(
        tracked.contains("setting `\(key)`") || (key == "key" && tracked.contains("key")),
        "\(key)")
    }
  }

  /// Top-level `quasi_identifiers` (the order k-anonymity generalises in) is read by the release
  /// alone: changing it re-runs the release.
  @Test func aChangedQuasiIdentifierPriorityRerunsTheRelease() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    try folder.write(
      "pipeline.yaml", SmallStudy.pipeline + "quasi_identifiers: {priority: [gender, age]}\n")
    let stale = try status()
    #expect(stale["release"] == ["pipeline setting `quasi_identifiers` changed"])
  }

  /// Publishing other files or columns makes the release again from the readings kept: the
  /// files and columns left out are gone, the rest unchanged.
  @Test func aChangedOutputSelectionRerunsTheReleaseOnly() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    let before = try folder.rows("out/release/data/participants.csv")
    try folder.write(
      "pipeline.yaml",
      SmallStudy.pipeline
        + "outputs: {data: [participants], columns: {participants: [sessions_attended, pid]}}\n")
    let stale = try status()
    #expect(stale["release"] == ["pipeline setting `outputs` changed"])
    let others = stale.filter { $0.key != "release" }
    #expect(others.count == 5 && others.values.allSatisfy(\.isEmpty))
    #expect(try !run().upToDate)
    #expect(try folder.rows("out/release/data/participants.csv") == before.map { Array($0[0...1]) })
    #expect(!folder.exists("out/release/data/scores.csv"))
    #expect(try run().upToDate)
  }

  @Test func aFreshReadingIsTakenFromTheCacheAndGivesTheSameRelease() throws {
    // A study's own change to an instrument: the register's reading is reused, the surveys
    // are read again.
    try runThenDropUCLA3()
    let rerun = try run()
    let notices = Dictionary(uniqueKeysWithValues: rerun.inputs.map { ($0.name, $0.notices) })
    #expect(
      notices["register"]?.contains("taken from the cache: unchanged since the last run") == true)
    #expect(notices["baseline"]?.contains { $0.hasPrefix("taken from the cache") } == false)
    let cached = try releaseFiles()
    _ = try run(force: true)
    #expect(try releaseFiles() == cached)
    // Snapshots are written beside their place and moved in: none is left half-written.
    let saved = try FileManager.default.contentsOfDirectory(
      atPath: folder.url.appendingPathComponent("out/.cache").path)
    #expect(
      saved.sorted() == [
        "read-baseline.snapshot", "read-followup.snapshot", "read-register.snapshot", "state.json",
      ])
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("register,"))
  }

  /// A group name holding the snapshot format's field separator leaves no snapshot of the
  /// register, and nothing half-written: the register is read again next time.
  @Test func aValueTheSnapshotCannotHoldLeavesNoSnapshot() throws {
    try SmallStudy.write(into: folder)
    try folder.write(
      "register.csv",
      SmallStudy.register.replacingOccurrences(of: "Thursday,", with: "Thurs\u{1F}day,"))
    _ = try run()
    let saved = try FileManager.default.contentsOfDirectory(
      atPath: folder.url.appendingPathComponent("out/.cache").path)
    #expect(saved.sorted() == ["read-baseline.snapshot", "read-followup.snapshot", "state.json"])
  }

  @Test func withoutTheCacheNoReadingIsKeptOrReused() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    let cache = folder.url.appendingPathComponent("out/.cache")
    let snapshot = { (name: String) in
      FileManager.default.fileExists(
        atPath: cache.appendingPathComponent("read-\(name).snapshot").path)
    }
    #expect(snapshot("register") && snapshot("baseline"))
    let cached = try releaseFiles()
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    var options = PipelineRun.Options(
      outputDirectory: folder.url.appendingPathComponent("out"), force: true)
    options.cachesReadings = false
    let rerun = try PipelineRun(spec: spec, options: options).run()
    #expect(!rerun.inputs.contains { $0.notices.contains { $0.hasPrefix("taken from the cache") } })
    #expect(!snapshot("register") && !snapshot("baseline") && !snapshot("followup"))
    #expect(try releaseFiles() == cached)
  }

  @Test func aChangedInstrumentDefinitionRerunsScoringButNotTheRegistersReading() throws {
    let definition = { (bands: String) in
      """
      id: hope
      name: Hope
      version: "1"
      citation: Written for this test.
      items: 3
      columns: UCLA_{n}
      answers: {codes: [1, 3]}
      scales:
        total:
          items: all
          missing: complete
          higher_is_better: true
          bands: [\(bands)]

      """
    }
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "instruments: [wemwbs, ucla3]", with: "instruments: [wemwbs, hope.yaml]"))
    try folder.write("hope.yaml", definition("{label: any, min: 3, max: 9}"))
    _ = try run()
    try folder.write(
      "hope.yaml", definition("{label: low, min: 3, max: 5}, {label: high, min: 6, max: 9}"))
    let stale = try status()
    #expect(stale["read:register"] == [] && stale["attendance"] == [])
    #expect(stale["scores"]?.first == "pipeline setting `instruments` changed")
    let rerun = try run()
    let register = try #require(rerun.inputs.first { $0.name == "register" })
    #expect(register.notices.contains("taken from the cache: unchanged since the last run"))
    #expect(try folder.read("out/release/data/scores.csv").contains(",hope,total,6,high,"))
  }

  @Test func aChangedDuplicatesPolicyRereadsTheSurveys() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    try folder.write("pipeline.yaml", SmallStudy.pipeline + "duplicates: last-complete\n")
    let stale = try status()
    #expect(stale["read:baseline"] == ["pipeline setting `duplicates` changed"])
    #expect(stale["read:register"] == [])
    let rerun = try run()
    let baseline = try #require(rerun.inputs.first { $0.name == "baseline" })
    #expect(!baseline.notices.contains { $0.hasPrefix("taken from the cache") })
    let cached = try releaseFiles()
    _ = try run(force: true)
    #expect(try releaseFiles() == cached)
    // Snapshots are written beside their place and moved in: none is left half-written.
    let saved = try FileManager.default.contentsOfDirectory(
      atPath: folder.url.appendingPathComponent("out/.cache").path)
    #expect(
      saved.sorted() == [
        "read-baseline.snapshot", "read-followup.snapshot", "read-register.snapshot", "state.json",
      ])
  }

  @Test func aReadingFromAnotherKeyIsNotReused() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    try folder.write("test.key", "9e4c2a7f1b8d3e6c5a0f9b2d4e7c1a8f3b6d0e9c2f5a8b1d4c7e0a3f6b9d2c5e")
    let rerun = try run()
    #expect(
      rerun.inputs.allSatisfy { !$0.notices.contains { $0.hasPrefix("taken from the cache") } })
  }

  /// Every released file's bytes, by path.
  func releaseFiles() throws -> [String: Data] {
    let release = folder.url.appendingPathComponent("out/release")
    return try Dictionary(
      uniqueKeysWithValues: ReleaseVerifier.files(under: release).map {
        ($0, try Data(contentsOf: release.appendingPathComponent($0)))
      })
  }

  @Test func aNewKithVersionOrKeyMakesEveryStageStale() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    let state = folder.url.appendingPathComponent("out/.cache/state.json")
    let text = try String(contentsOf: state, encoding: .utf8)
    try text.replacingOccurrences(
      of: "\"Kith version\" : \"\(KithVersion.current)\"", with: "\"Kith version\" : \"0.0.1\""
    )
    .write(to: state, atomically: true, encoding: .utf8)
    #expect(try status()["read:register"] == ["Kith version changed"])
    _ = try run()
    try folder.write("test.key", "9e4c2a7f1b8d3e6c5a0f9b2d4e7c1a8f3b6d0e9c2f5a8b1d4c7e0a3f6b9d2c5e")
    #expect(try status()["scores"]?.first == "key changed")
  }

  @Test func aDamagedReleaseIsRebuilt() throws {
    try SmallStudy.write(into: folder)
    _ = try run()
    try folder.write("out/release/data/scores.csv", "edited\n")
    #expect(try status()["release"] == ["release/ no longer matches its manifest"])
    #expect(try !run().upToDate)
    #expect(
      try ReleaseVerifier.verify(outputDirectory: folder.url.appendingPathComponent("out")).isEmpty)
  }
}

@Suite struct InterruptedRunTests {
  /// A run killed after swapping its release in but before recording its state must not leave a
  /// release that a later run takes as its own.
  @Test func aReleaseTheStateDoesNotKnowIsRebuilt() throws {
    let folder = StudyFolder()
    try SmallStudy.write(into: folder)
    try folder.run()
    let state = folder.url.appendingPathComponent("out/.cache/state.json")
    let saved = try Data(contentsOf: state)
    try folder.write(
      "other.key", "5b2e8d1c7a4f9e3b6c0d2a8f1e5b7c9d3a6e0f4b8c2d7a1e9f3b5c8d0a4e6f2b")
    try folder.run(key: folder.url.appendingPathComponent("other.key").path)
    // Put back the first run's state, as if the second had died before writing its own.
    try saved.write(to: state)
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    let run = PipelineRun(
      spec: spec,
      options: PipelineRun.Options(outputDirectory: folder.url.appendingPathComponent("out")))
    #expect(
      try run.status().last?.reasons == ["release/ is not the one the last recorded run wrote"])
    #expect(try !run.run().upToDate)
    let manifest = try Manifest.read(
      from: folder.url.appendingPathComponent("out/release/manifest.json"))
    #expect(manifest.keyFingerprint == "5f1afe45")
  }
}

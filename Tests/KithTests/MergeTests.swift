import Crypto
import Foundation
import Testing
import ZIPFoundation

@testable import Kith

/// The synthetic three-site study (`kith synth --sites 3`), each site run on its own.
///
/// Each site goes through the committed `pipelines/site-*.yaml`; one more run reads every site's
/// exports together: what the merge tests compare with. Made once for the suite.
final class MergeSites: @unchecked Sendable {
  let folder = StudyFolder()
  static let names = ["north", "south", "east"]

  /// Made once: three sites' releases and the single run over all their exports.
  static let shared = Result { try MergeSites() }

  private init() throws {
    _ = try SyntheticSites.write(
      to: data, seed: 20_250_106, members: 40, sites: Self.names.count)
    for site in Self.names {
      try run(sitePipeline(site), into: release(site))
    }
    try run(singlePipeline(), into: folder.url.appendingPathComponent("out/single"))
  }

  var data: URL { folder.url.appendingPathComponent("data") }

  /// Where site `site`'s release was written.
  func release(_ site: String) -> URL { folder.url.appendingPathComponent("out/site-\(site)") }

  /// The single run over every site's exports.
  var single: URL { folder.url.appendingPathComponent("out/single/release") }

  /// The committed `pipelines/site-<site>.yaml`, reading this folder's data.
  func sitePipeline(_ site: String) throws -> String {
    let text = try String(
      contentsOf: Self.repository.appendingPathComponent("pipelines/site-\(site).yaml"),
      encoding: .utf8)
    return text.replacingOccurrences(of: "../data/sites", with: data.path)
  }

  /// One pipeline over every site's exports: the inputs of the three site pipelines, renamed
  /// apart.
  func singlePipeline() throws -> String {
    let north = try sitePipeline("north")
    let head = try #require(north.range(of: "inputs:\n"))
    var text = String(north[..<head.upperBound])
      .replacingOccurrences(of: "north site", with: "all sites")
    for site in Self.names {
      let pipeline = try sitePipeline(site)
      let start = try #require(pipeline.range(of: "inputs:\n"))
      let end = try #require(pipeline.range(of: "outputs:"))
      text += pipeline[start.upperBound..<end.lowerBound].replacingOccurrences(
        of: #"(?m)^  (\w+):$"#, with: "  \(site)_$1:", options: .regularExpression)
    }
    return text
  }

  /// Writes `pipeline` beside the data and runs it into `out`.
  func run(_ pipeline: String, into out: URL) throws {
    let file = try folder.write("pipeline-\(UUID().uuidString).yaml", pipeline)
    _ = try PipelineRun(
      spec: PipelineLoader.load(path: file.path),
      options: PipelineRun.Options(outputDirectory: out, force: true)
    ).run()
  }

  /// Merges `sites` (name and release) into a new folder.
  func merge(
    _ sites: [(String, URL)]? = nil, configure: (inout MergeSpec) -> Void = { _ in }
  ) throws -> (summary: MergeRun.Summary, release: URL) {
    var spec = MergeSpec(releases: [])
    spec.sites = (sites ?? Self.names.map { ($0, release($0)) }).map {
      MergeSpec.Site(name: $0.0, path: $0.1, displayPath: $0.1.path)
    }
    configure(&spec)
    let out = folder.url.appendingPathComponent("merged-\(UUID().uuidString)")
    let summary = try MergeRun(spec: spec, outputDirectory: out).run()
    return (summary, out.appendingPathComponent("release"))
  }

  /// The merge of the three sites as they are, made once.
  lazy var merged = Result { try merge() }

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
}

/// A copy of a site's output folder, to change without touching the shared one.
private func copy(_ release: URL, in folder: StudyFolder) throws -> URL {
  let copy = folder.url.appendingPathComponent("copy-\(UUID().uuidString)")
  try FileManager.default.copyItem(at: release, to: copy)
  return copy
}

/// The records of a CSV file, without the column `dropping`.
private func records(_ url: URL, dropping: Set<String> = []) throws -> [[String: String]] {
  try CSVFile.records(url).map { $0.filter { !dropping.contains($0.key) } }
}

@Suite(.serialized) struct MergeTests {
  let sites: MergeSites
  let merged: (summary: MergeRun.Summary, release: URL)

  init() throws {
    sites = try MergeSites.shared.get()
    merged = try sites.merged.get()
  }

  @Test func mergedDataFilesEqualASingleRunOverEveryExport() throws {
    for file in ["attendance", "scores", "groups", "sessions"] {
      let single = try records(sites.single.appendingPathComponent("data/\(file).csv"))
      let fromSites = try records(
        merged.release.appendingPathComponent("data/\(file).csv"), dropping: ["site"])
      #expect(!single.isEmpty)
      #expect(fromSites == single, "data/\(file).csv")
    }
    // Participants: every measure equal; the quasi-identifiers are the stated exception — the
    // sites generalised apart (north to bands from 18, 35, 55), the merge to the coarsest.
    let quasi: Set<String> = ["age_band", "gender", "area"]
    let single = try records(
      sites.single.appendingPathComponent("data/participants.csv"), dropping: quasi)
    let fromSites = try records(
      merged.release.appendingPathComponent("data/participants.csv"),
      dropping: quasi.union(["site"]))
    #expect(single.count == 120)
    #expect(fromSites == single)
    let manifest = try Manifest.read(from: merged.release.appendingPathComponent("manifest.json"))
    let north = try Manifest.read(
      from: sites.release("north").appendingPathComponent("release/manifest.json"))
    #expect(north.kAnonymity?.generalisation["age_band"] == "bands from 18, 35, 55")
    #expect(manifest.kAnonymity?.generalisation["age_band"] == "bands from 18, 35, 55")
    #expect(manifest.kAnonymity?.generalisation["area"] == "postcode area")
  }

  @Test func theMergeCountsAPersonAtSeveralSitesOnce() throws {
    var released: [String: Set<String>] = [:]
    for site in MergeSites.names {
      for record in try records(
        sites.release(site).appendingPathComponent("release/data/participants.csv"))
      {
        released[record["pid"] ?? "", default: []].insert(site)
      }
    }
    let shared = released.values.filter { $0.count > 1 }.count
    #expect(shared > 0)
    #expect(merged.summary.sharedParticipants == shared)
    #expect(merged.summary.participants == released.count)
    let rows = try records(merged.release.appendingPathComponent("data/participants.csv"))
    #expect(rows.count == released.count)
    for row in rows {
      let expected = MergeSites.names.filter { released[row["pid"] ?? ""]?.contains($0) ?? false }
      #expect(row["site"] == expected.joined(separator: "+"))
    }
    // T13 shows the sites side by side and everyone once.
    let t13 = try records(merged.release.appendingPathComponent("tables/t13_sites.csv"))
    #expect(t13.map { $0["site"] } == MergeSites.names + ["All sites"])
    #expect(t13.last?["participants"] == "120")
  }

  @Test func mergedStudyTablesEqualASingleRunWhereNoSiteForcesMore() throws {
    // Nothing coarser and no site part suppressed: equal byte for byte.
    // T12 too: the sites began on other days of the week than the study, so their weeks hold
    // other days and cannot be subtracted from the merged weeks.
    for table in ["t2_engagement", "t3_change", "t9_participant_flow", "t12_attendance_by_week"] {
      let single = try Data(contentsOf: sites.single.appendingPathComponent("tables/\(table).csv"))
      let fromSites = try Data(
        contentsOf: merged.release.appendingPathComponent("tables/\(table).csv"))
      #expect(fromSites == single, "\(table)")
    }
    // Where a count was suppressed against differencing: every other cell equal, every
    // differing cell `*` in the merge, and the table says why.
    for table in ["t7_clinical_change", "t10_sessions_attended"] {
      let single = try CSVFile.rows(sites.single.appendingPathComponent("tables/\(table).csv"))
      let fromSites = try CSVFile.rows(
        merged.release.appendingPathComponent("tables/\(table).csv"))
      #expect(fromSites.count == single.count)
      var differing = 0
      for (a, b) in zip(single, fromSites) where a != b {
        for (x, y) in zip(a, b) where x != y {
          differing += 1
          #expect(y == "*", "\(table): \(x) became \(y)")
        }
      }
      #expect(differing > 0, "\(table) has a cell suppressed against differencing")
      let page = try String(
        contentsOf: merged.release.appendingPathComponent("tables/\(table).md"), encoding: .utf8)
      #expect(page.contains("differencing attack"))
    }
    // Tables a release cannot give a merge are not published (and say so nowhere else).
    for table in MergeRun.unmergeableTables {
      #expect(
        !FileManager.default.fileExists(
          atPath: merged.release.appendingPathComponent("tables/\(table.rawValue).csv").path))
    }
  }

  @Test func noMergedCountGivesBackACountASiteSuppressed() throws {
    // The merged tables as published, attacked again with the sites' tables: nothing. A site's
    // T12 weeks are the merged ones only when it began a whole number of weeks after the study
    // (then renumbered); otherwise they hold other days and are not compared.
    let first = { (release: URL) in
      try CSVFile.records(release.appendingPathComponent("data/attendance.csv"))
        .filter { $0["attended"] == "1" }.compactMap { $0["session_date"] }.min()
        .flatMap(CivilDate.day(iso:))
    }
    let studyFirst = try #require(try first(merged.release))
    let siteTables = try MergeSites.names.map { site in
      let release = sites.release(site).appendingPathComponent("release")
      var tables = try Self.tables(in: release.appendingPathComponent("tables"))
      let offset = try #require(try first(release)) - studyFirst
      tables["t12_attendance_by_week"] =
        offset % 7 == 0 ? tables["t12_attendance_by_week"]?.weeks(shiftedBy: offset / 7) : nil
      return SiteDifferencing.Site(name: site, tables: tables)
    }
    let mergedTables = try Self.tables(in: merged.release.appendingPathComponent("tables"))
    var checked = 0
    for (id, table) in mergedTables {
      for (index, row) in table.rows.enumerated() {
        for (column, name) in table.header.enumerated() {
          // Counts: whole numbers, not percentages (a sum of parts only for counts).
          guard !name.hasSuffix("percent"), let total = Int(row[column]) else { continue }
          var (suppressed, shown) = (0, 0)
          for site in siteTables {
            guard let siteTable = site.tables[id],
              let match = siteTable.rows.first(where: { candidate in
                Self.labels(of: table, row).allSatisfy { siteTable.value(candidate, $0.0) == $0.1 }
              }),
              let value = siteTable.value(match, name)
            else { continue }
            if value == "*" { suppressed += 1 } else { shown += Int(value) ?? 0 }
          }
          guard suppressed > 0 else { continue }
          checked += 1
          let remainder = total - shown
          #expect(
            remainder <= 0 || (suppressed > 1 && remainder >= 8),
            "\(id) row \(index + 1) `\(name)`: \(total) − \(shown) = \(remainder)")
        }
      }
    }
    #expect(checked > 0)
    #expect(!merged.summary.differencedTables.isEmpty)
  }

  /// The label cells of `row` (the text cells but counts and statistics), by column.
  private static func labels(of table: SiteDifferencing.SiteTable, _ row: [String]) -> [(
    String, String
  )] {
    zip(table.header, row).filter { name, value in
      [
        "group", "sessions_attended", "week", "instrument", "scale", "characteristic", "level",
        "stage", "measure", "wave", "theme", "site",
      ].contains(name) && !value.isEmpty
    }
  }

  private static func tables(in folder: URL) throws -> [String: SiteDifferencing.SiteTable] {
    var tables: [String: SiteDifferencing.SiteTable] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".csv") {
      let rows = try CSVFile.rows(folder.appendingPathComponent(name))
      tables[String(name.dropLast(4))] = SiteDifferencing.SiteTable(
        header: rows[0], rows: Array(rows.dropFirst()))
    }
    return tables
  }

  @Test func theMergedReleaseIsTheSameWhateverTheThreadsAndVerifies() throws {
    let again = try sites.merge()
    for file in try FileManager.default.subpathsOfDirectory(atPath: merged.release.path).sorted() {
      var isFolder: ObjCBool = false
      guard
        FileManager.default.fileExists(
          atPath: merged.release.appendingPathComponent(file).path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      #expect(
        FileManager.default.contents(atPath: merged.release.appendingPathComponent(file).path)
          == FileManager.default.contents(atPath: again.release.appendingPathComponent(file).path),
        "\(file)")
    }
    #expect(try ReleaseVerifier.verify(release: merged.release).isEmpty)
    let manifest = try Manifest.read(from: merged.release.appendingPathComponent("manifest.json"))
    #expect(manifest.sites?.map(\.name) == MergeSites.names)
    let north = try Data(
      contentsOf: sites.release("north").appendingPathComponent("release/manifest.json"))
    #expect(manifest.sites?.first?.manifestSHA256 == Hex.string(SHA256.hash(data: north)))
  }

  @Test func aZippedSiteReleaseMergesLikeItsFolder() throws {
    let zip = sites.folder.url.appendingPathComponent("north-\(UUID().uuidString).zip")
    try FileManager.default.zipItem(at: sites.release("north"), to: zip)
    let fromZip = try sites.merge(
      [("north", zip), ("south", sites.release("south")), ("east", sites.release("east"))])
    #expect(
      try Data(contentsOf: fromZip.release.appendingPathComponent("data/participants.csv"))
        == Data(contentsOf: merged.release.appendingPathComponent("data/participants.csv")))
  }

  @Test func mergeRefusesATamperedRelease() throws {
    let tampered = try copy(sites.release("south"), in: sites.folder)
    let scores = tampered.appendingPathComponent("release/data/scores.csv")
    var bytes = try Data(contentsOf: scores)
    bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "1") ? 0x32 : 0x31
    try bytes.write(to: scores)
    let error = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("south", tampered)])
    }
    #expect(error?.message.contains("site `south`") == true)
    #expect(error?.message.contains("release/data/scores.csv: SHA-256") == true)
  }

  @Test func mergeRefusesAReleaseMadeWithAnotherKey() throws {
    let other = sites.folder.url.appendingPathComponent("out/site-south-other-key")
    let key = try sites.folder.write(
      "other.key", "9c1e4b7a2f05d83e6a19c4b0e7d2f58a3b6c9e01d4f7a2b5c8e3f6091a4d7b2e\n")
    try sites.run(
      sites.sitePipeline("south").replacingOccurrences(
        of: sites.data.appendingPathComponent("demo.key").path, with: key.path), into: other)
    let error = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("south", other)])
    }
    #expect(error?.message.contains("site `south` differs from `north` in its key") == true)
    #expect(error?.message.contains("one person would count as two") == true)
  }

  @Test func mergeRefusesAnotherInstrumentVersionOrSet() throws {
    // A site that scored without PHQ-9.
    let fewer = sites.folder.url.appendingPathComponent("out/site-east-fewer")
    try sites.run(
      sites.sitePipeline("east").replacingOccurrences(of: ", phq9]", with: "]"), into: fewer)
    let missing = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("east", fewer)])
    }
    #expect(missing?.message.contains("instrument `phq9`: not used against version 2") == true)
    // A manifest claiming another version of WEMWBS (the manifest is the release's root: its
    // files still match it).
    let edited = try copy(sites.release("east"), in: sites.folder)
    let url = edited.appendingPathComponent("release/manifest.json")
    var manifest = try Manifest.read(from: url)
    manifest.design?.instruments[0].version = "2"
    try Data(manifest.json().utf8).write(to: url)
    let version = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("east", edited)])
    }
    #expect(version?.message.contains("instrument `wemwbs`: version 2") == true)
  }

  /// A copy of east's release whose manifest says something else (the manifest is the root of
  /// a release: its files still match it).
  private func east(editing edit: (inout Manifest) -> Void) throws -> URL {
    let edited = try copy(sites.release("east"), in: sites.folder)
    let url = edited.appendingPathComponent("release/manifest.json")
    var manifest = try Manifest.read(from: url)
    edit(&manifest)
    try Data(manifest.json().utf8).write(to: url)
    return edited
  }

  @Test(arguments: [
    ("rule", "its small-number rule: ons10: counts of 1–9"),
    ("version", "was made by Kith 1.0.0, this is Kith"),
    ("old", "did not record the study's design in its manifest"),
    ("dates", "in `dates:`: month against exact"),
    ("attendance", "`attendance:` thresholds: study_end: none, return_gap_sessions: 6"),
    ("merged", "is itself a merged release"),
  ])
  func mergeRefusesAReleaseThatIsNotComparable(change: String, message: String) throws {
    let edited = try east { manifest in
      switch change {
      case "rule": manifest.disclosure = .ons10
      case "version": manifest.kithVersion = "1.0.0"
      case "old": manifest.design = nil
      case "dates": manifest.design?.dates = "month"
      case "attendance": manifest.design?.attendance.returnGapSessions = 6
      default: manifest.sites = []
      }
    }
    let error = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("east", edited)])
    }
    #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
  }

  @Test func mergeRefusesOtherWavesUnlessTheMergeFileRenamesThem() throws {
    let renamed = sites.folder.url.appendingPathComponent("out/site-east-renamed")
    try sites.run(
      sites.sitePipeline("east").replacingOccurrences(
        of: "[baseline, followup]", with: "[baseline, six_months]"
      )
      .replacingOccurrences(of: "wave: followup", with: "wave: six_months"),
      into: renamed)
    let error = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("east", renamed)])
    }
    #expect(
      error?.message.contains("its waves: baseline, six_months against baseline, followup") == true)
    let reconciled = try sites.merge([("north", sites.release("north")), ("east", renamed)]) {
      $0.waveNames = ["east": ["six_months": "followup"]]
    }
    let waves = Set(
      try records(reconciled.release.appendingPathComponent("data/scores.csv")).map { $0["wave"] })
    #expect(waves == ["baseline", "followup"])
  }

  @Test func mergeRefusesAGroupNameTwoSitesShareUnlessReconciled() throws {
    let error = #expect(throws: DataError.self) {
      try sites.merge([("north", sites.release("north")), ("again", sites.release("north"))])
    }
    #expect(error?.message.contains("both have a group named 'North Hillside group'") == true)
    let renamed = try sites.merge([
      ("north", sites.release("north")), ("again", sites.release("north")),
    ]) {
      $0.groupNames = [
        "again": [
          "North Hillside group": "Again Hillside group",
          "North Riverside group": "Again Riverside group",
        ]
      ]
    }
    // The same people at both: each once, at both sites.
    #expect(renamed.summary.sharedParticipants == renamed.summary.participants)
    let groups = try records(renamed.release.appendingPathComponent("data/groups.csv"))
    #expect(groups.map { $0["site"] } == ["again", "again", "north", "north"])
  }
}

/// A merge of two small sites built by hand, where the duplicate rule and the planted
/// differencing case can be seen whole.
@Suite struct MergeSmallSiteTests {
  @Test func aSecondResponseInAWaveAtAnotherSiteFollowsTheDuplicatesRule() throws {
    // Jo answers the baseline at both sites: incompletely at the first, completely at the
    // second. Under first-complete the second site's response is kept.
    let first = StudyFolder()
    let second = StudyFolder()
    let items = (1...14).map { "WEMWBS_\($0)" }.joined(separator: ",")
    try SmallStudy.write(into: first)
    try SmallStudy.write(into: second)
    let header = "Name,Email,\(items),UCLA_1,UCLA_2,UCLA_3\n"
    try first.write(
      "baseline.csv", header + "Jo Smith,jo.smith@example.org,1,1,1,1,1,1,1,1,1,1,1,1,1,,1,1,1\n")
    try second.write(
      "baseline.csv", header + "Jo Smith,jo.smith@example.org,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1\n")
    try second.write(
      "register.csv",
      "Group,Session date,Name,Email,Attended\nFriday,10/01/2025,Jo Smith,jo.smith@example.org,Y\n")
    try first.run()
    try second.run()
    var spec = MergeSpec(releases: [
      first.url.appendingPathComponent("out").path, second.url.appendingPathComponent("out").path,
    ])
    spec.study = "Small merged study"
    let out = first.url.appendingPathComponent("merged")
    let summary = try MergeRun(spec: spec, outputDirectory: out).run()
    // Both sites also have Jo's (same, complete) follow-up: the first site's is kept.
    #expect(summary.duplicateResponses == 2)
    let scores = try CSVFile.records(out.appendingPathComponent("release/data/scores.csv"))
    let jo = try first.pid(of: "jo.smith@example.org")
    let baseline = scores.filter {
      $0["pid"] == jo && $0["wave"] == "baseline" && $0["instrument"] == "wemwbs"
    }
    #expect(baseline.map { $0["score"] } == ["28"])
    #expect(baseline.map { $0["site"] } == ["site2"])
    let followup = scores.filter { $0["pid"] == jo && $0["wave"] == "followup" }
    #expect(!followup.isEmpty && followup.allSatisfy { $0["site"] == "site1" })
    // Jo's sessions: three at the first site, one at the second, counted together.
    let participants = try CSVFile.records(
      out.appendingPathComponent("release/data/participants.csv"))
    let row = try #require(participants.first { $0["pid"] == jo })
    #expect(row["sessions_attended"] == "4")
    #expect(row["groups_attended"] == "3")
    #expect(row["site"] == "site1+site2")
  }

  @Test func aPlantedDifferencingCaseIsCaught() throws {
    // A site suppresses a count of 3; the merged total, 3 + 10 + 12 = 25, minus the other
    // sites' 10 and 12 would give it back.
    let rule = DisclosureRule.min5
    let key = CountKey("band 1|all")
    let table = StudyTable(
      id: .t10SessionsAttended, title: "T10", columns: SessionsAttendedTable.columns,
      rows: [[.text("All who attended"), .text("1"), .people(25, key: key)]])
    let published = PublishedTable(
      id: "t10_sessions_attended", header: ["group", "sessions_attended", "participants"],
      rows: [
        [
          .init(text: "All who attended", halfWidth: nil), .init(text: "1", halfWidth: nil),
          .init(text: "25", halfWidth: 0.5),
        ]
      ])
    let site = { (name: String, value: String) in
      SiteDifferencing.Site(
        name: name,
        tables: [
          "t10_sessions_attended": SiteDifferencing.SiteTable(
            header: ["group", "sessions_attended", "participants"],
            rows: [["All who attended", "1", value]])
        ])
    }
    let attack = { (parts: [String], total: Int) in
      var table = table
      table.rows[0][2] = .people(total, key: key)
      var shown = published
      shown = PublishedTable(
        id: shown.id, header: shown.header,
        rows: [[shown.rows[0][0], shown.rows[0][1], .init(text: String(total), halfWidth: 0.5)]])
      return SiteDifferencing(
        sites: parts.enumerated().map { site("s\($0.offset)", $0.element) }, rule: rule
      ).recoveries([table], [shown])
    }
    // One suppressed part: caught, and its remedy suppresses the merged count itself.
    let caught = attack(["*", "10", "12"], 25)
    #expect(caught.count == 1)
    #expect(caught.first?.kind == .siteDifference)
    #expect(caught.first?.remedy == .suppressBeside([caught[0].cell]))
    // Two suppressed parts pooling 3 (< 5): caught; pooling 7 (≥ 5): left.
    #expect(attack(["*", "*", "12"], 15).count == 1)
    #expect(attack(["*", "*", "12"], 19).isEmpty)
    // Nothing left for the suppressed part (shared people): nothing to recover.
    #expect(attack(["*", "10", "15"], 25).isEmpty)
    // No suppressed part: nothing to recover.
    #expect(attack(["13", "10"], 23).isEmpty)
  }

  @Test func aSiteThatStartedLaterHasItsWeeksLinedUpWithTheMergedStudys() throws {
    // A site that began two weeks after the study: its week 1 is the merged study's week 3, and
    // a suppressed count of its week 1 is checked against the merged week 3.
    let site = SiteDifferencing.SiteTable(
      header: ["group", "week", "participants"],
      rows: [["East group", "1", "*"], ["East group", "2", "10"]])
    let shifted = site.weeks(shiftedBy: 2)
    #expect(shifted.rows == [["East group", "3", "*"], ["East group", "4", "10"]])
    let key = CountKey("t12|East group|3")
    let merged = StudyTable(
      id: .t12AttendanceByWeek, title: "T12", columns: AttendanceByWeekTable.columns,
      rows: [[.text("East group"), .integer(3), .people(12, key: key)]])
    let published = PublishedTable(
      id: "t12_attendance_by_week", header: ["group", "week", "participants"],
      rows: [
        [
          .init(text: "East group", halfWidth: nil), .init(text: "3", halfWidth: nil),
          .init(text: "12", halfWidth: 0.5),
        ]
      ])
    let check = { (table: SiteDifferencing.SiteTable) in
      SiteDifferencing(
        sites: [SiteDifferencing.Site(name: "east", tables: ["t12_attendance_by_week": table])],
        rule: .min5
      ).recoveries([merged], [published])
    }
    #expect(check(shifted).count == 1)
    #expect(check(site).isEmpty)
  }

  @Test func aMergeFileNamesItsSitesAndItsProblemsByLine() throws {
    let folder = StudyFolder()
    let good = try folder.write(
      "merge.yaml",
      """
      study: Two sites
      sites:
        north: out/north
        south: out/south.zip
      reconcile:
        waves: {south: {six_months: followup}}
        shared_groups: [Online group]
      outputs: {dir: out/merged, formats: [csv, sav]}

      """)
    let spec = try MergeSpec.load(path: good.path)
    #expect(spec.sites.map(\.name) == ["north", "south"])
    #expect(spec.sites[1].path.lastPathComponent == "south.zip")
    #expect(spec.waveNames == ["south": ["six_months": "followup"]])
    #expect(spec.sharedGroups == ["Online group"])
    #expect(spec.formats == [.csv, .sav])
    let bad = try folder.write(
      "bad.yaml",
      """
      study: Two sites
      sites:
        north: out/north
        South Site: out/south
      reconcile: {wavs: {}}

      """)
    let errors = #expect(throws: PipelineErrors.self) { try MergeSpec.load(path: bad.path) }
    let error = try #require(errors?.errors.first)
    #expect(error.location?.line == 4)
    #expect(error.message.contains("site name `South Site`"))
  }
}

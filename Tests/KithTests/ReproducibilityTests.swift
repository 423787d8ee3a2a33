import Crypto
import Foundation
import Testing

@testable import Kith

@Suite struct ReproducibilityTests {
  let folder = StudyFolder()

  @Test func theManifestRecordsInputsOutputsAndRowAccounting() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let manifest = try Manifest.read(
      from: folder.url.appendingPathComponent("out/release/manifest.json"))
    #expect(manifest.keyFingerprint == "5f1afe45")
    #expect(manifest.pipeline == "pipeline.yaml")
    let pipeline = try Data(contentsOf: folder.url.appendingPathComponent("pipeline.yaml"))
    #expect(manifest.pipelineSHA256 == Hex.string(SHA256.hash(data: pipeline)))
    #expect(manifest.inputs.map(\.name) == ["baseline", "followup", "register"])
    #expect(
      manifest.inputs.map { [$0.rowsRead, $0.rowsAccepted, $0.rowsRejected] } == [
        [5, 3, 2], [1, 1, 0], [9, 7, 2],
      ])
    let register = try Data(contentsOf: folder.url.appendingPathComponent("register.csv"))
    #expect(manifest.inputs[2].sha256 == Hex.string(SHA256.hash(data: register)))
    #expect(manifest.inputs[2].bytes == register.count)
    #expect(
      manifest.outputs.map(\.path)
        == [
          "data/attendance.csv", "data/groups.csv", "data/participants.csv", "data/scores.csv",
          "data/sessions.csv", "datapackage.json", "report.html",
        ]
        + StudyTableID.ofSurveysAndRegisters.map(\.rawValue).sorted().flatMap { table in
          ["csv", "html", "md", "tex"].map { "tables/\(table).\($0)" }
        })
    for output in manifest.outputs {
      let data = try Data(
        contentsOf: folder.url.appendingPathComponent("out/release/\(output.path)"))
      #expect(output.sha256 == Hex.string(SHA256.hash(data: data)) && output.bytes == data.count)
    }
    let text = try folder.read("out/release/manifest.json")
    #expect(!text.contains(StudyFolder.testKeyHex) && !text.contains(folder.url.path))
    #expect(
      text.split(separator: "\n").filter { $0.contains("\"sha256\"") }.count
        == manifest.inputs.count + manifest.outputs.count)
  }

  @Test func twoRunsGiveAByteIdenticalRelease() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let first = try releaseBytes()
    try folder.run(force: true)
    #expect(try releaseBytes() == first)
  }

  @Test func verifyFindsAOneByteChangeAndUnlistedFiles() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let out = folder.url.appendingPathComponent("out")
    #expect(try ReleaseVerifier.verify(outputDirectory: out).isEmpty)
    let file = out.appendingPathComponent("release/data/scores.csv")
    var bytes = try Data(contentsOf: file)
    bytes[bytes.count - 2] ^= 0x01
    try bytes.write(to: file)
    try Data("x".utf8).write(to: out.appendingPathComponent("release/data/extra.csv"))
    let mismatches = try ReleaseVerifier.verify(outputDirectory: out)
    #expect(mismatches.map(\.path) == ["data/scores.csv", "data/extra.csv"])
    #expect(mismatches[0].problem.hasPrefix("SHA-256 is "))
    #expect(mismatches[1].problem == "not listed in the manifest")
  }

  func releaseBytes() throws -> [String: Data] {
    let release = folder.url.appendingPathComponent("out/release")
    return try Dictionary(
      uniqueKeysWithValues: ReleaseVerifier.files(under: release).map {
        ($0, try Data(contentsOf: release.appendingPathComponent($0)))
      })
  }
}

@Suite struct DataPackageTests {
  let folder = StudyFolder()

  @Test func everyReleasedTableIsDescribedWithATableSchema() throws {
    try SmallStudy.write(into: folder)
    try folder.run()
    let data = try Data(
      contentsOf: folder.url.appendingPathComponent("out/release/datapackage.json"))
    let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(package["profile"] as? String == "tabular-data-package")
    #expect(package["name"] as? String == "small-study")
    let resources = try #require(package["resources"] as? [[String: Any]])
    #expect(
      resources.map { $0["path"] as? String } == [
        "data/participants.csv", "data/scores.csv", "data/attendance.csv", "data/sessions.csv",
        "data/groups.csv",
      ] + StudyTableID.ofSurveysAndRegisters.map { "tables/\($0.rawValue).csv" })
    let all = resources.compactMap { $0["schema"] as? [String: Any] }
    let schemas = Array(all.prefix(5))
    // The study tables describe their own columns; `*` marks a withheld value.
    let t3 = try #require(all[7]["fields"] as? [[String: Any]])
    #expect(t3.map { $0["name"] as? String } == ChangeTable.columns.map(\.name))
    #expect(all.dropFirst(5).allSatisfy { $0["missingValues"] as? [String] == ["", "*"] })
    #expect(
      schemas.map { $0["primaryKey"] as? [String] } == [
        ["pid"], ["pid", "wave", "instrument", "scale"], ["pid", "group", "session_date"],
        ["group", "session_date"], ["group"],
      ])
    let participantFields = try #require(schemas[0]["fields"] as? [[String: Any]])
    #expect(
      participantFields.map { $0["name"] as? String } == ["pid", "sessions_attended"]
        + AttendanceRelease.columns + [
          "wemwbs_baseline", "wemwbs_followup", "ucla3_baseline", "ucla3_followup",
        ])
    let wemwbs = try #require(participantFields[19]["constraints"] as? [String: Int])
    #expect(wemwbs == ["minimum": 14, "maximum": 70])
    #expect(participantFields.allSatisfy { ($0["description"] as? String)?.isEmpty == false })
    let attendance = try #require(schemas[2]["fields"] as? [[String: Any]])
    #expect(attendance.map { $0["type"] as? String } == ["string", "string", "date", "integer"])
    #expect(schemas.allSatisfy { $0["missingValues"] as? [String] == [""] })
    let manifest = try Manifest.read(
      from: folder.url.appendingPathComponent("out/release/manifest.json"))
    #expect(manifest.outputs.contains { $0.path == "datapackage.json" && $0.rows == 0 })
  }
}

@Suite struct ThreadDeterminismTests {
  @Test func oneThreadAndTwoGiveTheSameRelease() throws {
    let folder = StudyFolder()
    _ = try SyntheticExports.write(to: folder.url, seed: 11, members: 600)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let pipeline = try String(
      contentsOf: root.appendingPathComponent("pipelines/example.yaml"), encoding: .utf8
    )
    .replacingOccurrences(of: "../data/example/", with: "")
    try folder.write("pipeline.yaml", pipeline)
    var releases: [[String: Data]] = []
    var rejects: [String] = []
    var reports: [[InputReport]] = []
    // One thread; two; two with every register read in parts (8 of them) and every table
    // made in parts of 7 rows.
    for (name, threads, split) in [("1", "1", Int.max), ("2", "2", Int.max), ("2p", "2", 0)] {
      let spec = try PipelineLoader.load(
        path: folder.url.appendingPathComponent("pipeline.yaml").path)
      let out = folder.url.appendingPathComponent("out-\(name)")
      var options = PipelineRun.Options(
        environment: ["KITH_THREADS": threads], outputDirectory: out)
      options.splitThreshold = split
      options.rowsPerPart = split == 0 ? 7 : TableFile.defaultRowsPerPart
      reports.append(try PipelineRun(spec: spec, options: options).run().inputs)
      let release = out.appendingPathComponent("release")
      releases.append(
        try Dictionary(
          uniqueKeysWithValues: ReleaseVerifier.files(under: release).map {
            ($0, try Data(contentsOf: release.appendingPathComponent($0)))
          }))
      rejects.append(
        try String(
          contentsOf: out.appendingPathComponent("private/rejects.csv"), encoding: .utf8))
    }
    // 7 data files as CSV, SPSS and Stata, the public study tables in 4 formats, the data
    // package, the report, the manifest, the codebook (Markdown and HTML) and the tables'
    // workbook.
    let publicTables = StudyTableID.allCases.filter {
      ![.j3CaseOrdered, .j4ParticipantCodes, .t13Sites].contains($0)
    }
    #expect(releases[0].count == 7 * 3 + 4 * publicTables.count + 3 + 2 + 1)
    #expect(releases[0] == releases[1])
    #expect(releases[0] == releases[2])
    #expect(rejects[0] == rejects[1] && rejects[0] == rejects[2])
    #expect(rejects[0].split(separator: "\n").count > 1)
    #expect(reports[0] == reports[2])
  }

  /// A pipeline reading one register, `register.csv` beside it, marked `Y` when attended.
  static func registerPipeline(key: String) -> String {
    """
    study: Parts
    key: \(key)
    inputs:
    \(SmallStudy.registerInput(attended: "{column: Attended, present: [Y], absent: []}"))
    """
  }

  /// A register cut inside a quoted field that spans lines is read whole; rows rejected in
  /// later parts keep the lines they have in the file.
  @Test func aRegisterReadInPartsGivesWhatOneReadingGives() throws {
    let folder = StudyFolder()
    var rows = ["Group,Session date,Email,Name,Attended"]
    for person in 0..<400 {
      for week in 0..<5 {
        let date = String(format: "%02d/0%d/2025", 1 + week * 7, 1 + person % 8)
        let name = person % 97 == 0 ? "\"Jo\nSmith \(person)\"" : "Person \(person)"
        let attended = (person * 5 + week) % 211 == 0 ? "maybe" : "Y"
        rows.append("G\(person % 7),\(date),p\(person)@example.org,\(name),\(attended)")
      }
    }
    let plain = rows.joined(separator: "\n") + "\n"
    // The same rows with one person's name spanning 30,000 lines, most of the file: the cuts
    // fall inside it.
    let long = "\"" + Array(repeating: "x", count: 30000).joined(separator: "\n") + "\""
    let spanning = plain.replacingOccurrences(of: "Person 150,", with: long + ",")
    for (name, text) in [("plain", plain), ("spanning", spanning)] {
      try folder.write("\(name)/register.csv", text)
      // Sessions after mid-June are late: each counts once however the register is cut.
      try folder.write(
        "\(name)/pipeline.yaml",
        Self.registerPipeline(key: "../test.key") + "\nattendance: {study_end: 2025-06-15}\n")
    }
    try folder.write("test.key", StudyFolder.testKeyHex)
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("plain/pipeline.yaml").path)
    let pieces = try #require(InputPiece.pieces(of: spec.inputs[0], count: 8, threshold: 0))
    #expect(pieces.count == 8 && pieces.last?.isLast == true)
    #expect(
      pieces.first?.range.lowerBound == 0 && pieces.last?.range.upperBound == plain.utf8.count)
    #expect(
      zip(pieces, pieces.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
    #expect(pieces.dropFirst().allSatisfy { Array(plain.utf8)[$0.range.lowerBound - 1] == 10 })
    let spanningSpec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("spanning/pipeline.yaml").path)
    let cuts = try #require(InputPiece.pieces(of: spanningSpec.inputs[0], count: 8, threshold: 0))
      .map(\.range.lowerBound)
    let fieldStart = try #require(spanning.range(of: long)).lowerBound.utf16Offset(in: spanning)
    #expect(cuts.contains { $0 > fieldStart && $0 < fieldStart + long.utf8.count })
    for name in ["plain", "spanning"] {
      var outputs: [String] = []
      for split in [Int.max, 0] {
        let spec = try PipelineLoader.load(
          path: folder.url.appendingPathComponent("\(name)/pipeline.yaml").path)
        let out = folder.url.appendingPathComponent("\(name)/out-\(split)")
        var options = PipelineRun.Options(
          environment: ["KITH_THREADS": "2"], outputDirectory: out)
        options.splitThreshold = split
        options.rowsPerPart = split == 0 ? 7 : TableFile.defaultRowsPerPart
        let summary = try PipelineRun(spec: spec, options: options).run()
        // 50 people meet on 29/02/2025, which does not exist; 10 rows are marked `maybe`.
        #expect(summary.inputs[0].rowsRejected == 60)
        #expect(
          summary.inputs[0].notices.contains(
            "598 attendances are after the study end (2025-06-15); they are released but not "
              + "counted as offered"))
        outputs.append(
          try [
            "release/data/participants.csv", "release/data/attendance.csv",
            "private/rejects.csv",
          ].map {
            try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8)
          }.joined() + summary.inputs.map { "\($0)" }.joined())
      }
      #expect(outputs[0] == outputs[1])
    }
  }

  /// A register whose later part is not valid UTF-8 is read whole, as Windows-1252 from its
  /// first invalid byte, whatever the thread count.
  @Test func aRegisterWithWindows1252BytesIsReadWhole() throws {
    let folder = StudyFolder()
    var text = Data("Group,Session date,Email,Name,Attended\n".utf8)
    // About 360 KB: the first 256 KB (what decides the encoding before a file is cut) are
    // ASCII; "José" in Windows-1252 (E9) lies in a later part.
    for person in 0..<8000 {
      text += Data("G\(person % 40),0\(1 + person % 9)/01/2025,p\(person)@example.org,".utf8)
      text += person == 7950 ? Data([0x4A, 0x6F, 0x73, 0xE9]) : Data("Person \(person)".utf8)
      text += Data(",Y\n".utf8)
    }
    try text.write(to: folder.url.appendingPathComponent("register.csv"))
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", Self.registerPipeline(key: "test.key"))
    let plan = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    // The file is cut (its start is ASCII); the part with the Windows-1252 byte says so.
    #expect(InputPiece.pieces(of: plan.inputs[0], count: 8, threshold: 0)?.count == 8)
    var outputs: [String] = []
    for split in [Int.max, 0] {
      let spec = try PipelineLoader.load(
        path: folder.url.appendingPathComponent("pipeline.yaml").path)
      let out = folder.url.appendingPathComponent("out-\(split)")
      var options = PipelineRun.Options(environment: ["KITH_THREADS": "2"], outputDirectory: out)
      options.splitThreshold = split
      options.rowsPerPart = split == 0 ? 7 : TableFile.defaultRowsPerPart
      let summary = try PipelineRun(spec: spec, options: options).run()
      #expect(summary.inputs[0].encoding == "windows-1252")
      #expect(summary.inputs[0].rowsAccepted == 8000)
      #expect(summary.inputs[0].notices.contains { $0.contains("not valid UTF-8") })
      outputs.append(
        try String(
          contentsOf: out.appendingPathComponent("release/data/attendance.csv"), encoding: .utf8)
          + summary.inputs.map { "\($0)" }.joined())
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test func parallelMapKeepsOrderAndRethrows() throws {
    // A body that cannot throw gives a call that needs no `try`.
    let squares = Parallel.map(100, threads: 4) { $0 * $0 }
    #expect(squares == (0..<100).map { $0 * $0 })
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try Parallel.map(10, threads: 2) {
        if $0 == 7 { throw Boom() }; return $0
      }
    }
    #expect(Parallel.threads(environment: ["KITH_THREADS": "1"]) == 1)
    #expect(Parallel.threads(environment: ["KITH_THREADS": "zero"]) >= 1)
  }
}

extension StudyTableID {
  /// The public study tables a run makes of a study without coded interviews, in id order (T13
  /// only a merge makes).
  static var ofSurveysAndRegisters: [StudyTableID] {
    allCases.filter {
      ![
        .t8ThemePrevalence, .j1StatisticsByTheme, .j2ThemesByChange, .j3CaseOrdered,
        .j4ParticipantCodes, .t13Sites,
      ].contains($0)
    }
  }
}

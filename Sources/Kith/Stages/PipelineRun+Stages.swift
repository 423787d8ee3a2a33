import Foundation

extension PipelineRun {
  /// Every stage of the pipeline as fresh or stale, with the reasons.
  ///
  /// Compared with the last successful run into the output folder. Inputs whose size and
  /// modification time are unchanged are not hashed again.
  public func status() throws -> [StageStatus] {
    let key = try? loadKeyFingerprint()
    return try status(keyFingerprint: key).statuses
  }

  /// The statuses, and the digests of the inputs as they are now.
  func status(keyFingerprint: String?) throws -> (
    statuses: [StageStatus], stamps: [String: RunState.FileStamp]
  ) {
    // A folder, a device or a pipe named as an input is refused before it is hashed.
    try RegularFile.check(spec.trackedFiles.map { ($0.path, "the input `\($0.name)`") })
    let state = RunState.load(from: outputDirectory)
    let blank = RunState(
      kithVersion: KithVersion.current, stages: [:], files: [:], manifestSHA256: nil)
    var stamps: [String: RunState.FileStamp] = [:]
    var digests: [String: String] = [:]
    for file in spec.trackedFiles {
      let stamp = try (state ?? blank).digest(of: file.path)
      stamps[file.path.path] = stamp
      digests[file.name] = stamp.sha256
    }
    let stages = StagePlan.stages(spec: spec, inputDigests: digests, key: keyFingerprint)
    var statuses = StagePlan.status(of: stages, recorded: state?.stages)
    if let index = statuses.firstIndex(where: { $0.name == "release" }), statuses[index].isFresh {
      let release = outputDirectory.appendingPathComponent("release")
      if !FileManager.default.fileExists(atPath: release.path) {
        statuses[index].reasons.append("release/ is missing")
      } else if (try? ReleaseVerifier.verify(outputDirectory: outputDirectory))?.isEmpty != true {
        statuses[index].reasons.append("release/ no longer matches its manifest")
      } else if RunState.manifestDigest(in: outputDirectory) != state?.manifestSHA256 {
        statuses[index].reasons.append("release/ is not the one the last recorded run wrote")
      }
    }
    return (statuses, stamps)
  }

  /// A summary of the existing release when no stage needs to run again, else `nil`.
  func upToDateSummary(keyFingerprint: String?) throws -> RunSummary? {
    guard try status(keyFingerprint: keyFingerprint).statuses.allSatisfy(\.isFresh) else {
      return nil
    }
    let manifest = try Manifest.read(
      from: outputDirectory.appendingPathComponent("release").appendingPathComponent(
        Manifest.fileName))
    return RunSummary(
      kithVersion: KithVersion.current, study: spec.study, pipeline: spec.file,
      outputDirectory: outputDirectory.relativePath, keyFingerprint: keyFingerprint,
      demoKey: keySource?.isDemo ?? false, disclosure: manifest.disclosure,
      kAnonymity: manifest.kAnonymity,
      inputs: manifest.inputs.map { input in
        InputReport(
          name: input.name,
          path: spec.trackedFiles.first { $0.name == input.name }?.displayPath ?? input.name,
          bytes: input.bytes, sha256: input.sha256, encoding: "",
          delimiter: "", rowsRead: input.rowsRead, rowsAccepted: input.rowsAccepted,
          rowsRejected: input.rowsRejected, droppedColumns: [], notices: [])
      },
      outputs: manifest.outputs.map {
        OutputReport(path: "release/" + $0.path, rows: $0.rows, bytes: $0.bytes, sha256: $0.sha256)
      },
      participants: manifest.outputs.first { $0.path == ReleaseDataFile.participants.path }?.rows
        ?? 0,
      rowsRejected: manifest.inputs.reduce(0) { $0 + $1.rowsRejected }, valuesSetAside: 0,
      wroteOutputs: false, upToDate: true)
  }

  /// Records each stage's parts after a successful run, from the digests made while reading.
  func recordState(reports: [InputReport], keyFingerprint: String?) throws {
    var stamps: [String: RunState.FileStamp] = [:]
    var digests: [String: String] = [:]
    let hashed = Dictionary(reports.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a })
    let blank = RunState(
      kithVersion: KithVersion.current, stages: [:], files: [:], manifestSHA256: nil)
    for file in spec.trackedFiles {
      let (size, modified) = try RunState.stamp(of: file.path)
      let sha256 = try hashed[file.name] ?? blank.digest(of: file.path).sha256
      stamps[file.path.path] = RunState.FileStamp(size: size, modified: modified, sha256: sha256)
      digests[file.name] = sha256
    }
    let stages = StagePlan.stages(spec: spec, inputDigests: digests, key: keyFingerprint)
    try RunState(
      kithVersion: KithVersion.current,
      stages: Dictionary(uniqueKeysWithValues: stages.map { ($0.name, $0.parts) }), files: stamps,
      manifestSHA256: RunState.manifestDigest(in: outputDirectory)
    ).save(to: outputDirectory)
  }

  /// The fingerprint of the key that would be used, if it can be loaded.
  func loadKeyFingerprint() throws -> String? {
    guard let source = keySource else { return nil }
    return try KeyFile.read(source.url, checksMode: !spec.demo).fingerprint
  }
}

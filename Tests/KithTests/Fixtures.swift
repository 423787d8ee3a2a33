import Foundation
import KithCSV
import Testing

@testable import Kith

/// A throwaway study folder: write a pipeline and its exports, run it, read what it wrote.
final class StudyFolder {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-study-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The fixed test key (random bytes, written down once), whose pids the tests compare with
  /// Python's `hmac`.
  static let testKeyHex = "f3a1c8e27b904d5a6e1f0b9c3d7a28e45c0b6f9a1d3e7c2b8a4f5e60d9c1b7a3"

  /// Writes `text` to the file `name`; a key file (`.key`) readable by its owner alone, as
  /// `kith keygen` makes it and a run requires.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> URL {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    if name.hasSuffix(".key") {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
    return file
  }

  func read(_ name: String) throws -> String {
    try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
  }

  func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
  }

  /// Loads `pipeline.yaml` and runs it into `out/`.
  @discardableResult
  func run(dryRun: Bool = false, key: String? = nil, force: Bool = false) throws -> RunSummary {
    let spec = try PipelineLoader.load(path: url.appendingPathComponent("pipeline.yaml").path)
    return try PipelineRun(
      spec: spec,
      options: PipelineRun.Options(
        keyOption: key, outputDirectory: url.appendingPathComponent("out"), dryRun: dryRun,
        force: force)
    ).run()
  }

  /// The records of a CSV output file, each a dictionary from the header's names to the fields
  /// (``CSVFile/records(_:)``).
  func records(_ name: String) throws -> [[String: String]] {
    try CSVFile.records(url.appendingPathComponent(name))
  }

  /// A publisher into the output folder `out/`, claimed for a study called "Test", with the
  /// lock that must be held while it publishes.
  func publisher(threads: Int = 1) throws -> (Publisher, OutputLock) {
    let claimed = try OutputFolder.claim(
      url.appendingPathComponent("out"), study: "Test", forbidden: [], wait: false,
      waiting: { _ in })
    return (try Publisher(folder: claimed.folder, threads: threads), claimed.lock)
  }

  /// The CSV rows of an output file, header first (``CSVFile/rows(_:)``).
  func rows(_ name: String) throws -> [[String]] {
    try CSVFile.rows(url.appendingPathComponent(name))
  }
}

extension StudyFolder {
  /// The pid of an identifier under the test key.
  func pid(of identifier: String, kind: IdentifierKind = .email) throws -> String {
    let key = StudyKey(unchecked: try #require(StudyKey.bytes(fromHex: StudyFolder.testKeyHex)))
    let normalised = try kind.normalise(identifier).get()
    return try Pseudonymiser(key: key).pid(kind: kind, normalised: normalised)
  }
}

/// A file of `../shared/fixtures/external`, when the shared folder sits beside the project.
func sharedFixture(_ relative: String) -> URL? {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/external").appendingPathComponent(relative)
  return FileManager.default.fileExists(atPath: url.path) ? url : nil
}

/// A small study: two survey waves and a register, with one of every problem.
enum SmallStudy {
  static let pipeline = """
    study: Small study
    key: test.key
    waves: [baseline, followup]
    instruments: [wemwbs, ucla3]
    inputs:
      baseline:
        path: baseline.csv
        type: survey
        wave: baseline
        identifier: {column: Email, kind: email}
        identifying: [Name]
      followup:
        path: followup.csv
        type: survey
        wave: followup
        identifier: {column: Email, kind: email}
    \(registerInput(attended: "Attended"))
    # A few rows each, with one of every problem: far more than 10 % of them are rejected.
    max_rejected: 60%

    """

  /// The `register` input of the test pipelines, reading `register.csv` with the attendance
  /// marks `attended` (YAML, indented as an entry of `inputs`).
  static func registerInput(attended: String) -> String {
    """
      register:
        path: register.csv
        type: register
        identifier: {column: Email, kind: email}
        identifying: [Name]
        group: Group
        date: Session date
        attended: \(attended)

    """
  }

  static let items14 = (1...14).map { "WEMWBS_\($0)" }.joined(separator: ",")
  // Jo: WEMWBS 1..5 repeating = 1+2+3+4+5+1+2+3+4+5+1+2+3+4 = 40; UCLA 1,2,3 = 6.
  // Sam: all 3 = 42; UCLA 2,2,2 = 6 but item 2 answered "Often" (label) = 3 → 7.
  // Ali: WEMWBS_5 blank → incomplete; UCLA "9" out of range → set aside → incomplete.
  static let baseline = """
    ResponseId,Name,Email,Secret note,\(items14),UCLA_1,UCLA_2,UCLA_3
    R_1,Jo Smith, Jo.Smith@Example.org ,private text 1,1,2,3,4,5,1,2,3,4,5,1,2,3,4,1,2,3
    R_2,Sam Khan,sam.khan@example.org,private text 2,3,3,3,3,3,3,3,3,3,3,3,3,3,3,2,Often,2
    R_3,Ali Evans,ali@example.org,private text 3,4,4,4,4,,4,4,4,4,4,4,4,4,4,1,9,1
    R_4,Jo Smith,jo.smith@example.org,again,5,5,5,5,5,5,5,5,5,5,5,5,5,5,1,1,1
    R_5,Nobody,,no email,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1

    """
  // Jo: all 5 = 70; UCLA 1,1,1 = 3.
  static let followup = """
    Email,\(items14),UCLA_1,UCLA_2,UCLA_3
    jo.smith@example.org,5,5,5,5,5,5,5,5,5,5,5,5,5,5,1,1,1

    """
  // Jo attends 3 distinct sessions (one typed twice), Sam 1 (and one absence), Pat 1.
  static let register = """
    Group,Session date,Name,Email,Attended
    Tuesday,07/01/2025,Jo Smith,jo.smith@example.org,Y
    Tuesday,14/01/2025,Jo Smith,JO.SMITH@example.org ,y
    Tuesday,14/01/2025,Jo Smith,jo.smith@example.org,Y
    Thursday,9/1/2025,Jo Smith,jo.smith@example.org,Yes
    Tuesday,07/01/2025,Sam Khan,sam.khan@example.org,Y
    Tuesday,14/01/2025,Sam Khan,sam.khan@example.org,apologies
    Tuesday,31/02/2025,Sam Khan,sam.khan@example.org,Y
    Tuesday,21/01/2025,Pat Lee,pat.lee@example.org,maybe
    Tuesday,21/01/2025,Pat Lee,pat.lee@example.org,Y

    """

  /// Writes the study into `folder`.
  static func write(into folder: StudyFolder, pipeline: String = pipeline) throws {
    try folder.write("pipeline.yaml", pipeline)
    try folder.write("test.key", StudyFolder.testKeyHex + "\n")
    try folder.write("baseline.csv", baseline)
    try folder.write("followup.csv", followup)
    try folder.write("register.csv", register)
  }
}

extension Manifest {
  /// A manifest that lists `outputs` and little else, for tests that publish tables directly.
  static func listing(_ outputs: [OutputReport]) -> Manifest {
    Manifest(
      kithVersion: KithVersion.current, study: "Test", pipeline: "test.yaml", pipelineSHA256: "",
      keyFingerprint: "", disclosure: .nhsDigital, kAnonymity: nil, inputs: [],
      outputs: outputs.map {
        Manifest.Output(
          path: String($0.path.dropFirst("release/".count)), bytes: $0.bytes, sha256: $0.sha256,
          rows: $0.rows)
      })
  }
}

/// The seed of the tests' random inputs: `KITH_TEST_SEED` when set, else one drawn for this run;
/// printed once, so that a failure can be repeated with the same inputs.
enum TestSeed {
  static let value: UInt64 = {
    let seed =
      ProcessInfo.processInfo.environment["KITH_TEST_SEED"].flatMap { UInt64($0) }
      ?? UInt64.random(in: 1...UInt64(UInt32.max))
    print("random test inputs: seed \(seed) (KITH_TEST_SEED=\(seed) repeats them)")
    return seed
  }()

  /// A generator of this run's random inputs, offset by `stream` so that tests draw apart.
  static func generator(_ stream: UInt64 = 0) -> SeededGenerator {
    SeededGenerator(seed: value &+ stream)
  }
}

/// A CSV file read as Kith reads CSV (quoted fields, commas inside them), for the tests that
/// check output files.
enum CSVFile {
  /// The rows of the file at `url`, header first.
  static func rows(_ url: URL) throws -> [[String]] {
    let reader = try CSVReader(path: url.path)
    var rows = [reader.header.names]
    try reader.forEachRow { row in rows.append((0..<row.count).map { row.string($0) }) }
    return rows
  }

  /// The records of the file at `url`, each a dictionary from the header's names to the fields.
  static func records(_ url: URL) throws -> [[String: String]] {
    let rows = try Self.rows(url)
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { Dictionary(zip(header, $0)) { first, _ in first } }
  }
}

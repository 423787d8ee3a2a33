import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kith writes only into an output folder it made, removes only what it made there, and lets one
/// run at a time write to it.
@Suite(.serialized) struct OutputFolderTests {
  /// A synthetic study in a new folder, with `p.yaml` reading it (a demo key).
  func study() throws -> URL {
    let folder = try KithProcess.temporaryFolder()
    #expect(
      try KithProcess.run(["synth", "--out", folder.appendingPathComponent("data").path])
        .status == 0)
    let pipeline = try String(
      contentsOf: KithProcess.root.appendingPathComponent("pipelines/example.yaml"),
      encoding: .utf8
    ).replacingOccurrences(of: "../data/example/", with: "data/")
    try pipeline.write(
      to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    return folder
  }

  func write(_ text: String, to path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  func read(_ path: String, in folder: URL) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
  }

  /// Folders holding someone's files — in `release/`, at the top, in a folder named like Kith's
  /// staging folders — are refused with exit 2, and every file is left as it was.
  @Test(arguments: [
    "v/release/chapter-3.docx", "v/notes.txt", "v/.release-staging-1/keep.txt",
    "v/private/interview.txt", "v/.cache/mine.txt",
  ])
  func aFolderKithDidNotMakeIsRefusedAndLeftAlone(_ file: String) throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("my own work\n", to: file, in: folder)
    let result = try KithProcess.run(["run", "p.yaml", "--out", "v"], in: folder)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("already holds files Kith did not make"))
    #expect(result.stderr.contains("choose another folder with --out"))
    #expect(try read(file, in: folder) == "my own work\n")
    let left = try FileManager.default.subpathsOfDirectory(
      atPath: folder.appendingPathComponent("v").path)
    #expect(!left.contains(".kith-output") && !left.contains(".kith-lock"))
  }

  @Test func aNewOrEmptyFolderIsMadeKithsAndNamesTheStudy() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
    for out in ["new/deeper", "empty"] {
      let result = try KithProcess.run(["run", "p.yaml", "--out", out, "--quiet"], in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      let marker = try read("\(out)/.kith-output", in: folder)
      #expect(marker.contains("\"study\" : \"Example peer-support evaluation (synthetic data)\""))
      #expect(marker.contains("\"made\" : [\n\n  ]"))
    }
    // Another study may not write into this one's folder.
    let other = try read("p.yaml", in: folder).replacingOccurrences(
      of: "study: Example peer-support evaluation (synthetic data)", with: "study: Another")
    try write(other, to: "q.yaml", in: folder)
    let result = try KithProcess.run(["run", "q.yaml", "--out", "empty"], in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr.contains(
        "holds the outputs of the study 'Example peer-support evaluation (synthetic data)', not "
          + "'Another'"))
  }

  /// An `out/` written before Kith marked its folders (its state file and manifest are there) is
  /// adopted: upgrading breaks nobody's folder.
  @Test func aFolderAnEarlierKithWroteIsAdopted() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try KithProcess.run(["run", "p.yaml", "--out", "out", "--quiet"], in: folder).status == 0)
    for name in [".kith-output", ".kith-lock"] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent("out/\(name)"))
    }
    let result = try KithProcess.run(["run", "p.yaml", "--out", "out", "--force"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains("was written by an earlier Kith: it is now marked as this study's"))
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/.kith-output").path)
    )
  }

  /// `--out` may not be the root, the home folder, the pipeline's folder or an input's folder.
  @Test func forbiddenOutputFoldersAreRefused() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    let home = folder.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    for (out, what) in [
      ("/", "the root of the file system"), (home.path, "your home folder"),
      (".", "the pipeline's own folder"), ("data", "the folder of the input"),
      ("data/../data/", "the folder of the input"),
    ] {
      let result = try KithProcess.run(
        ["run", "p.yaml", "--out", out], in: folder, environment: ["HOME": home.path])
      #expect(result.status == 2, "\(out): \(result.stderr)")
      #expect(result.stderr.contains("is \(what)"), "\(out): \(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: "/release"))
  }

  /// In Kith's own folder, a file someone put in `release/` stops the run before anything is
  /// replaced; a folder named like a staging folder that Kith did not record is never removed.
  @Test func kithRemovesOnlyWhatItRecordedMaking() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try KithProcess.run(["run", "p.yaml", "--out", "out", "--quiet"], in: folder).status == 0)
    let manifest = try read("out/release/manifest.json", in: folder)
    try write("mine\n", to: "out/release/figure.png", in: folder)
    try write("mine too\n", to: "out/.release-staging-mine/keep.txt", in: folder)
    let refused = try KithProcess.run(["run", "p.yaml", "--out", "out", "--force"], in: folder)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("holds 'figure.png', which Kith did not write"))
    #expect(try read("out/release/figure.png", in: folder) == "mine\n")
    #expect(try read("out/release/manifest.json", in: folder) == manifest)
    try FileManager.default.removeItem(at: folder.appendingPathComponent("out/release/figure.png"))
    #expect(
      try KithProcess.run(["run", "p.yaml", "--out", "out", "--force", "--quiet"], in: folder)
        .status == 0)
    #expect(try read("out/.release-staging-mine/keep.txt", in: folder) == "mine too\n")
  }

  /// Holds `out/.kith-lock` as another run would.
  final class HeldLock {
    let descriptor: Int32
    init(_ folder: URL) throws {
      descriptor = open(folder.appendingPathComponent(".kith-lock").path, O_RDWR | O_CREAT, 0o600)
      #expect(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
      let text = "process \(getpid())"
      _ = ftruncate(descriptor, 0)
      _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
    }
    func release() { close(descriptor) }
  }

  /// A second run into a folder another run holds fails at once with `--no-wait`, naming the
  /// process; without it, it says it is waiting and finishes once the first is done.
  @Test func oneRunAtATimeWritesToAFolder() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try KithProcess.run(["run", "p.yaml", "--out", "out", "--quiet"], in: folder).status == 0)
    let out = folder.appendingPathComponent("out")
    let lock = try HeldLock(out)
    let refused = try KithProcess.run(
      ["run", "p.yaml", "--out", "out", "--force", "--no-wait"], in: folder)
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains(
        "another Kith run (process \(getpid())) is writing to out; let it finish, or run again "
          + "without --no-wait to wait for it"))

    let waiting = Process()
    waiting.executableURL = KithProcess.binary
    waiting.arguments = ["run", "p.yaml", "--out", "out", "--force"]
    waiting.currentDirectoryURL = folder
    let errors = Pipe()
    waiting.standardError = errors
    waiting.standardOutput = FileHandle.nullDevice
    try waiting.run()
    Thread.sleep(forTimeInterval: 1.5)
    #expect(waiting.isRunning)
    lock.release()
    waiting.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(waiting.terminationStatus == 0, "\(stderr)")
    #expect(stderr.contains("is writing to out; waiting for it to finish"))
    #expect(try KithProcess.run(["verify", "out"], in: folder).status == 0)
  }

  /// Two runs started together into one folder both succeed, one after the other, and leave a
  /// complete release and nothing else behind.
  @Test func twoRunsStartedTogetherBothFinish() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    let runs = (0..<2).map { _ -> Process in
      let process = Process()
      process.executableURL = KithProcess.binary
      process.arguments = ["run", "p.yaml", "--out", "out", "--force", "--quiet"]
      process.currentDirectoryURL = folder
      process.standardError = FileHandle.nullDevice
      return process
    }
    for run in runs { try run.run() }
    for run in runs { run.waitUntilExit() }
    #expect(runs.map(\.terminationStatus) == [0, 0])
    #expect(try KithProcess.run(["verify", "out"], in: folder).status == 0)
    let left = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("out").path)
    #expect(left.sorted() == [".cache", ".kith-lock", ".kith-output", "private", "release"])
  }
}

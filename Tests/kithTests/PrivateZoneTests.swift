import Foundation
import Testing

/// The key and the private zone as files on disk: readable by their owner alone whatever the
/// umask, tightened when found open, and out of another user's reach.
@Suite(.serialized) struct PrivateZoneTests {
  /// A study folder with a register, a pipeline and a key made by `kith keygen` under `umask`.
  func study(umask: String? = nil) throws -> URL {
    let folder = try KithProcess.temporaryFolder()
    try "Group,Session date,Name,Email\nA,07/01/2025,Jo Smith,jo@example.org\nA,07/01/2025,Al,\n"
      .write(to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    try """
    study: S
    inputs:
      r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, identifying: [Name], group: Group, date: Session date, max_rejected: 50%}
    # The second row has no email: a reject, so private/rejects.csv is written.
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let keygen = try KithProcess.run(["keygen", "k.key"], in: folder, umask: umask)
    #expect(keygen.status == 0, "\(keygen.stderr)")
    return folder
  }

  func mode(_ url: URL) throws -> Int {
    try #require(
      try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
  }

  /// Every file and folder of `private/` and `.cache/`, with its mode.
  func privateModes(in out: URL) throws -> [String: Int] {
    var modes: [String: Int] = [:]
    for zone in ["private", ".cache"] {
      let folder = out.appendingPathComponent(zone)
      modes[zone] = try mode(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        modes["\(zone)/\(name)"] = try mode(folder.appendingPathComponent(name))
      }
    }
    return modes
  }

  @Test(arguments: ["000", "022", "077"])
  func theKeyAndThePrivateZoneAreOwnerOnlyWhateverTheUmask(umask: String) throws {
    let folder = try study(umask: umask)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try mode(folder.appendingPathComponent("k.key")) == 0o600)
    let run = try KithProcess.run(
      ["run", "p.yaml", "--key", "k.key", "--out", "out", "--quiet"], in: folder, umask: umask)
    #expect(run.status == 0, "\(run.stderr)")
    let modes = try privateModes(in: folder.appendingPathComponent("out"))
    #expect(modes.count > 6, "\(modes)")
    for (path, mode) in modes {
      #expect(mode == (["private", ".cache"].contains(path) ? 0o700 : 0o600), "\(path)")
    }
  }

  @Test func aPrivateZoneFoundOpenIsTightenedAndTheRunSaysSo() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    let arguments = ["run", "p.yaml", "--key", "k.key", "--out", "out"]
    #expect(try KithProcess.run(arguments + ["--quiet"], in: folder).status == 0)
    let out = folder.appendingPathComponent("out")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: out.appendingPathComponent("private").path)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o644],
      ofItemAtPath: out.appendingPathComponent("private/rejects.csv").path)
    let again = try KithProcess.run(arguments + ["--force"], in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      again.stderr.contains(
        "others could read private/ (mode 755), private/rejects.csv (mode 644); Kith made them "
          + "readable by you alone"), "\(again.stderr)")
    #expect(try privateModes(in: out).allSatisfy { $0.value & 0o077 == 0 })
  }

  /// Acting as `nobody`: the release is readable (the check works), the key and `private/`
  /// are not.
  @Test(
    .enabled(
      if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
      "needs root and runuser to act as another user (`nobody`)"))
  func anotherUserCannotReadTheKeyOrThePrivateZone() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try KithProcess.run(
      ["run", "p.yaml", "--key", "k.key", "--out", "out", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    func asNobody(_ path: String) throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
      process.arguments = ["-u", "nobody", "--", "cat", folder.appendingPathComponent(path).path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("out").path)
    #expect(try asNobody("out/release/data/attendance.csv") == 0)
    #expect(try asNobody("k.key") != 0)
    #expect(try asNobody("out/private/rejects.csv") != 0)
    #expect(try asNobody("out/private/run.log") != 0)
    #expect(try asNobody("out/.cache/state.json") != 0)
  }

  @Test func withoutGitTheRunSaysTheKeyCouldNotBeChecked() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try KithProcess.run(
      ["run", "p.yaml", "--key", "k.key", "--out", "out"], in: folder,
      environment: ["PATH": "/nonexistent"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "git is not installed, so Kith could not check that the key file is not tracked by git"))
  }

  @Test func aKeyReachedThroughALinkedFolderIsStillInsideTheOutput() throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent("k.key"), to: out.appendingPathComponent("k.key"))
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("elsewhere"), withDestinationURL: out)
    let run = try KithProcess.run(
      ["run", "p.yaml", "--key", "elsewhere/k.key", "--out", "out"], in: folder)
    #expect(run.status == 2)
    #expect(run.stderr.contains("is inside the output folder"), "\(run.stderr)")
  }
}

import Foundation
import Testing

/// Failures reach the user as Kith's own messages with the documented exit codes: the path, what
/// went wrong and what to do, never Foundation's text; and what an input holds is printed with
/// its control characters escaped.
@Suite(.serialized) struct FailureMessageTests {
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

  /// Runs `kith` through `sh` with `setup` first (a file-size limit, say).
  func kith(_ arguments: [String], after setup: String, in folder: URL) throws -> KithProcess.Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments =
      ["-c", setup + " && exec \"$0\" \"$@\"", KithProcess.binary.path] + arguments
    process.currentDirectoryURL = folder
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return KithProcess.Result(
      status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self)
    )
  }

  /// A write that fails stops the run with exit 1 and Kith's message; the release in place is
  /// still whole.
  ///
  /// A file-size limit stands in for a full disk: each write past it fails (EFBIG) as a full
  /// disk's would (ENOSPC).
  @Test(arguments: [8, 20, 45, 50])
  func aWriteThatFailsIsAMessageAndTheReleaseStaysWhole(kilobytes: Int) throws {
    let folder = try study()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try KithProcess.run(["run", "p.yaml", "--out", "out", "--quiet"], in: folder).status == 0)
    let result = try kith(
      ["run", "p.yaml", "--out", "out", "--force", "--quiet"],
      after: "trap '' XFSZ && ulimit -f \(kilobytes)", in: folder)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("error: cannot write "), "\(result.stderr)")
    #expect(result.stderr.contains(": the file is larger than this system allows; free some space"))
    for raw in ["Error Domain", "NSError", "NSCocoaErrorDomain", "errno", "Code="] {
      #expect(!result.stderr.contains(raw))
    }
    #expect(try KithProcess.run(["verify", "out"], in: folder).status == 0)
  }

  /// A cell holding escape sequences, a bell and a direction override is printed escaped.
  @Test func controlCharactersFromAnInputAreEscapedWhenPrinted() throws {
    let folder = try KithProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try KithProcess.run(["keygen", "k.key"], in: folder)
    try """
    study: Escapes
    key: k.key
    waves: [baseline]
    instruments: [ucla3]
    inputs:
      survey:
        path: s.csv
        type: survey
        wave: {column: Wave}
        identifier: {column: Email, kind: email}
        on_error: fail

    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    try
      "Email,Wave,UCLA_1,UCLA_2,UCLA_3\na@example.org,\u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}x,1,1,1\n"
      .write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
    let result = try KithProcess.run(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("\\u{1B}]0;owned\\u{7}\\u{1B}[2J\\u{202E}x"), "\(result.stderr)")
    #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
  }

  @Test func whatIsNotAFileOrAFolderOfSomeoneElsesIsAUsageError() throws {
    let zero = try KithProcess.run(["check", "/dev/zero"])
    #expect(zero.status == 2 && zero.stderr.contains("/dev/zero is a device, not a file"))
    let folder = try KithProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "mine\n".write(
      to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let synth = try KithProcess.run(["synth", "--out", folder.path])
    #expect(
      synth.status == 2 && synth.stderr.contains("holds files a synthetic study is not written as"))
  }
}

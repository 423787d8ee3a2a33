import Foundation
import Testing

@testable import Kith

/// A register that is neither UTF-8 nor Windows-1252 (it holds a byte Windows-1252 leaves
/// undefined) has those rows rejected with file, line and column; no C1 control character reaches
/// the release, and the leak gate refuses one however it got there.
@Suite struct EncodingHonestyTests {
  let folder = StudyFolder()

  @Test(arguments: [("", UInt8(0x9D)), ("    encoding: windows-1252\n", 0x81)])
  func rowsHoldingAnUndefinedByteAreRejectedAndTheRestRead(encoding: String, byte: UInt8) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Encodings
      key: test.key
      max_rejected: 50%  # the row with the undefined byte is rejected on purpose
      inputs:
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          identifying: [Name]
          group: Groupe
          date: {column: Date, format: dd/MM/yyyy}
      \(encoding)
      """)
    // Semicolons, Windows-1252: "Café" (E9); the second person's name holds the undefined byte.
    let bytes =
      Array("Groupe;Date;Name;Email\nCaf".utf8) + [0xE9]
      + Array(";01/03/2025;Jo Smith;jo@example.org\nCaf".utf8) + [0xE9]
      + Array(";01/03/2025;Sam K".utf8) + [byte] + Array("han;sam@example.org\nCaf".utf8) + [0xE9]
      + Array(";08/03/2025;Pat Lee;pat@example.org\n".utf8)
    try Data(bytes).write(to: folder.url.appendingPathComponent("register.csv"))
    let summary = try folder.run()
    let report = try #require(summary.inputs.first)
    #expect(report.rowsRead == 3 && report.rowsAccepted == 2 && report.rowsRejected == 1)
    let reject = try #require(try folder.records("out/private/rejects.csv").first)
    #expect(reject["line"] == "3" && reject["column"] == "Name")
    #expect(reject["reason"]?.contains("not valid Windows-1252") == true)
    #expect(
      try folder.rows("out/release/data/sessions.csv").dropFirst().map { $0[0] } == [
        "Café", "Café",
      ])
    let release = folder.url.appendingPathComponent("out/release")
    let files = try #require(FileManager.default.enumerator(atPath: release.path))
    for case let path as String in files where path.contains(".") {
      let data = try Data(contentsOf: release.appendingPathComponent(path))
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "\(path)")
    }
  }

  @Test(arguments: ["\u{81}", "caf\u{9D}", "\u{85}next"])
  func theGateRefusesAC1ControlCharacter(text: String) {
    let gate = LeakGate(sensitive: SensitiveValues())
    #expect(gate.classify(text)?.hasPrefix("a C1 control character") == true)
    let bytes = Array(text.utf8)
    #expect(bytes.withUnsafeBytes { gate.classify(bytes: $0) }?.hasPrefix("a C1 control") == true)
  }
}

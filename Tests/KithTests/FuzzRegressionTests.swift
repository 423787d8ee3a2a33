import Foundation
import Testing

@testable import Kith

/// Every input a fuzzer found that crashed Kith is replayed through the code its fuzz target
/// calls.
///
/// The inputs are in `Tests/KithTests/FuzzCrashes/<target>/`; each must now be read or refused
/// with a message. A crash stops the test process, which fails the run.
@Suite struct FuzzRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("FuzzCrashes")

  /// The files found for `target`.
  static func found(_ target: String) -> [URL] {
    let url = folder.appendingPathComponent(target)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.sorted().map { url.appendingPathComponent($0) }
  }

  @Test func everyREFIQDAInputFoundIsRefusedWithAMessage() throws {
    let files = Self.found("FuzzRefi")
    #expect(files.count >= 2, "the found inputs are missing from \(Self.folder.path)")
    for file in files {
      // As FuzzRefi reads it: as a project, then as a codebook.
      #expect(throws: DataError.self) {
        try RefiReader.project(at: file, displayName: file.lastPathComponent)
      }
      var export = CodingExport()
      let error = #expect(throws: DataError.self) {
        try RefiReader.codebook(at: file, displayName: file.lastPathComponent, into: &export)
      }
      #expect(error?.message.contains("bytes that are not UTF-8 text") == true)
    }
  }
}

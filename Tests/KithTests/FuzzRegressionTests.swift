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

  @Test func everyREFIQDAInputFoundIsReadOrRefusedWithAMessage() throws {
    let files = Self.found("FuzzRefi")
    #expect(files.count >= 4, "the found inputs are missing from \(Self.folder.path)")
    for file in files {
      let name = file.lastPathComponent
      var export = CodingExport()
      switch name {
      case "processing-instruction-in-a-codebook.qdc":
        // A processing instruction without content no longer stops the process; the codebook
        // around it is read.
        try RefiReader.codebook(at: file, displayName: name, into: &export)
        #expect(export.codes.values.map(\.name) == ["safe space"])
      case "processing-instruction-without-content.qde":
        let error = #expect(throws: DataError.self) {
          try RefiReader.project(at: file, displayName: name)
        }
        #expect(error?.message.contains("the XML is malformed") == true)
      default:
        // As FuzzRefi reads it: as a project, then as a codebook.
        #expect(throws: DataError.self) { try RefiReader.project(at: file, displayName: name) }
        let error = #expect(throws: DataError.self) {
          try RefiReader.codebook(at: file, displayName: name, into: &export)
        }
        #expect(error?.message.contains("bytes that are not UTF-8 text") == true, "\(name)")
      }
    }
  }
}

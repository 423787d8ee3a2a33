import Foundation
import Testing

@testable import Kith

@Suite struct SyntheticStudyTests {
  static let files = ["attendance.csv", "survey_baseline.csv", "survey_followup.csv", "demo.key"]

  func bytes(seed: UInt64, members: Int) throws -> [Data] {
    let folder = StudyFolder()
    _ = try SyntheticExports.write(to: folder.url, seed: seed, members: members)
    return try Self.files.map { try Data(contentsOf: folder.url.appendingPathComponent($0)) }
  }

  @Test func theSameSeedGivesTheSameBytes() throws {
    #expect(try bytes(seed: 7, members: 60) == bytes(seed: 7, members: 60))
    #expect(try bytes(seed: 7, members: 60) != bytes(seed: 8, members: 60))
  }

  @Test func theBundledExampleIsWhatTheGeneratorWrites() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("data/example")
    let bundled = try Self.files.map { try Data(contentsOf: root.appendingPathComponent($0)) }
    #expect(try bytes(seed: 20_250_106, members: 40) == bundled, "regenerate with `make example`")
  }

  @Test func emailsAreAtReservedExampleDomainsOnly() throws {
    let folder = StudyFolder()
    _ = try SyntheticExports.write(to: folder.url, seed: 3, members: 200)
    let register = try folder.read("attendance.csv")
    let emails = register.split(whereSeparator: { $0 == "," || $0 == "\n" }).filter {
      $0.contains("@")
    }
    #expect(!emails.isEmpty)
    #expect(emails.allSatisfy { $0.lowercased().contains("@example.") })
  }

  @Test func theGeneratorIsUniformAndReproducible() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
    var counts = [0, 0, 0]
    for _ in 0..<30_000 { counts[a.below(3)] += 1 }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
  }
}

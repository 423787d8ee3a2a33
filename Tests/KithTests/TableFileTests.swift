import Crypto
import Foundation
import KithCSV
import Testing

@testable import Kith

@Suite struct TableFileTests {
  /// A table of 20,000 rows: three parts, the last a short one; some rows need quoting.
  static var table: Table {
    Table(path: "data/t.csv", header: ["pid", "note", "n"], count: 20_000) { index in
      [
        String(format: "%016x", index * 7_919), index % 97 == 0 ? "a, \"quoted\" one" : "plain",
        String(index),
      ]
    }
  }

  static var expected: [UInt8] {
    CSVWriter.encode([table.header] + (0..<table.count).map(table.row))
  }

  /// Parts made in any order reach the file in order: nothing is written before the first part,
  /// and the file and its report are those of the table written row by row.
  @Test func partsMadeOutOfOrderAreWrittenInOrder() throws {
    let folder = StudyFolder()
    let file = try TableFile(Self.table, under: folder.url, reportedAs: "release/data/t.csv")
    #expect(file.parts == 3)
    try file.make(part: 2)
    try file.make(part: 1)
    #expect(try folder.read("data/t.csv").isEmpty)
    try file.make(part: 0)
    let written = try Data(contentsOf: folder.url.appendingPathComponent("data/t.csv"))
    #expect(Array(written) == Self.expected)
    #expect(
      try file.report()
        == OutputReport(
          path: "release/data/t.csv", rows: 20_000, bytes: Self.expected.count,
          sha256: Hex.string(SHA256.hash(data: Self.expected))))
  }

  /// Parts made on two threads give the bytes one thread writes.
  @Test func threadsWriteTheBytesOfOneThread() throws {
    let (one, two) = (StudyFolder(), StudyFolder())
    let serial = try TableFile(Self.table, under: one.url, reportedAs: "t").write()
    let file = try TableFile(Self.table, under: two.url, reportedAs: "t")
    _ = try Parallel.map(file.parts, threads: 2) { try file.make(part: $0) }
    #expect(try file.report() == serial)
    #expect(try one.read("data/t.csv") == two.read("data/t.csv"))
  }

  /// A part far ahead of the next one to write waits for the parts before it, so that a
  /// thread held up never leaves the others filling memory with parts made in advance.
  @Test func aPartFarAheadWaitsForThePartsBeforeIt() throws {
    let folder = StudyFolder()
    let file = try TableFile(
      Self.table, under: folder.url, reportedAs: "t", rowsPerPart: Self.table.count / 20)
    let last = file.parts - 1
    #expect(last > TableFile.partsAhead)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      try? file.make(part: last)
      done.signal()
    }
    #expect(done.wait(timeout: .now() + 0.2) == .timedOut)
    for part in 0..<last { try file.make(part: part) }
    #expect(done.wait(timeout: .now() + 10) == .success)
    #expect(
      Array(try Data(contentsOf: folder.url.appendingPathComponent("data/t.csv"))) == Self.expected)
  }

  /// A table of no rows is its header alone.
  @Test func anEmptyTableIsItsHeader() throws {
    let folder = StudyFolder()
    let empty = Table(path: "e.csv", header: ["pid", "score"], rows: [])
    let report = try TableFile(empty, under: folder.url, reportedAs: "e.csv").write()
    #expect(try folder.read("e.csv") == "pid,score\n")
    #expect(report.rows == 0 && report.bytes == 10)
  }

  /// A file that cannot be written fails every part after the failure and every wait for its
  /// report, rather than leaving a reader of the file waiting.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func aFailedWriteReachesEveryoneWaiting() throws {
    let full = Table(path: "full", header: Self.table.header, count: 20_000, row: Self.table.row)
    let file = try TableFile(full, under: URL(fileURLWithPath: "/dev"), reportedAs: "full")
    let expected = EnvironmentError(
      "cannot write full: the disk is full; free some space, or choose an output folder on "
        + "another disk with --out, and run again")
    for attempt in [
      { try file.make(part: 0) }, { try file.make(part: 1) }, { _ = try file.report() },
    ] {
      let error = #expect(throws: EnvironmentError.self) { try attempt() }
      #expect(error?.message == expected.message)
    }
  }
}

/// The LaTeX tables compile (`Tests/TeX/compile` in CI): every symbol the tables' words use is
/// written as LaTeX, and accented letters stay (T1 fonts, UTF-8 input).
@Suite struct LatexEscapeTests {
  @Test func symbolsBecomeLatexAndLettersStay() {
    #expect(
      TableRenderer.latexEscape("1.96 · SD · √(2(1 − r)) ± 2 … ≈ ≠ → x² ≥ 8, 50% & Café_1")
        == "1.96 $\\cdot$ SD $\\cdot$ $\\surd$(2(1 $-$ r)) $\\pm$ 2 \\ldots{} $\\approx$ $\\neq$ "
        + "$\\rightarrow$ x\\textsuperscript{2} $\\geq$ 8, 50\\% \\& Café\\_1")
  }
}

import Foundation
import KithCSV
import Testing

/// The same file read in chunks of every small size gives the same records: quotes, CRLF pairs and
/// multi-byte characters split across two chunks are reassembled.
@Suite struct ChunkBoundaryTests {
  let folder = TemporaryFolder()

  static let cases: [(String, [UInt8])] = [
    ("quote split", Array("id,text\n1,\"say \"\"hi\"\"\"\n2,\"a,b\"\n".utf8)),
    ("crlf split", Array("id,text\r\n1,x\r\n2,\"y\r\nz\"\r\n\r\n3,w\r\n".utf8)),
    ("multibyte split", Array("id,text\n1,Zoë 😀 “ok”\n2,日本語\n".utf8)),
    ("bom and problems", [0xEF, 0xBB, 0xBF] + Array("a,b\n1\n2,\"x\"y\n3,4\n5,\"open".utf8)),
  ]

  @Test(arguments: cases)
  func everyChunkSizeGivesTheSameRecords(name: String, bytes: [UInt8]) throws {
    let path = try folder.file("t.csv", bytes)
    let whole = try readAll(path, chunkSize: 1 << 16)
    #expect(!whole.rows.isEmpty)
    for chunkSize in 1...17 {
      #expect(try readAll(path, chunkSize: chunkSize) == whole, "chunk size \(chunkSize)")
    }
  }

  @Test func splitsAreReassembledExactly() throws {
    let result = try readAll(folder.file("t.csv", Self.cases[1].1), chunkSize: 3)
    #expect(
      result.rows == [
        ReadRow(2, ["1", "x"]), ReadRow(3, ["2", "y\r\nz"]), ReadRow(6, ["3", "w"]),
      ])
    let problems = try readAll(folder.file("p.csv", Self.cases[3].1), chunkSize: 2)
    #expect(
      problems.rows.map(\.problem) == [
        .raggedRow(expected: 2, found: 1), .malformedQuote, nil, .unterminatedQuote,
      ])
    #expect(problems.rows.map(\.line) == [2, 3, 4, 5])
  }
}

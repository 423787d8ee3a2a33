import Foundation
import KithCSV
import Testing

@Suite struct CSVEncodingTests {
  let folder = TemporaryFolder()
  let text = "name,note\nZoë,“quoted” £5\n"

  @Test func aUTF8ByteOrderMarkIsRemoved() throws {
    let result = try readAll(folder.file("t.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8)))
    #expect(result.header == ["name", "note"])
    #expect(result.rows == [ReadRow(2, ["Zoë", "“quoted” £5"])])
    #expect(result.encoding == .utf8 && result.notices.isEmpty)
  }

  @Test(arguments: [true, false])
  func utf16WithAByteOrderMarkIsDecoded(littleEndian: Bool) throws {
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in "name\tnote\nZoë\t😀 ok\n".utf16 {
      bytes +=
        littleEndian
        ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
    for chunkSize in [1, 2, 3, 7, 1 << 16] {
      let result = try readAll(folder.file("t.csv", bytes), chunkSize: chunkSize)
      #expect(result.encoding == (littleEndian ? .utf16LittleEndian : .utf16BigEndian))
      #expect(result.delimiter == .tab)
      #expect(result.rows == [ReadRow(2, ["Zoë", "😀 ok"])])
    }
  }

  @Test func windows1252IsDetectedWhenBytesAreNotUTF8AndSaidSo() throws {
    // "café – £5" in Windows-1252: é = E9, en dash = 96, pound = A3.
    let bytes = Array("a,b\n1,caf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0xA3] + Array("5\n".utf8)
    let result = try readAll(folder.file("t.csv", bytes))
    #expect(result.encoding == .windows1252)
    #expect(result.rows == [ReadRow(2, ["1", "café – £5"])])
    #expect(
      result.notices == [
        "test.csv: not valid UTF-8; reading it as Windows-1252 (declare the encoding in the pipeline to confirm)"
      ])
  }

  /// Chunks that are valid UTF-8 are read as they are, the others decoded: at every chunk size
  /// — characters cut between chunks, an invalid byte after valid non-ASCII ones (marked, no
  /// fallback), Windows-1252 bytes after ASCII chunks (the fallback) — the rows are the same.
  @Test func chunksReadAsTheyAreOrDecodedGiveTheSameRows() throws {
    let mixed =
      Array("name,note\nAmy,plain\nZoë,😀 ok\nBob,Caf".utf8) + [0xFF]
      + Array("\nAmy,York\n".utf8)
    let fallback = Array("name,note\nAmy,plain\nBob,York\nCat,caf".utf8) + [0xE9, 0x0A]
    for chunkSize in Array(1...12) + [64] {
      let marked = try readAll(folder.file("m.csv", mixed), chunkSize: chunkSize)
      #expect(
        marked.rows == [
          ReadRow(2, ["Amy", "plain"]), ReadRow(3, ["Zoë", "😀 ok"]),
          ReadRow(4, ["Bob", "Caf\u{FFFD}"], .invalidEncoding(.utf8), column: 2),
          ReadRow(5, ["Amy", "York"]),
        ], "chunk size \(chunkSize)")
      #expect(marked.encoding == .utf8 && marked.notices.isEmpty)
      let fellBack = try readAll(folder.file("f.csv", fallback), chunkSize: chunkSize)
      #expect(
        fellBack.rows == [
          ReadRow(2, ["Amy", "plain"]), ReadRow(3, ["Bob", "York"]), ReadRow(4, ["Cat", "café"]),
        ], "chunk size \(chunkSize)")
      #expect(fellBack.encoding == .windows1252 && fellBack.notices.count == 1)
    }
  }

  @Test func windows1252CanBeDeclared() throws {
    let bytes = Array("a\n".utf8) + [0x93, 0x68, 0x69, 0x94, 0x0A]
    let result = try readAll(
      folder.file("t.csv", bytes), dialect: CSVDialect(encoding: .windows1252))
    #expect(result.rows == [ReadRow(2, ["“hi”"])])
    #expect(result.notices.isEmpty)
  }

  /// The five bytes Windows-1252 leaves undefined mean a file is not Windows-1252: detected or
  /// declared, the row holding one is marked (its column named) and the byte never becomes a C1
  /// control character; the other rows are read.
  @Test(arguments: [UInt8(0x81), 0x8D, 0x8F, 0x90, 0x9D])
  func aByteWindows1252LeavesUndefinedMarksItsRow(byte: UInt8) throws {
    let bytes =
      Array("name,note\nAmy,caf".utf8) + [0xE9] + Array("\nBob,x".utf8) + [byte]
      + Array("y\nCat,ok\n".utf8)
    for dialect in [CSVDialect(), CSVDialect(encoding: .windows1252)] {
      for chunkSize in [1, 5, 1 << 16] {
        let result = try readAll(
          folder.file("t.csv", bytes), dialect: dialect, chunkSize: chunkSize)
        #expect(result.encoding == .windows1252)
        #expect(
          result.rows == [
            ReadRow(2, ["Amy", "café"]),
            ReadRow(3, ["Bob", "x\u{FFFD}y"], .invalidEncoding(.windows1252), column: 2),
            ReadRow(4, ["Cat", "ok"]),
          ], "chunk size \(chunkSize)")
        #expect(
          !result.rows.flatMap(\.fields).joined().unicodeScalars.contains {
            (0x80...0x9F).contains($0.value)
          })
      }
    }
  }
}

import Foundation
import KithCSV
import Testing

@Suite struct CSVWriterTests {
  let folder = TemporaryFolder()

  @Test func quotesOnlyWhenNeeded() {
    let bytes = CSVWriter.encode([
      ["plain", "with,comma", "say \"hi\"", "two\nlines", " padded", "", "é"]
    ])
    #expect(
      String(decoding: bytes, as: UTF8.self)
        == "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,é\n")
  }

  @Test func writesWhatTheReaderReadsBackUnchanged() throws {
    let rows = [
      ["id", "text"], ["1", "a,\"b\"\r\nc"], ["2", "  spaces  "], ["3", ""], ["4", "日本"],
    ]
    let path = folder.url.appendingPathComponent("out.csv").path
    let writer = try CSVWriter(path: path)
    for row in rows { try writer.write(row) }
    try writer.close()
    let onDisk = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(Array(onDisk) == CSVWriter.encode(rows))
    let back = try readAll(path)
    #expect([back.header] + back.rows.map(\.fields) == rows)
    #expect(back.rows.allSatisfy { $0.problem == nil })
  }

  @Test func identicalRowsGiveIdenticalBytes() {
    let rows = [["b", "a"], ["x y", "1.5"]]
    #expect(CSVWriter.encode(rows) == CSVWriter.encode(rows))
    #expect(CSVWriter.encode(rows, delimiter: .semicolon) == Array("b;a\nx y;1.5\n".utf8))
  }

  /// A record of no fields is a blank line; one empty field is too; two are a lone delimiter.
  @Test func recordsOfNoOrEmptyFieldsAreWrittenWhole() {
    #expect(CSVWriter.encode([[], [""], ["", ""], ["a"]]) == Array("\n\n,\na\n".utf8))
  }

  /// Records made apart as CSV text are written where they fall among records written one by
  /// one, with the bytes writing them one by one gives.
  @Test func textMadeApartIsWrittenInPlace() throws {
    let rows = [["id", "note"], ["1", "say \"hi\""], ["2", " padded"], ["3", "a;b"]]
    var middle = CSVText(delimiter: .semicolon)
    for row in rows[1...2] { middle.append(row) }
    #expect(middle.bytes == CSVWriter.encode(Array(rows[1...2]), delimiter: .semicolon))
    let path = folder.url.appendingPathComponent("parts.csv").path
    var seen: [UInt8] = []
    let writer = try CSVWriter(path: path, delimiter: .semicolon) { seen += $0 }
    try writer.write(rows[0])
    try writer.write(middle)
    try writer.write(rows[3])
    try writer.close()
    let expected = CSVWriter.encode(rows, delimiter: .semicolon)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    #expect(seen == expected)
  }
}

import Foundation
import KithCSV
import Testing

@Suite struct CSVReaderTests {
  let folder = TemporaryFolder()

  @Test(arguments: ["\n", "\r\n", "\r"])
  func lineEndingsAndAMissingLastNewline(_ newline: String) throws {
    let text = ["a,b", "1,2", "3,4"].joined(separator: newline)
    let result = try readAll(folder.file("t.csv", text))
    #expect(result.header == ["a", "b"])
    #expect(result.rows == [ReadRow(2, ["1", "2"]), ReadRow(3, ["3", "4"])])
  }

  @Test func physicalLinesCountBreaksInsideQuotesAndBlankLines() throws {
    let text = "id,note\n1,\"two\nlines\"\n\n2,\"crlf\r\ninside\"\r\n3,x\n"
    let result = try readAll(folder.file("t.csv", text))
    #expect(
      result.rows == [
        ReadRow(2, ["1", "two\nlines"]), ReadRow(5, ["2", "crlf\r\ninside"]),
        ReadRow(7, ["3", "x"]),
      ])
  }

  @Test func spacesAroundUnquotedFieldsAreTrimmedUnlessTheDialectKeepsThem() throws {
    let path = try folder.file("t.csv", "a,b\n  often , \" kept \"\n")
    #expect(try readAll(path).rows == [ReadRow(2, ["often", " kept "])])
    // Kept spaces make ` " kept "` an unquoted field with a quote inside: malformed by RFC 4180.
    let kept = try readAll(path, dialect: CSVDialect(trimsSpaces: false)).rows
    #expect(kept.map(\.problem) == [.malformedQuote] && kept.map(\.problemColumn) == [2])
    #expect(kept.first?.fields.first == "  often ")
  }

  @Test func severalHeaderRowsAsQualtricsWritesThem() throws {
    let text = """
      Q1,Q2
      How are you?,Age
      "{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"
      4,30

      """
    let reader = try CSVReader(path: folder.file("t.csv", text), dialect: CSVDialect(headerRows: 3))
    #expect(reader.header.names == ["Q1", "Q2"])
    #expect(reader.header.extraRows.count == 2)
    #expect(reader.header.extraRows[1][0] == "{\"ImportId\":\"QID1\"}")
    var lines: [Int] = []
    try reader.forEachRow { lines.append($0.line) }
    #expect(lines == [4])
  }

  @Test func aMalformedHeaderStopsTheRead() throws {
    let path = try folder.file("t.csv", "a,b\n{\"x\":1},c\n1,2\n")
    #expect(
      throws: CSVError(.malformedQuote, file: "test.csv", line: 2, column: 1, columnName: "a")
    ) {
      try CSVReader(path: path, displayName: "test.csv", dialect: CSVDialect(headerRows: 2))
    }
  }

  @Test func blankAndDuplicateColumnNamesAreReported() throws {
    let reader = try CSVReader(path: folder.file("t.csv", "id,,email,email\n1,2,3,4\n"))
    #expect(reader.header.blankColumns == [2])
    #expect(reader.header.duplicateNames == ["email"])
    #expect(
      reader.header.issues == [
        "column 2 has no name", "2 columns are called 'email' (columns 3, 4)",
      ])
  }

  @Test func aFileShorterThanItsHeaderIsAnError() throws {
    let path = try folder.file("t.csv", "a,b\n")
    #expect(throws: CSVError(.missingHeader(expectedRows: 3, foundRows: 1), file: "test.csv")) {
      try readAll(path, dialect: CSVDialect(headerRows: 3))
    }
    let headerOnly = try readAll(folder.file("h.csv", "a,b"))
    #expect(headerOnly.header == ["a", "b"] && headerOnly.rows.isEmpty)
  }

  @Test(arguments: [
    ("a;b;c\n1;2;3\n", CSVDelimiter.semicolon), ("a\tb\n1\t2\n", .tab),
    ("\"x;y\",b\n1,2\n", .comma), ("single\n1\n", .comma),
  ])
  func delimiterIsSniffedFromTheFirstLine(text: String, expected: CSVDelimiter) throws {
    #expect(try readAll(folder.file("t.csv", text)).delimiter == expected)
  }

  @Test func aDeclaredDelimiterWins() throws {
    let result = try readAll(
      folder.file("t.csv", "a;b,c\n1;2,3\n"), dialect: CSVDialect(delimiter: .comma))
    #expect(result.rows == [ReadRow(2, ["1;2", "3"])])
  }
}

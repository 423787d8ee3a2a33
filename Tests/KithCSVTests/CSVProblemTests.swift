import Foundation
import KithCSV
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Every malformed input gives a row with its problem, or a thrown error: never a crash, never a
/// silently dropped row.
@Suite struct CSVProblemTests {
  let folder = TemporaryFolder()

  @Test func raggedRowsNameTheFirstMissingOrExtraColumn() throws {
    let result = try readAll(folder.file("t.csv", "a,b,c\n1,2\n1,2,3,4\n5,6,7\n"))
    #expect(
      result.rows == [
        ReadRow(2, ["1", "2"], .raggedRow(expected: 3, found: 2), column: 3),
        ReadRow(3, ["1", "2", "3", "4"], .raggedRow(expected: 3, found: 4), column: 4),
        ReadRow(4, ["5", "6", "7"]),
      ])
  }

  @Test func aNulByteSpoilsItsRowOnly() throws {
    let result = try readAll(
      folder.file("t.csv", Array("a,b\n1,x".utf8) + [0] + Array("y\n2,3\n".utf8)))
    #expect(
      result.rows == [ReadRow(2, ["1", "x\0y"], .nulByte, column: 2), ReadRow(3, ["2", "3"])])
  }

  /// Fields are copied eight bytes at a time while searched for NULs and line breaks: one at
  /// any place in a field of any length is found, and every byte arrives as written.
  @Test func aNulOrLineBreakIsFoundAtEveryPlaceInFieldsOfEveryLength() throws {
    var text = "a,b\n"
    var expected: [ReadRow] = []
    var line = 2
    for length in 1...19 {
      for place in 0..<length {
        let letters = (0..<length).map { Character(UnicodeScalar(UInt8(97 + $0))) }
        var nul = letters
        nul[place] = "\0"
        text += "\(length),\(String(nul))\n"
        expected.append(ReadRow(line, ["\(length)", String(nul)], .nulByte, column: 2))
        var broken = letters
        broken[place] = "\n"
        text += "\(place),\"\(String(broken))\"\n"
        expected.append(ReadRow(line + 1, ["\(place)", String(broken)]))
        line += 3
      }
      text += "\(length),\(String(repeating: "z", count: length))\n"
      expected.append(ReadRow(line, ["\(length)", String(repeating: "z", count: length)]))
      line += 1
    }
    #expect(try readAll(folder.file("t.csv", text)).rows == expected)
  }

  @Test func anUnterminatedQuoteAtTheEndIsReportedWhereItOpens() throws {
    let result = try readAll(folder.file("t.csv", "a,b\n1,2\n3,\"open\nstill open\n"))
    #expect(
      result.rows == [
        ReadRow(2, ["1", "2"]),
        ReadRow(3, ["3", "open\nstill open\n"], .unterminatedQuote, column: 2),
      ])
  }

  @Test func aMalformedQuoteRejectsItsRowAndReadingGoesOn() throws {
    let result = try readAll(folder.file("t.csv", "a,b,c\n1,\"b\"x,c\n2,3,4\n"))
    #expect(result.rows.count == 2)
    #expect(result.rows[0].line == 2 && result.rows[0].problem == .malformedQuote)
    #expect(result.rows[0].problemColumn == 2)
    #expect(result.rows[1] == ReadRow(3, ["2", "3", "4"]))
  }

  @Test func invalidUTF8AfterOtherNonASCIITextSpoilsItsRow() throws {
    let bytes = Array("name,town\nZoë,Leeds\nBob,Caf".utf8) + [0xE9] + Array("\nAmy,York\n".utf8)
    let result = try readAll(folder.file("t.csv", bytes))
    #expect(
      result.rows == [
        ReadRow(2, ["Zoë", "Leeds"]),
        ReadRow(3, ["Bob", "Caf\u{FFFD}"], .invalidEncoding(.utf8), column: 2),
        ReadRow(4, ["Amy", "York"]),
      ])
  }

  /// A value over the cap spoils its row only: the row is marked (its column named, the value
  /// not kept) and reading goes on at the next line, whose line number is right — quoted or not,
  /// on one line or over many.
  @Test(arguments: [
    ("\"" + String(repeating: "x", count: 3 << 20) + "\"", 0),
    (String(repeating: "y", count: 3 << 20), 0),
    ("\"" + String(repeating: "line\n", count: 700_000) + "\"", 700_000),
  ])
  func aFieldOverTheCapRejectsItsRowAndReadingGoesOn(value: String, breaks: Int) throws {
    let path = try folder.file("t.csv", "a,b,c\n1,x,y\n2,\(value),z\n3,p,q\n")
    let result = try readAll(path, dialect: CSVDialect(maxFieldBytes: 1 << 20))
    #expect(result.rows.count == 3)
    #expect(result.rows.first == ReadRow(2, ["1", "x", "y"]))
    #expect(result.rows[1].line == 3 && result.rows[1].problem == .fieldTooLarge(limit: 1 << 20))
    #expect(result.rows[1].problemColumn == 2 && result.rows[1].fields.first == "2")
    #expect(result.rows.last == ReadRow(4 + breaks, ["3", "p", "q"]))
    #expect(CSVError(.fieldTooLarge(limit: 1 << 20), file: "t.csv").isRowLevel)
  }

  @Test func aMissingFileIsAnErrorNamingIt() throws {
    #expect(
      throws: CSVError(.unreadable(reason: "no such file"), file: "nope.csv", systemCode: ENOENT)
    ) {
      try CSVReader(path: folder.url.path + "/nope.csv", displayName: "nope.csv")
    }
  }

  @Test func messagesNameFileLineAndColumn() {
    let error = CSVError(
      .raggedRow(expected: 3, found: 4), file: "survey.csv", line: 14, column: 4, columnName: nil)
    #expect(
      error.description.hasPrefix(
        "survey.csv line 14, column 4: row has 4 fields but the header has 3"))
    let named = CSVError(.nulByte, file: "r.csv", line: 2, column: 1, columnName: "Email")
    #expect(named.place == "r.csv line 2, column 1 (Email)")
  }
}

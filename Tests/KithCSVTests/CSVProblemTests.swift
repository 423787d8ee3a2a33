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

  @Test func aFieldOverTheCapStopsTheRead() throws {
    let path = try folder.file(
      "t.csv", "a,b\n1,\"" + String(repeating: "x", count: 3 << 20) + "\"\n")
    #expect(throws: CSVError.self) {
      try readAll(path, dialect: CSVDialect(maxFieldBytes: 1 << 20))
    }
    do {
      _ = try readAll(path, dialect: CSVDialect(maxFieldBytes: 1 << 20))
    } catch let error as CSVError {
      #expect(error.kind == .fieldTooLarge(limit: 1 << 20))
      #expect(error.line == 2 && error.column == 2 && error.columnName == "b")
      #expect(!error.isRowLevel)
    }
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

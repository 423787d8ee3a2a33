import Testing

@testable import KithCSV

@Suite struct CSVRecordTests {
  /// Numbers are written as `String(_:)` writes them, text and bytes as they are, and a record
  /// gives back each field it was given.
  @Test func fieldsAreAppendedAsTheirText() {
    let record = CSVRecord()
    let numbers = [0, 7, -7, 10, 1_234_567_890, Int.max, Int.min]
    for number in numbers { record.append(number) }
    record.append("pid-0001")
    record.appendEmpty()
    "bytes".utf8.withContiguousStorageIfAvailable {
      record.append(utf8: UnsafeRawBufferPointer($0))
    }
    record.append("é, \"quoted\"")
    #expect(
      record.strings == numbers.map { String($0) } + ["pid-0001", "", "bytes", "é, \"quoted\""])
    #expect(record.count == numbers.count + 4)
  }

  /// A record reused row after row writes each row's line — quoted where a field needs it, with
  /// the record's delimiter — and reads back each row's fields unquoted.
  @Test func reusedRecordsWriteEachLineAndReadItBack() {
    let rows: [([String], String)] = [
      (["1", "plain", "", "x"], "1;plain;;x\n"),
      (["2", "a;b", " padded", "two\nlines"], "2;\"a;b\";\" padded\";\"two\nlines\"\n"),
      ([], "\n"), ([""], "\n"), (["", ""], ";\n"),
      (["say \"hi\"", "é", "tab\t", "\"", "x,y"], "\"say \"\"hi\"\"\";é;\"tab\t\";\"\"\"\";x,y\n"),
    ]
    let record = CSVRecord(delimiter: .semicolon)
    var text = CSVText(delimiter: .semicolon)
    for (fields, line) in rows {
      record.removeAll()
      record.append(contentsOf: fields)
      #expect(record.strings == fields)
      var one = CSVText(delimiter: .semicolon)
      one.append(record)
      #expect(String(decoding: one.bytes, as: UTF8.self) == line)
      text.append(record)
    }
    #expect(String(decoding: text.bytes, as: UTF8.self) == rows.map(\.1).joined())
  }

  /// A field is quoted when a delimiter, quote or line break lies anywhere in it — whichever
  /// eight-byte word it falls in, the last word overlapping the one before — and only then.
  @Test func quotesAFieldForASpecialByteAtAnyPlace() {
    let record = CSVRecord(delimiter: .semicolon)
    for length in 1...20 {
      record.removeAll()
      record.append(String(repeating: "a", count: length))
      #expect(record.withLine { $0.first } == UInt8(ascii: "a"), "\(length) plain bytes")
      for place in 0..<length {
        for special in [";", "\"", "\n", "\r"] {
          var field = Array(repeating: "a", count: length)
          field[place] = special
          record.removeAll()
          record.append(field.joined())
          #expect(
            record.withLine { $0.first } == UInt8(ascii: "\""),
            "\(special.debugDescription) at \(place) of \(length)")
          #expect(record.strings == [field.joined()])
        }
      }
    }
  }

  /// A record told which positions to write drops the fields appended at the others — text,
  /// numbers, bytes and empty fields alike, and any past the end of its list — row after row.
  @Test func aRecordWritesOnlyTheFieldsAtItsPositions() {
    let record = CSVRecord(writing: [true, false, true, false, false, true])
    for row in 0..<3 {
      record.removeAll()
      record.append("pid-\(row)")
      record.append("dropped, \"quoted\"")
      record.append(row)
      record.appendEmpty()
      "bytes".utf8.withContiguousStorageIfAvailable {
        record.append(utf8: UnsafeRawBufferPointer($0))
      }
      record.append("kept, \"quoted\"")
      record.append(99)
      #expect(record.strings == ["pid-\(row)", String(row), "kept, \"quoted\""])
      #expect(record.count == 3)
      var text = CSVText()
      text.append(record)
      #expect(
        String(decoding: text.bytes, as: UTF8.self)
          == "pid-\(row),\(row),\"kept, \"\"quoted\"\"\"\n")
    }
  }
}

/// Text that a spreadsheet would run as a formula is written with a leading apostrophe when the
/// record neutralises formulas; numbers, and every field of a record that does not, are kept.
@Suite struct FormulaNeutralisingTests {
  @Test(arguments: [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("\tleading tab", "'\tleading tab"),
    ("\rleading return", "'\rleading return"), ("-", "'-"), ("+", "'+"),
    ("-1.5", "-1.5"), ("+2", "+2"), ("-3e2", "-3e2"), ("-0.25", "-0.25"), ("ok", "ok"),
    ("a=b", "a=b"), ("", ""), ("2025-01-07", "2025-01-07"),
  ])
  func formulaLikeTextIsNeutralised(field: String, written: String) {
    let record = CSVRecord()
    record.neutralisesFormulas = true
    record.append(field)
    #expect(record.strings == [written], "\(field)")
    let plain = CSVRecord()
    plain.append(field)
    #expect(plain.strings == [field])
  }

  @Test func numbersAppendedAsNumbersAreNeverChanged() {
    let record = CSVRecord()
    record.neutralisesFormulas = true
    record.append(-42)
    #expect(record.strings == ["-42"])
  }
}

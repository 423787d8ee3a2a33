import Foundation
import KithCSV
import Testing

@Suite struct FileSplitTests {
  /// Cuts lie just after line breaks, increase, and run from 0 to the file's size; parts read
  /// through ``CSVReader/part(_:of:displayName:dialect:onRawBytes:)`` give every row once, in
  /// order, each ending where a record does.
  @Test func partsCutAtLineBreaksGiveEveryRowOnce() throws {
    let folder = TemporaryFolder()
    let lines = ["id,note"] + (0..<500).map { "\($0),note number \($0 * 7919 % 1000)" }
    let path = try folder.file("rows.csv", lines.joined(separator: "\n") + "\n")
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    for parts in [1, 2, 3, 7, 40] {
      let cuts = try FileSplit.cuts(path: path, parts: parts)
      #expect(cuts.first == 0 && cuts.last == bytes.count && cuts.count == parts + 1)
      #expect(zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 })
      #expect(cuts.dropFirst().allSatisfy { bytes[$0 - 1] == 10 })
      var rows: [String] = []
      for (start, end) in zip(cuts, cuts.dropFirst()) {
        let reader = try CSVReader.part(
          start..<end, of: path, displayName: "rows.csv", dialect: CSVDialect())
        try reader.forEachRow { rows.append($0.string(0) + "," + $0.string(1)) }
        #expect(reader.header.names == ["id", "note"] && reader.endedBetweenRecords)
      }
      #expect(rows == Array(lines.dropFirst()), "\(parts) parts")
    }
    // A file of one line has nowhere to cut.
    let one = try folder.file("one.csv", "id,note")
    #expect(try FileSplit.cuts(path: one, parts: 4) == [0, 7])
  }

  /// Weighted cuts give parts about in proportion to their weights, each cut just after the
  /// first line break at or after its share of the file.
  @Test func weightedCutsFollowTheWeights() throws {
    let folder = TemporaryFolder()
    // 1,000 lines of 10 bytes: a share of the file ends a line at most 9 bytes later.
    let text = (0..<1000).map { String(format: "%09d\n", $0) }.joined()
    let path = try folder.file("rows.csv", text)
    let cuts = try FileSplit.cuts(path: path, weights: [4, 3, 2, 1])
    // Shares of 10,000 bytes: 4,000, 7,000 and 9,000 are line starts already (the line ending
    // at 3,999 is before them), so each cut lies just after the next line break: + 10.
    #expect(cuts == [0, 4010, 7010, 9010, 10000])
    #expect(
      try FileSplit.cuts(path: path, weights: [1, 1]) == FileSplit.cuts(path: path, parts: 2))
  }
}

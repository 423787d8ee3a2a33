import Foundation
import KithCSV
import Testing

/// csv-spectrum's cases, from `../shared` when it is there.
@Suite struct CSVSpectrumTests {
  static let folder = sharedFixtures("csv-spectrum")

  static var names: [String] {
    guard let folder else { return [] }
    let files =
      (try? FileManager.default.contentsOfDirectory(
        atPath: folder.appendingPathComponent("csvs").path)) ?? []
    return files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
  }

  @Test(
    .enabled(if: folder != nil, "../shared/fixtures/external/csv-spectrum is absent"),
    arguments: names)
  func matchesTheExpectedJSON(name: String) throws {
    let folder = try #require(Self.folder)
    let csv = folder.appendingPathComponent("csvs/\(name).csv").path
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("json/\(name).json")))
    let result = try readAll(csv, dialect: CSVDialect(trimsSpaces: false))
    if name == "location_coordinates" {
      // A bare quote inside an unquoted field: strict RFC 4180 reading rejects the row, by line.
      #expect(result.rows.map(\.problem) == [.malformedQuote])
      #expect(result.rows.map(\.line) == [2])
      return
    }
    let expected = try #require(json as? [[String: String]])
    let actual = result.rows.map { row in
      #expect(row.problem == nil)
      return Dictionary(uniqueKeysWithValues: zip(result.header, row.fields))
    }
    #expect(actual == expected)
  }
}

import Foundation
import Testing

@testable import Kith

/// Every `.sav` and `.dta` file of the example's release read back with ReadStat and compared
/// with the CSV it was made from, cell by cell: numbers, coded values through their labels,
/// dates, `*` and empty cells as their declared missing values, text.
@Suite struct StatisticalReleaseRoundTripTests {
  @Test func everyFileOfTheExampleReadsBackAsItsCSV() throws {
    let out = try ExcelInputTests.run("example")
    defer { try? FileManager.default.removeItem(at: out) }
    let data = out.appendingPathComponent("release/data")
    let csvs = try FileManager.default.contentsOfDirectory(atPath: data.path)
      .filter { $0.hasSuffix(".csv") }.sorted()
    #expect(csvs.count == 7)
    var compared = 0
    for csv in csvs {
      let rows = try CSVFile.rows(data.appendingPathComponent(csv))
      let (header, body) = (rows[0], Array(rows.dropFirst()))
      for format in [ReadStatFile.Format.sav, .dta] {
        let name = StatisticalRelease.path(of: csv, format)
        let read = try ReadStatFile.read(
          Data(contentsOf: data.appendingPathComponent(name)), format: format, path: name)
        try #require(
          read.variables.count == header.count && read.rows.count == body.count, "\(name)")
        for (column, variable) in read.variables.enumerated() {
          #expect(!variable.label.isEmpty, "\(name) \(variable.name) has no label")
          let labels = read.labelSets[variable.labelSet] ?? [:]
          for (index, row) in body.enumerated() {
            let (text, value) = (row[column], read.rows[index][column])
            #expect(
              Self.matches(text, value, labels: labels, format: format, date: variable.format),
              "\(name) \(variable.name) row \(index + 1): CSV '\(text)', file \(value)")
            compared += 1
          }
        }
      }
    }
    #expect(compared > 20_000)
  }

  /// Whether `value` read from a file holds the CSV's `text`.
  static func matches(
    _ text: String, _ value: ReadStatFile.Value, labels: [String: String],
    format: ReadStatFile.Format, date: String
  ) -> Bool {
    let isDate = date == "DATE11" || date == "%td"
    switch value {
    case .text(let read): return read == text
    case .tagged(let tag): return (tag == "a" && text == "*") || (tag == "b" && text.isEmpty)
    case .declared(let code):
      return (code == -999_999 && text == "*") || (code == -999_998 && text.isEmpty)
    case .system: return text.isEmpty && isDate
    case .number(let number):
      if isDate {
        let day = format == .sav ? Int(number / 86_400) - 141_428 : Int(number) - 3_653
        return CivilDate.iso(day) == text
      }
      if let label = labels[String(Int(number))], !["no", "yes"].contains(label) {
        return label == text
      }
      return Double(text).map { abs($0 - number) < 1e-9 } ?? false
    }
  }
}

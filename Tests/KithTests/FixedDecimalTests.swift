import KithCSV
import Testing

@testable import Kith

@Suite struct FixedDecimalTests {
  /// A score is written with all its decimal places, whether as text or appended to a record.
  @Test(arguments: [
    (2073, 2, "20.73"), (-5, 1, "-0.5"), (5, 2, "0.05"), (18, 0, "18"), (-12_300, 3, "-12.300"),
    (0, 2, "0.00"), (-7, 0, "-7"),
  ])
  func writesEveryDecimalPlace(units: Int, decimals: Int, text: String) {
    let value = FixedDecimal(units: units, decimals: decimals)
    let record = CSVRecord()
    record.append(value)
    #expect(value.description == text)
    #expect(record.strings == [text])
  }
}

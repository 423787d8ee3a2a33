import Testing

@testable import Kith

@Suite struct DateFormatTests {
  @Test(arguments: [
    (DateFormat.dayMonthYear, "14/03/2025", "2025-03-14"),
    (.dayMonthYear, "1/3/2025", "2025-03-01"),
    (.dayMonthYear, "29/02/2024 18:30", "2024-02-29"),
    (.iso, "2025-03-14", "2025-03-14"),
    (.iso, "2025-03-14T09:00:00Z", "2025-03-14"),
    (.monthDayYear, "03/14/2025", "2025-03-14"),
    (.dayMonthYearDashed, "14-03-2025", "2025-03-14"),
    (.dayMonthYearDotted, "14.03.2025", "2025-03-14"),
    // ISO 8601 under any layout: no layout reads it otherwise (an Excel date cell is read so).
    (.dayMonthYear, "2025-03-14", "2025-03-14"), (.monthDayYear, "2025-03-14", "2025-03-14"),
    (.dayMonthYearDotted, "2025-01-14T18:30:00", "2025-01-14"),
  ])
  func validDatesParse(format: DateFormat, text: String, iso: String) throws {
    let day = try #require(format.day(text))
    #expect(CivilDate.iso(day) == iso)
  }

  @Test(arguments: [
    (DateFormat.dayMonthYear, "31/02/2025"), (.dayMonthYear, "29/02/2025"),
    (.dayMonthYear, "14/13/2025"),
    (.dayMonthYear, "14/03/25"), (.dayMonthYear, "2025-02-30"), (.dayMonthYear, ""),
    (.dayMonthYear, "14//2025"),
    (.iso, "14/03/2025"), (.monthDayYear, "14/03/2025"), (.dayMonthYear, "14/03/2025x"),
  ])
  func invalidDatesAreRefused(format: DateFormat, text: String) {
    #expect(format.day(text) == nil)
  }

  @Test func dayNumbersCountFrom1970AndRoundTrip() throws {
    #expect(CivilDate.dayNumber(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilDate.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
    // 1900-01-01 is day −25,567 and 2100-12-31 day 47,846: every day between round-trips.
    for day in Array(stride(from: -25_567, to: 47_846, by: 37)) + [-25_567, 47_846] {
      let parts = CivilDate.iso(day).split(separator: "-").compactMap { Int($0) }
      #expect(CivilDate.dayNumber(year: parts[0], month: parts[1], day: parts[2]) == day)
    }
  }

  /// Every date column reads the years 1900 to 2100 only.
  @Test func datesOutsideTheWindowAreRefused() {
    #expect(CivilDate.dayNumber(year: 1900, month: 1, day: 1) == -25_567)
    #expect(CivilDate.dayNumber(year: 2100, month: 12, day: 31) == 47_846)
    #expect(CivilDate.dayNumber(year: 1899, month: 12, day: 31) == nil)
    #expect(CivilDate.dayNumber(year: 2101, month: 1, day: 1) == nil)
    for format in DateFormat.allCases {
      #expect(
        format.day(
          format == .iso
            ? "9999-01-01"
            : "01/01/9999".replacingOccurrences(
              of: "/",
              with: format == .dayMonthYearDashed ? "-" : format == .dayMonthYearDotted ? "." : "/")
        ) == nil)
    }
  }
}

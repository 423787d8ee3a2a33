/// A date layout of a register or survey column, parsed straight from bytes.
///
/// A time after the date (`14/03/2025 18:30`, `2025-03-14T18:30:00`) is allowed and ignored. Day
/// and month may have one or two digits; the year has four.
public enum DateFormat: String, Sendable, CaseIterable {
  /// `14/03/2025` — UK order, the default.
  case dayMonthYear = "dd/MM/yyyy"
  /// `2025-03-14` — ISO 8601.
  case iso = "yyyy-MM-dd"
  /// `03/14/2025` — US order.
  case monthDayYear = "MM/dd/yyyy"
  /// `14-03-2025`.
  case dayMonthYearDashed = "dd-MM-yyyy"
  /// `14.03.2025`.
  case dayMonthYearDotted = "dd.MM.yyyy"

  /// Parses `text` to a day number (days since 1970-01-01), or `nil` when it is not a real date in
  /// this format — or in ISO 8601 (`2025-03-14`), which no layout can be mistaken for and which is
  /// how a date cell of an Excel input is read (``ExcelCell/text``).
  public func day(_ text: UnsafeRawBufferPointer) -> Int? {
    if let day = parse(text) { return day }
    return self == .iso ? nil : Self.iso.parse(text)
  }

  /// Parses `text` in this layout only.
  private func parse(_ text: UnsafeRawBufferPointer) -> Int? {
    let separator: UInt8 =
      switch self {
      case .dayMonthYear, .monthDayYear: UInt8(ascii: "/")
      case .iso, .dayMonthYearDashed: UInt8(ascii: "-")
      case .dayMonthYearDotted: UInt8(ascii: ".")
      }
    // The three numbers and their digit counts, without an array (this runs for every row).
    var values = (0, 0, 0)
    var digits = (0, 0, 0)
    var count = 1
    for byte in text {
      if byte >= 48 && byte <= 57 {
        let digit = Int(byte - 48)
        switch count {
        case 1: (values.0, digits.0) = (values.0 * 10 + digit, digits.0 + 1)
        case 2: (values.1, digits.1) = (values.1 * 10 + digit, digits.1 + 1)
        default: (values.2, digits.2) = (values.2 * 10 + digit, digits.2 + 1)
        }
        if digits.0 > 4 || digits.1 > 4 || digits.2 > 4 { return nil }
      } else if byte == separator && count < 3 {
        count += 1
      } else if (byte == 32 || byte == UInt8(ascii: "T")) && count == 3 {
        break
      } else {
        return nil
      }
    }
    guard count == 3 else { return nil }
    let (year, others) =
      self == .iso ? (digits.0, (digits.1, digits.2)) : (digits.2, (digits.0, digits.1))
    guard year == 4, (1...2).contains(others.0), (1...2).contains(others.1) else { return nil }
    let (first, second, third) = values
    switch self {
    case .dayMonthYear, .dayMonthYearDashed, .dayMonthYearDotted:
      return CivilDate.dayNumber(year: third, month: second, day: first)
    case .monthDayYear:
      return CivilDate.dayNumber(year: third, month: first, day: second)
    case .iso:
      return CivilDate.dayNumber(year: first, month: second, day: third)
    }
  }

  /// What a date in this format must look like, for messages: `written dd/MM/yyyy, in the years
  /// 1900 to 2100`.
  public var expectation: String {
    "written \(rawValue), in the years \(CivilDate.years.lowerBound) to \(CivilDate.years.upperBound)"
  }

  /// Parses a string; see ``day(_:)-swift.method``.
  public func day(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { day(UnsafeRawBufferPointer($0)) }
  }
}

/// Conversions between calendar dates and day numbers (days since 1970-01-01), after Howard
/// Hinnant's `days_from_civil` and `civil_from_days`.
public enum CivilDate {
  /// The years a date may fall in, the same for every date column: a year outside them is a
  /// typing slip (9999, 0205) that would otherwise give tenures of millions of days.
  public static let years = 1900...2100

  /// The day number of a valid proleptic Gregorian date in ``years``, else `nil`.
  public static func dayNumber(year: Int, month: Int, day: Int) -> Int? {
    guard years.contains(year), (1...12).contains(month), day >= 1,
      day <= daysInMonth(year: year, month: month)
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The day number of ISO 8601 text (`2025-03-14`, as Kith writes dates), else `nil`.
  public static func day(iso text: String) -> Int? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    return dayNumber(year: year, month: month, day: day)
  }

  /// The ISO 8601 text (`2025-03-14`) of a day number.
  public static func iso(_ dayNumber: Int) -> String {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    guard (0...9999).contains(year) else {
      return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
    return String(unsafeUninitializedCapacity: 10) { text in
      /// Writes `number`'s last `width` digits so that they end before `end`.
      func put(_ number: Int, width: Int, endingAt end: Int) {
        var rest = number
        for index in stride(from: end - 1, through: end - width, by: -1) {
          text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
      }
      put(year, width: 4, endingAt: 4)
      text[4] = UInt8(ascii: "-")
      put(month, width: 2, endingAt: 7)
      text[7] = UInt8(ascii: "-")
      put(day, width: 2, endingAt: 10)
      return 10
    }
  }

  private static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

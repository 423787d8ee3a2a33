/// What Teams and Zoom meeting reports share: their dates with times, and durations.
enum MeetingReport {
  /// The day of a meeting date and time such as `14/11/22, 09:29:07` (Teams) or
  /// `01/21/2021 08:58:30 PM` (Zoom); two-digit years are 20xx.
  static func day(_ text: String, format: DateFormat) -> Int? {
    let date = text.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init) ?? text
    var parts = date.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
    guard parts.count == 3 else { return nil }
    let yearIndex = format == .iso ? 0 : 2
    if parts[yearIndex].count == 2 { parts[yearIndex] = "20" + parts[yearIndex] }
    let separator: String =
      switch format {
      case .dayMonthYear, .monthDayYear: "/"
      case .iso, .dayMonthYearDashed: "-"
      case .dayMonthYearDotted: "."
      }
    return format.day(parts.joined(separator: separator))
  }

  /// Minutes in `19m 26s`, `1h 5m`, `45s` (also Polish `1 godz. 5 min 3 sek.`).
  static func minutes(_ text: String) -> Double? {
    var rest = text.lowercased()[...]
    var total = 0.0
    var found = false
    while true {
      rest = rest.drop { $0 == " " }
      guard !rest.isEmpty else { break }
      let digits = rest.prefix { $0.isNumber }
      guard let value = Double(digits) else { return nil }
      rest = rest.dropFirst(digits.count).drop { $0 == " " }
      let unit = rest.prefix { $0.isLetter }
      rest = rest.dropFirst(unit.count).drop { $0 == "." }
      switch unit {
      case "h", "hr", "godz": total += value * 60
      case "m", "min": total += value
      case "s", "sec", "sek": total += value / 60
      default: return nil
      }
      found = true
    }
    return found ? total : nil
  }
}

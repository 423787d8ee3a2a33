import Foundation

/// How every number in the study tables is written: one place for decimals, p-values and minus
/// signs, so all tables and formats agree.
enum TableFormat {
  /// Decimals shown for each kind of statistic.
  static func decimals(_ statistic: Statistic) -> Int {
    switch statistic {
    case .score, .t, .effect, .coefficient: 2
    case .p, .slope: 3
    case .amount: 1
    }
  }

  /// A statistic for reading: rounded half away from zero to its decimals (`decimals`, else the
  /// kind's), p-values below the last place as `< 0.001`, with `minus` for negative numbers.
  static func display(
    _ value: Double, _ statistic: Statistic, decimals places: Int? = nil, minus: String
  ) -> String {
    let places = places ?? decimals(statistic)
    if statistic == .p && places > 0 && value < pow(10, -Double(places)) {
      return "< " + Fixed.format(pow(10, -Double(places)), decimals: places)
    }
    let text = Fixed.format(value, decimals: places)
    return text.hasPrefix("-") ? minus + text.dropFirst() : text
  }

  /// A statistic for the CSV, to nine decimals with trailing zeros dropped.
  ///
  /// Enough to check against a reference to 1e-9, and the same on every machine. Nine, not more: a longer run of digits
  /// after `0` would be taken by the leak gate for a phone number.
  static func machine(_ value: Double) -> String {
    guard abs(value) < 1e9 else { return Fixed.format(value, decimals: 0) }
    var text = Fixed.format(value, decimals: 9)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}

import KithCSV

/// An exact decimal number with a fixed count of decimal places, as scores are published.
///
/// Scores are sums of whole numbers, prorated sums rounded half up to a stated number of
/// decimals, or values read from a conversion table; all are exact in this form, so a printed
/// score never depends on binary floating point.
public struct FixedDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The value times 10^`decimals`.
  public let units: Int
  /// The number of decimal places.
  public let decimals: Int

  /// Creates `units` / 10^`decimals`.
  public init(units: Int, decimals: Int = 0) {
    self.units = units
    self.decimals = decimals
  }

  /// Parses a plain decimal such as `12`, `-3` or `20.73`; `nil` for anything else.
  public init?(_ text: String) {
    var digits = Substring(text)
    let negative = digits.first == "-"
    if negative { digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), !parts[0].isEmpty,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      parts.count == 1 || !parts[1].isEmpty, parts.joined().count <= 15,
      let whole = Int(parts.joined())
    else { return nil }
    self.init(units: negative ? -whole : whole, decimals: parts.count == 2 ? parts[1].count : 0)
  }

  /// `numerator` / `denominator` rounded half away from zero to `decimals` places.
  ///
  /// - Precondition: `denominator` > 0.
  public static func rounding(_ numerator: Int, over denominator: Int, decimals: Int) -> Self {
    let scaled = numerator * power(decimals)
    let magnitude = (2 * abs(scaled) + denominator) / (2 * denominator)
    return FixedDecimal(units: scaled < 0 ? -magnitude : magnitude, decimals: decimals)
  }

  /// The value as a binary floating-point number, for statistics.
  public var double: Double { Double(units) / Double(Self.power(decimals)) }

  /// The whole number this value equals, or `nil` when it has a fraction.
  public var integer: Int? {
    let scale = Self.power(decimals)
    return units % scale == 0 ? units / scale : nil
  }

  /// The value with all its decimal places: `20.73`, `18`, `-0.5`.
  public var description: String {
    DecimalText.withText(magnitude: units.magnitude, decimals: decimals, negative: units < 0) {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// Compares values, whatever their decimal places.
  public static func < (lhs: Self, rhs: Self) -> Bool {
    let places = max(lhs.decimals, rhs.decimals)
    return lhs.units * power(places - lhs.decimals) < rhs.units * power(places - rhs.decimals)
  }

  /// Equal values are equal whatever their decimal places: `10.0` equals `10`.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    !(lhs < rhs) && !(rhs < lhs)
  }

  /// Hashes the value with trailing zero decimals removed, so equal values hash alike.
  public func hash(into hasher: inout Hasher) {
    var units = self.units
    var decimals = self.decimals
    while decimals > 0 && units % 10 == 0 {
      units /= 10
      decimals -= 1
    }
    hasher.combine(units)
    hasher.combine(decimals)
  }

  /// 10 to the power `exponent` (at least 0).
  package static func power(_ exponent: Int) -> Int {
    var result = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}

extension CSVRecord {
  /// Appends `value` as its ``FixedDecimal/description`` writes it, without making a `String`.
  package func append(_ value: FixedDecimal) {
    DecimalText.withText(
      magnitude: value.units.magnitude, decimals: value.decimals, negative: value.units < 0
    ) { append(utf8: $0) }
  }
}

/// The text of fixed-point numbers, written digit by digit: the same on every machine and
/// locale, and no `String` arithmetic.
package enum DecimalText {
  /// Calls `body` with the text of `magnitude` ÷ 10^`decimals`: every decimal place written, a
  /// point only when there are decimals, after a minus sign when `negative`.
  package static func withText<Result>(
    magnitude: UInt, decimals: Int, negative: Bool, _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    let decimals = max(0, decimals)
    // At most 20 digits, a point and a sign, besides the decimals' leading zeros.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22 + decimals) { digits in
      // Digits from the last: the fraction's, a point, the whole part, its sign.
      var start = digits.count
      var rest = magnitude
      for _ in 0..<decimals {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      if decimals > 0 {
        start -= 1
        digits[start] = UInt8(ascii: ".")
      }
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      if negative {
        start -= 1
        digits[start] = UInt8(ascii: "-")
      }
      return body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start...])))
    }
  }
}

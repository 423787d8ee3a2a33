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
    guard decimals > 0 else { return String(units) }
    let scale = Self.power(decimals)
    let fraction = String(abs(units) % scale)
    let whole = String(abs(units) / scale)
    return (units < 0 ? "-" : "") + whole + "."
      + String(repeating: "0", count: decimals - fraction.count) + fraction
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

  private static func power(_ exponent: Int) -> Int {
    var result = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}

extension CSVRecord {
  /// Appends `value` as its ``FixedDecimal/description`` writes it, without making a `String`.
  func append(_ value: FixedDecimal) {
    guard value.decimals > 0 else { return append(value.units) }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22 + value.decimals) { digits in
      // Digits from the last: the fraction's, a point, the whole part, its sign.
      var start = digits.count
      var rest = value.units.magnitude
      for _ in 0..<value.decimals {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      start -= 1
      digits[start] = UInt8(ascii: ".")
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      if value.units < 0 {
        start -= 1
        digits[start] = UInt8(ascii: "-")
      }
      append(utf8: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start...])))
    }
  }
}

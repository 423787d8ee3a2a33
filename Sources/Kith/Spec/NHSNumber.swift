/// NHS numbers: ten digits, the last a modulus-11 check digit (NHS Data Dictionary).
enum NHSNumber {
  /// The ten digits of `text` (spaces and hyphens removed) when they form a valid NHS number.
  static func canonical(_ text: String) -> String? {
    let digits = text.filter { $0 != " " && $0 != "-" }
    guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    let values = digits.compactMap(\.wholeNumberValue)
    guard let check = checkDigit(Array(values.prefix(9))), check == values[9] else { return nil }
    return digits
  }

  /// The check digit of nine digits: 11 minus the weighted sum (weights 10 down to 2) modulo 11;
  /// 11 becomes 0, and 10 means no valid number has these nine digits.
  static func checkDigit(_ nine: [Int]) -> Int? {
    let sum = zip(nine, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
    let check = 11 - sum % 11
    switch check {
    case 11: return 0
    case 10: return nil
    default: return check
    }
  }
}

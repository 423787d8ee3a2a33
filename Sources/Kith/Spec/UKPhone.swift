import Foundation

/// UK phone numbers as people write them, reduced to E.164 (`+447700900123`).
enum UKPhone {
  /// The E.164 form of `text`, or `nil` when it is not a UK number.
  ///
  /// Spaces, hyphens, dots, slashes and parentheses are ignored, as is the `(0)` often written after
  /// `+44`. Accepted prefixes: `+44`, `0044`, `44` (with 12 digits in all) and the national `0`.
  /// The national number must then have 10 digits, or 9 for the few geographic numbers (starting
  /// 1) that are that short, and not start with 0.
  static func e164(_ text: String) -> String? {
    var compact = ""
    for character in text {
      if " -./()".contains(character) { continue }
      guard character.isASCII && (character.isNumber || (character == "+" && compact.isEmpty))
      else { return nil }
      compact.append(character)
    }
    if text.contains("(0)") && (compact.hasPrefix("+440") || compact.hasPrefix("00440")) {
      compact = compact.replacingFirst("440", with: "44")
    }
    let national: Substring
    if compact.hasPrefix("+44") {
      national = compact.dropFirst(3)
    } else if compact.hasPrefix("0044") {
      national = compact.dropFirst(4)
    } else if compact.hasPrefix("44") && compact.count == 12 {
      national = compact.dropFirst(2)
    } else if compact.hasPrefix("0") && !compact.hasPrefix("00") {
      national = compact.dropFirst(1)
    } else {
      return nil
    }
    guard national.count == 10 || (national.count == 9 && national.first == "1"),
      national.first != "0", !national.contains("+")
    else { return nil }
    return "+44" + national
  }
}

extension String {
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}

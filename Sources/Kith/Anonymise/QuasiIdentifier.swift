/// A participant's quasi-identifier before generalisation.
enum QuasiBase: Hashable {
  /// Age in whole years.
  case age(Int)
  /// A group name (gender, ethnicity) or a postcode's outward code.
  case text(String)
}

/// One rung of generalisation after another for one quasi-identifier, ending in suppression.
struct Generaliser {
  let spec: QuasiIdentifierSpec
  private let ageLadder: [[Int]]

  init(spec: QuasiIdentifierSpec) {
    self.spec = spec
    var ladder = [spec.bands]
    while let last = ladder.last, last.count > 1 {
      ladder.append(stride(from: 0, to: last.count, by: 2).map { last[$0] })
    }
    ageLadder = ladder
  }

  /// How many levels come before suppression (level `levels` is `*`).
  var levels: Int {
    switch spec.kind {
    case .age: ageLadder.count
    case .postcode: 2
    case .gender, .ethnicity: 1
    }
  }

  /// The released value of `base` at `level`; missing stays missing (its own category).
  func value(_ base: QuasiBase?, level: Int) -> String {
    guard let base else { return "" }
    guard level < levels else { return DisclosureRule.suppressed }
    switch base {
    case .age(let age): return Self.band(age, bounds: ageLadder[level])
    case .text(let text) where spec.kind == .postcode && level == 1:
      return String(text.prefix { $0.isLetter })
    case .text(let text): return text
    }
  }

  /// The level in words, for the run log.
  func describe(level: Int) -> String {
    guard level < levels else { return "suppressed" }
    switch spec.kind {
    case .age: return "bands from " + ageLadder[level].map(String.init).joined(separator: ", ")
    case .postcode: return level == 0 ? "postcode district" : "postcode area"
    case .gender, .ethnicity: return "declared groups"
    }
  }

  /// `18–24`, `65+`, or `under 18`.
  static func band(_ age: Int, bounds: [Int]) -> String {
    guard let first = bounds.first, age >= first else { return "under \(bounds.first ?? 0)" }
    let index = bounds.lastIndex { $0 <= age } ?? 0
    return index == bounds.count - 1
      ? "\(bounds[index])+" : "\(bounds[index])–\(bounds[index + 1] - 1)"
  }
}

/// Reads quasi-identifier answers into their base form.
enum QuasiParser {
  /// The base value of `answer` (trimmed, not blank), or why it cannot be used.
  static func parse(_ answer: String, spec: QuasiIdentifierSpec) -> Result<QuasiValue, RowRejection>
  {
    switch spec.kind {
    case .age:
      guard let day = spec.dateFormat.day(answer) else {
        return .failure(
          RowRejection(
            reason: "'\(answer)' is not a date of birth \(spec.dateFormat.expectation)",
            column: spec.column.value))
      }
      return .success(.birthDay(day))
    case .gender, .ethnicity:
      let key = answer.lowercased()
      guard let group = spec.groups.first(where: { $0.answers.contains(key) }) else {
        return .failure(
          RowRejection(
            reason: "'\(answer)' is in none of the groups declared for \(spec.kind.rawValue) ("
              + spec.groups.map(\.name).joined(separator: ", ") + ")", column: spec.column.value))
      }
      return .success(.group(group.name))
    case .postcode:
      guard let outward = outwardCode(answer) else {
        return .failure(
          RowRejection(reason: "'\(answer)' is not a UK postcode", column: spec.column.value))
      }
      return .success(.group(outward))
    }
  }

  /// The outward code of a full UK postcode (`LS6 2AB` → `LS6`), or `nil`.
  static func outwardCode(_ postcode: String) -> String? {
    let compact = postcode.uppercased().filter { $0 != " " }
    guard (5...7).contains(compact.count),
      compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
    else { return nil }
    let inward = compact.suffix(3)
    let outward = compact.dropLast(3)
    guard let digit = inward.first, digit.isNumber, inward.dropFirst().allSatisfy(\.isLetter),
      let first = outward.first, first.isLetter, outward.contains(where: \.isNumber)
    else { return nil }
    return String(outward)
  }
}

/// A quasi-identifier as read from a row, before ages are worked out.
enum QuasiValue: Hashable, Codable {
  /// A date of birth, as a day number.
  case birthDay(Int)
  /// A group name or an outward code.
  case group(String)
}

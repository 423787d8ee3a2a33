import Foundation
import KithCSV

/// The last check before a release is published: every field of every released file is searched for
/// the identifying values seen in the inputs, and for anything shaped like an email address or a UK
/// phone number.
///
/// A finding names the file and column, never the value.
struct LeakGate {
  let sensitive: SensitiveValues

  /// Where an identifying value was found.
  struct Finding: Equatable, CustomStringConvertible {
    var file: String
    var column: String
    var what: String

    var description: String { "\(file), column `\(column)`: \(what)" }
  }

  /// Scans the CSV files `paths` (relative to `folder`); returns every column that leaks.
  func scan(folder: URL, paths: [String]) throws -> [Finding] {
    var findings: [Finding] = []
    for path in paths {
      let reader = try CSVReader(
        path: folder.appendingPathComponent(path).path, displayName: path,
        dialect: CSVDialect(delimiter: .comma, encoding: .utf8, headerRows: 1, trimsSpaces: false))
      let names = reader.header.names
      var reported: Set<Int> = []
      for (index, name) in names.enumerated() {
        if let what = classify(name) {
          findings.append(Finding(file: path, column: "(header) \(index + 1)", what: what))
        }
      }
      try reader.forEachRow { row in
        for index in 0..<row.count where !reported.contains(index) {
          if let what = classify(row.string(index)) {
            reported.insert(index)
            findings.append(
              Finding(
                file: path, column: index < names.count ? names[index] : "\(index + 1)", what: what)
            )
          }
        }
      }
    }
    return findings
  }

  /// What `text` holds that must not be released, if anything.
  func classify(_ text: String) -> String? {
    if sensitive.occurs(in: text) { return "a value that identifies a participant in the inputs" }
    let words = SensitiveValues.words(of: text)
    if words.contains(where: Self.looksLikeEmail) { return "an email address" }
    if words.contains(where: Self.looksLikePhone) || Self.looksLikePhone(Self.compact(text)) {
      return "a phone number"
    }
    return nil
  }

  static func looksLikeEmail(_ word: String) -> Bool {
    let parts = word.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
  }

  /// A UK number: `0` and 10 digits, or `+44`/`0044` and 10 digits, as one word.
  static func looksLikePhone(_ word: String) -> Bool {
    var digits = Substring(word)
    if digits.hasPrefix("+44") {
      digits = digits.dropFirst(3)
    } else if digits.hasPrefix("0044") {
      digits = digits.dropFirst(4)
    } else if digits.hasPrefix("0") {
      digits = digits.dropFirst()
    } else {
      return false
    }
    return digits.count == 10 && digits.allSatisfy(\.isASCIIDigit)
  }

  private static func compact(_ text: String) -> String {
    String(text.filter { !" -()".contains($0) })
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

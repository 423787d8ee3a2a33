/// How Kith names the columns it releases.
package enum ColumnName {
  /// `Age band` → `age_band`: lower case, words joined by `_`.
  package static func snakeCase(_ name: String) -> String {
    let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
    return words.joined(separator: "_")
  }
}

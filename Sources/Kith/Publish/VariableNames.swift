/// Variable names legal in SPSS and Stata, made from the CSV's column names.
///
/// A name is unchanged where it is legal, else with illegal characters as `_`, a letter in front of a leading digit,
/// cut to the format's length, and a number added to any name already taken (case-insensitive,
/// as both formats compare them). The codebook lists every name that differs from its column.
enum VariableNames {
  /// The statistical formats and their rules.
  enum Format {
    /// SPSS: up to 64 bytes; letters, digits, `_` and `.`, not ending in `.` or `_`.
    case spss
    /// Stata: up to 32 characters; ASCII letters, digits and `_`.
    case stata

    var maximumLength: Int { self == .spss ? 64 : 32 }

    /// Words the format keeps for itself.
    var reserved: Set<String> {
      switch self {
      case .spss:
        ["all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"]
      case .stata:
        [
          "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
          "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using", "with",
        ]
      }
    }
  }

  /// The names of `columns` in `format`, in order, each legal and all different.
  static func names(_ columns: [String], format: Format) -> [String] {
    var taken: Set<String> = []
    return columns.map { column in
      let base = legal(column, format: format)
      var name = base
      var number = 2
      while taken.contains(name.lowercased()) {
        let suffix = "_\(number)"
        name = String(base.prefix(format.maximumLength - suffix.count)) + suffix
        number += 1
      }
      taken.insert(name.lowercased())
      return name
    }
  }

  /// `column` with what `format` does not allow replaced.
  static func legal(_ column: String, format: Format) -> String {
    var name = String(
      column.map { character -> Character in
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
          ? character : "_"
      })
    if name.first.map({ !$0.isLetter }) ?? true { name = "v" + name }
    if format.reserved.contains(name.lowercased()) { name += "_" }
    name = String(name.prefix(format.maximumLength))
    if format == .spss {
      while name.count > 1 && (name.hasSuffix("_") || name.hasSuffix(".")) { name.removeLast() }
      if format.reserved.contains(name.lowercased()) { name = "v_" + name }
    }
    return name
  }
}

/// The header rows of a CSV file: the column names (first row) and any further header rows, such
/// as Qualtrics' question texts and import ids.
public struct CSVHeader: Sendable, Equatable {
  /// The column names, trimmed of surrounding whitespace.
  public let names: [String]
  /// The header rows after the first, as read.
  public let extraRows: [[String]]

  /// Creates a header from its rows; the first names the columns.
  public init(rows: [[String]]) {
    names = (rows.first ?? []).map { $0.trimmingWhitespace }
    extraRows = Array(rows.dropFirst())
  }

  /// The 1-based numbers of columns that have no name.
  public var blankColumns: [Int] {
    names.indices.filter { names[$0].isEmpty }.map { $0 + 1 }
  }

  /// Names that more than one column has, in order of first appearance.
  public var duplicateNames: [String] {
    var seen: Set<String> = []
    var reported: Set<String> = []
    var result: [String] = []
    for name in names where !name.isEmpty {
      if !seen.insert(name).inserted, reported.insert(name).inserted { result.append(name) }
    }
    return result
  }

  /// The 0-based positions of every column called `name`.
  public func indices(of name: String) -> [Int] {
    names.indices.filter { names[$0] == name }
  }

  /// Problems with the names, in words, for the run log and `kith check`.
  public var issues: [String] {
    blankColumns.map { "column \($0) has no name" }
      + duplicateNames.map { name in
        "\(indices(of: name).count) columns are called '\(name)' "
          + "(columns \(indices(of: name).map { String($0 + 1) }.joined(separator: ", ")))"
      }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  var trimmingWhitespace: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}

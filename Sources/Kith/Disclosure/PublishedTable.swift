/// A study table as a reader of the release sees it: the values of its CSV, and how precisely
/// each number is published — what an attack (``Attacker``) starts from.
struct PublishedTable: Sendable {
  /// One published value.
  struct Value: Sendable, Equatable {
    /// The text of the CSV cell (`12`, `39.1`, `*`, a label, or empty).
    var text: String
    /// How far the true value may be from the number published (half its last place); `nil`
    /// for text, blanks and `*`.
    var halfWidth: Double?

    /// Whether the value is suppressed or withheld.
    var isSuppressed: Bool { text == DisclosureRule.suppressed }

    /// The number published, when the value is one.
    var number: Double? { halfWidth == nil ? nil : Double(text) }
  }

  /// The table's id (`t3_change`).
  let id: String
  /// Which study table it is, when its id is one of Kith's.
  var studyTable: StudyTableID? { StudyTableID(rawValue: id) }
  /// The CSV's column names.
  let header: [String]
  /// The rows, each as long as the header.
  let rows: [[Value]]

  /// The value in `row` of the column `name`, if the table has that column.
  func value(_ row: Int, _ name: String) -> Value? {
    header.firstIndex(of: name).map { rows[row][$0] }
  }

  /// The text in `row` of the column `name` (empty when the table has no such column).
  func text(_ row: Int, _ name: String) -> String { value(row, name)?.text ?? "" }
}

/// Something a reader could work out from the published tables that the disclosure rule hides.
struct Recovery: Sendable, Equatable, CustomStringConvertible {
  /// What was recovered.
  enum Kind: String, Sendable {
    /// The table has a row per person.
    case personRows = "rows that each describe one person"
    /// A suppressed count, from published sums.
    case suppressedCount = "a suppressed count, by adding and subtracting published ones"
    /// A small count no cell publishes (people in no group), from published sums.
    case unpublishedCount = "a small count the tables do not publish, from published sums"
    /// A statistic published over people whose count is suppressed.
    case statisticOfSuppressedCount = "a statistic over people whose count is suppressed"
    /// The exact number of people behind rounded statistics.
    case exactCount = "the exact number of people behind a rounded count, from its statistics"
    /// A withheld group statistic, from the whole study's and the other groups'.
    case groupStatistic = "a withheld group statistic, from the others of its sum"
    /// A count from a percentage and its published part or whole.
    case percentage = "a count, from a percentage and its part or whole"
    /// A site's suppressed count, from a merged count and the other sites' published ones.
    case siteDifference =
      "a count a site suppressed, from this merged count minus the sites' published ones"
  }

  /// What the protection should do about it.
  enum Remedy: Sendable, Equatable {
    /// Suppress one more count beside one of these cells (table, row, column).
    case suppressBeside([Cell])
    /// Publish these cells one step coarser.
    case coarsen([Cell])
    /// Publish these cells' whole columns one step coarser (percentages, whose precision a
    /// reader cannot see in a value and the table states for the column).
    case coarsenColumns([Cell])
  }

  /// A cell of a published table.
  struct Cell: Sendable, Hashable {
    var table: String
    var row: Int
    var column: String
  }

  var kind: Kind
  /// Where: the table, row (from 1, after the header) and column.
  var cell: Cell
  var remedy: Remedy

  /// Where and what, never the value.
  var description: String {
    "tables/\(cell.table).csv, row \(cell.row + 1), column `\(cell.column)`: \(kind.rawValue)"
  }
}

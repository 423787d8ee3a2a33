/// A study table before disclosure and formatting.
///
/// Named columns, rows of cells that say what kind of number each is, and notes;
/// ``TableRenderer`` publishes it.
struct StudyTable {
  /// The table, whose id is the file name without extension (`t3_change`).
  var id: StudyTableID
  /// The title above the table.
  var title: String
  /// The columns, in order.
  var columns: [StudyColumn]
  /// The rows, each as long as ``columns``.
  var rows: [[TableCell]]
  /// Notes under the table (the disclosure note is added when publishing).
  var notes: [String] = []
  /// The counts of this table that add up (levels to their group, groups to the whole study).
  var relations: [CountRelation] = []
  /// Counts the relations use that no cell publishes (people in no group), with their values.
  var hiddenCounts: [CountKey: Int] = [:]
  /// Sums whose members' means are of one measure (a scale's score in each group and the
  /// whole study): a member's sum of scores is the total's minus the others'.
  var statisticSums: [CountRelation] = []

  /// The table's own words — title, notes, column headings and descriptions, and the labels of
  /// its text cells — except `data` (group, theme and code names), which the leak gate searches
  /// like any released value.
  func vocabulary(excluding data: Set<String>) -> [String] {
    var words = [title] + notes
    for column in columns where !data.contains(column.label) {
      words += [column.name, column.label, column.description]
    }
    for row in rows {
      for case .text(let text) in row where !data.contains(text) { words.append(text) }
    }
    return words
  }
}

/// One column of a study table.
struct StudyColumn {
  /// The CSV header (`baseline_mean`).
  var name: String
  /// The heading in the Markdown, HTML and LaTeX renderings (`Baseline mean`).
  var label: String
  /// The Table Schema type of the CSV column: `string`, `integer` or `number`.
  var type: String
  /// What the column holds, for the data package.
  var description: String

  /// A column: its CSV name, heading, Table Schema type and description.
  init(_ name: String, _ label: String, _ type: String, _ description: String) {
    (self.name, self.label, self.type, self.description) = (name, label, type, description)
  }
}

/// A cell: what it is decides how disclosure treats it and how it is formatted.
enum TableCell {
  /// A label: shown as it is.
  case text(String)
  /// A count of the people of population `key`: suppressed or rounded by the disclosure rule,
  /// and suppressed in every table alike.
  case people(Int, key: CountKey)
  /// A percentage of people: `part` (population `partKey`) of `whole` (`wholeKey`), computed
  /// from the unrounded counts.
  case percent(Int, of: Int, part: CountKey, whole: CountKey)
  /// A statistic over the `n` people of population `of`: withheld when their count is
  /// suppressed or below the rule's minimum, coarsened when it is rounded.
  case statistic(Double, Statistic, n: Int, of: CountKey)
  /// A whole number that counts no people (items).
  case integer(Int)
  /// A whole number from which the exact count of the `n` people of `of` can be read (degrees
  /// of freedom, n − 1): shown only when that count is published exactly.
  case revealsCount(Int, n: Int, of: CountKey)
  /// A confidence limit of a proportion, `count` (population `part`) of `n` (`whole`): shown
  /// at a precision that cannot give the counts back.
  case ratio(Double, Statistic, count: Int, n: Int, part: CountKey, whole: CountKey)
  /// One participant's own measure in a table of participants (the private case-ordered
  /// displays): shown as it is.
  case value(Double, Statistic)
  /// A number fixed in advance rather than computed from people (a published threshold).
  case constant(Double, Statistic)
  /// Nothing to show.
  case blank
}

/// The kinds of statistic, each with its own number of decimals (``TableFormat``).
enum Statistic {
  /// A score: mean, SD, median, quartile, change, confidence limit, threshold.
  case score
  /// A t statistic.
  case t
  /// A p-value.
  case p
  /// A standardised effect size (d_z, g_av).
  case effect
  /// A correlation coefficient or Cronbach's alpha.
  case coefficient
  /// A regression slope.
  case slope
  /// A number of sessions or days (medians and quartiles of engagement).
  case amount
}

import Foundation

/// The evaluator's report: sections of charts, words and tables drawn only from the published,
/// disclosure-controlled values of a ``ReportSource``, each section present when the study has
/// its data.
struct StudyReport {
  let source: ReportSource
  /// The heading of the page (`report: {title}`), else the study's name.
  var title: String

  /// The sections, in reading order.
  var sections: [ReportSection] {
    [glance, sites, flow, engagement, outcomes, doseResponse, isolation, themes].compactMap { $0 }
      + [methods]
  }

  func table(_ id: StudyTableID) -> ReportTable? { ReportTable(source.tables[id]) }

  /// The reliable change categories as T3 and J2 publish them: each part's name and column.
  static let reliableChange = [
    (part: "Reliably improved", column: "reliably_improved"),
    (part: "No reliable change", column: "no_reliable_change"),
    (part: "Reliably deteriorated", column: "reliably_deteriorated"),
  ]

  /// Beyond this many groups a chart of one row per group would be unreadable (and the page
  /// large): the charts show the study as a whole, and say where each group's values are.
  static let groupsDrawn = 12

  /// The rows of `table` to draw, by `column`'s group: every group's, or only the whole
  /// study's (the rows whose group starts `All `) for a study of more than ``groupsDrawn``.
  func drawnRows(_ table: ReportTable, column: String) -> (rows: [[String]], note: String?) {
    let groups = Set(table.rows.map { table.text($0, column) }.filter { !$0.hasPrefix("All ") })
    guard groups.count > Self.groupsDrawn else { return (table.rows, nil) }
    return (
      table.rows.filter { table.text($0, column).hasPrefix("All ") },
      "The study has \(groups.count) groups: the charts show it as a whole; each group's values "
        + "are in the release's study tables."
    )
  }

  // MARK: Words

  /// `in any input` → `In any input`.
  static func capitalised(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }

  /// The study tables' measure text without its range and direction:
  /// `WEMWBS (mental wellbeing, 14–70, higher is better)` → `WEMWBS (mental wellbeing)`.
  static func measureName(_ measure: String) -> String {
    guard let open = measure.firstIndex(of: "("), let comma = measure[open...].firstIndex(of: ",")
    else { return measure }
    return String(measure[..<comma]) + ")"
  }
}

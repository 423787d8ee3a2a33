/// One section of the report: a heading, words, charts, and tables of published values.
struct ReportSection {
  /// The section's anchor in the page (`outcomes`).
  var id: String
  var title: String
  /// Paragraphs of plain text.
  var paragraphs: [String] = []
  var charts: [ReportChart] = []
  /// Tables shown as they are (headings, rows), without a chart.
  var tables: [(caption: String, columns: [String], rows: [[String]])] = []
  /// Facts as term and value (`Participants`, `40`).
  var facts: [(term: String, value: String)] = []

  /// The section as the template reads it.
  var context: [String: Any] {
    [
      "id": id, "title": title,
      "paragraphs": paragraphs.map { ["text": $0] },
      "facts": facts.map { ["term": $0.term, "value": $0.value] },
      "hasFacts": !facts.isEmpty,
      "charts": charts.map { chart in
        [
          "id": chart.id, "title": chart.title, "summary": chart.summary, "svg": chart.svg,
          "columns": chart.columns.map { ["name": $0] },
          "rows": chart.rows.map { row in ["cells": row.map { ["text": $0] }] },
        ] as [String: Any]
      },
      "tables": tables.map { table in
        [
          "caption": table.caption, "columns": table.columns.map { ["name": $0] },
          "rows": table.rows.map { row in ["cells": row.map { ["text": $0] }] },
        ] as [String: Any]
      },
    ]
  }
}

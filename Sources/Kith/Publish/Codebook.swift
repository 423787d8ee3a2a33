import Foundation

/// `release/codebook.md` and `release/codebook.html`: every data file and variable — its names
/// in SPSS and Stata, type, unit, label, values and their labels, missing codes, definition, and
/// how many values it holds under the disclosure rule — made from the same descriptors and rows
/// as the `.sav` and `.dta` files (written with them).
struct Codebook {
  let spec: PipelineSpec
  /// The data files as labelled tables, by their CSV's path.
  let tables: [(path: String, table: LabelledTable)]

  /// The codebook's two files, or none without labelled tables.
  var files: [(path: String, data: Data)] {
    guard !tables.isEmpty else { return [] }
    return [("codebook.md", Data(markdown.utf8)), ("codebook.html", Data(html.utf8))]
  }

  /// One variable's row.
  struct Entry {
    var column: String
    var spss: String
    var stata: String
    var type: String
    var unit: String
    var label: String
    var values: String
    var definition: String
    var count: String
  }

  /// The variables of each file, in order.
  var entries: [(path: String, rows: Int, entries: [Entry])] {
    tables.map { path, table in
      let schema = DataDictionary.schema(
        path: path, header: table.variables.map(\.column), spec: spec)
      let definitions = Dictionary(schema.fields.map { ($0.name, $0.description) }) { a, _ in a }
      let columns = table.variables.map(\.column)
      let spss = VariableNames.names(columns, format: .spss)
      let stata = VariableNames.names(columns, format: .stata)
      let entries = table.variables.enumerated().map { index, variable in
        let present = table.rows.reduce(0) {
          if case .missing = $1[index] { return $0 }
          return $0 + 1
        }
        return Entry(
          column: variable.column, spss: spss[index], stata: stata[index],
          type: Self.type(variable.kind), unit: unit(variable),
          label: variable.label,
          values: variable.valueLabels.map { "\($0.code) = \($0.label)" }.joined(separator: "; "),
          definition: definitions[variable.column] ?? "", count: spec.disclosure.count(present))
      }
      return (path, table.rows.count, entries)
    }
  }

  /// How missing values are coded, in words.
  static let missingNote = [
    "`*` in the CSV (\(LabelledTable.Missing.withheld.label)): SPSS user-missing "
      + "\(Int(LabelledTable.Missing.withheld.spssCode)) (text: `*`), Stata `.a`.",
    "An empty cell (\(LabelledTable.Missing.empty.label)): SPSS user-missing "
      + "\(Int(LabelledTable.Missing.empty.spssCode)) (dates: system-missing), Stata `.b`.",
  ]

  private static func type(_ kind: LabelledTable.Kind) -> String {
    switch kind {
    case .number(let decimals): decimals == 0 ? "whole number" : "number (\(decimals) decimals)"
    case .coded: "code (labelled)"
    case .date: "date"
    case .text: "text"
    }
  }

  /// The unit a variable's name says it is in.
  private func unit(_ variable: LabelledTable.Variable) -> String {
    let name = variable.column
    if variable.kind == .date { return "day" }
    if variable.kind == .coded { return "" }
    if name.hasSuffix("_days") { return "days" }
    if name.contains("sessions") { return "sessions" }
    if name == "groups_attended" { return "groups" }
    if ["peers_met", "regular_peers", "mean_coattendees", "members"].contains(name) {
      return "people"
    }
    if name == "score" || spec.waves.contains(where: { name.hasSuffix("_" + $0) }) {
      return "score points"
    }
    return ""
  }

  /// Each instrument scored: its version, source and every scale's range and missing-item rule.
  private var instruments: [(name: String, text: String)] {
    spec.instruments.map(\.value).map { instrument in
      (
        "\(instrument.name) (`\(instrument.id)`), version \(instrument.version)",
        instrument.citation + (instrument.citation.hasSuffix(".") ? " " : ". ")
          + instrument.scales.map { scale in
            let range = instrument.scoreRange(scale)
            return "\(scale.name) (\(range.lowerBound)–\(range.upperBound), "
              + "\(scale.higherIsBetter ? "higher is better" : "higher is worse")): "
              + scale.missing.words
          }.joined(separator: "; ") + "."
      )
    }
  }

  // MARK: - Markdown and HTML

  private static let headings = [
    "Variable (CSV)", "SPSS", "Stata", "Type", "Unit", "Label", "Values", "Non-missing",
    "Definition",
  ]

  private func cells(_ entry: Entry) -> [String] {
    [
      entry.column, entry.spss, entry.stata, entry.type, entry.unit, entry.label, entry.values,
      entry.count, entry.definition,
    ]
  }

  private var introduction: [String] {
    [
      "Kith \(KithVersion.current), disclosure rule \(spec.disclosure.name): every count of "
        + "values below is shown as the rule shows counts of people.",
      "Each data file is in the release as CSV, and as SPSS (`.sav`) and Stata (`.dta`) files "
        + "where the pipeline's `outputs.formats` asks for them. A variable's SPSS or Stata "
        + "name differs from its CSV column only where the format does not allow the column's "
        + "name. Missing values:",
    ]
  }

  var markdown: String {
    var lines = ["# Codebook: \(spec.study)", ""] + introduction.flatMap { [$0, ""] }
    lines += Self.missingNote.map { "- " + $0 } + [""]
    lines += ["## Instruments", "", "How the scores were derived:", ""]
    lines += instruments.map { "- **\($0.name)**: \($0.text)" } + [""]
    for (path, rows, entries) in entries {
      lines += ["## \(path)", "", "\(spec.disclosure.count(rows)) rows.", ""]
      lines.append("| " + Self.headings.joined(separator: " | ") + " |")
      lines.append("|" + String(repeating: " --- |", count: Self.headings.count))
      for entry in entries {
        lines.append(
          "| "
            + cells(entry).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(
              separator: " | ") + " |")
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  var html: String {
    let escape = MarkupText.escaped
    var page = [
      "<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
      "<title>Codebook: \(escape(spec.study))</title>",
      "<style>body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}</style>",
      "</head><body>", "<h1>Codebook: \(escape(spec.study))</h1>",
    ]
    page += introduction.map { "<p>\(escape($0))</p>" }
    page.append("<ul>" + Self.missingNote.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
    page.append("<h2>Instruments</h2><p>How the scores were derived:</p><ul>")
    page += instruments.map { "<li><strong>\(escape($0.name))</strong>: \(escape($0.text))</li>" }
    page.append("</ul>")
    for (path, rows, entries) in entries {
      page.append("<h2>\(escape(path))</h2><p>\(spec.disclosure.count(rows)) rows.</p>")
      page.append(
        "<table><thead><tr>" + Self.headings.map { "<th>\(escape($0))</th>" }.joined()
          + "</tr></thead><tbody>")
      for entry in entries {
        page.append("<tr>" + cells(entry).map { "<td>\(escape($0))</td>" }.joined() + "</tr>")
      }
      page.append("</tbody></table>")
    }
    page.append("</body></html>")
    return page.joined(separator: "\n") + "\n"
  }
}

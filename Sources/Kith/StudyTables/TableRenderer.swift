import Foundation
import KithCSV

/// Publishes a study table: every cell through the release's disclosure decisions
/// (``TableProtection``: one code path for every table), then written as a tidy CSV and as
/// Markdown, HTML and LaTeX (booktabs).
struct TableRenderer {
  let protection: TableProtection

  var rule: DisclosureRule { protection.rule }

  /// The four files of one table, under `tables/`, and what it publishes for an attack.
  struct Rendered {
    /// `tables/<id>.csv`, published with the data tables (gated, in the data package).
    var csv: Table
    /// The table as a sheet of the workbook (`outputs.formats: [xlsx]`).
    var sheet: WorkbookSheet
    /// `tables/<id>.md`, `.html` and `.tex`.
    var documents: [(path: String, text: String)]
    /// The CSV's values with their precision, as a reader sees them.
    var published: PublishedTable
  }

  /// A cell after disclosure: the CSV value and, per format, the displayed text.
  private struct Shown {
    var machine: String
    /// The display text with `−` for minus, before each format's escaping.
    var display: String
    var isNumber: Bool
    /// How far the true value may be from the published number (half its last place); `nil`
    /// for text, blanks and `*`.
    var halfWidth: Double?

    static let suppressed = Shown(
      machine: DisclosureRule.suppressed, display: DisclosureRule.suppressed, isNumber: true,
      halfWidth: nil)
  }

  /// The note every table carries: how its counts, percentages and statistics were protected.
  var disclosureNote: String {
    var parts = [
      "Disclosure control, \(rule.summary). * marks a value withheld or suppressed under this "
        + "rule, or suppressed beside one so that it cannot be worked out from totals."
    ]
    if rule.roundTo > 1 {
      parts.append(
        "Percentages are computed from the unrounded counts and shown as whole numbers (or "
          + "coarser, where a finer one would give a count back); means and other statistics "
          + "are rounded so that they cannot give back the exact number of people behind them, "
          + "and t and degrees of freedom are not shown.")
    } else {
      parts.append("Percentages are computed from the counts and shown as whole numbers.")
    }
    return parts.joined(separator: " ")
  }

  /// Publishes `table`.
  func render(_ table: StudyTable) -> Rendered {
    let shown = table.rows.enumerated().map { index, row in
      zip(row, table.columns).map {
        show(
          $0, cell: Recovery.Cell(table: table.id.rawValue, row: index, column: $1.name), minus: "−"
        )
      }
    }
    // Percentages rounded coarser than whole numbers, by column: a reader must be told.
    let steps = table.columns.map { column -> Int? in
      let isPercent = table.rows.contains {
        if case .percent = $0[table.columns.firstIndex { $0.name == column.name } ?? 0] {
          return true
        }
        return false
      }
      guard isPercent else { return nil }
      return protection.percentStep(
        column: Recovery.Cell(table: table.id.rawValue, row: -1, column: column.name)) ?? 0
    }
    let coarse = zip(table.columns, steps).compactMap { column, step in
      step.flatMap { $0 > 1 ? (column.label, $0) : nil }
    }
    var notes = table.notes + [disclosureNote]
    if !coarse.isEmpty {
      notes.append(
        "Percentages rounded to the nearest "
          + coarse.map { "\($0.1) (column \"\($0.0)\")" }.joined(separator: "; ")
          + ": a whole number would give a count back.")
    }
    var csv = Table(
      path: "tables/\(table.id.rawValue).csv", header: table.columns.map(\.name),
      rows: shown.map { $0.map(\.machine) })
    csv.schema = TableSchema(
      fields: zip(table.columns, steps).map { column, step in
        TableSchema.Field(
          name: column.name, type: column.type,
          description: column.description
            + (step.map { $0 > 1 ? " Rounded to the nearest \($0)." : "" } ?? ""))
      }, primaryKey: [])
    return Rendered(
      csv: csv,
      sheet: WorkbookSheet(
        name: table.id.rawValue, title: table.title, header: table.columns.map(\.name),
        rows: shown.map { $0.map(\.machine) }, types: table.columns.map(\.type), notes: notes),
      documents: [
        ("tables/\(table.id.rawValue).md", markdown(table, shown, notes)),
        ("tables/\(table.id.rawValue).html", html(table, shown, notes)),
        ("tables/\(table.id.rawValue).tex", latex(table, shown, notes)),
      ],
      published: PublishedTable(
        id: table.id.rawValue, header: table.columns.map(\.name),
        rows: shown.map { row in
          row.map { PublishedTable.Value(text: $0.machine, halfWidth: $0.halfWidth) }
        }))
  }

  /// Publishes a private table (the case-level displays): no disclosure control, as computed.
  func renderPrivate(_ table: StudyTable) -> [(path: String, text: String)] {
    let shown = table.rows.enumerated().map { index, row in
      zip(row, table.columns).map {
        show(
          $0, cell: Recovery.Cell(table: table.id.rawValue, row: index, column: $1.name), minus: "−"
        )
      }
    }
    return [
      (
        "tables/\(table.id.rawValue).csv",
        String(
          decoding: CSVWriter.encode(
            [table.columns.map(\.name)] + shown.map { $0.map(\.machine) }), as: UTF8.self)
      ),
      ("tables/\(table.id.rawValue).md", markdown(table, shown, table.notes)),
    ]
  }

  /// The displayed text of `columns` of every row, for the terminal (`minus` as given).
  func displayRows(_ table: StudyTable, columns: [String], minus: String) -> [[String: String]] {
    let indices = columns.compactMap { name in table.columns.firstIndex { $0.name == name } }
    return table.rows.enumerated().map { index, row in
      Dictionary(
        uniqueKeysWithValues: indices.map {
          let name = table.columns[$0].name
          let cell = Recovery.Cell(table: table.id.rawValue, row: index, column: name)
          return (name, show(row[$0], cell: cell, minus: minus).display)
        })
    }
  }

  private func show(_ cell: TableCell, cell place: Recovery.Cell, minus: String) -> Shown {
    switch cell {
    case .text(let text):
      return Shown(machine: text, display: text, isNumber: false, halfWidth: nil)
    case .people(let n, let key):
      guard protection.shows(key) else { return .suppressed }
      let value = rule.count(n)
      return Shown(machine: value, display: value, isNumber: true, halfWidth: 0)
    case .percent(let part, let whole, let partKey, let wholeKey):
      guard whole > 0 else {
        return Shown(machine: "", display: "", isNumber: true, halfWidth: nil)
      }
      guard let step = protection.percentStep(part: partKey, whole: wholeKey, cell: place)
      else { return .suppressed }
      let percent = 100 * Double(part) / Double(whole) / Double(step)
      let text = String(Int(percent.rounded(.toNearestOrAwayFromZero)) * step)
      return Shown(machine: text, display: text, isNumber: true, halfWidth: Double(step) / 2)
    case .statistic(let value, let kind, let n, let key):
      return statistic(
        value, kind, protection.precision(of: kind, n: n, of: key, cell: place), minus: minus)
    case .integer(let value):
      return Shown(machine: String(value), display: String(value), isNumber: true, halfWidth: 0)
    case .revealsCount(let value, let n, let key):
      guard protection.showsCount(of: key, n: n, cell: place) else { return .suppressed }
      return Shown(machine: String(value), display: String(value), isNumber: true, halfWidth: 0)
    case .ratio(let value, let kind, _, let n, let part, let whole):
      return statistic(
        value, kind, protection.ratioPrecision(part: part, whole: whole, n: n, cell: place),
        minus: minus)
    case .constant(let value, let kind), .value(let value, let kind):
      return statistic(value, kind, .full, minus: minus)
    case .blank:
      return Shown(machine: "", display: "", isNumber: false, halfWidth: nil)
    }
  }

  /// A statistic published at `precision`: the CSV to nine decimals, or to the decimals the
  /// protection allows (then the display too); p-values below the last place as `< 0.001`.
  private func statistic(
    _ value: Double, _ kind: Statistic, _ precision: TableProtection.Precision, minus: String
  ) -> Shown {
    if precision == .withheld { return .suppressed }
    guard value.isFinite else {
      return Shown(machine: "", display: "–", isNumber: true, halfWidth: nil)
    }
    switch precision {
    case .withheld:
      return .suppressed
    case .full:
      return Shown(
        machine: TableFormat.machine(value),
        display: TableFormat.display(value, kind, minus: minus),
        isNumber: true, halfWidth: 5e-10)
    case .decimals(let places):
      let display = min(places, TableFormat.decimals(kind))
      let text = TableFormat.display(value, kind, decimals: display, minus: minus)
      return Shown(
        machine: Fixed.format(value, decimals: places), display: text, isNumber: true,
        halfWidth: 0.5 * pow(10, -Double(places)))
    }
  }

  private func markdown(_ table: StudyTable, _ rows: [[Shown]], _ notes: [String]) -> String {
    let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
    let alignment = table.columns.indices.map { column in
      rows.contains { $0[column].isNumber } ? "--:" : ":--"
    }
    var lines = [
      "### \(escape(table.title))", "",
      "| " + table.columns.map { escape($0.label) }.joined(separator: " | ") + " |",
      "|" + alignment.joined(separator: "|") + "|",
    ]
    for row in rows {
      lines.append("| " + row.map { escape($0.display) }.joined(separator: " | ") + " |")
    }
    lines.append("")
    lines += notes.map { "_\(escape($0))_  " }
    return lines.joined(separator: "\n") + "\n"
  }

  private func html(_ table: StudyTable, _ rows: [[Shown]], _ notes: [String]) -> String {
    let escape = MarkupText.escaped
    var lines = [
      "<table class=\"kith-table\" id=\"\(table.id.rawValue)\">",
      "  <caption>\(escape(table.title))</caption>",
      "  <thead>",
      "    <tr>" + table.columns.map { "<th scope=\"col\">\(escape($0.label))</th>" }.joined()
        + "</tr>",
      "  </thead>",
      "  <tbody>",
    ]
    for row in rows {
      let cells = row.map { cell in
        cell.isNumber
          ? "<td style=\"text-align: right\">\(escape(cell.display))</td>"
          : "<td>\(escape(cell.display))</td>"
      }
      lines.append("    <tr>" + cells.joined() + "</tr>")
    }
    lines += ["  </tbody>", "  <tfoot>"]
    lines += notes.map {
      "    <tr><td colspan=\"\(table.columns.count)\">\(escape($0))</td></tr>"
    }
    lines += ["  </tfoot>", "</table>"]
    return lines.joined(separator: "\n") + "\n"
  }

  private func latex(_ table: StudyTable, _ rows: [[Shown]], _ notes: [String]) -> String {
    let spec = table.columns.indices.map { column in
      rows.contains { $0[column].isNumber } ? "r" : "l"
    }.joined()
    var lines = [
      "% Requires \\usepackage{booktabs}.",
      "\\begin{table}[htbp]",
      "\\centering",
      "\\caption{\(Self.latexEscape(table.title))}",
      "\\label{tab:\(table.id.rawValue)}",
      "\\begin{tabular}{\(spec)}",
      "\\toprule",
      table.columns.map { Self.latexEscape($0.label) }.joined(separator: " & ") + " \\\\",
      "\\midrule",
    ]
    for row in rows {
      lines.append(row.map { Self.latexEscape($0.display) }.joined(separator: " & ") + " \\\\")
    }
    lines += ["\\bottomrule", "\\end{tabular}", "\\par\\smallskip"]
    lines += notes.map { "{\\footnotesize \(Self.latexEscape($0))\\par}" }
    lines.append("\\end{table}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text made safe for LaTeX: special characters escaped, and the few non-ASCII symbols the
  /// tables use written as LaTeX (a true minus is `$-$`).
  static func latexEscape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": result += "\\\(character)"
      case "~": result += "\\textasciitilde{}"
      case "^": result += "\\textasciicircum{}"
      case "<": result += "$<$"
      case ">": result += "$>$"
      case "−": result += "$-$"
      case "–": result += "--"
      case "—": result += "---"
      case "≥": result += "$\\geq$"
      case "≤": result += "$\\leq$"
      case "×": result += "$\\times$"
      case "·": result += "$\\cdot$"
      case "α": result += "$\\alpha$"
      case "ρ": result += "$\\rho$"
      case "√": result += "$\\surd$"
      case "±": result += "$\\pm$"
      case "≈": result += "$\\approx$"
      case "≠": result += "$\\neq$"
      case "→": result += "$\\rightarrow$"
      case "…": result += "\\ldots{}"
      case "²": result += "\\textsuperscript{2}"
      default: result.append(character)
      }
    }
    return result
  }
}

/// Publishes a study table: every cell through the disclosure rule (one code path for every
/// table), then written as a tidy CSV and as Markdown, HTML and LaTeX (booktabs).
struct TableRenderer {
  let rule: DisclosureRule

  /// The four files of one table, under `tables/`.
  struct Rendered {
    /// `tables/<id>.csv`, published with the data tables (gated, in the data package).
    var csv: Table
    /// `tables/<id>.md`, `.html` and `.tex`.
    var documents: [(path: String, text: String)]
  }

  /// A cell after disclosure: the CSV value and, per format, the displayed text.
  private struct Shown {
    var machine: String
    /// The display text with `−` for minus, before each format's escaping.
    var display: String
    var isNumber: Bool
  }

  /// The note every table carries: the rule, in words.
  var disclosureNote: String {
    "Disclosure control, \(rule.summary). * marks a value withheld or suppressed "
      + "under this rule."
  }

  /// Publishes `table`.
  func render(_ table: StudyTable) -> Rendered {
    let shown = table.rows.map { $0.map { show($0, minus: "−") } }
    var notes = table.notes + [disclosureNote]
    let revealsCounts = table.rows.contains { row in
      row.contains {
        switch $0 {
        case .revealsCount, .ratio: true
        default: false
        }
      }
    }
    if revealsCounts && rule.roundTo > 1 {
      notes.append(
        "Degrees of freedom and confidence limits of proportions are withheld: they would give "
          + "the exact numbers of people, which this rule rounds.")
    }
    var csv = Table(
      path: "tables/\(table.id).csv", header: table.columns.map(\.name),
      rows: shown.map { $0.map(\.machine) })
    csv.schema = DataDictionary.Schema(
      fields: table.columns.map {
        DataDictionary.Field(name: $0.name, type: $0.type, description: $0.description)
      }, primaryKey: [])
    return Rendered(
      csv: csv,
      documents: [
        ("tables/\(table.id).md", markdown(table, shown, notes)),
        ("tables/\(table.id).html", html(table, shown, notes)),
        ("tables/\(table.id).tex", latex(table, shown, notes)),
      ])
  }

  /// The displayed text of `columns` of every row, for the terminal (`minus` as given).
  func displayRows(_ table: StudyTable, columns: [String], minus: String) -> [[String]] {
    let indices = columns.compactMap { name in table.columns.firstIndex { $0.name == name } }
    return table.rows.map { row in indices.map { show(row[$0], minus: minus).display } }
  }

  private func show(_ cell: TableCell, minus: String) -> Shown {
    switch cell {
    case .text(let text):
      return Shown(machine: text, display: text, isNumber: false)
    case .people(let n):
      let value = rule.count(n)
      return Shown(machine: value, display: value, isNumber: true)
    case .percent(let part, let whole):
      let value = rule.percentage(part, of: whole)
      return Shown(machine: value, display: value, isNumber: true)
    case .statistic(let value, let kind, let n):
      guard rule.allowsStatistic(n: n) else {
        return Shown(
          machine: DisclosureRule.suppressed, display: DisclosureRule.suppressed, isNumber: true)
      }
      guard value.isFinite else { return Shown(machine: "", display: "–", isNumber: true) }
      return Shown(
        machine: TableFormat.machine(value),
        display: TableFormat.display(value, kind, minus: minus), isNumber: true)
    case .integer(let value):
      return Shown(machine: String(value), display: String(value), isNumber: true)
    case .revealsCount(let value, let n):
      guard rule.roundTo == 1, rule.allowsStatistic(n: n) else {
        return Shown(
          machine: DisclosureRule.suppressed, display: DisclosureRule.suppressed, isNumber: true)
      }
      return Shown(machine: String(value), display: String(value), isNumber: true)
    case .ratio(let value, let kind, let count, let n):
      let hidden =
        rule.roundTo > 1 || !rule.allowsStatistic(n: n)
        || rule.count(count) == DisclosureRule.suppressed
        || rule.count(n - count) == DisclosureRule.suppressed
      guard !hidden else {
        return Shown(
          machine: DisclosureRule.suppressed, display: DisclosureRule.suppressed, isNumber: true)
      }
      return show(.statistic(value, kind, n: n), minus: minus)
    case .constant(let value, let kind), .value(let value, let kind):
      return Shown(
        machine: TableFormat.machine(value),
        display: TableFormat.display(value, kind, minus: minus), isNumber: true)
    case .blank:
      return Shown(machine: "", display: "", isNumber: false)
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
    let escape = { (text: String) in
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    var lines = [
      "<table class=\"kith-table\" id=\"\(table.id)\">",
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
      "\\label{tab:\(table.id)}",
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
      default: result.append(character)
      }
    }
    return result
  }
}

import Foundation
import Kith

/// Everything `kith` writes to the terminal: messages on standard error, machine-readable output
/// on standard output.
enum Terminal {
  /// Whether standard error is a terminal (for progress lines).
  static var isInteractive: Bool { isatty(2) != 0 }

  /// Writes a line to standard error, its control characters escaped (``TerminalText``): a
  /// message may quote a cell of an input.
  static func note(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(text) + "\n").utf8))
  }

  /// Writes an error message to standard error, prefixed `error:` unless it already is.
  static func error(_ text: String) {
    note(text.hasPrefix("error:") ? text : "error: " + text)
  }

  /// Writes `text` to standard output, its control characters escaped (``TerminalText``).
  static func output(_ text: String) {
    FileHandle.standardOutput.write(Data((TerminalText.escaped(text) + "\n").utf8))
  }

  /// The loud warning for a demonstration key.
  static func demoKeyWarning(_ source: KeySource) -> String {
    """
    ************************************************************************
    WARNING: \(source.displayPath) is a DEMO key. Anyone can recompute
    its pids. Use it only with synthetic data; for a real study make a key
    with `kith keygen FILE` and keep it out of the repository.
    ************************************************************************
    """
  }

  /// Prints a progress line for inputs over 50 MB, when standard error is a terminal.
  static func progress(_ progress: InputProgress) {
    guard isInteractive, progress.bytesTotal > 50_000_000 else { return }
    let percent = progress.bytesTotal > 0 ? progress.bytesRead * 100 / progress.bytesTotal : 0
    let text = "\rreading \(progress.input): \(percent)% of \(progress.bytesTotal / 1_000_000) MB"
    FileHandle.standardError.write(Data(text.utf8))
    if progress.bytesRead >= progress.bytesTotal { FileHandle.standardError.write(Data("\n".utf8)) }
  }

  /// The run summary as people read it.
  static func summary(_ summary: RunSummary) -> String {
    var lines = [
      "kith \(summary.kithVersion) · \(summary.study) · key \(summary.keyFingerprint ?? "none (check only)")"
    ]
    lines += summary.notices.map { "  note: \($0)" }
    let width = summary.inputs.map(\.name.count).max() ?? 0
    for input in summary.inputs {
      let name = input.name.padding(toLength: width, withPad: " ", startingAt: 0)
      lines.append(
        "  \(name)  \(input.rowsRead) rows: \(input.rowsAccepted) accepted, "
          + "\(input.rowsRejected) rejected  (\(input.path))")
      lines += input.notices.map { "  \(String(repeating: " ", count: width))  note: \($0)" }
      if input.summaryRows > 0 {
        lines.append("  \(String(repeating: " ", count: width))  note: \(input.summaryRowsWords)")
      }
      lines += input.unrecognisedAnswers.map {
        "  \(String(repeating: " ", count: width))  not read: \($0.words); add it under `answers:` "
          + "if it is one"
      }
    }
    lines.append(
      "  \(summary.participants) participants; \(summary.valuesSetAside) answer"
        + (summary.valuesSetAside == 1 ? "" : "s")
        + " set aside as missing (see private/rejects.csv)")
    if summary.safeguardingConcerns > 0 {
      let count = summary.safeguardingConcerns
      let unreadable =
        summary.safeguardingUnreadable == 0
        ? "" : ", \(summary.safeguardingUnreadable) of them unreadable (check by hand)"
      lines.append(
        "  SAFEGUARDING: \(count) risk-item answer\(count == 1 ? "" : "s") to check\(unreadable); "
          + "see \(summary.outputDirectory)/private/safeguarding.csv and follow the study's "
          + "protocol")
    }
    lines += changeView(summary.changes ?? [])
    let verb = summary.wroteOutputs ? "wrote" : "would write"
    let tables = summary.outputs.filter { $0.path.hasPrefix("release/tables/") }
    for output in summary.outputs where !output.path.hasPrefix("release/tables/") {
      let rows = output.path.hasSuffix(".csv") ? " (\(output.rows) rows)" : ""
      lines.append("  \(verb) \(summary.outputDirectory)/\(output.path)\(rows)")
    }
    if !tables.isEmpty {
      lines.append(
        "  \(verb) \(summary.outputDirectory)/release/tables/ (\(tables.count) files: the study "
          + "tables as CSV, Markdown, HTML and LaTeX)")
    }
    return lines.joined(separator: "\n")
  }

  /// T3 in a few aligned lines: pairs, means, change with its CI, p, reliably improved.
  static func changeView(_ rows: [[String: String]]) -> [String] {
    guard !rows.isEmpty else { return [] }
    let header = ["scale", "pairs", "baseline", "follow-up", "change", "95% CI", "p", "improved"]
    let body = rows.map { row -> [String] in
      let cell = { (name: String) in row[name] ?? "" }
      let low = cell("change_ci_low")
      let interval = low.isEmpty ? "" : "[\(low), \(cell("change_ci_high"))]"
      return [
        "\(cell("instrument")) \(cell("scale"))", cell("n_pairs"), cell("baseline_mean"),
        cell("followup_mean"), cell("mean_change"), interval, cell("p_t"),
        cell("reliably_improved"),
      ]
    }
    let widths = header.indices.map { column in
      ([header] + body).map { $0[column].count }.max() ?? 0
    }
    let format = { (cells: [String]) -> String in
      "    "
        + cells.enumerated().map { column, cell in
          let pad = String(repeating: " ", count: widths[column] - cell.count)
          return column == 0 ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }
    return ["  change, first to last wave (T3; release/tables/t3_change.md):", format(header)]
      + body.map(format)
  }

  /// The summary as JSON, keys sorted.
  static func json(_ summary: RunSummary) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(summary), as: UTF8.self)
  }
}

/// The text of `private/run.log`: what was read, what was dropped and why, what was written.
///
/// It lives in the private zone because it names input columns; it never holds an identifier
/// value or the key.
enum RunLog {
  static func text(summary: RunSummary, keySource: KeySource?) -> String {
    var lines = [
      "kith \(summary.kithVersion)",
      "study: \(summary.study)",
      "pipeline: \(summary.pipeline)",
      "key: fingerprint \(summary.keyFingerprint ?? "none")"
        + (keySource.map { " (from \($0.origin.rawValue))" } ?? "")
        + (summary.demoKey ? " — DEMO KEY, not for real data" : ""),
      "disclosure: \(summary.disclosure.summary)",
    ]
    lines += summary.notices.map { "note: \($0)" }
    lines.append("")
    for input in summary.inputs {
      lines += [
        "input \(input.name): \(input.path)",
        "  bytes \(input.bytes), sha256 \(input.sha256)",
        "  read as \(input.encoding), delimiter \(input.delimiter)",
        "  rows read \(input.rowsRead), accepted \(input.rowsAccepted), rejected \(input.rowsRejected)",
        "  dropped columns (not declared): "
          + (input.droppedColumns.isEmpty ? "none" : input.droppedColumns.joined(separator: ", ")),
      ]
      for column in input.columns {
        if let reason = column.reason { lines.append("  kept raw: \(column.column) — \(reason)") }
      }
      lines += input.notices.map { "  note: \($0)" }
      if input.summaryRows > 0 { lines.append("  note: \(input.summaryRowsWords)") }
      lines += input.unrecognisedAnswers.map { "  not read: \($0.words)" }
    }
    lines.append("")
    lines.append("participants: \(summary.participants)")
    if let report = summary.kAnonymity {
      lines.append(
        "k-anonymity: k = \(report.k), \(report.classes) classes, smallest \(report.smallestClass), "
          + "\(report.suppressedParticipants) participants' quasi-identifiers suppressed")
      for (column, level) in report.generalisation.sorted(by: { $0.key < $1.key }) {
        lines.append("  \(column): \(level)")
      }
    }
    lines.append("values set aside as missing: \(summary.valuesSetAside)")
    lines.append(
      "safeguarding concerns: \(summary.safeguardingConcerns) "
        + "(\(summary.safeguardingUnreadable) unreadable)")
    for output in summary.outputs {
      lines.append(
        "wrote \(output.path): \(output.rows) rows, \(output.bytes) bytes, sha256 \(output.sha256)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The privacy report for a data protection officer: what became of every input column, how
/// k-anonymity and the disclosure rule were met, what the scrubber removed and what the leak
/// gate checked — `private/privacy-report.md`, and the same facts under `privacy` in `--json`.
///
/// It names columns and counts, never a value.
public struct PrivacyReport: Sendable, Codable, Equatable {
  /// One input and the fate of each of its columns.
  public struct Input: Sendable, Codable, Equatable {
    /// The input's name in the pipeline.
    public var name: String
    /// Every column, in file order.
    public var columns: [ColumnFate]
  }

  /// What the leak gate checked.
  public struct Gate: Sendable, Codable, Equatable {
    /// Whether the release passed (a report is written only then).
    public var passed: Bool
    /// Identifying values the release was searched for: phrases, name tokens, numbers and
    /// unkeyed hashes, as fingerprints.
    public var identifyingValues: Int
    /// Release files searched.
    public var files: Int
    /// Rows of the release's CSV files searched (documents are searched line by line too).
    public var rows: Int

    enum CodingKeys: String, CodingKey {
      case passed, files, rows
      case identifyingValues = "identifying_values"
    }
  }

  /// The inputs, in pipeline order.
  public var inputs: [Input]
  /// k-anonymity as enforced; `nil` without quasi-identifiers.
  public var kAnonymity: KAnonymityReport?
  /// The small-number rule, in words.
  public var disclosure: String
  /// What the rule did to the study tables' cells; `nil` when none is published.
  public var cells: DisclosureCounts?
  /// What the attacker in the release tried on the study tables; `nil` when none is published.
  public var attack: AttackReport?
  /// Tags the scrubber put into released free text and quotes, by tag.
  public var scrubbed: [String: Int]
  /// The leak gate's result.
  public var gate: Gate

  enum CodingKeys: String, CodingKey {
    case inputs, disclosure, cells, attack, scrubbed, gate
    case kAnonymity = "k_anonymity"
  }

  /// The report as Markdown, the same for the same run.
  public var markdown: String {
    var lines = [
      "# Privacy report", "",
      "What this run did with personal data, for the data protection officer. It names columns "
        + "and counts, never a value. Keep it with `private/`: it describes the inputs.", "",
      "## Columns", "",
    ]
    for input in inputs {
      lines += ["### \(input.name)", "", "| Column | What happened to it |", "|:--|:--|"]
      lines += input.columns.map { column in
        let fate = column.fate + (column.reason.map { "; kept raw because: \($0)" } ?? "")
        return "| \(Self.cell(column.column)) | \(Self.cell(fate)) |"
      }
      lines.append("")
    }
    lines += ["## k-anonymity", ""]
    if let report = kAnonymity {
      lines += [
        "- k = \(report.k): every combination of released quasi-identifiers is shared by at "
          + "least \(report.k) participants (\(report.classes) combinations; the smallest that "
          + "tells anything has \(report.smallestClass)).",
        "- Generalisation reached: "
          + report.generalisation.sorted { $0.key < $1.key }.map { "`\($0.key)` \($0.value)" }
          .joined(separator: "; ") + ".",
        "- Coarsened beyond the declared level: "
          + (report.coarsened.isEmpty ? "none" : report.coarsened.joined(separator: ", ")) + ".",
        "- Participants whose quasi-identifiers were all suppressed: "
          + "\(report.suppressedParticipants); values suppressed: "
          + (report.suppressedValues.isEmpty
            ? "none"
            : report.suppressedValues.sorted { $0.key < $1.key }.map { "`\($0.key)` \($0.value)" }
              .joined(separator: ", ")) + ".",
        "- Priority (most important first): "
          + (report.priority.isEmpty ? "none declared" : report.priority.joined(separator: ", "))
          + ".",
      ]
    } else {
      lines.append("No quasi-identifier is declared: none is released.")
    }
    lines += ["", "## Small numbers", "", "- Rule: \(disclosure)."]
    if let cells {
      lines += [
        "- Counts of people: \(cells.countsShown) shown, \(cells.countsRounded) rounded, "
          + "\(cells.countsSuppressed) suppressed.",
        "- Statistics: \(cells.statisticsShown) shown, \(cells.statisticsWithheld) withheld.",
      ]
      if let attack {
        lines.append(
          "- An attacker given the published tables (sums across tables, means × n, t and d_z, "
            + "p with ρ, CI widths, percentages, decimals) recovers \(attack.recoveries) "
            + "suppressed or unpublished values; from the tables as the rule alone would publish "
            + "them, cell by cell, it would recover \(attack.ruleAlone). Complementary "
            + "suppressions and \(attack.rounds) round\(attack.rounds == 1 ? "" : "s") of coarser "
            + "statistics closed them.")
      }
    } else {
      lines.append("- No study table is published.")
    }
    lines += ["", "## Free text", ""]
    lines.append(
      scrubbed.isEmpty
        ? "Nothing was scrubbed (no kept free text held an identifying value)."
        : "Scrubbed: "
          + scrubbed.sorted { $0.key < $1.key }.map { "\($0.value) × `\($0.key)`" }
          .joined(separator: ", ") + ".")
    lines += [
      "", "## Leak gate", "",
      "\(gate.passed ? "Passed" : "Did not pass"): \(gate.files) release files "
        + "(\(gate.rows) CSV rows, and every line of the documents) searched for "
        + "\(gate.identifyingValues) identifying values (as written, normalised, token by token, "
        + "by digits, and as plain SHA-256).",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text made safe for a Markdown table cell.
  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}

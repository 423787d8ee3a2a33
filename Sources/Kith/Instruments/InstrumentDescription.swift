import Foundation

extension Instrument {
  /// The definition in words an evaluator can check against the instrument's manual: items,
  /// answers, reversals, and for every scale its missing-item rule, bands, cut-off and reliable
  /// change, each with its source and whether that source is primary or secondary.
  public var explanation: String {
    var lines = [
      "\(id) — \(name), definition version \(version)",
      "Citation: \(citation)",
    ]
    if let recall { lines.append("Recall: \(recall)" + (recallDays.map { " (\($0) days)" } ?? "")) }
    let columnList = itemColumns()
    lines.append(
      "Items: \(itemCount), in columns "
        + (columnList.count > 2
          ? "\(columnList[0]) … \(columnList[columnList.count - 1])"
          : columnList.joined(separator: ", ")) + sourced(.items))
    lines.append("Answers: " + answerWords + sourced(.codes))
    for wording in answers.wordings {
      let labelled = wording.labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        .map { "\($0.value) = \($0.key)" }
      lines.append(
        "  Also accepted: \(labelled.joined(separator: "; ")) (\(wording.source.words))")
    }
    for numbering in answers.numberings {
      let first = numbering.reversed ? answers.codes.upperBound : answers.codes.lowerBound
      lines.append(
        "  Numbered `\(numbering.name)`: \(answers.codes.lowerBound) = "
          + "\(answers.label(of: first) ?? String(first)) (\(numbering.source.words))")
    }
    lines.append(
      "Reversed items: "
        + (reversed.isEmpty
          ? "none"
          : "\(list(reversed)) (score = \(answers.codes.lowerBound + answers.codes.upperBound) "
            + "− code; numbers an export already reversed are turned back when the input says "
            + "`reversed_in_export`)" + sourced(.reversal)))
    for (scores, items) in groupedItemScores {
      let mapped = scores.sorted { $0.key < $1.key }.map { code, score in
        "\(answers.label(of: code) ?? String(code)) → \(score)"
      }
      lines.append(
        "Item scores, items \(list(items)): \(mapped.joined(separator: ", "))"
          + sourced(.itemScores))
    }
    if !safeguardingItems.isEmpty {
      lines.append(
        "Risk items: \(list(safeguardingItems)) — any answer above \(answers.codes.lowerBound), "
          + "and any answer that cannot be read, is written to private/safeguarding.csv"
          + sourced(.riskItems))
    }
    if let embedding {
      lines.append(
        "Also scored from a \(embedding.instrument) export without \(id) columns: its items "
          + list(embedding.items) + sourced(.embedding))
    }
    for scale in scales { lines += [""] + words(for: scale) }
    if !notes.isEmpty {
      lines += ["", "Notes:"] + notes.map { "  - \($0)" }
    }
    return lines.joined(separator: "\n")
  }

  private var answerWords: String {
    let labelled = answers.labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
      .map { "\($0.value) = \($0.key)" }
    if answers.labelsOnly {
      return "labels only (numbers are refused): " + labelled.joined(separator: "; ")
    }
    let numbers =
      answers.numberings.isEmpty
      ? "codes \(answers.codes.lowerBound)–\(answers.codes.upperBound)"
      : "codes \(answers.codes.lowerBound)–\(answers.codes.upperBound) (bare numbers only "
        + "where the input names the export's numbering with `codes:`)"
    return numbers + (labelled.isEmpty ? "" : "; labels: " + labelled.joined(separator: "; "))
      + " (labels match ignoring case and spacing)"
  }

  /// ` — source: … [primary]` for `rule`, or that the definition names none.
  private func sourced(_ rule: InstrumentRule, scale: InstrumentScale? = nil) -> String {
    let source = scale.map { $0.sources[rule] } ?? sources[rule]
    return " — source: " + (source?.words ?? "not stated in the definition")
  }

  private var groupedItemScores: [(scores: [Int: Int], items: [Int])] {
    var groups: [(scores: [Int: Int], items: [Int])] = []
    for item in itemScores.keys.sorted() {
      guard let scores = itemScores[item] else { continue }
      if let index = groups.firstIndex(where: { $0.scores == scores }) {
        groups[index].items.append(item)
      } else {
        groups.append((scores, [item]))
      }
    }
    return groups
  }

  private func words(for scale: InstrumentScale) -> [String] {
    let range = scoreRange(scale)
    var lines = ["Scale `\(scale.id)` — \(scale.name)"]
    lines.append(
      "  Items: "
        + (scale.items == Array(1...itemCount) ? "all \(itemCount)" : list(scale.items)))
    let method =
      switch scale.method {
      case .sum: "sum of the item scores"
      case .any: "1 when any item score is above 0, else 0"
      }
    lines.append(
      "  Score: \(method)\(scale.conversion == nil ? "" : ", converted by the table below"), "
        + "\(range.lowerBound)–\(range.upperBound); "
        + (scale.higherIsBetter ? "higher is better" : "higher is worse")
        + "; \(scale.level.rawValue) level")
    let missing =
      switch scale.missing {
      case .complete: "none allowed (complete responses only)"
      case .sumAnswered(let limit):
        "up to \(limit) missing: the sum of the answered items (no prorating); more: no score"
      case .prorate(let limit, let decimals):
        "up to \(limit) missing: prorated (mean of the answered items × \(scale.items.count)), "
          + "rounded half up to "
          + (decimals == 0 ? "a whole number" : "\(decimals) decimal\(decimals == 1 ? "" : "s")")
          + "; more: no score"
      }
    lines.append("  Missing items: \(missing)" + sourced(.missing, scale: scale))
    if let table = scale.conversion {
      let pairs = table.keys.sorted().compactMap { raw in table[raw].map { "\(raw) → \($0)" } }
      lines.append(
        "  Conversion (raw → score): \(pairs.joined(separator: ", "))"
          + sourced(.conversion, scale: scale))
    }
    if !scale.bands.isEmpty {
      lines.append(
        "  Bands: "
          + scale.bands.map {
            ($0.min == $0.max ? "\($0.min)" : "\($0.min)–\($0.max)") + " \($0.label)"
          }.joined(separator: "; ") + sourced(.bands, scale: scale))
    }
    if let cutoff = scale.cutoff {
      lines.append(
        "  Cut-off: \(cutoff.score) or \(cutoff.atOrAbove ? "above" : "below") = \(cutoff.label)"
          + " — source: \(cutoff.source.words)")
    }
    if let change = scale.reliableChange {
      lines.append("  Reliable change: \(change.words)")
    }
    return lines
  }

  private func list(_ items: [Int]) -> String {
    items.map(String.init).joined(separator: ", ")
  }
}

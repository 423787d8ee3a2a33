import Foundation

extension Instrument {
  /// The definition in words an evaluator can check against the instrument's manual: items,
  /// answers, reversals, and for every scale its missing-item rule, bands, cut-off and reliable
  /// change.
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
          : columnList.joined(separator: ", ")))
    lines.append("Answers: " + answerWords)
    lines.append(
      "Reversed items: "
        + (reversed.isEmpty
          ? "none"
          : "\(list(reversed)) (score = \(answers.codes.lowerBound + answers.codes.upperBound) − code)")
    )
    for (scores, items) in groupedItemScores {
      let mapped = scores.sorted { $0.key < $1.key }.map { code, score in
        "\(answers.label(of: code) ?? String(code)) → \(score)"
      }
      lines.append("Item scores, items \(list(items)): \(mapped.joined(separator: ", "))")
    }
    if !safeguardingItems.isEmpty {
      lines.append(
        "Safeguarding: any answer above \(answers.codes.lowerBound) on item "
          + "\(list(safeguardingItems)) is written to private/safeguarding.csv")
    }
    if let embedding {
      lines.append(
        "Also scored from a \(embedding.instrument) export without \(id) columns: its items "
          + list(embedding.items))
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
    return "codes \(answers.codes.lowerBound)–\(answers.codes.upperBound)"
      + (labelled.isEmpty ? "" : "; labels: " + labelled.joined(separator: "; "))
      + " (labels match ignoring case and spacing)"
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
    lines.append("  Missing items: \(missing)")
    if let table = scale.conversion {
      let pairs = table.keys.sorted().compactMap { raw in table[raw].map { "\(raw) → \($0)" } }
      lines.append("  Conversion (raw → score): \(pairs.joined(separator: ", "))")
    }
    if !scale.bands.isEmpty {
      lines.append(
        "  Bands: "
          + scale.bands.map {
            ($0.min == $0.max ? "\($0.min)" : "\($0.min)–\($0.max)") + " \($0.label)"
          }.joined(separator: "; "))
    }
    if let cutoff = scale.cutoff {
      lines.append(
        "  Cut-off: \(cutoff.score) or \(cutoff.atOrAbove ? "above" : "below") = \(cutoff.label) "
          + "(\(cutoff.source))")
    }
    if let change = scale.reliableChange {
      let threshold = String(format: "%.2f", change.threshold)
      let how =
        switch change.rule {
        case .threshold: "published threshold"
        case .jacobsonTruax(let sd, let reliability):
          "Jacobson–Truax: 1.96 × SD \(sd) × √(2 × (1 − \(reliability)))"
        }
      lines.append("  Reliable change: \(threshold) points (\(how); \(change.source))")
    }
    return lines
  }

  private func list(_ items: [Int]) -> String {
    items.map(String.init).joined(separator: ", ")
  }
}

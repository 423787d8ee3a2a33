/// What each rule of a set of definitions rests on, as a table an evaluator can read down: which
/// rules come from the authors' own manual or paper, which from someone else's reading of them,
/// and which are choices made where no source gives a rule.
public enum InstrumentSources {
  /// One rule of one instrument and its source.
  public struct Entry: Sendable, Equatable {
    /// The instrument's id.
    public var instrument: String
    /// The rule in words (`bands`, `answer wording 'nearly everyday'`).
    public var rule: String
    /// The scales it belongs to, when it is a scale's rule (several when they share the source).
    public var scales: [String]
    /// The source, or `nil` when the definition names none.
    public var source: RuleSource?
  }

  /// Every rule of `instrument`, with its source; scales sharing a rule's source share a row.
  ///
  /// - Returns: The entries in the order the definition states the rules.
  public static func entries(of instrument: Instrument) -> [Entry] {
    var entries: [Entry] = []
    func add(_ rule: String, _ source: RuleSource?, scale: String? = nil) {
      if let scale,
        let index = entries.firstIndex(where: {
          $0.rule == rule && $0.source == source && !$0.scales.isEmpty
        })
      {
        entries[index].scales.append(scale)
        return
      }
      entries.append(
        Entry(
          instrument: instrument.id, rule: rule, scales: scale.map { [$0] } ?? [], source: source))
    }
    let answers = instrument.answers
    add(InstrumentRule.items.words, instrument.sources[.items])
    add(InstrumentRule.codes.words, instrument.sources[.codes])
    for wording in answers.wordings {
      let labels = wording.labels.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
      add("answer wording \(labels)", wording.source)
    }
    for numbering in answers.numberings {
      add("numbering `\(numbering.name)`", numbering.source)
    }
    let present: [(InstrumentRule, Bool)] = [
      (.reversal, !instrument.reversed.isEmpty), (.itemScores, !instrument.itemScores.isEmpty),
      (.riskItems, !instrument.safeguardingItems.isEmpty),
      (.embedding, instrument.embedding != nil),
    ]
    for (rule, isPresent) in present where isPresent {
      add(rule.words, instrument.sources[rule])
    }
    for scale in instrument.scales {
      add(InstrumentRule.missing.words, scale.sources[.missing], scale: scale.id)
      if scale.conversion != nil {
        add(InstrumentRule.conversion.words, scale.sources[.conversion], scale: scale.id)
      }
      if !scale.bands.isEmpty {
        add(InstrumentRule.bands.words, scale.sources[.bands], scale: scale.id)
      }
      if let cutoff = scale.cutoff {
        add(InstrumentRule.cutoff.words, cutoff.source, scale: scale.id)
      }
      if let change = scale.reliableChange {
        add(InstrumentRule.rci.words, change.source, scale: scale.id)
      }
    }
    return entries
  }

  /// A Markdown table of the rules of `instruments` whose source is not primary (secondary, a
  /// decision, or not named), or of every rule when `all`.
  ///
  /// - Returns: The table, header first, one line per row, ending in a line break.
  public static func markdown(_ instruments: [Instrument], all: Bool = false) -> String {
    var lines = [
      "| Instrument | Rule | Scales | Kind | Source |",
      "|---|---|---|---|---|",
    ]
    for instrument in instruments {
      for entry in entries(of: instrument) where all || entry.source?.kind != .primary {
        let cells = [
          "`\(entry.instrument)`", entry.rule,
          entry.scales.map { "`\($0)`" }.joined(separator: ", "),
          entry.source?.kind.rawValue ?? "not stated", entry.source?.text ?? "",
        ]
        lines.append("| " + cells.map(escaped).joined(separator: " | ") + " |")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` safe inside a Markdown table cell.
  private static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}

import Foundation
import Testing

@testable import Kith

/// Every rule of every shipped definition names its source and how directly it is sourced;
/// reliable change names the sample its figures describe; `docs/instruments.md` shows what the
/// definitions say; and a two-wave study's categories turn on the threshold.
@Suite struct InstrumentSourceTests {
  @Test func everyRuleOfEveryShippedDefinitionNamesItsSource() throws {
    let shipped = try InstrumentCatalog.shipped()
    #expect(shipped.count == 12)
    for instrument in shipped {
      let entries = InstrumentSources.entries(of: instrument)
      #expect(entries.count >= 3, "\(instrument.id)")
      for entry in entries {
        #expect(entry.source != nil, "\(instrument.id): \(entry.rule) names no source")
        #expect(entry.source?.text.isEmpty == false)
      }
      for scale in instrument.scales {
        if let change = scale.reliableChange { #expect(!change.sample.isEmpty) }
      }
    }
  }

  /// The reliable-change inputs of each instrument, as the note on the issue lists them.
  @Test func theReliableChangeInputsAreOneSamplesAndSayWhich() throws {
    var found: [String: String] = [:]
    for instrument in try InstrumentCatalog.shipped() {
      for scale in instrument.scales {
        guard let change = scale.reliableChange else { continue }
        found["\(instrument.id).\(scale.id)"] =
          String(format: "%.4f", change.threshold) + " \(change.confidence.percent) "
          + change.source.kind.rawValue
      }
    }
    #expect(
      found == [
        // 1.96 · 8.79 · √(2 · (1 − 0.91)): SD and alpha of Tennant et al.'s population sample.
        "wemwbs.total": "7.3094 95% primary",
        "swemwbs.total": "2.8700 95% primary",
        "core10.total": "6.0000 90% primary",
        "phq9.total": "6.0000 95% secondary",
        "gad7.total": "4.0000 95% secondary",
      ])
    let wemwbs = try #require(try InstrumentCatalog.instrument("wemwbs")?.scale("total"))
    let rule = try #require(wemwbs.reliableChange)
    #expect(
      rule.rule == .jacobsonTruax(sd: FixedDecimal("8.79")!, reliability: FixedDecimal("0.91")!))
    #expect(rule.sample.contains("population sample"))
  }

  /// The table in `docs/instruments.md` is what `kith instruments sources` prints now.
  @Test func theDocumentedTableIsTheDefinitions() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/instruments.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let start = try #require(text.range(of: "<!-- kith instruments sources -->\n"))
    let end = try #require(text.range(of: "<!-- end kith instruments sources -->"))
    let table = String(text[start.upperBound..<end.lowerBound])
    #expect(table == InstrumentSources.markdown(try InstrumentCatalog.shipped()))
    // The issue's examples of rules resting on secondary sources are in it.
    #expect(table.contains("| `wemwbs` | bands | `total` | secondary |"))
    #expect(table.contains("| `phq9` | reliable change | `total` | secondary |"))
    #expect(table.contains("| `gad7` | reliable change | `total` | secondary |"))
  }

  /// A definition in the reader's words, with `change` replacing the marked part.
  static func definition(
    answers: String = "  codes: [1, 3]\n  labels: {low: 1, mid: 2, high: 3}",
    sources: String = "  items: {primary: \"the form\"}",
    scale: String = ""
  ) -> String {
    """
    id: mine
    name: Mine
    version: "1"
    citation: A study.
    items: 2
    answers:
    \(answers)
    sources:
    \(sources)
    scales:
      total:
        items: all
        higher_is_better: true
    \(scale)
    """
  }

  @Test(arguments: [
    (
      definition(sources: "  reversal: {primary: \"the form\"}"),
      "`sources.reversal` names a source for the reversed items, but the definition has none"
    ),
    (
      definition(sources: "  items: the form"),
      "`sources.items` must be a mapping of keys to values"
    ),
    (
      definition(sources: "  items: {official: \"the form\"}"),
      "unknown key `official` in `sources.items`"
    ),
    (
      definition(
        scale: "    rci: {threshold: 3, sd: 2, reliability: 0.8, sample: s, source: {primary: p}}"),
      "`rci` gives either a `threshold` or an `sd` and a `reliability`, not both"
    ),
    (
      definition(scale: "    rci: {threshold: 3, source: {primary: p}}"),
      "`scales.total.rci` needs `sample`"
    ),
    (
      definition(
        scale: "    rci: {threshold: 3, confidence: 0.8, sample: s, source: {primary: p}}"),
      "must be 0.90 or 0.95"
    ),
    (
      definition(
        answers:
          "  codes: [1, 3]\n  labels: {low: 1}\n  wordings:\n    - source: {secondary: s}\n"
          + "      labels: {LOW: 2}"),
      "label `LOW` is given two codes (1 and 2)"
    ),
    (
      definition(
        answers: "  codes: [1, 3]\n  numberings:\n    up: {source: {primary: p}}"),
      "with one, leave it out"
    ),
  ])
  func aDefinitionsSourcesAreChecked(text: String, message: String) {
    let error = #expect(throws: PipelineErrors.self) {
      try InstrumentDefinitionReader.read(text: text, file: "mine.yaml")
    }
    #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    #expect(error?.description.contains("mine.yaml:") == true)
  }

  /// Two waves of WEMWBS, where the threshold decides each person's category.
  ///
  /// 40 → 48 is a reliable improvement at the population sample's threshold (7.31) but was not at
  /// the student alpha's (8.08); 40 → 47 is not; 50 → 42 is a reliable deterioration. T3 counts
  /// them so, and T3 and T7 name the threshold's sample and source.
  @Test func theThresholdDecidesTheCategoryInAStudy() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Reliable change
      key: test.key
      waves: [baseline, followup]
      instruments: [wemwbs]
      disclosure: {preset: nhs-digital, suppress_below: 1, round_to: 1, min_n_for_statistics: 1}
      inputs:
        survey:
          path: survey.csv
          type: survey
          wave: {column: Wave}
          identifier: {column: Email, kind: email}

      """)
    let items = (1...14).map { "WEMWBS_\($0)" }.joined(separator: ",")
    /// Fourteen answers summing to `total` (each 1–5).
    func answers(_ total: Int) -> String {
      var rest = total - 14
      return (0..<14).map { _ -> String in
        let step = min(rest, 4)
        rest -= step
        return String(1 + step)
      }.joined(separator: ",")
    }
    let people = [("a", 40, 48), ("b", 40, 47), ("c", 50, 42)]
    let rows = people.flatMap { name, before, after in
      [
        "\(name)@example.org,baseline,\(answers(before))",
        "\(name)@example.org,followup,\(answers(after))",
      ]
    }
    try folder.write("survey.csv", (["Email,Wave,\(items)"] + rows).joined(separator: "\n") + "\n")
    try folder.run()
    let t3 = try folder.records("out/release/tables/t3_change.csv")
    let row = try #require(t3.first { $0["instrument"] == "wemwbs" })
    #expect(row["n_pairs"] == "3")
    #expect(row["reliably_improved"] == "1")
    #expect(row["no_reliable_change"] == "1")
    #expect(row["reliably_deteriorated"] == "1")
    #expect(row["rci_threshold"] == "7.309391081")
    // The table cites its source without the research notes' primary/secondary mark.
    #expect(
      row["rci_source"]?.hasPrefix(
        "Tennant et al. (2007) Health Qual Life Outcomes 5:63; sample: Tennant et al. (2007)'s")
        == true)
    let t7 = try folder.read("out/release/tables/t7_clinical_change.md")
    #expect(
      t7.contains(
        "Reliable change, wemwbs total: 7.31 points = 1.96 × SD 8.79 × √(2 × (1 − 0.91)) "
          + "(Jacobson–Truax, 95%); sample: Tennant et al. (2007)'s representative population "
          + "sample"))
  }
}

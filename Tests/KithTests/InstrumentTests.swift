import Testing

@testable import Kith

/// Every shipped instrument scored on hand-computed responses: reversed items, each missing-item
/// rule at its limit and one past it, every band boundary, conversion tables.
@Suite struct InstrumentTests {
  /// The shipped instrument `id`.
  func instrument(_ id: String) throws -> Instrument {
    try #require(try InstrumentCatalog.instrument(id))
  }

  /// Scores `codes` on `id`, giving each scale's score and band as text ("" when none).
  func scores(_ id: String, _ codes: [Int?]) throws -> [String: String] {
    let instrument = try instrument(id)
    var result: [String: String] = [:]
    for score in instrument.score(codes) {
      let scale = instrument.scales[score.scale].id
      result[scale] =
        (score.value?.description ?? "") + (score.band.map { " \($0)" } ?? "")
        + (score.prorated ? " (prorated)" : "")
    }
    return result
  }

  /// Item codes of `count` items summing to `total`, filled from the first item with at most
  /// `high` each above `low`.
  func codes(total: Int, count: Int, low: Int, high: Int) -> [Int?] {
    var rest = total - low * count
    return (0..<count).map { _ in
      let step = min(rest, high - low)
      rest -= step
      return low + step
    }
  }

  @Test func kithShipsEveryInstrumentOfTheIssue() throws {
    let ids = try InstrumentCatalog.shipped().map(\.id)
    #expect(
      ids == [
        "core10", "djg11", "djg6", "gad7", "lsns6", "ons4", "ons_loneliness", "phq9", "selfharm",
        "swemwbs", "ucla3", "wemwbs",
      ])
    for instrument in try InstrumentCatalog.shipped() {
      #expect(!instrument.citation.isEmpty && !instrument.version.isEmpty)
    }
  }

  @Test(arguments: [
    (14, "14 probable depression"), (40, "40 probable depression"),
    (41, "41 possible depression"), (44, "44 possible depression"),
    (45, "45 average wellbeing"), (59, "59 average wellbeing"), (60, "60 high wellbeing"),
    (70, "70 high wellbeing"),
  ])
  func wemwbsBands(total: Int, expected: String) throws {
    #expect(
      try scores("wemwbs", codes(total: total, count: 14, low: 1, high: 5))["total"] == expected)
  }

  @Test func wemwbsScoresCompleteResponsesOnlyAndReadsLabels() throws {
    var items: [Int?] = Array(repeating: 3, count: 14)
    #expect(try scores("wemwbs", items)["total"] == "42 possible depression")
    items[4] = nil
    #expect(try scores("wemwbs", items)["total"] == "")
    let answers = try instrument("wemwbs").answers
    #expect(answers.code(of: "  ALL   of the TIME ") == 5 && answers.code(of: " 4 ") == 4)
    for bad in ["0", "6", "4.0", "Sometimes", "-1", "often!", "+4"] {
      #expect(answers.code(of: bad) == nil, "\(bad)")
    }
  }

  /// The Rasch table for raw 7–35, typed from the research note (not read from the definition).
  static let swemwbsTable = [
    "7.00", "9.51", "11.25", "12.40", "13.33", "14.08", "14.75", "15.32", "15.84", "16.36",
    "16.88", "17.43", "17.98", "18.59", "19.25", "19.98", "20.73", "21.54", "22.35", "23.21",
    "24.11", "25.03", "26.02", "27.03", "28.13", "29.31", "30.70", "32.55", "35.00",
  ]

  @Test func swemwbsConvertsEveryRawTotalByTheRaschTable() throws {
    for (offset, metric) in Self.swemwbsTable.enumerated() {
      let raw = 7 + offset
      #expect(
        try scores("swemwbs", codes(total: raw, count: 7, low: 1, high: 5))["total"] == metric,
        "raw \(raw)")
    }
    #expect(try scores("swemwbs", [5, 5, 5, 5, 5, 5, nil])["total"] == "")
  }

  @Test func swemwbsIsFoundInsideWemwbsAtItems1236_7_9_11() throws {
    let embedding = try #require(try instrument("swemwbs").embedding)
    #expect(embedding.instrument == "wemwbs" && embedding.items == [1, 2, 3, 6, 7, 9, 11])
  }

  @Test func ucla3SplitsAtSix() throws {
    #expect(try scores("ucla3", [1, 2, 2])["total"] == "5 not lonely")
    #expect(try scores("ucla3", [2, 2, 2])["total"] == "6 lonely")
    #expect(try scores("ucla3", [3, 3, 3])["total"] == "9 lonely")
    #expect(try scores("ucla3", [3, nil, 3])["total"] == "")
    let answers = try instrument("ucla3").answers
    #expect(answers.code(of: "Hardly ever or never") == 1 && answers.code(of: "4") == nil)
  }

  @Test func onsLonelinessIsAnOrderedCategoryNamedByItsAnswer() throws {
    let ons = try instrument("ons_loneliness")
    #expect(ons.scales.map(\.level) == [.ordinal])
    #expect(ons.answers.code(of: "Often/always") == 5)
    #expect(try scores("ons_loneliness", [5])["loneliness"] == "5 often/always")
    #expect(
      try scores("ons_loneliness", [ons.answers.code(of: "hardly ever")])["loneliness"]
        == "2 hardly ever")
  }

  @Test func djg6CountsTheNeutralAnswerAsLonelyFromLabels() throws {
    let djg = try instrument("djg6")
    let answers = djg.answers
    let neutral = try #require(answers.code(of: "More or less"))
    let yes = try #require(answers.code(of: "yes"))
    let no = try #require(answers.code(of: "NO"))
    #expect(answers.code(of: "1") == nil && answers.code(of: "2") == nil)
    #expect(answers.code(of: "Yes!") == yes)
    // Every answer neutral: lonely on all six items.
    let allNeutral = try scores("djg6", Array(repeating: neutral, count: 6))
    #expect(allNeutral["total"] == "6 severely lonely")
    #expect(allNeutral["emotional"] == "3 lonely" && allNeutral["social"] == "3 lonely")
    // "Yes" everywhere: the emotional items (1, 4, 6) are lonely, the social ones are not.
    let allYes = try scores("djg6", Array(repeating: yes, count: 6))
    #expect(allYes["total"] == "3 moderately lonely")
    #expect(allYes["emotional"] == "3 lonely" && allYes["social"] == "0 not lonely")
    // The least lonely answers: no on emotional, yes on social.
    #expect(try scores("djg6", [no, yes, yes, no, yes, no])["total"] == "0 not lonely")
    #expect(try scores("djg6", [no, yes, neutral, no, yes, no])["total"] == "1 not lonely")
    #expect(try scores("djg6", [yes, yes, neutral, no, yes, no])["total"] == "2 moderately lonely")
    #expect(try scores("djg6", [yes, no, neutral, yes, yes, no])["total"] == "4 moderately lonely")
    #expect(try scores("djg6", [yes, no, neutral, yes, no, no])["total"] == "5 severely lonely")
  }

  @Test func djg6AllowsOneMissingItemInTheTotalWithoutProratingAndNoneInASubscale() throws {
    let answers = try instrument("djg6").answers
    let yes = try #require(answers.code(of: "yes"))
    let atLimit = try scores("djg6", [yes, yes, yes, yes, yes, nil])
    #expect(atLimit["total"] == "2 moderately lonely")
    #expect(atLimit["emotional"] == "" && atLimit["social"] == "0 not lonely")
    #expect(try scores("djg6", [yes, yes, yes, yes, nil, nil])["total"] == "")
  }

  @Test func djg11UsesItsOwnSocialAndEmotionalItems() throws {
    let answers = try instrument("djg11").answers
    let neutral = try #require(answers.code(of: "more or less"))
    let yes = try #require(answers.code(of: "yes"))
    #expect(
      try scores("djg11", Array(repeating: neutral, count: 11))["total"]
        == "11 very severely lonely")
    let allYes = try scores("djg11", Array(repeating: yes, count: 11))
    #expect(allYes["total"] == "6 moderately lonely" && allYes["emotional"] == "6")
    #expect(allYes["social"] == "0")
  }

  @Test func ons4ScoresFourSeparateItemsWithTheirOwnThresholdsAndNoTotal() throws {
    let ons4 = try instrument("ons4")
    #expect(ons4.scales.map(\.id) == ["life_satisfaction", "worthwhile", "happiness", "anxiety"])
    #expect(ons4.scale("total") == nil)
    let low = try scores("ons4", [4, 5, 6, 1])
    #expect(low["life_satisfaction"] == "4 low" && low["worthwhile"] == "5 medium")
    #expect(low["happiness"] == "6 medium" && low["anxiety"] == "1 very low")
    let high = try scores("ons4", [7, 8, 9, 2])
    #expect(high["life_satisfaction"] == "7 high" && high["worthwhile"] == "8 high")
    #expect(high["happiness"] == "9 very high" && high["anxiety"] == "2 low")
    #expect(try scores("ons4", [10, nil, 0, 3])["worthwhile"] == "")
    #expect(try scores("ons4", [0, 0, 0, 5])["anxiety"] == "5 medium")
    #expect(try scores("ons4", [0, 0, 0, 6])["anxiety"] == "6 high")
    #expect(try scores("ons4", [0, 0, 0, 10])["anxiety"] == "10 high")
  }

  @Test(arguments: [
    (4, "4 none or minimal"), (5, "5 mild"), (9, "9 mild"), (10, "10 moderate"),
    (14, "14 moderate"), (15, "15 moderately severe"), (19, "19 moderately severe"),
    (20, "20 severe"), (27, "27 severe"),
  ])
  func phq9Bands(total: Int, expected: String) throws {
    #expect(try scores("phq9", codes(total: total, count: 9, low: 0, high: 3))["total"] == expected)
  }

  @Test func phq9ProratesUpToTwoMissingItemsByTheNHSRule() throws {
    // Seven answered items summing to 10: 10 × 9 / 7 = 12.86, rounded half up to 13.
    #expect(
      try scores("phq9", [2, 2, 2, 1, 1, 1, 1, nil, nil])["total"] == "13 moderate (prorated)")
    // Eight answered summing to 4: 4 × 9 / 8 = 4.5, rounded half up to 5.
    #expect(try scores("phq9", [1, 1, 1, 1, 0, 0, 0, 0, nil])["total"] == "5 mild (prorated)")
    #expect(try scores("phq9", [3, 3, 3, 3, 3, 3, nil, nil, nil])["total"] == "")
    #expect(try instrument("phq9").safeguardingItems == [9])
  }

  @Test(arguments: [
    (4, "4 minimal"), (5, "5 mild"), (9, "9 mild"), (10, "10 moderate"), (14, "14 moderate"),
    (15, "15 severe"), (21, "21 severe"),
  ])
  func gad7Bands(total: Int, expected: String) throws {
    #expect(try scores("gad7", codes(total: total, count: 7, low: 0, high: 3))["total"] == expected)
  }

  @Test func gad7NeedsEveryItem() throws {
    #expect(try scores("gad7", [3, 3, 3, 3, 3, 3, nil])["total"] == "")
  }

  @Test func core10ReversesItems2And3() throws {
    let zeros: [Int?] = Array(repeating: 0, count: 10)
    // Items 2 and 3 answered 0 ("not at all" able to cope) score 4 each.
    #expect(try scores("core10", zeros)["total"] == "8 low level")
    #expect(try scores("core10", [4, 4, 4, 4, 4, 4, 4, 4, 4, 4])["total"] == "32 severe")
    #expect(try instrument("core10").safeguardingItems == [6])
  }

  @Test func core10ProratesOneMissingItemToOneDecimal() throws {
    // Nine answered: 1 + (4−2) + (4−3) + 1·6 = 10 → 10 × 10 / 9 = 11.11 → 11.1.
    let prorated = try scores("core10", [1, 2, 3, 1, 1, 1, 1, 1, 1, nil])
    #expect(prorated["total"] == "11.1 mild (prorated)")
    // 0 + (4−4) + (4−4) + 1 + 1 + 1 + 2 + 2 + 2 = 9 → 9 × 10 / 9 = 10.0.
    #expect(
      try scores("core10", [0, 4, 4, 1, 1, 1, 2, 2, 2, nil])["total"] == "10.0 low level (prorated)"
    )
    // A prorated score between two bands' bounds stays in the lower band.
    #expect(try scores("core10", [1, 2, 3, 1, 1, 1, 1, 1, nil, nil])["total"] == "")
    let scale = try #require(try instrument("core10").scale("total"))
    #expect(scale.band(of: FixedDecimal(units: 106, decimals: 1)) == "low level")
    #expect(scale.band(of: FixedDecimal(units: 110, decimals: 1)) == "mild")
  }

  @Test(arguments: [
    (0, "0 healthy"), (5, "5 healthy"), (6, "6 low level"), (10, "10 low level"), (11, "11 mild"),
    (14, "14 mild"), (15, "15 moderate"), (19, "19 moderate"), (20, "20 moderate to severe"),
    (24, "24 moderate to severe"), (25, "25 severe"), (40, "40 severe"),
  ])
  func core10Bands(total: Int, expected: String) throws {
    // Answers whose item scores sum to `total`: items 2 and 3 answered the other way round.
    var answers = codes(total: total, count: 10, low: 0, high: 4)
    for item in [1, 2] { answers[item] = answers[item].map { 4 - $0 } }
    #expect(try scores("core10", answers)["total"] == expected)
  }

  @Test func lsns6FlagsATotalBelow12AsAtRiskOfIsolation() throws {
    let atRisk = try scores("lsns6", [2, 2, 2, 2, 2, 1])
    #expect(atRisk["total"] == "11 at risk of social isolation")
    #expect(
      atRisk["family"] == "6 not limited" && atRisk["friends"] == "5 limited friendship network")
    #expect(try scores("lsns6", [2, 2, 2, 2, 2, 2])["total"] == "12 not at risk")
    #expect(try instrument("lsns6").answers.code(of: "Three or four") == 3)
    #expect(try scores("lsns6", [2, 2, 2, 2, 2, nil])["total"] == "")
  }

  @Test func selfHarmIsACountInAStatedWindowWithAnyDerived() throws {
    let selfharm = try instrument("selfharm")
    #expect(selfharm.recallDays == 28 && selfharm.itemColumns() == ["SELFHARM"])
    #expect(try scores("selfharm", [0]) == ["episodes": "0", "any": "0 no"])
    #expect(try scores("selfharm", [3]) == ["episodes": "3", "any": "1 yes"])
    #expect(selfharm.answers.code(of: "none") == 0 && selfharm.answers.code(of: "1001") == nil)
  }

  @Test func explanationsStateTheRulesInWords() throws {
    let phq9 = try instrument("phq9").explanation
    #expect(phq9.contains("up to 2 missing: prorated (mean of the answered items × 9)"))
    #expect(phq9.contains("10 or above = clinical range"))
    #expect(
      phq9.contains(
        "Risk items: 9 — any answer above 0, and any answer that cannot be read, is written to "
          + "private/safeguarding.csv"))
    #expect(phq9.contains("Also accepted: 3 = nearly everyday (copies of the PHQ-9"))
    let core10 = try instrument("core10").explanation
    #expect(core10.contains("Reversed items: 2, 3 (score = 4 − code;"))
    #expect(
      core10.contains(
        "Reliable change: 6 points, published (90% confidence); sample: Barkham et al. (2013)'s "
          + "clinical samples (alpha .90); source: Barkham et al. (2013), abstract: reliable "
          + "change index (90% CI) of 6 [primary]"))
    let wemwbs = try instrument("wemwbs").explanation
    #expect(
      wemwbs.contains(
        "Reliable change: 7.31 points = 1.96 × SD 8.79 × √(2 × (1 − 0.91)) (Jacobson–Truax, "
          + "95%); sample: Tennant et al. (2007)'s representative population sample"))
    #expect(wemwbs.contains("Missing items: none allowed (complete responses only) — source: "))
    let ons = try instrument("ons_loneliness").explanation
    #expect(ons.contains("Numbered `often-first`: 1 = often/always"))
    let swemwbs = try instrument("swemwbs").explanation
    #expect(swemwbs.contains("7 → 7.00, 8 → 9.51") && swemwbs.contains("35 → 35.00"))
  }
}

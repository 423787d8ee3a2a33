import Testing

@testable import Kith

/// Every shipped instrument scored from answers as an export writes them.
///
/// Labels, codes, numbers written as text with spaces and each published wording go through the
/// same reading a survey input uses: the lowest and highest responses, each reversed item, one
/// item missing, every item missing. Every expected score is worked by hand in the case's
/// comment.
@Suite struct InstrumentCaseTests {
  /// One response and what each scale scores (`score band`, `(prorated)` when prorated; blank
  /// when there is no score).
  struct Case: CustomTestStringConvertible, Sendable {
    var instrument: String
    var name: String
    /// One answer per item, as the export's cell holds it ("" for blank).
    var answers: [String]
    var reversedInExport = false
    var numbering: String?
    var expected: [String: String]

    var testDescription: String { "\(instrument): \(name)" }
  }

  static let cases: [Case] = [
    // WEMWBS: 14 items 1–5, summed; complete responses only.
    Case(
      instrument: "wemwbs", name: "lowest", answers: Array(repeating: "1", count: 14),
      expected: ["total": "14 probable depression"]),
    Case(
      instrument: "wemwbs", name: "highest, as labels",
      answers: Array(repeating: "All of the time", count: 14),
      expected: ["total": "70 high wellbeing"]),
    // 1+2+3+4+5 twice, then 1+2+3+4: 15 + 15 + 10 = 40.
    Case(
      instrument: "wemwbs", name: "labels, codes and spaced numbers mixed",
      answers: [
        "None of the time", "2", " some OF the time ", "4 ", "All of the time", "1", "Rarely", "3",
        "often", "5", " 1", "2", "Some of the time", "Often",
      ], expected: ["total": "40 probable depression"]),
    Case(
      instrument: "wemwbs", name: "one missing",
      answers: Array(repeating: "3", count: 13) + [""], expected: ["total": ""]),
    Case(
      instrument: "wemwbs", name: "all missing", answers: Array(repeating: "", count: 14),
      expected: ["total": ""]),

    // SWEMWBS: 7 items, raw 7–35 converted by the Rasch table.
    Case(
      instrument: "swemwbs", name: "lowest",
      answers: Array(repeating: "None of the time", count: 7),
      expected: ["total": "7.00"]),
    Case(
      instrument: "swemwbs", name: "highest", answers: Array(repeating: "5", count: 7),
      expected: ["total": "35.00"]),
    // 5 + 4 + 3 + 3 + 3 + 3 + 2 = 23 → 20.73.
    Case(
      instrument: "swemwbs", name: "raw 23 from labels and codes",
      answers: ["All of the time", "4", "Some of the time", "3", "3", " 3 ", "Rarely"],
      expected: ["total": "20.73"]),
    Case(
      instrument: "swemwbs", name: "one missing", answers: ["5", "5", "5", "5", "5", "5", ""],
      expected: ["total": ""]),
    Case(
      instrument: "swemwbs", name: "all missing", answers: Array(repeating: "", count: 7),
      expected: ["total": ""]),

    // UCLA-3: 3 items 1–3; ONS words the lowest answer "hardly ever or never".
    Case(
      instrument: "ucla3", name: "lowest", answers: ["Hardly ever", "1", "hardly ever"],
      expected: ["total": "3 not lonely"]),
    Case(
      instrument: "ucla3", name: "highest", answers: ["Often", "3", "OFTEN"],
      expected: ["total": "9 lonely"]),
    // 1 + 2 + 3 = 6.
    Case(
      instrument: "ucla3", name: "ONS wording of the lowest answer",
      answers: ["Hardly ever or never", "Some of the time", "3"], expected: ["total": "6 lonely"]),
    Case(
      instrument: "ucla3", name: "one missing", answers: ["3", "", "3"], expected: ["total": ""]),
    Case(
      instrument: "ucla3", name: "all missing", answers: ["", "", ""], expected: ["total": ""]),

    // ONS loneliness: one ordered answer; the rank is 1 never … 5 often/always.
    Case(
      instrument: "ons_loneliness", name: "lowest", answers: ["Never"],
      expected: ["loneliness": "1 never"]),
    Case(
      instrument: "ons_loneliness", name: "highest", answers: ["Often/always"],
      expected: ["loneliness": "5 often/always"]),
    Case(
      instrument: "ons_loneliness", name: "spaced ONS wording", answers: ["Often / always"],
      expected: ["loneliness": "5 often/always"]),
    Case(
      instrument: "ons_loneliness", name: "spelled out", answers: ["often or always"],
      expected: ["loneliness": "5 often/always"]),
    Case(
      instrument: "ons_loneliness", name: "Community Life Survey wording", answers: ["Sometimes"],
      expected: ["loneliness": "4 some of the time"]),
    Case(
      instrument: "ons_loneliness", name: "a bare number without a numbering", answers: ["1"],
      expected: ["loneliness": ""]),
    Case(
      instrument: "ons_loneliness", name: "1 numbered often-first", answers: ["1"],
      numbering: "often-first", expected: ["loneliness": "5 often/always"]),
    Case(
      instrument: "ons_loneliness", name: "4 numbered often-first", answers: ["4"],
      numbering: "often-first", expected: ["loneliness": "2 hardly ever"]),
    Case(
      instrument: "ons_loneliness", name: "1 numbered never-first", answers: ["1"],
      numbering: "never-first", expected: ["loneliness": "1 never"]),
    Case(
      instrument: "ons_loneliness", name: "labels under a numbering", answers: ["Never"],
      numbering: "often-first", expected: ["loneliness": "1 never"]),
    Case(
      instrument: "ons_loneliness", name: "missing", answers: [""],
      expected: ["loneliness": ""]),

    // ONS4: four questions 0–10, each its own scale; exports may carry the end answers' numbers.
    Case(
      instrument: "ons4", name: "lowest", answers: ["0", "Not at all", "0 - Not at all", "0"],
      expected: [
        "life_satisfaction": "0 low", "worthwhile": "0 low", "happiness": "0 low",
        "anxiety": "0 very low",
      ]),
    Case(
      instrument: "ons4", name: "highest", answers: ["10", "Completely", "10 - Completely", "10"],
      expected: [
        "life_satisfaction": "10 very high", "worthwhile": "10 very high",
        "happiness": "10 very high", "anxiety": "10 high",
      ]),
    Case(
      instrument: "ons4", name: "one missing", answers: ["7", "", " 5 ", "3"],
      expected: [
        "life_satisfaction": "7 high", "worthwhile": "", "happiness": "5 medium",
        "anxiety": "3 low",
      ]),
    Case(
      instrument: "ons4", name: "all missing", answers: ["", "", "", ""],
      expected: ["life_satisfaction": "", "worthwhile": "", "happiness": "", "anxiety": ""]),

    // DJG-6: labels only. Emotional items 1, 4, 6 score yes / more or less = 1; social items
    // 2, 3, 5 score no / more or less = 1. The total allows one missing item (no prorating).
    Case(
      instrument: "djg6", name: "lowest", answers: ["no", "yes", "yes", "no", "yes", "no"],
      expected: ["total": "0 not lonely", "emotional": "0 not lonely", "social": "0 not lonely"]),
    Case(
      instrument: "djg6", name: "highest, five-point form",
      answers: ["Yes!", "No!", "no", "YES", "no!", "yes"],
      expected: ["total": "6 severely lonely", "emotional": "3 lonely", "social": "3 lonely"]),
    Case(
      instrument: "djg6", name: "the neutral answer is lonely on every item",
      answers: Array(repeating: "More or less", count: 6),
      expected: ["total": "6 severely lonely", "emotional": "3 lonely", "social": "3 lonely"]),
    Case(
      instrument: "djg6", name: "CBS wording of the neutral answer",
      answers: Array(repeating: "Somewhat", count: 6),
      expected: ["total": "6 severely lonely", "emotional": "3 lonely", "social": "3 lonely"]),
    // Emotional 1, 4, 6 yes → 3; social 3, 5 no → 2; item 2 missing: total 5, social none.
    Case(
      instrument: "djg6", name: "one missing", answers: ["yes", "", "no", "yes", "no", "yes"],
      expected: ["total": "5 severely lonely", "emotional": "3 lonely", "social": ""]),
    // Numbers are refused: items 1 and 2 count as missing, two missing leave no total.
    Case(
      instrument: "djg6", name: "numbers are not read",
      answers: ["1", "3", "no", "yes", "no", "yes"],
      expected: ["total": "", "emotional": "", "social": ""]),
    Case(
      instrument: "djg6", name: "all missing", answers: Array(repeating: "", count: 6),
      expected: ["total": "", "emotional": "", "social": ""]),

    // DJG-11: social items 1, 4, 7, 8, 11; emotional 2, 3, 5, 6, 9, 10.
    Case(
      instrument: "djg11", name: "lowest",
      answers: ["yes", "no", "no", "yes", "no", "no", "yes", "yes", "no", "no", "yes"],
      expected: ["total": "0 not lonely", "emotional": "0", "social": "0"]),
    Case(
      instrument: "djg11", name: "highest",
      answers: ["no", "yes", "yes", "no", "yes", "yes", "no", "no", "yes", "yes", "no"],
      expected: ["total": "11 very severely lonely", "emotional": "6", "social": "5"]),
    // Ten neutral answers count 10; item 11 missing leaves the social subscale unscored.
    Case(
      instrument: "djg11", name: "one missing",
      answers: Array(repeating: "more or less", count: 10) + [""],
      expected: ["total": "10 severely lonely", "emotional": "6", "social": ""]),
    Case(
      instrument: "djg11", name: "all missing", answers: Array(repeating: "", count: 11),
      expected: ["total": "", "emotional": "", "social": ""]),

    // PHQ-9: 9 items 0–3; up to two missing prorated (sum × 9 / answered, half up).
    Case(
      instrument: "phq9", name: "lowest", answers: Array(repeating: "Not at all", count: 9),
      expected: ["total": "0 none or minimal"]),
    Case(
      instrument: "phq9", name: "highest", answers: Array(repeating: "3", count: 9),
      expected: ["total": "27 severe"]),
    Case(
      instrument: "phq9", name: "the one-word spelling of the highest answer",
      answers: Array(repeating: "Nearly everyday", count: 9), expected: ["total": "27 severe"]),
    // 0 + 1 + 2 + 3 + 1 + 1 + 2 + 0 + 1 = 11.
    Case(
      instrument: "phq9", name: "labels and codes mixed",
      answers: [
        "not at all", "Several days", "More than half the days", "Nearly every day", "1", " 1 ",
        "2", "0", "several days",
      ], expected: ["total": "11 moderate"]),
    // Eight answered, each 2: 16 × 9 / 8 = 18.
    Case(
      instrument: "phq9", name: "one missing", answers: Array(repeating: "2", count: 8) + [""],
      expected: ["total": "18 moderately severe (prorated)"]),
    Case(
      instrument: "phq9", name: "all missing", answers: Array(repeating: "", count: 9),
      expected: ["total": ""]),

    // GAD-7: 7 items 0–3, complete responses only.
    Case(
      instrument: "gad7", name: "lowest", answers: Array(repeating: "0", count: 7),
      expected: ["total": "0 minimal"]),
    Case(
      instrument: "gad7", name: "highest", answers: Array(repeating: "Nearly every day", count: 7),
      expected: ["total": "21 severe"]),
    Case(
      instrument: "gad7", name: "the one-word spelling of the highest answer",
      answers: Array(repeating: "nearly everyday", count: 7), expected: ["total": "21 severe"]),
    Case(
      instrument: "gad7", name: "one missing", answers: Array(repeating: "1", count: 6) + [""],
      expected: ["total": ""]),
    Case(
      instrument: "gad7", name: "all missing", answers: Array(repeating: "", count: 7),
      expected: ["total": ""]),

    // CORE-10: 10 items 0–4, items 2 and 3 scored 4 − answer; one missing prorated to 0.1.
    Case(
      instrument: "core10", name: "lowest",
      answers: ["Not at all", "Most or all of the time", "4"] + Array(repeating: "0", count: 7),
      expected: ["total": "0 healthy"]),
    Case(
      instrument: "core10", name: "highest",
      answers: ["4", "Not at all", "0"] + Array(repeating: "Most or all of the time", count: 7),
      expected: ["total": "40 severe"]),
    // Items 2 and 3 answered "not at all" score 4 each: 8.
    Case(
      instrument: "core10", name: "every answer 'not at all'",
      answers: Array(repeating: "Not at all", count: 10), expected: ["total": "8 low level"]),
    // Labels mean what they say even when the export printed numbers reversed: still 8.
    Case(
      instrument: "core10", name: "labels, from an export that reversed its numbers",
      answers: Array(repeating: "Not at all", count: 10), reversedInExport: true,
      expected: ["total": "8 low level"]),
    // The export's 0 on items 2 and 3 is the printed, already reversed score: answer 4, score 0.
    Case(
      instrument: "core10", name: "numbers, from an export that reversed them",
      answers: Array(repeating: "0", count: 10), reversedInExport: true,
      expected: ["total": "0 healthy"]),
    // Item 2 answered 4 scores 0, item 3 answered 0 scores 4: 4.
    Case(
      instrument: "core10", name: "reversed item 2",
      answers: ["0", "4"] + Array(repeating: "0", count: 8), expected: ["total": "4 healthy"]),
    // Item 3 answered 4 scores 0, item 2 answered 0 scores 4: 4.
    Case(
      instrument: "core10", name: "reversed item 3",
      answers: ["0", "0", "4"] + Array(repeating: "0", count: 7), expected: ["total": "4 healthy"]),
    // Nine answered "1": items 2, 3 score 3 each, seven others 1: 13 × 10 / 9 = 14.44 → 14.4.
    Case(
      instrument: "core10", name: "one missing",
      answers: Array(repeating: "Only occasionally", count: 9) + [""],
      expected: ["total": "14.4 mild (prorated)"]),
    Case(
      instrument: "core10", name: "all missing", answers: Array(repeating: "", count: 10),
      expected: ["total": ""]),

    // LSNS-6: 6 items 0–5; family 1–3, friends 4–6.
    Case(
      instrument: "lsns6", name: "lowest", answers: Array(repeating: "None", count: 6),
      expected: [
        "total": "0 at risk of social isolation", "family": "0 limited family network",
        "friends": "0 limited friendship network",
      ]),
    Case(
      instrument: "lsns6", name: "highest", answers: Array(repeating: "Nine or more", count: 6),
      expected: [
        "total": "30 not at risk", "family": "15 not limited", "friends": "15 not limited",
      ]),
    // The forms' "five thru eight" and the spelled-out "five through eight" are 4 each: 24.
    Case(
      instrument: "lsns6", name: "published wordings of 4",
      answers: [
        "five thru eight", "Five through eight", "five to eight", "4", "Five Thru Eight", "4",
      ],
      expected: [
        "total": "24 not at risk", "family": "12 not limited", "friends": "12 not limited",
      ]),
    // The ranges in figures, with an en dash and spaced hyphen: 3 + 4 + 5 + 3 + 4 + 5.
    Case(
      instrument: "lsns6", name: "ranges written in figures",
      answers: ["3–4", "5 - 8", "9+", "3 or 4", "5 to 8", "9 or more"],
      expected: [
        "total": "24 not at risk", "family": "12 not limited", "friends": "12 not limited",
      ]),
    Case(
      instrument: "lsns6", name: "one missing",
      answers: ["One", "two", "Three or four", "", "2", "2"],
      expected: ["total": "", "family": "6 not limited", "friends": ""]),
    Case(
      instrument: "lsns6", name: "all missing", answers: Array(repeating: "", count: 6),
      expected: ["total": "", "family": "", "friends": ""]),

    // Self-harm: a count in 28 days, with any episode derived.
    Case(
      instrument: "selfharm", name: "none", answers: ["None"],
      expected: ["episodes": "0", "any": "0 no"]),
    Case(
      instrument: "selfharm", name: "a count", answers: [" 12 "],
      expected: ["episodes": "12", "any": "1 yes"]),
    Case(
      instrument: "selfharm", name: "the largest count read", answers: ["1000"],
      expected: ["episodes": "1000", "any": "1 yes"]),
    Case(
      instrument: "selfharm", name: "an implausible count", answers: ["1001"],
      expected: ["episodes": "", "any": ""]),
    Case(
      instrument: "selfharm", name: "missing", answers: [""],
      expected: ["episodes": "", "any": ""]),
  ]

  @Test(arguments: cases)
  func scoresAsWorkedByHand(_ example: Case) throws {
    let instrument = try #require(try InstrumentCatalog.instrument(example.instrument))
    #expect(example.answers.count == instrument.itemCount)
    let reading = AnswerReading(
      instrument, reversedInExport: example.reversedInExport, numbering: example.numbering)
    let codes = example.answers.enumerated().map { index, text -> Int? in
      if case .code(let code) = reading.read(text, item: index + 1) { return code }
      return nil
    }
    var scored: [String: String] = [:]
    for score in instrument.score(codes) {
      scored[instrument.scales[score.scale].id] =
        [score.value?.description, score.band].compactMap { $0 }.joined(separator: " ")
        + (score.prorated ? " (prorated)" : "")
    }
    #expect(scored == example.expected)
  }

  /// Every shipped instrument has cases, and each of its published wordings is in one.
  @Test func everyInstrumentAndWordingIsWorked() throws {
    let worked = Set(Self.cases.map(\.instrument))
    for instrument in try InstrumentCatalog.shipped() {
      #expect(worked.contains(instrument.id), "no cases for \(instrument.id)")
      let answers = Set(
        Self.cases.filter { $0.instrument == instrument.id }.flatMap(\.answers).map(
          AnswerCoding.key))
      for label in instrument.answers.wordings.flatMap(\.labels.keys) {
        #expect(answers.contains(label), "\(instrument.id): '\(label)' in no case")
      }
    }
  }
}

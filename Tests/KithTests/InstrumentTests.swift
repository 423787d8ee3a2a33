import Testing

@testable import Kith

@Suite struct InstrumentTests {
  let wemwbs = InstrumentCatalog.wemwbs
  let ucla3 = InstrumentCatalog.ucla3

  @Test func wemwbsSumsFourteenItemsOnCompleteResponsesOnly() {
    #expect(wemwbs.total(Array(repeating: 1, count: 14)) == 14)
    #expect(wemwbs.total(Array(repeating: 5, count: 14)) == 70)
    #expect(wemwbs.total([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4]) == 40)
    #expect(wemwbs.total([nil] + Array(repeating: 5, count: 13)) == nil)
    #expect(wemwbs.totalRange == 14...70)
    #expect(wemwbs.itemColumns().first == "WEMWBS_1" && wemwbs.itemColumns().last == "WEMWBS_14")
  }

  @Test func ucla3SumsThreeItems() {
    #expect(ucla3.total([1, 2, 3]) == 6)
    #expect(ucla3.totalRange == 3...9)
    #expect(ucla3.itemColumns(pattern: "L{n}") == ["L1", "L2", "L3"])
  }

  @Test(arguments: [
    ("4", 4), (" 5 ", 5), ("Often", 4), ("  ALL   of the TIME ", 5), ("none of the time", 1),
  ])
  func wemwbsAnswersAreCodesOrLabels(answer: String, code: Int) {
    #expect(wemwbs.code(of: answer) == code)
  }

  @Test(arguments: ["0", "6", "4.0", "Sometimes", "-1", "often!"])
  func badAnswersAreNeverCoerced(answer: String) {
    #expect(wemwbs.code(of: answer) == nil)
  }

  @Test func ucla3LabelsIncludeTheONSWording() {
    #expect(ucla3.code(of: "Hardly ever or never") == 1)
    #expect(ucla3.code(of: "Hardly ever") == 1)
    #expect(ucla3.code(of: "often") == 3)
    #expect(ucla3.code(of: "4") == nil)
    #expect(
      ucla3.acceptedAnswers
        == "expected 1–3 or one of 'hardly ever', 'hardly ever or never', 'some of the time', 'often'"
    )
  }
}

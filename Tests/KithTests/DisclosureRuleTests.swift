import Testing

@testable import Kith

@Suite struct DisclosureRuleTests {
  let nhs = DisclosureRule.nhsDigital

  @Test(arguments: [
    (0, "0"), (1, "*"), (7, "*"), (8, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"),
    (22, "20"), (23, "25"), (100, "100"), (102, "100"), (103, "105"),
  ])
  func nhsDigitalSuppressesOneToSevenAndRoundsToFive(n: Int, shown: String) {
    #expect(nhs.count(n) == shown)
  }

  @Test func totalsComeFromUnroundedCells() {
    // Cells 8, 8, 8 show as 10, 10, 10 but total 24 → 25, not 30.
    #expect([8, 8, 8].map(nhs.count) == ["10", "10", "10"])
    #expect(nhs.total([8, 8, 8]) == "25")
    // Suppressed cells still count towards the total.
    #expect(nhs.total([3, 4, 6]) == "15")
    #expect(nhs.total([3, 4]) == "*")
  }

  @Test func statisticsNeedEnoughPeople() {
    #expect(!nhs.allowsStatistic(n: 7) && nhs.allowsStatistic(n: 8))
    #expect(
      !DisclosureRule.ons10.allowsStatistic(n: 9) && DisclosureRule.ons10.allowsStatistic(n: 10))
    #expect(DisclosureRule.min5.allowsStatistic(n: 5))
  }

  @Test(arguments: [
    (DisclosureRule.ons10, 9, "*"), (.ons10, 10, "10"), (.ons10, 11, "11"), (.min5, 4, "*"),
    (.min5, 5, "5"),
  ])
  func otherPresets(rule: DisclosureRule, n: Int, shown: String) {
    #expect(rule.count(n) == shown)
  }

  @Test func percentagesUseThePublishedValues() {
    // 12 of 38 → 10 of 40 → 25 %.
    #expect(nhs.percentage(12, of: 38) == "25")
    #expect(nhs.percentage(5, of: 38) == "*")
    #expect(nhs.percentage(0, of: 38) == "0")
    #expect(nhs.percentage(0, of: 0) == "")
  }

  @Test func theRuleDescribesItself() {
    #expect(
      nhs.summary
        == "nhs-digital: counts of 1–7 shown as *; other counts rounded to the nearest 5; statistics shown only where n ≥ 8"
    )
  }
}

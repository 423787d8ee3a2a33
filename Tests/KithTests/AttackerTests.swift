import Foundation
import Testing

@testable import Kith

/// The attacker in the release, recovery by recovery, on tables written by hand — each a
/// recovery it made from releases before disclosure held across tables — and the protection
/// that leaves it nothing.
@Suite struct AttackerTests {
  /// A published table from CSV text: counts and other numbers with the precision their
  /// decimals show, `*` suppressed, anything else a label.
  static func table(_ id: String, _ text: String) -> PublishedTable {
    let lines = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    return PublishedTable(
      id: id, header: lines[0],
      rows: lines.dropFirst().map { row in
        row.map { text in
          guard text != "*", Double(text) != nil else {
            return PublishedTable.Value(text: text, halfWidth: nil)
          }
          let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
          return PublishedTable.Value(text: text, halfWidth: 0.5 * pow(10, -Double(decimals)))
        }
      })
  }

  static let ons10 = DisclosureRule.ons10
  static let min5 = DisclosureRule.min5

  func attack(_ rule: DisclosureRule, _ tables: [PublishedTable], steps: [String: Double] = [:])
    -> [Recovery]
  {
    Attacker(rule: rule, steps: steps, wellbeingScale: nil).attack(tables)
  }

  // MARK: - Counts

  @Test func twoVariablesSummingToTwoEachAtLeastOneArePinned() throws {
    let region = FeasibleRegion(
      bounds: [1...Double.infinity, 1...Double.infinity, 2...2],
      equations: [FeasibleRegion.Equation(terms: [(2, 1), (0, -1), (1, -1)], value: 0)])
    let pinned = try #require(region.interval(of: 0))
    #expect(abs(pinned.lowerBound - 1) < 1e-9 && abs(pinned.upperBound - 1) < 1e-9)
    #expect(region.isPinned(0))
    let open = FeasibleRegion(
      bounds: [1...Double.infinity, 1...Double.infinity, 3...5],
      equations: [FeasibleRegion.Equation(terms: [(2, 1), (0, -1), (1, -1)], value: 0)])
    let wide = try #require(open.interval(of: 0))
    #expect(abs(wide.lowerBound - 1) < 1e-9 && abs(wide.upperBound - 4) < 1e-9)
    #expect(!open.isPinned(0))
  }

  /// T2 under ons10: retention at week 4 of a group suppressed, yet 19 − 11 of the whole study
  /// (and Hillside's 15 − 11 = 4 not retained is a small count published by subtraction).
  @Test func aSuppressedGroupCountIsRecoveredFromTheTotal() {
    let t2 = Self.table(
      "t2_engagement",
      """
      group,participants,retained_w4
      Riverside,20,*
      Hillside,15,11
      All who attended,35,19
      """)
    let recoveries = attack(Self.ons10, [t2])
    #expect(Set(recoveries.map(\.kind)) == [.suppressedCount, .unpublishedCount])
    #expect(
      recoveries.contains {
        $0.kind == .suppressedCount
          && $0.cell == Recovery.Cell(table: "t2_engagement", row: 0, column: "retained_w4")
      })
    // Complementary suppressions close it: Hillside's retention, and its size with the total
    // (either alone would be the total minus Riverside's 20).
    let closed = Self.table(
      "t2_engagement",
      """
      group,participants,retained_w4
      Riverside,20,*
      Hillside,*,*
      All who attended,*,19
      """)
    #expect(attack(Self.ons10, [closed]).isEmpty)
  }

  /// T3 under min5: reliably improved suppressed, yet 23 − 18 − 0.
  @Test func aSuppressedCategoryIsRecoveredFromItsRow() {
    let t3 = Self.table(
      "t3_change",
      """
      instrument,scale,n_pairs,reliably_improved,no_reliable_change,reliably_deteriorated
      wemwbs,total,23,*,18,0
      """)
    #expect(attack(Self.min5, [t3]).map(\.kind) == [.suppressedCount])
  }

  /// T1 and T2: everyone minus everyone who attended is the people in no group — one person.
  @Test func aSmallUnpublishedCountIsRecoveredAcrossTables() {
    let t1 = Self.table(
      "t1_characteristics",
      """
      characteristic,level,group,n,percent,mean,sd
      participants,,Riverside,20,,,
      participants,,Hillside,18,,,
      participants,,All participants,39,,,
      """)
    let t2 = Self.table(
      "t2_engagement",
      """
      group,participants
      Riverside,20
      Hillside,18
      All who attended,38
      """)
    #expect(attack(Self.ons10, [t1, t2]).map(\.kind) == [.unpublishedCount])
    #expect(attack(Self.ons10, [t1]).map(\.kind) == [.unpublishedCount])
  }

  @Test func aTableWithARowPerPersonIsARecovery() {
    let j3 = Self.table("j3_case_ordered", "pid,wellbeing_change,sessions_attended\nab12,3,17")
    #expect(attack(Self.ons10, [j3]).map(\.kind) == [.personRows])
  }

  // MARK: - Statistics

  @Test func aStatisticOverASuppressedCountIsARecovery() {
    let t4 = Self.table(
      "t4_dose_response", "instrument,scale,n_pairs,spearman_rho\nwemwbs,total,*,0.31")
    #expect(attack(Self.ons10, [t4]).map(\.kind) == [.statisticOfSuppressedCount])
  }

  /// Under rounding to 5, "35" is 33 to 37 people; a mean of whole-number scores to nine
  /// decimals, 39.121212121 = 1291/33, gives 33 back.
  @Test func theExactCountComesBackFromAMeansDecimals() {
    let t1 = Self.table(
      "t1_characteristics",
      """
      characteristic,level,group,n,percent,mean,sd
      wemwbs total,,All participants,35,,39.121212121,8.1
      """)
    let found = attack(.nhsDigital, [t1], steps: ["wemwbs total": 1])
    #expect(found.map(\.kind) == [.exactCount])
    #expect(
      found.first?.remedy
        == .coarsen([Recovery.Cell(table: "t1_characteristics", row: 0, column: "mean")]))
    // To one decimal every count from 33 to 37 has a sum that rounds to 39.1.
    let coarse = Self.table(
      "t1_characteristics",
      "characteristic,level,group,n,percent,mean,sd\nwemwbs total,,All participants,35,,39.1,8.1")
    #expect(attack(.nhsDigital, [coarse], steps: ["wemwbs total": 1]).isEmpty)
  }

  /// (t / d_z)² = n: 25 published, 23 to 27 possible; t = 2.302 and d_z = 0.480 allow only 23.
  @Test func theExactCountComesBackFromTAndDz() {
    let t3 = Self.table(
      "t3_change", "instrument,scale,n_pairs,t,d_z\nwemwbs,total,25,2.302,0.480")
    #expect(attack(.nhsDigital, [t3]).map(\.kind) == [.exactCount])
    let withheld = Self.table(
      "t3_change", "instrument,scale,n_pairs,t,d_z\nwemwbs,total,25,*,0.480")
    #expect(attack(.nhsDigital, [withheld]).isEmpty)
  }

  @Test func degreesOfFreedomGiveTheCountBack() {
    let t3 = Self.table("t3_change", "instrument,scale,n_pairs,df\nwemwbs,total,25,23")
    #expect(attack(.nhsDigital, [t3]).map(\.kind) == [.exactCount])
  }

  /// Spearman's p with ρ: for ρ = 0.5, p = 0.0107 with 26 pairs, 0.0126 with 25.
  @Test func theExactCountComesBackFromRhoAndItsP() {
    let rho = 0.5
    let p26 = Distributions.tTwoSided(rho * (24 / (1 - rho * rho)).squareRoot(), df: 24)
    let t4 = Self.table(
      "t4_dose_response",
      "instrument,scale,n_pairs,spearman_rho,spearman_p\nwemwbs,total,25,0.500,"
        + Fixed.format(p26, decimals: 4))
    #expect(attack(.nhsDigital, [t4]).map(\.kind) == [.exactCount])
  }

  /// 8 of 10 is 80 %: with both counts rounded (8–12), only 8/10 gives 80 exactly.
  @Test func aPercentageGivesItsCountsBack() {
    let t2 = Self.table(
      "t2_engagement",
      "group,participants,retained_w4,retained_w4_percent\nAll who attended,10,10,80")
    #expect(attack(.nhsDigital, [t2]).map(\.kind) == [.percentage])
  }

  /// Under exact counts, a group's withheld mean is the whole study's sum minus the others',
  /// when no one is in no group.
  @Test func aWithheldGroupMeanComesBackFromTheOthers() {
    let t1 = Self.table(
      "t1_characteristics",
      """
      characteristic,level,group,n,percent,mean,sd
      participants,,Riverside,12,,,
      participants,,Tiny,3,,,
      participants,,All participants,15,,,
      wemwbs total,,Riverside,12,,40.5,8.1
      wemwbs total,,Tiny,3,,*,*
      wemwbs total,,All participants,15,,41.2,8.3
      """)
    let found = attack(
      DisclosureRule(name: "c", suppressBelow: 3, roundTo: 1, minimumForStatistics: 10), [t1])
    #expect(found.map(\.kind) == [.groupStatistic])
  }
}

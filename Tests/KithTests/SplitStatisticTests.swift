import Testing

@testable import Kith

/// A statistic split into parts (T1's groups, T11's bands of sessions): the whole's statistic
/// minus the shown parts' gives the withheld parts' pooled one, so the protection withholds one
/// more member while the withheld parts are one, or pool fewer people than the rule's minimum.
@Suite struct SplitStatisticTests {
  /// Every count published, statistics from 5 people: what is withheld is the statistics'
  /// doing, not a suppressed count's.
  static let rule = DisclosureRule(
    name: "custom", suppressBelow: 1, roundTo: 1, minimumForStatistics: 5)

  /// A whole of `parts.reduce(+)` people and its parts, each with a mean; the whole is kept when
  /// `keepsTotal`.
  static func protection(_ parts: [Int], keepsTotal: Bool) -> TableProtection {
    let whole = CountKey("whole")
    let keys = parts.indices.map { CountKey("part \($0)") }
    let relation = CountRelation(total: whole, parts: keys, keepsTotal: keepsTotal)
    let row = { (key: CountKey, n: Int) -> [TableCell] in
      [.people(n, key: key), .statistic(1.5, .score, n: n, of: key)]
    }
    let table = StudyTable(
      id: .t11ChangeBySessions, title: "A split mean",
      columns: [
        StudyColumn("n", "n", "integer", "People."),
        StudyColumn("mean", "Mean", "number", "A mean."),
      ],
      rows: [row(whole, parts.reduce(0, +))] + zip(keys, parts).map(row),
      relations: [relation], statisticSums: [relation])
    return TableProtection(tables: [table], rule: Self.rule)
  }

  /// Which members' statistics are shown: the whole first, then the parts.
  static func shown(_ parts: [Int], keepsTotal: Bool) -> [Bool] {
    let protection = protection(parts, keepsTotal: keepsTotal)
    let members = [("whole", parts.reduce(0, +))] + parts.enumerated().map { ("part \($0)", $1) }
    return members.map { name, n in
      protection.precision(
        of: .score, n: n, of: CountKey(name),
        cell: Recovery.Cell(table: "t", row: 0, column: "mean")) != .withheld
    }
  }

  @Test(
    arguments: [
      // Nothing withheld: everything shown.
      ([10, 12, 9], [true, true, true, true]),
      // One small part: the smallest shown part goes with it, the whole stays.
      ([3, 12, 9], [true, false, true, false]),
      // Two small parts pooling 6 ≥ 5: a mean of six people is no one's; nothing more.
      ([3, 3, 9, 12], [true, false, false, true, true]),
      // Two small parts pooling 4 < 5: the smallest shown part too, pooling 13.
      ([2, 2, 9, 12], [true, false, false, false, true]),
      // An empty part is no one (and has no mean): one small part still takes the smallest
      // shown with it.
      ([0, 4, 9, 12], [true, false, false, false, true]),
    ])
  func aSplitKeepingItsTotalWithholdsParts(parts: [Int], expected: [Bool]) {
    #expect(Self.shown(parts, keepsTotal: true) == expected)
  }

  @Test func aSplitOfTheSameTableWithholdsItsTotal() {
    // T1's way: the whole study's mean goes, the groups' stay.
    #expect(Self.shown([3, 12, 9], keepsTotal: false) == [false, false, true, true])
    #expect(Self.shown([2, 2, 9, 12], keepsTotal: false) == [false, false, false, true, true])
  }
}

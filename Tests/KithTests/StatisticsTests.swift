import Foundation
import Testing

@testable import Kith

/// Every statistic against reference values computed by scipy
/// (`Reference/make_stats_reference.py` wrote `Reference/stats_reference.json`), plus the edge
/// cases: one pair, no variation, every change zero.
@Suite struct StatisticsTests {
  nonisolated(unsafe) static let reference: [String: Any] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Reference/stats_reference.json")
    guard let data = try? Data(contentsOf: url),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return json
  }()

  /// The reference's cases of `key`; a missing or empty list fails the test rather than letting
  /// a loop over it pass without checking anything.
  func cases(_ key: String) throws -> [[String: Any]] {
    let items = try #require(
      Self.reference[key] as? [[String: Any]], "no '\(key)' in Reference/stats_reference.json")
    try #require(!items.isEmpty, "'\(key)' in Reference/stats_reference.json is empty")
    return items
  }

  /// Whether `actual` is within `tolerance` of `expected`, relatively (absolutely near zero).
  func close(_ actual: Double, _ expected: Any?, _ tolerance: Double = 1e-9) -> Bool {
    // The reference writes a statistic that is not defined as null.
    if expected is NSNull { return actual.isNaN }
    guard let expected = (expected as? NSNumber)?.doubleValue else { return false }
    if expected.isNaN { return actual.isNaN }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
      || abs(actual - expected) <= tolerance * abs(expected)
  }

  func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

  @Test func theReferenceFileIsThere() {
    #expect(Self.reference["scipy"] as? String != nil)
    #expect((Self.reference["paired"] as? [String: Any])?.count == 6)
  }

  @Test func distributionsAgreeWithScipyTo1e12() throws {
    for item in try cases("incomplete_beta") {
      let value = Distributions.incompleteBeta(
        number(item["x"]), a: number(item["a"]), b: number(item["b"]))
      #expect(close(value, item["value"], 1e-12), "I_x(a, b) at \(item)")
    }
    for item in try cases("t_two_sided") {
      let value = Distributions.tTwoSided(number(item["t"]), df: number(item["df"]))
      #expect(close(value, item["value"], 1e-12), "t at \(item)")
    }
    for item in try cases("t_critical") {
      let value = Distributions.tCritical(alpha: 0.05, df: number(item["df"]))
      #expect(close(value, item["value"], 1e-12), "t critical at \(item)")
    }
    for item in try cases("normal_two_sided") {
      #expect(close(Distributions.normalTwoSided(number(item["z"])), item["value"], 1e-12))
    }
  }

  @Test(arguments: [
    "wemwbs_20_ties", "exact_10", "permutation_8", "normal_60", "zeros_ties_30", "two_pairs",
  ])
  func pairedStatisticsAgreeWithScipy(name: String) throws {
    let all = try #require(Self.reference["paired"] as? [String: [String: Any]])
    let item = try #require(all[name])
    let before = try #require(item["before"] as? [NSNumber]).map(\.doubleValue)
    let after = try #require(item["after"] as? [NSNumber]).map(\.doubleValue)
    let change = PairedComparison(before: before, after: after)
    #expect(close(change.meanChange, item["mean_change"]))
    #expect(close(change.sdChange, item["sd_change"]))
    #expect(close(change.t, item["t"]))
    #expect(change.df == item["df"] as? Int)
    #expect(close(change.p, item["p_t"]))
    #expect(close(change.ciLow, item["ci_low"]))
    #expect(close(change.ciHigh, item["ci_high"]))
    #expect(close(change.dz, item["d_z"]))
    #expect(close(change.gav, item["g_av"]))
    #expect(close(change.before.median, item["before_median"]))
    #expect(close(change.before.q1, item["before_q1"]))
    #expect(close(change.before.q3, item["before_q3"]))
    let changes = zip(after, before).map { $0 - $1 }
    let wilcoxon = WilcoxonSignedRank(changes: changes)
    #expect(close(wilcoxon.statistic, item["wilcoxon_statistic"]), "\(name)")
    #expect(close(wilcoxon.p, item["p_wilcoxon"]), "\(name) by \(wilcoxon.method)")
    let rho = Correlation(spearman: before, changes)
    #expect(close(rho.r, item["spearman_rho"]))
    #expect(close(rho.p, item["spearman_p"]))
    let fit = LinearRegression(x: before, y: changes)
    #expect(close(fit.slope, item["slope"]))
    if before.count > 2 {
      #expect(close(fit.slopeSE, item["slope_se"]))
    } else {
      // scipy reports 0 for a line through two points; with no residual degrees of freedom
      // Kith says the error is unknown.
      #expect(fit.slopeSE.isNaN)
    }
    #expect(close(fit.ciLow, item["slope_ci_low"]))
    #expect(close(fit.ciHigh, item["slope_ci_high"]))
  }

  @Test func wilcoxonChoosesScipysMethod() {
    #expect(WilcoxonSignedRank(changes: [1, -2, 3, 4, 5, 6]).method == .exact)
    #expect(WilcoxonSignedRank(changes: [1, 1, 3, 4, 0, 6]).method == .permutation)
    #expect(WilcoxonSignedRank(changes: (1...51).map(Double.init)).method == .normal)
  }

  @Test func alphaAgreesWithTheReference() throws {
    for item in try cases("alpha") {
      let rows = try #require(item["rows"] as? [[Any]]).map { row in
        row.map { ($0 as? NSNumber)?.doubleValue }
      }
      let alpha = CronbachAlpha(responses: rows)
      #expect(alpha.n == item["n"] as? Int)
      #expect(close(alpha.alpha, item["alpha"]))
      let rest = try #require(item["item_rest"] as? [NSNumber])
      let dropped = try #require(item["alpha_if_deleted"] as? [NSNumber])
      for index in rest.indices {
        #expect(close(alpha.itemRest[index], rest[index]))
        #expect(close(alpha.alphaIfDeleted[index], dropped[index]))
      }
    }
  }

  @Test func wilsonIntervalsAgreeWithTheReference() throws {
    for item in try cases("wilson") {
      let interval = WilsonInterval(count: item["count"] as? Int ?? -1, of: item["n"] as? Int ?? 0)
      #expect(close(interval.low, item["low"], 1e-12) && close(interval.high, item["high"], 1e-12))
    }
  }

  @Test func edgeCasesGiveNotANumberRatherThanAWrongNumber() {
    let one = PairedComparison(before: [10], after: [12])
    #expect(one.meanChange == 2 && one.t.isNaN && one.p.isNaN && one.ciLow.isNaN)
    let same = PairedComparison(before: [10, 11, 12], after: [10, 11, 12])
    #expect(same.meanChange == 0 && same.p.isNaN && same.dz.isNaN)
    #expect(WilcoxonSignedRank(changes: [0, 0, 0]).p.isNaN)
    // Every change the same: no SD of changes, but the averages still move.
    let shift = PairedComparison(before: [10, 12, 14], after: [13, 15, 17])
    #expect(shift.meanChange == 3 && shift.dz.isNaN && shift.gav.isFinite)
    #expect(Correlation(spearman: [1, 1, 1], [1, 2, 3]).r.isNaN)
    #expect(LinearRegression(x: [2, 2, 2], y: [1, 2, 3]).slope.isNaN)
    #expect(CronbachAlpha(responses: [[1, 2], [nil, 2]]).alpha.isNaN)
  }
}

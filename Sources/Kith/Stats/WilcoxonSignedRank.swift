/// The Wilcoxon signed-rank test of paired changes, as `scipy.stats.wilcoxon` computes it by
/// default (scipy 1.17: `zero_method="wilcox"`, `correction=False`, `method="auto"`).
///
/// Zero changes are dropped before ranking. The p-value is exact (the null distribution of the
/// rank sum) for up to 50 pairs without ties or zeros; with ties or zeros and at most 13 pairs it
/// is the exact permutation p-value over every sign assignment (scipy's permutation test, which
/// enumerates all 2ⁿ when that is under 9,999); otherwise the normal approximation with the tie
/// correction and no continuity correction.
public struct WilcoxonSignedRank: Sendable {
  /// The smaller of the positive and negative rank sums.
  public let statistic: Double
  /// The two-sided p-value; `nan` when every change is zero.
  public let p: Double
  /// How the p-value was found.
  public let method: Method

  /// How a p-value was computed.
  public enum Method: String, Sendable {
    /// The exact null distribution of the rank sum.
    case exact
    /// Every assignment of signs to the changes, counted.
    case permutation
    /// The normal approximation with tie correction.
    case normal
  }

  /// Tests the changes `after − before`.
  public init(changes: [Double]) {
    let nonZero = changes.filter { $0 != 0 }
    let count = nonZero.count
    let ranks = Ranks.average(nonZero.map(abs))
    // Ranks are multiples of ½: doubled, they sum exactly as integers.
    let doubled = ranks.map { Int(($0 * 2).rounded()) }
    let plus = zip(nonZero, doubled).reduce(0) { $0 + ($1.0 > 0 ? $1.1 : 0) }
    let total = count * (count + 1)
    statistic = Double(min(plus, total - plus)) / 2
    let ties = Ranks.tieGroups(nonZero.map(abs)).contains { $0 > 1 }
    let zeros = count < changes.count
    guard count > 0 else {
      p = .nan
      method = .normal
      return
    }
    if changes.count <= 50 && !ties && !zeros {
      method = .exact
      p = Self.exactP(plus: plus / 2, n: count)
    } else if changes.count <= 13 {
      method = .permutation
      p = Self.permutationP(doubledRanks: doubled, observed: plus)
    } else {
      method = .normal
      let n = Double(count)
      let mean = n * (n + 1) / 4
      let tieTerm = Ranks.tieGroups(nonZero.map(abs)).reduce(0.0) {
        $0 + Double($1 * $1 * $1 - $1)
      }
      let se = ((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24).squareRoot()
      let z = (Double(plus) / 2 - mean) / se
      p = se > 0 ? Distributions.normalTwoSided(z) : .nan
    }
  }

  /// 2·min(P(W ≤ w), P(W ≥ w)) under the exact null distribution of the positive rank sum.
  private static func exactP(plus: Int, n: Int) -> Double {
    let maximum = n * (n + 1) / 2
    var ways = [Double](repeating: 0, count: maximum + 1)
    ways[0] = 1
    for rank in 1...n {
      for sum in stride(from: maximum, through: rank, by: -1) { ways[sum] += ways[sum - rank] }
    }
    let all = ways.reduce(0, +)
    let lower = ways[0...plus].reduce(0, +) / all
    let upper = ways[plus...].reduce(0, +) / all
    return min(1, 2 * min(lower, upper))
  }

  /// 2·min of the shares of sign assignments whose positive rank sum is at most and at least
  /// the observed one.
  private static func permutationP(doubledRanks: [Int], observed: Int) -> Double {
    var atMost = 0
    var atLeast = 0
    let assignments = 1 << doubledRanks.count
    for signs in 0..<assignments {
      var sum = 0
      for (index, rank) in doubledRanks.enumerated() where signs >> index & 1 == 1 { sum += rank }
      if sum <= observed { atMost += 1 }
      if sum >= observed { atLeast += 1 }
    }
    return min(1, 2 * Double(min(atMost, atLeast)) / Double(assignments))
  }
}

/// Pearson's and Spearman's correlation coefficients, with the two-sided p-value scipy reports
/// (`pearsonr`, `spearmanr`): t = r·√((n − 2)/(1 − r²)) on n − 2 degrees of freedom.
public struct Correlation: Sendable {
  /// The number of pairs.
  public let n: Int
  /// The coefficient; `nan` when either variable does not vary or n < 2.
  public let r: Double
  /// The two-sided p-value; `nan` below three pairs.
  public let p: Double

  /// Pearson's r of `x` and `y`.
  public init(pearson x: [Double], _ y: [Double]) {
    precondition(x.count == y.count, "correlated samples of different lengths")
    n = x.count
    let (meanX, meanY) = (Descriptive.mean(x), Descriptive.mean(y))
    var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
    for (a, b) in zip(x, y) {
      sxy += (a - meanX) * (b - meanY)
      sxx += (a - meanX) * (a - meanX)
      syy += (b - meanY) * (b - meanY)
    }
    let r = n > 1 && sxx > 0 && syy > 0 ? max(-1, min(1, sxy / (sxx * syy).squareRoot())) : .nan
    self.r = r
    p = Self.pValue(r: r, n: n)
  }

  /// Spearman's rho of `x` and `y`: Pearson's r of their average ranks.
  public init(spearman x: [Double], _ y: [Double]) {
    self.init(pearson: Ranks.average(x), Ranks.average(y))
  }

  private static func pValue(r: Double, n: Int) -> Double {
    guard n > 2, !r.isNaN else { return .nan }
    if abs(r) == 1 { return 0 }
    let df = Double(n - 2)
    return Distributions.tTwoSided(r * (df / (1 - r * r)).squareRoot(), df: df)
  }
}

/// A proportion with its Wilson score 95% confidence interval (Wilson 1927; statsmodels'
/// `proportion_confint(method="wilson")`).
public struct WilsonInterval: Sendable {
  /// Successes.
  public let count: Int
  /// Trials.
  public let n: Int
  /// count / n; `nan` when n is 0.
  public let proportion: Double
  /// The lower end of the interval.
  public let low: Double
  /// The upper end of the interval.
  public let high: Double

  /// The z of a two-sided 95% interval, Φ⁻¹(0.975).
  public static let z95 = 1.959963984540054

  /// The interval for `count` of `n`.
  public init(count: Int, of n: Int) {
    self.count = count
    self.n = n
    guard n > 0 else {
      (proportion, low, high) = (.nan, .nan, .nan)
      return
    }
    let p = Double(count) / Double(n)
    let z = Self.z95
    let z2 = z * z
    let trials = Double(n)
    let centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    let half =
      z / (1 + z2 / trials) * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()
    proportion = p
    low = max(0, centre - half)
    high = min(1, centre + half)
  }
}

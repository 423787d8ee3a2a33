/// Change between two measurements of the same people: the paired t-test, its 95% confidence
/// interval, and the standardised effect sizes d_z and g_av.
public struct PairedComparison: Sendable {
  /// The number of complete pairs.
  public let n: Int
  /// The first and second measurements summarised.
  public let before: Descriptive
  /// The second measurement summarised.
  public let after: Descriptive
  /// The mean of after − before.
  public let meanChange: Double
  /// The standard deviation of the changes.
  public let sdChange: Double
  /// The 95% confidence interval of the mean change.
  public let ciLow: Double
  /// The upper end of the interval.
  public let ciHigh: Double
  /// Student's t for the mean change, on `df` = n − 1 degrees of freedom.
  public let t: Double
  /// The degrees of freedom.
  public let df: Int
  /// The two-sided p-value of `t`.
  public let p: Double
  /// Cohen's d_z: mean change / SD of the changes (the standardised response mean).
  public let dz: Double
  /// Hedges' g_av: mean change / the average of the two SDs, times J = 1 − 3/(4·df − 1)
  /// (Lakens 2013), df = n − 1.
  public let gav: Double
  /// The 95% confidence interval of d_z.
  ///
  /// d_z ± 1.96 · √(1/n + d_z²/(2n)), the large-sample standard error of a standardised mean
  /// change (Borenstein et al. 2009, Introduction to Meta-Analysis, eq. 4.28, with the SD of
  /// the changes).
  public let dzInterval: (low: Double, high: Double)
  /// The 95% confidence interval of g_av.
  ///
  /// J · (d_av ± 1.96 · √((1/n + d_av²/(2n)) · 2(1 − r))), r the correlation of the two waves
  /// (Borenstein et al. 2009, eq. 4.28).
  public let gavInterval: (low: Double, high: Double)

  /// The normal distribution's 97.5th percentile.
  static let z975 = 1.959963984540054

  /// Compares `after` with `before`, pair by pair; the arrays must be the same length.
  ///
  /// Statistics that cannot be computed (fewer than two pairs, no variation) are `nan`; with
  /// every change equal to zero, t and the effect sizes are `nan` and p is `nan`, as in scipy.
  public init(before: [Double], after: [Double]) {
    precondition(before.count == after.count, "paired samples of different lengths")
    n = before.count
    self.before = Descriptive(before)
    self.after = Descriptive(after)
    let changes = zip(after, before).map { $0 - $1 }
    meanChange = Descriptive.mean(changes)
    sdChange = Descriptive.sd(changes)
    df = n - 1
    let standardError = sdChange / Double(n).squareRoot()
    t = n > 1 ? meanChange / standardError : .nan
    p = n > 1 && standardError > 0 ? Distributions.tTwoSided(t, df: Double(df)) : .nan
    let critical = n > 1 ? Distributions.tCritical(alpha: 0.05, df: Double(df)) : .nan
    ciLow = meanChange - critical * standardError
    ciHigh = meanChange + critical * standardError
    dz = n > 1 && sdChange > 0 ? meanChange / sdChange : .nan
    let averageSD = (self.before.sd + self.after.sd) / 2
    let correction = 1 - 3 / (4 * Double(df) - 1)
    gav = n > 1 && averageSD > 0 ? meanChange / averageSD * correction : .nan
    let count = Double(n)
    let dzSE = (1 / count + dz * dz / (2 * count)).squareRoot()
    dzInterval = (dz - Self.z975 * dzSE, dz + Self.z975 * dzSE)
    let (sd1, sd2) = (self.before.sd, self.after.sd)
    let r = (sd1 * sd1 + sd2 * sd2 - sdChange * sdChange) / (2 * sd1 * sd2)
    let dav = gav / correction
    let davSE = ((1 / count + dav * dav / (2 * count)) * 2 * (1 - r)).squareRoot()
    gavInterval = (
      correction * (dav - Self.z975 * davSE), correction * (dav + Self.z975 * davSE)
    )
  }
}

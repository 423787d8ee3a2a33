/// The least-squares fit of y on x adjusted for one covariate, y = a + b·x + c·covariate: the
/// slope b with its standard error and 95% confidence interval on n − 3 degrees of freedom (as
/// statsmodels' `ols("y ~ x + covariate")` and R's `confint(lm(y ~ x + covariate))`).
///
/// With y the change from baseline and the covariate the baseline score, this is the ANCOVA form
/// Vickers & Altman (2001, BMJ 323:1123) recommend for change scores. Two predictors need only
/// their centred sums of squares and products, so this is written out here rather than through
/// a linear-algebra library.
public struct AdjustedRegression: Sendable {
  /// The number of points.
  public let n: Int
  /// The slope of x; `nan` when x and the covariate are collinear or x does not vary.
  public let slope: Double
  /// The slope's standard error; `nan` below four points.
  public let slopeSE: Double
  /// The lower end of the slope's 95% confidence interval.
  public let ciLow: Double
  /// The upper end of the interval.
  public let ciHigh: Double

  /// Fits y = a + b·x + c·covariate.
  public init(x: [Double], covariate z: [Double], y: [Double]) {
    precondition(
      x.count == y.count && z.count == y.count, "regression samples of different lengths")
    n = x.count
    let (meanX, meanZ, meanY) = (Descriptive.mean(x), Descriptive.mean(z), Descriptive.mean(y))
    var (sxx, szz, sxz, sxy, szy) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for index in 0..<n {
      let (dx, dz, dy) = (x[index] - meanX, z[index] - meanZ, y[index] - meanY)
      sxx += dx * dx
      szz += dz * dz
      sxz += dx * dz
      sxy += dx * dy
      szy += dz * dy
    }
    let determinant = sxx * szz - sxz * sxz
    guard n > 0, determinant > 1e-12 * max(sxx * szz, .leastNormalMagnitude) else {
      (slope, slopeSE, ciLow, ciHigh) = (.nan, .nan, .nan, .nan)
      return
    }
    let b = (szz * sxy - sxz * szy) / determinant
    let c = (sxx * szy - sxz * sxy) / determinant
    var residuals = 0.0
    for index in 0..<n {
      let residual = (y[index] - meanY) - b * (x[index] - meanX) - c * (z[index] - meanZ)
      residuals += residual * residual
    }
    slope = b
    let df = Double(n - 3)
    slopeSE = n > 3 ? (residuals / df * szz / determinant).squareRoot() : .nan
    let critical = n > 3 ? Distributions.tCritical(alpha: 0.05, df: df) : .nan
    ciLow = slope - critical * slopeSE
    ciHigh = slope + critical * slopeSE
  }
}

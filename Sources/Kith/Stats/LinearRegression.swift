/// The ordinary least-squares line through (x, y): slope, intercept, and the slope's standard
/// error and 95% confidence interval on n − 2 degrees of freedom (as `scipy.stats.linregress`
/// and R's `confint(lm(y ~ x))`).
public struct LinearRegression: Sendable {
  /// The number of points.
  public let n: Int
  /// The slope; `nan` when x does not vary.
  public let slope: Double
  /// The intercept.
  public let intercept: Double
  /// The slope's standard error; `nan` below three points.
  public let slopeSE: Double
  /// The 95% confidence interval of the slope.
  public let ciLow: Double
  /// The upper end of the interval.
  public let ciHigh: Double

  /// Fits y = intercept + slope·x.
  public init(x: [Double], y: [Double]) {
    precondition(x.count == y.count, "regression samples of different lengths")
    n = x.count
    let (meanX, meanY) = (Descriptive.mean(x), Descriptive.mean(y))
    var (sxy, sxx) = (0.0, 0.0)
    for (a, b) in zip(x, y) {
      sxy += (a - meanX) * (b - meanY)
      sxx += (a - meanX) * (a - meanX)
    }
    slope = sxx > 0 ? sxy / sxx : .nan
    intercept = meanY - slope * meanX
    var residuals = 0.0
    for (a, b) in zip(x, y) {
      let residual = b - (intercept + slope * a)
      residuals += residual * residual
    }
    let df = Double(n - 2)
    slopeSE = n > 2 && sxx > 0 ? (residuals / df / sxx).squareRoot() : .nan
    let critical = n > 2 ? Distributions.tCritical(alpha: 0.05, df: df) : .nan
    ciLow = slope - critical * slopeSE
    ciHigh = slope + critical * slopeSE
  }
}

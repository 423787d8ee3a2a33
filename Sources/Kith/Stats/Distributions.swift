import Foundation

/// The probability functions the study tables need: the normal and Student's t distributions,
/// through the regularised incomplete beta function.
///
/// The incomplete beta is evaluated by its continued fraction (modified Lentz, Numerical Recipes
/// §6.4) on the side of the symmetry point where it converges fast; accuracy is about 1e-14
/// relative for the arguments tables meet (checked against scipy in the tests).
public enum Distributions {
  /// The regularised incomplete beta function I_x(a, b).
  ///
  /// - Returns: A value in 0…1; `nan` when `a` or `b` is not positive.
  public static func incompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    guard a > 0, b > 0, !x.isNaN else { return .nan }
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x, a: a, b: b) / a
    }
    return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
  }

  private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var result = d
    for m in 1...10_000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + even * d
      if abs(d) < tiny { d = tiny }
      c = 1 + even / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      result *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + odd * d
      if abs(d) < tiny { d = tiny }
      c = 1 + odd / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let step = d * c
      result *= step
      if abs(step - 1) < 1e-16 { break }
    }
    return result
  }

  /// The two-sided p-value of a standard normal statistic: 2·Φ(−|z|).
  public static func normalTwoSided(_ z: Double) -> Double {
    erfc(abs(z) / 2.0.squareRoot())
  }

  /// The two-sided p-value of Student's t with `df` degrees of freedom: P(|T| ≥ |t|).
  public static func tTwoSided(_ t: Double, df: Double) -> Double {
    guard df > 0, !t.isNaN else { return .nan }
    if t.isInfinite { return 0 }
    return incompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
  }

  /// The t value whose two-sided p-value is `alpha`: the critical value of a 1 − `alpha`
  /// confidence interval (2.0930… for alpha 0.05 and df 19).
  ///
  /// - Returns: The quantile, found by bisection to the last bit; `nan` when `df` ≤ 0.
  public static func tCritical(alpha: Double, df: Double) -> Double {
    guard df > 0, alpha > 0, alpha < 1 else { return .nan }
    var low = 0.0
    var high = 1.0
    while tTwoSided(high, df: df) > alpha { high *= 2 }
    for _ in 0..<200 {
      let middle = (low + high) / 2
      guard middle > low, middle < high else { break }
      if tTwoSided(middle, df: df) > alpha { low = middle } else { high = middle }
    }
    return (low + high) / 2
  }
}

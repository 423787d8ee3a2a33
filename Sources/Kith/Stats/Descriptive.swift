/// Summary statistics of a sample: mean, standard deviation, median and quartiles.
public struct Descriptive: Sendable, Equatable {
  /// The number of values.
  public let n: Int
  /// The arithmetic mean; `nan` for no values.
  public let mean: Double
  /// The sample standard deviation (n − 1 in the denominator); `nan` below two values.
  public let sd: Double
  /// The median; `nan` for no values.
  public let median: Double
  /// The first and third quartiles, linearly interpolated (numpy's default, R's type 7).
  public let q1: Double
  /// The third quartile.
  public let q3: Double

  /// Summarises `values`.
  public init(_ values: [Double]) {
    n = values.count
    mean = Self.mean(values)
    sd = Self.sd(values)
    let sorted = values.sorted()
    median = Self.quantile(sorted: sorted, 0.5)
    q1 = Self.quantile(sorted: sorted, 0.25)
    q3 = Self.quantile(sorted: sorted, 0.75)
  }

  /// The mean of `values`, summed in order; `nan` for none.
  public static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }

  /// The sample variance (two-pass, n − 1); `nan` below two values.
  public static func variance(_ values: [Double]) -> Double {
    guard values.count > 1 else { return .nan }
    let centre = mean(values)
    return values.reduce(0) { $0 + ($1 - centre) * ($1 - centre) } / Double(values.count - 1)
  }

  /// The sample standard deviation; `nan` below two values.
  public static func sd(_ values: [Double]) -> Double { variance(values).squareRoot() }

  /// The `p` quantile of sorted values, interpolating between order statistics (type 7).
  public static func quantile(sorted: [Double], _ p: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    guard sorted.count > 1 else { return first }
    let position = p * Double(sorted.count - 1)
    let below = Int(position.rounded(.down))
    let fraction = position - Double(below)
    guard below + 1 < sorted.count else { return sorted[below] }
    return sorted[below] + fraction * (sorted[below + 1] - sorted[below])
  }
}

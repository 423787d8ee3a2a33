/// Cronbach's alpha of a scale's items over the people who answered every item (listwise), with
/// each item's corrected item–rest correlation and the alpha the scale would have without it
/// (psych's `alpha`: `r.drop`, `raw_alpha` if dropped).
public struct CronbachAlpha: Sendable {
  /// The number of complete responses.
  public let n: Int
  /// The number of items.
  public let k: Int
  /// α = k/(k − 1)·(1 − Σ item variances / variance of the total); `nan` below two items or
  /// two responses, or when the total does not vary.
  public let alpha: Double
  /// Per item: the correlation of the item with the sum of the other items.
  public let itemRest: [Double]
  /// Per item: alpha of the other items.
  public let alphaIfDeleted: [Double]

  /// Alpha of `responses`, each a row of item answers; rows with a missing item are left out.
  public init(responses: [[Double?]]) {
    let complete = responses.compactMap { row -> [Double]? in
      let values = row.compactMap { $0 }
      return values.count == row.count ? values : nil
    }
    n = complete.count
    k = responses.first?.count ?? 0
    let columns = (0..<k).map { item in complete.map { $0[item] } }
    alpha = Self.alpha(columns)
    itemRest = (0..<k).map { item in
      let rest = complete.map { row in row.indices.reduce(0.0) { $1 == item ? $0 : $0 + row[$1] } }
      return Correlation(pearson: columns[item], rest).r
    }
    alphaIfDeleted = (0..<k).map { item in
      Self.alpha(columns.indices.filter { $0 != item }.map { columns[$0] })
    }
  }

  private static func alpha(_ columns: [[Double]]) -> Double {
    let k = Double(columns.count)
    guard columns.count > 1, let rows = columns.first?.count, rows > 1 else { return .nan }
    let totals = (0..<rows).map { row in columns.reduce(0.0) { $0 + $1[row] } }
    let totalVariance = Descriptive.variance(totals)
    guard totalVariance > 0 else { return .nan }
    let itemVariance = columns.reduce(0.0) { $0 + Descriptive.variance($1) }
    return k / (k - 1) * (1 - itemVariance / totalVariance)
  }
}

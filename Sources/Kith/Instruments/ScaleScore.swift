/// One scale of one response, scored: the value, its band, and how many items it rests on.
public struct ScaleScore: Sendable, Equatable {
  /// The scale's position in its instrument's `scales`.
  public var scale: Int
  /// The published score; `nil` when the missing-item rule does not allow one.
  public var value: FixedDecimal?
  /// The band the score falls in.
  public var band: String?
  /// Items of the scale that were answered.
  public var answered: Int
  /// Items of the scale that were not answered (or whose answers were unusable).
  public var missing: Int
  /// Whether the score was prorated from fewer than all items.
  public var prorated: Bool
}

extension Instrument {
  /// Scores every scale of one response.
  ///
  /// - Parameters:
  /// - Parameter codes: The answer code of each item in order, `nil` where unanswered or
  ///   unusable.
  /// - Returns: One score per scale, in the order of ``scales``.
  public func score(_ codes: [Int?]) -> [ScaleScore] {
    // Each scale is read in place (`scales[position].items`), never bound to a local: every
    // response is scored here, and binding a scale copies it, a retain of each of its fields.
    var results: [ScaleScore] = []
    results.reserveCapacity(scales.count)
    for position in scales.indices {
      var sum = 0
      var answered = 0
      for item in scales[position].items {
        guard let code = codes[item - 1] else { continue }
        answered += 1
        sum += itemScore(code, item: item)
      }
      let missing = scales[position].items.count - answered
      var result = ScaleScore(
        scale: position, value: nil, band: nil, answered: answered, missing: missing,
        prorated: false)
      defer { results.append(result) }
      guard answered > 0, missing <= scales[position].missing.maxMissing else { continue }
      var raw = FixedDecimal(units: sum)
      if case .prorate(_, let decimals) = scales[position].missing, missing > 0 {
        raw = .rounding(sum * scales[position].items.count, over: answered, decimals: decimals)
        result.prorated = true
      }
      if scales[position].method == .any { raw = FixedDecimal(units: sum > 0 ? 1 : 0) }
      if scales[position].conversion != nil {
        guard let integer = raw.integer, let converted = scales[position].conversion?[integer]
        else { continue }
        raw = converted
      }
      result.value = raw
      result.band = scales[position].band(of: raw)
    }
    return results
  }

  /// The lowest and highest published score of `scale`.
  ///
  /// - Returns: The range over every possible answer.
  public func scoreRange(_ scale: InstrumentScale) -> ClosedRange<FixedDecimal> {
    if let table = scale.conversion, let low = table.values.min(), let high = table.values.max() {
      return low...high
    }
    if scale.method == .any { return FixedDecimal(units: 0)...FixedDecimal(units: 1) }
    let ranges = scale.items.map(itemScoreRange)
    let low = FixedDecimal(units: ranges.map(\.lowerBound).reduce(0, +))
    let high = FixedDecimal(units: ranges.map(\.upperBound).reduce(0, +))
    return low...high
  }
}

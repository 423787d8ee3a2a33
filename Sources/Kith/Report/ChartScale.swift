import Foundation

/// A linear map from data values to positions, with "nice" ticks (steps of 1, 2 or 5 times a
/// power of ten) that cover the data.
struct ChartScale: Equatable {
  /// The data range the axis shows, widened to whole ticks.
  let lower: Double
  let upper: Double
  /// The ticks, from `lower` to `upper`.
  let ticks: [Double]
  /// The positions `lower` and `upper` map to.
  let start: Double
  let end: Double

  /// A scale over `values` (and `including`, such as 0 for bars) onto `start`…`end`.
  ///
  /// About `tickCount` ticks. With no values, or all the same, the range is widened around them.
  init(values: [Double], including: [Double] = [], tickCount: Int = 5, start: Double, end: Double) {
    let all = values + including
    var low = all.min() ?? 0
    var high = all.max() ?? 1
    if low == high {
      low -= low == 0 ? 0 : abs(low) / 2
      high += high == 0 ? 1 : abs(high) / 2
    }
    let step = Self.niceStep((high - low) / Double(max(1, tickCount)))
    low = (low / step).rounded(.down) * step
    high = (high / step).rounded(.up) * step
    var ticks: [Double] = []
    var index = 0
    while true {
      let tick = low + Double(index) * step
      if tick > high + step / 2 { break }
      // Whole multiples of the step, so that 0.1 + 0.2 shows as 0.3.
      ticks.append((tick / step).rounded() * step)
      index += 1
    }
    (self.lower, self.upper, self.ticks, self.start, self.end) = (low, high, ticks, start, end)
  }

  /// The position of `value`.
  func position(_ value: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }

  /// The smallest 1, 2 or 5 × 10ⁿ not below `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let power = pow10(Int((log10(raw)).rounded(.down)))
    for factor in [1.0, 2, 5, 10] where factor * power >= raw * (1 - 1e-9) {
      return factor * power
    }
    return 10 * power
  }

  private static func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    if exponent >= 0 {
      for _ in 0..<exponent { value *= 10 }
    } else {
      for _ in 0..<(-exponent) { value /= 10 }
    }
    return value
  }

  /// A tick's label: as few decimals as the step needs.
  func label(_ tick: Double) -> String {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    var decimals = 0
    var scaled = step
    while decimals < 4 && abs(scaled - scaled.rounded()) > 1e-9 {
      scaled *= 10
      decimals += 1
    }
    return Fixed.format(tick, decimals: decimals)
  }
}

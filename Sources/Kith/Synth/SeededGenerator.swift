import Foundation

/// SplitMix64: a small, fast generator whose sequence depends only on its seed, on every platform
/// and Swift version, so synthetic studies are byte-for-byte reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator for `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in `0..<upper`, by rejection (no modulo bias, no platform dependence).
  public mutating func below(_ upper: Int) -> Int {
    precondition(upper > 0)
    let bound = UInt64(upper)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let value = next()
      if value < limit { return Int(value % bound) }
    }
  }

  /// A uniform number in `0..<1` with 53 random bits.
  public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// Whether an event of probability `p` happens.
  public mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// An element of `items`.
  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// A normal variate (Box–Muller), deterministic given the seed.
  public mutating func normal(mean: Double, sd: Double) -> Double {
    let u1 = max(unit(), 1e-12)
    let u2 = unit()
    return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

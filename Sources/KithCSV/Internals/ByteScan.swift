/// Word-at-a-time byte tests for the hot path: eight bytes per step instead of one.
enum ByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether any byte of `bytes` is below `limit` (at most 128).
  ///
  /// Uses the classic test `(x - ones * limit) & ~x & highs`, which is non-zero exactly when some
  /// byte of `x` is below `limit`.
  static func containsByte(below limit: UInt8, in bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    guard let base = bytes.baseAddress, count > 0 else { return false }
    let subtrahend = ones &* UInt64(limit)
    var index = 0
    while index + 8 <= count {
      let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      if (word &- subtrahend) & ~word & highs != 0 { return true }
      index += 8
    }
    while index < count {
      if base.load(fromByteOffset: index, as: UInt8.self) < limit { return true }
      index += 1
    }
    return false
  }

  /// The length of the run of ASCII bytes (below 0x80) at the start of `bytes`.
  static func asciiPrefixLength(_ bytes: UnsafeRawBufferPointer) -> Int {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return 0 }
    var index = 0
    while index + 8 <= count {
      if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & highs != 0 { break }
      index += 8
    }
    while index < count && base.load(fromByteOffset: index, as: UInt8.self) < 0x80 { index += 1 }
    return index
  }
}

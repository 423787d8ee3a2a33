/// Word-at-a-time byte tests for the hot path: eight bytes per step instead of one.
enum ByteScan {
  /// A one in every byte, and every byte's high bit.
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether some byte of `word` is `byte`: the classic zero-byte test,
  /// `(x - ones) & ~x & highs`, of `word` with `byte` in every byte cleared.
  @inline(__always)
  static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
    let cleared = word ^ (ones &* UInt64(byte))
    return (cleared &- ones) & ~cleared & highs != 0
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

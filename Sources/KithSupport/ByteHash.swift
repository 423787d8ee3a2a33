/// A fast, fixed 64-bit hash of bytes: eight bytes at a time, multiply and rotate, then the
/// MurmurHash3 finaliser so every input bit reaches every output bit.
///
/// Not cryptographic: it keys in-memory tables and the leak gate's fingerprints, where a
/// collision costs a lookup or (for the gate) a false alarm, never a leak.
package enum ByteHash {
  /// The hash of `bytes`.
  @inlinable package static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      state = (state ^ (word &* 0xC2B2_AE3D_27D4_EB4F)).rotated(27) &* 0x9E37_79B9_7F4A_7C15
      offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count {
      tail |= UInt64(bytes[offset]) << shift
      shift += 8
      offset += 1
    }
    state = (state ^ (tail &* 0xC2B2_AE3D_27D4_EB4F)).rotated(27) &* 0x9E37_79B9_7F4A_7C15
    return finish(state)
  }

  /// The hash of an array's bytes.
  package static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }

  /// MurmurHash3's 64-bit finaliser: every bit of `value` spread over every bit of the result.
  @inlinable package static func finish(_ value: UInt64) -> UInt64 {
    var mixed = value
    mixed ^= mixed >> 33
    mixed &*= 0xFF51_AFD7_ED55_8CCD
    mixed ^= mixed >> 33
    mixed &*= 0xC4CE_B9FE_1A85_EC53
    mixed ^= mixed >> 33
    return mixed
  }
}

extension UInt64 {
  @inlinable func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}

/// A set of 64-bit fingerprints in one open-addressing table: fingerprints are already evenly
/// spread hashes, so they index the table as they are, with no further hashing and nothing
/// allocated per value.
struct FingerprintSet: Sendable {
  /// The slots; 0 marks an empty one (a fingerprint of 0 is kept apart in `hasZero`).
  private var slots = [UInt64](repeating: 0, count: 1024)
  private var hasZero = false
  /// How many fingerprints the set holds.
  private(set) var count = 0

  /// Adds `value`.
  mutating func insert(_ value: UInt64) {
    guard value != 0 else {
      if !hasZero { (hasZero, count) = (true, count + 1) }
      return
    }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: value) & mask
    while slots[slot] != 0 {
      if slots[slot] == value { return }
      slot = (slot + 1) & mask
    }
    slots[slot] = value
    count += 1
    if count * 2 > slots.count { grow() }
  }

  /// Whether the set holds `value`.
  func contains(_ value: UInt64) -> Bool {
    guard value != 0 else { return hasZero }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: value) & mask
    while slots[slot] != 0 {
      if slots[slot] == value { return true }
      slot = (slot + 1) & mask
    }
    return false
  }

  /// Adds every fingerprint of `other`.
  mutating func formUnion(_ other: FingerprintSet) {
    for value in other.values { insert(value) }
  }

  /// Every fingerprint, in no particular order.
  var values: [UInt64] { slots.filter { $0 != 0 } + (hasZero ? [0] : []) }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    count = hasZero ? 1 : 0
    for value in old where value != 0 { insert(value) }
  }
}

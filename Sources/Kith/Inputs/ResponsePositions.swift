/// Where each participant's response to each wave lies among a study's responses: an
/// open-addressing table of 64-bit keys (a pid's ``PidKey/number`` mixed with the wave) and
/// positions, in two flat arrays.
///
/// A survey of 400,000 responses adds one entry per row. Swift's `Dictionary` of a pid and a wave
/// hashes every key with SipHash, again at every resize, and holds 40 bytes a slot; here a slot
/// holds 12, and a resize moves keys without hashing text. Two different pids sharing a key are
/// told apart by the caller, which checks each candidate position.
struct ResponsePositions {
  /// Each slot's key, and its position; -1 marks an empty slot.
  private var keys: [UInt64]
  private var positions: [Int32]
  private var mask: Int
  /// How many positions the table holds.
  private(set) var count = 0

  /// An empty table.
  init() {
    keys = Array(repeating: 0, count: 1024)
    positions = Array(repeating: -1, count: 1024)
    mask = 1023
  }

  /// The key of `pid`'s response to the wave at `wave`.
  static func key(_ pid: PidKey, wave: Int) -> UInt64 {
    pid.number ^ UInt64(truncatingIfNeeded: wave) &* 0x9E37_79B9_7F4A_7C15
  }

  /// The first position stored under `key` that `isMatch` accepts.
  func position(of key: UInt64, where isMatch: (Int) -> Bool) -> Int? {
    var slot = Self.slot(of: key) & mask
    while positions[slot] >= 0 {
      if keys[slot] == key && isMatch(Int(positions[slot])) { return Int(positions[slot]) }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// The first position stored under `key` that `isMatch` accepts; when none does, stores `new`
  /// under `key` — in the empty slot the search ended on — and returns `nil`.
  mutating func position(of key: UInt64, where isMatch: (Int) -> Bool, orInsert new: Int) -> Int? {
    var slot = Self.slot(of: key) & mask
    while positions[slot] >= 0 {
      if keys[slot] == key && isMatch(Int(positions[slot])) { return Int(positions[slot]) }
      slot = (slot + 1) & mask
    }
    (keys[slot], positions[slot]) = (key, Int32(new))
    count += 1
    if count * 2 > positions.count { grow() }
    return nil
  }

  /// Stores `position` under `key`; a key may hold several positions.
  mutating func insert(_ position: Int, for key: UInt64) {
    _ = self.position(of: key, where: { _ in false }, orInsert: position)
  }

  private mutating func place(_ position: Int32, key: UInt64) {
    var slot = Self.slot(of: key) & mask
    while positions[slot] >= 0 { slot = (slot + 1) & mask }
    keys[slot] = key
    positions[slot] = position
  }

  private mutating func grow() {
    let (oldKeys, oldPositions) = (keys, positions)
    keys = Array(repeating: 0, count: oldKeys.count * 2)
    positions = Array(repeating: -1, count: oldKeys.count * 2)
    mask = keys.count - 1
    for (key, position) in zip(oldKeys, oldPositions) where position >= 0 {
      place(position, key: key)
    }
  }

  /// A slot for `key`: its bits mixed (``ByteHash/finish(_:)``), as pids a linkage file gives
  /// may count up rather than look random.
  private static func slot(of key: UInt64) -> Int {
    Int(truncatingIfNeeded: ByteHash.finish(key))
  }
}

import Foundation

/// Gives each distinct byte string a dense index — 0, 1, 2, … in order of first sight — in an
/// open-addressing table whose keys live in one buffer, so a lookup allocates nothing.
///
/// A register repeats each person's cells and each group's name on thousands of rows; this is
/// how a row's cells are recognised without making a `String` of them.
struct ByteKeyTable {
  private var keyBytes: [UInt8] = []
  /// Key `i` is `keyBytes[starts[i]..<starts[i + 1]]`.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Key indices by slot; -1 for an empty slot.
  private var slots: [Int32]
  private var mask: Int

  /// An empty table.
  init() {
    slots = Array(repeating: -1, count: 1024)
    mask = 1023
  }

  /// How many distinct keys the table holds.
  var count: Int { hashes.count }

  /// The index of `key`, if the table holds it.
  func index(of key: UnsafeRawBufferPointer) -> Int32? {
    let hash = ByteHash.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      let index = Int(slots[slot])
      if hashes[index] == hash && matches(index, key) { return Int32(index) }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Adds `key`, which the table does not hold, and returns its index.
  @discardableResult
  mutating func insert(_ key: UnsafeRawBufferPointer) -> Int32 {
    let hash = ByteHash.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    let index = Int32(hashes.count)
    hashes.append(hash)
    keyBytes.append(contentsOf: key)
    starts.append(keyBytes.count)
    slots[slot] = index
    if hashes.count * 2 > slots.count { grow() }
    return index
  }

  /// Whether key `index` is `key`.
  func key(_ index: Int32, is key: UnsafeRawBufferPointer) -> Bool { matches(Int(index), key) }

  private func matches(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = starts[index]
    guard starts[index + 1] - start == key.count else { return false }
    return keyBytes.withUnsafeBytes { stored in
      guard let storedBase = stored.baseAddress, let keyBase = key.baseAddress else {
        return key.isEmpty
      }
      return memcmp(storedBase + start, keyBase, key.count) == 0
    }
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }
}

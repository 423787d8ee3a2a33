import Foundation

/// Gives each distinct byte string a dense index — 0, 1, 2, … in order of first sight — in an
/// open-addressing table whose keys live in one buffer, so a lookup allocates nothing.
///
/// A register repeats each person's cells and each group's name on thousands of rows; this is
/// how a row's cells are recognised without making a `String` of them.
///
/// Each slot holds a key's index with 32 bits of its hash, so a probe passing other keys reads
/// only the slots — a lookup of a key not held (every new person) touches no key's bytes — and
/// growing moves slots without hashing a key again. Tables of hundreds of thousands of keys do
/// not fit in the processor's caches, so every array a lookup reads costs a trip to memory.
package struct ByteKeyTable {
  @usableFromInline var keyBytes: [UInt8] = []
  /// Key `i` is `keyBytes[starts[i]..<starts[i + 1]]`.
  @usableFromInline var starts: [Int] = [0]
  /// By slot: the key's hash's low 32 bits (the slot's high half) and its index + 1 (the low
  /// half); 0 for an empty slot.
  @usableFromInline var slots: [UInt64]
  @usableFromInline var mask: Int

  /// An empty table.
  @inlinable package init() {
    slots = Array(repeating: 0, count: 1024)
    mask = 1023
  }

  /// How many distinct keys the table holds.
  @inlinable package var count: Int { starts.count - 1 }

  /// The index of `key`, if the table holds it.
  @inlinable package func index(of key: UnsafeRawBufferPointer) -> Int32? {
    let hash = Self.hash(key)
    var slot = Int(hash) & mask
    while slots[slot] != 0 {
      let entry = slots[slot]
      if UInt32(truncatingIfNeeded: entry >> 32) == hash {
        let index = Int(UInt32(truncatingIfNeeded: entry)) - 1
        if matches(index, key) { return Int32(index) }
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Adds `key`, which the table does not hold, and returns its index.
  @discardableResult @inlinable
  package mutating func insert(_ key: UnsafeRawBufferPointer) -> Int32 {
    let hash = Self.hash(key)
    let index = Int32(count)
    keyBytes.append(contentsOf: key)
    starts.append(keyBytes.count)
    Self.place(UInt64(hash) << 32 | UInt64(index + 1), in: &slots, mask: mask)
    if count * 2 > slots.count { grow() }
    return index
  }

  /// Whether key `index` is `key`.
  @inlinable package func key(_ index: Int32, is key: UnsafeRawBufferPointer) -> Bool {
    matches(Int(index), key)
  }

  @inlinable func matches(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = starts[index]
    guard starts[index + 1] - start == key.count else { return false }
    return keyBytes.withUnsafeBytes { stored in
      guard let storedBase = stored.baseAddress, let keyBase = key.baseAddress else {
        return key.isEmpty
      }
      return memcmp(storedBase + start, keyBase, key.count) == 0
    }
  }

  @usableFromInline mutating func grow() {
    let old = slots
    slots = Array(repeating: 0, count: old.count * 2)
    mask = slots.count - 1
    for entry in old where entry != 0 { Self.place(entry, in: &slots, mask: mask) }
  }

  /// Puts `entry` in the first empty slot from its hash's.
  @inlinable static func place(_ entry: UInt64, in slots: inout [UInt64], mask: Int) {
    var slot = Int(entry >> 32) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = entry
  }

  /// The low 32 bits of `key`'s ``ByteHash``: the slot it starts from, and its tag.
  @inlinable static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
    UInt32(truncatingIfNeeded: ByteHash.hash(key))
  }
}

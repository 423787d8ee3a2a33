/// One bit per session slot of a group, as 64-bit words: the first two words (slots 0–127)
/// held inline, the rest in an array.
///
/// Groups rarely hold more than 128 sessions, so a participant's attendance in one group
/// usually needs no memory of its own beyond the ledger's entry, and setting a bit touches no
/// second buffer — every register row sets one.
struct SessionBits: RandomAccessCollection, Equatable, Sendable {
  private var first: UInt64 = 0
  private var second: UInt64 = 0
  /// Words 2 and on.
  private var rest: [UInt64] = []

  /// No bit set.
  init() {}

  var startIndex: Int { 0 }
  /// The number of words: at least the two held inline.
  var endIndex: Int { 2 + rest.count }

  /// Word `index`: slots `64 × index` to `64 × index + 63`, lowest slot in the lowest bit.
  subscript(index: Int) -> UInt64 {
    switch index {
    case 0: first
    case 1: second
    default: rest[index - 2]
    }
  }

  /// Whether `slot`'s bit is set.
  func contains(_ slot: Int) -> Bool {
    slot >> 6 < endIndex && self[slot >> 6] & UInt64(1) << UInt64(slot & 63) != 0
  }

  /// Sets `slot`'s bit; returns whether it was clear.
  @inline(__always)
  mutating func insert(_ slot: Int) -> Bool {
    let bit = UInt64(1) << UInt64(slot & 63)
    switch slot >> 6 {
    case 0:
      defer { first |= bit }
      return first & bit == 0
    case 1:
      defer { second |= bit }
      return second & bit == 0
    case let word:
      while rest.count <= word - 2 { rest.append(0) }
      defer { rest[word - 2] |= bit }
      return rest[word - 2] & bit == 0
    }
  }

  /// The same bits with slot `old` moved to `slots[old]`.
  func remapped(to slots: [Int]) -> SessionBits {
    var moved = SessionBits()
    forEachSlot { _ = moved.insert(slots[$0]) }
    return moved
  }

  /// Calls `body` with each set slot, lowest first.
  func forEachSlot(_ body: (Int) -> Void) {
    for word in indices {
      var bits = self[word]
      while bits != 0 {
        body(word * 64 + bits.trailingZeroBitCount)
        bits &= bits - 1
      }
    }
  }
}

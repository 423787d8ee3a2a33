/// What cells of up to 16 bytes gave, kept by their bytes in a small direct-mapped cache.
///
/// A cell is held as two 64-bit words and its length — its first and last eight bytes, which
/// overlap and cover every byte when it is 8–16 bytes long; its bytes padded with zeros when
/// shorter — so a lookup is a hash of two words and one comparison, with no key stored apart
/// and no loop over bytes. A cell whose slot holds another is simply not found: the cache
/// serves values that follow from the bytes alone, never anything that must be remembered.
struct ShortCellCache<Value> {
  private struct Entry {
    var low: UInt64
    var high: UInt64
    /// -1 for an empty slot.
    var length: Int
    var value: Value?
  }

  private var entries: [Entry]
  private let mask: Int

  /// An empty cache of `slots` slots (a power of two).
  init(slots: Int) {
    precondition(slots > 0 && slots & (slots - 1) == 0, "slots must be a power of two")
    entries = Array(repeating: Entry(low: 0, high: 0, length: -1, value: nil), count: slots)
    mask = slots - 1
  }

  /// What `cell` gave, when it is held.
  func value(of cell: UnsafeRawBufferPointer) -> Value? {
    guard let (low, high) = Self.words(of: cell) else { return nil }
    let entry = entries[slot(low, high, cell.count)]
    guard entry.length == cell.count, entry.low == low, entry.high == high else { return nil }
    return entry.value
  }

  /// Holds `cell` as giving `value`, in place of the cell in its slot; a cell longer than 16
  /// bytes is not held.
  mutating func set(_ cell: UnsafeRawBufferPointer, to value: Value) {
    guard let (low, high) = Self.words(of: cell) else { return }
    entries[slot(low, high, cell.count)] = Entry(
      low: low, high: high, length: cell.count, value: value)
  }

  private func slot(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
    let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
    return Int(truncatingIfNeeded: ((mixed ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 40) & mask
  }

  /// `cell` as two words; `nil` when it is longer than 16 bytes.
  private static func words(of cell: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
    let length = cell.count
    guard length <= 16 else { return nil }
    guard length >= 8, let base = cell.baseAddress else {
      var low: UInt64 = 0
      for (position, byte) in cell.enumerated() { low |= UInt64(byte) << UInt64(8 * position) }
      return (low, 0)
    }
    return (
      base.loadUnaligned(as: UInt64.self),
      base.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
    )
  }
}

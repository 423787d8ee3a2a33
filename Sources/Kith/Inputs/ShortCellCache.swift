/// A cell of up to 16 bytes held as two 64-bit words and its length, so two cells compare as
/// three integers, with no loop over bytes.
///
/// The words are loaded whole: a cell of 8–16 bytes as its first and last eight bytes, one of
/// 4–7 bytes as its first and last four (both pairs overlap and cover every byte), and a shorter
/// one as its first, middle and last byte (which cover every byte of one to three). With the
/// length, the words tell any two cells apart.
struct ShortCell: Equatable {
  let low: UInt64
  let high: UInt64
  let length: Int

  /// `cell`'s words; `nil` when it is longer than 16 bytes.
  init?(_ cell: UnsafeRawBufferPointer) {
    length = cell.count
    guard length <= 16 else { return nil }
    guard let base = cell.baseAddress, length > 0 else {
      (low, high) = (0, 0)
      return
    }
    switch length {
    case 8...:
      low = base.loadUnaligned(as: UInt64.self)
      high = base.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
    case 4...:
      low = UInt64(base.loadUnaligned(as: UInt32.self))
      high = UInt64(base.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self))
    default:
      low =
        UInt64(cell[0]) | UInt64(cell[length / 2]) << 8 | UInt64(cell[length - 1]) << 16
      high = 0
    }
  }

  /// A slot among `mask + 1` (a power of two) for the cell.
  func slot(mask: Int) -> Int {
    let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
    return Int(truncatingIfNeeded: ((mixed ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 40) & mask
  }
}

/// What cells of up to 16 bytes gave, kept by their bytes (``ShortCell``) in a small
/// direct-mapped cache.
///
/// A lookup is a hash of two words and one comparison, with no key stored apart. A cell whose
/// slot holds another is simply not found: the cache serves values that follow from the bytes
/// alone, never anything that must be remembered.
struct ShortCellCache<Value> {
  private var entries: [(cell: ShortCell?, value: Value?)]
  private let mask: Int

  /// An empty cache of `slots` slots (a power of two).
  init(slots: Int) {
    precondition(slots > 0 && slots & (slots - 1) == 0, "slots must be a power of two")
    entries = Array(repeating: (nil, nil), count: slots)
    mask = slots - 1
  }

  /// What `cell` gave, when it is held.
  func value(of cell: UnsafeRawBufferPointer) -> Value? {
    ShortCell(cell).flatMap(value)
  }

  /// What `cell` gave, when it is held.
  func value(of cell: ShortCell) -> Value? {
    let entry = entries[cell.slot(mask: mask)]
    return entry.cell == cell ? entry.value : nil
  }

  /// Holds `cell` as giving `value`, in place of the cell in its slot; a cell longer than 16
  /// bytes is not held.
  mutating func set(_ cell: UnsafeRawBufferPointer, to value: Value) {
    if let cell = ShortCell(cell) { set(cell, to: value) }
  }

  /// Holds `cell` as giving `value`, in place of the cell in its slot.
  mutating func set(_ cell: ShortCell, to value: Value) {
    entries[cell.slot(mask: mask)] = (cell, value)
  }
}

/// The fields of the record being parsed, as one contiguous byte buffer plus field end offsets.
///
/// The buffers are reused from record to record, so parsing allocates only when a record is
/// larger than any before it. Every field of every record passes through here, so the storage is
/// kept in raw buffers (no array bookkeeping per field), and only its reading session touches it
/// (no runtime exclusivity checks).
final class RowStorage {
  @exclusivity(unchecked) private var buffer: UnsafeMutableRawPointer
  @exclusivity(unchecked) private var capacity: Int
  @exclusivity(unchecked) private var used = 0
  /// Where each field ends in `buffer`.
  @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var endsCapacity = 64
  /// The bytes of the fields so far.
  var byteCount: Int { used }
  /// The number of fields so far.
  @exclusivity(unchecked) private(set) var count = 0

  init(capacity: Int = 4096) {
    self.capacity = capacity
    buffer = .allocate(byteCount: capacity, alignment: 1)
    ends = .allocate(capacity: endsCapacity)
  }

  deinit {
    buffer.deallocate()
    ends.deallocate()
  }

  /// Copies one field's bytes in; returns whether any of them is below `limit` (at most 128).
  ///
  /// The copy and the test are one pass, eight bytes at a time (a field's last, partial word
  /// read as the eight bytes ending it) — every field of every record comes through here. The
  /// test is the classic `(x - ones * limit) & ~x & highs`, non-zero exactly when some byte of
  /// the word `x` is below `limit`.
  func append(_ field: UnsafeRawBufferPointer, notingBytesBelow limit: UInt8) -> Bool {
    let length = field.count
    // Eight bytes of slack: the last word of a field may be stored whole.
    if used + length + 8 > capacity {
      var newCapacity = capacity * 2
      while newCapacity < used + length + 8 { newCapacity *= 2 }
      let newBuffer = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
      newBuffer.copyMemory(from: buffer, byteCount: used)
      buffer.deallocate()
      buffer = newBuffer
      capacity = newCapacity
    }
    if count == endsCapacity {
      let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
      newEnds.update(from: ends, count: count)
      ends.deallocate()
      ends = newEnds
      endsCapacity *= 2
    }
    var below = false
    if let source = field.baseAddress, length > 0 {
      let target = buffer + used
      let subtrahend = ByteScan.ones &* UInt64(limit)
      var flags: UInt64 = 0
      var offset = 0
      while offset + 8 <= length {
        let word = source.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        flags |= (word &- subtrahend) & ~word
        target.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
        offset += 8
      }
      if offset < length && length >= 8 {
        // The last word, overlapping the one before: its bytes already copied are copied and
        // tested again, unchanged.
        let word = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        flags |= (word &- subtrahend) & ~word
        target.storeBytes(of: word, toByteOffset: length - 8, as: UInt64.self)
        offset = length
      }
      below = flags & ByteScan.highs != 0
      while offset < length {
        let byte = source.load(fromByteOffset: offset, as: UInt8.self)
        below = below || byte < limit
        target.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
        offset += 1
      }
    }
    used += length
    ends[count] = used
    count += 1
    return below
  }

  /// The bytes of field `index`; valid until the storage changes.
  func field(_ index: Int) -> UnsafeRawBufferPointer {
    precondition(index >= 0 && index < count, "field \(index) of a record of \(count)")
    let start = index == 0 ? 0 : ends[index - 1]
    return UnsafeRawBufferPointer(start: buffer + start, count: ends[index] - start)
  }

  /// Forgets the fields, keeping the memory.
  func removeAll() {
    used = 0
    count = 0
  }
}

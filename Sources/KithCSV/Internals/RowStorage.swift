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

  /// Copies one field's bytes in.
  func append(_ field: UnsafeRawBufferPointer) {
    if used + field.count > capacity {
      var newCapacity = capacity * 2
      while newCapacity < used + field.count { newCapacity *= 2 }
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
    if let source = field.baseAddress, !field.isEmpty {
      (buffer + used).copyMemory(from: source, byteCount: field.count)
    }
    used += field.count
    ends[count] = used
    count += 1
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

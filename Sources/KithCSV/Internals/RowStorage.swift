/// The fields of the record being parsed, as one contiguous byte buffer plus field end offsets.
///
/// The buffer is reused from record to record, so parsing allocates only when a record is larger
/// than any before it.
final class RowStorage {
  private var buffer: UnsafeMutableRawPointer
  private var capacity: Int
  private var used = 0
  private(set) var ends: [Int] = []

  init(capacity: Int = 4096) {
    self.capacity = capacity
    buffer = .allocate(byteCount: capacity, alignment: 1)
    ends.reserveCapacity(64)
  }

  deinit { buffer.deallocate() }

  /// The number of fields so far.
  var count: Int { ends.count }

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
    if let source = field.baseAddress, !field.isEmpty {
      (buffer + used).copyMemory(from: source, byteCount: field.count)
    }
    used += field.count
    ends.append(used)
  }

  /// The bytes of field `index`; valid until the storage changes.
  func field(_ index: Int) -> UnsafeRawBufferPointer {
    let start = index == 0 ? 0 : ends[index - 1]
    return UnsafeRawBufferPointer(start: buffer + start, count: ends[index] - start)
  }

  /// Forgets the fields, keeping the memory.
  func removeAll() {
    used = 0
    ends.removeAll(keepingCapacity: true)
  }
}

/// A pid as the key of a set or dictionary, compared by a number before its text.
///
/// Swift's hash tables compare the key at every occupied slot they probe, and a pid's text
/// lives on the heap (its 16 hex digits are one more than a small string holds), so comparing
/// text costs a cache miss per probe. A pid Kith makes spells a 64-bit number
/// (``PidOrder/number(_:)``), which is hashed and compared first; a pid of another shape (a
/// linkage file may supply its own) is keyed by a fingerprint of its text (``ByteHash``). The
/// text decides only between keys whose numbers are equal.
struct PidKey: Hashable, Sendable {
  /// The pid.
  let pid: String
  /// The 64-bit number the pid spells, or a fingerprint of its text.
  let number: UInt64

  /// The key of `pid`.
  init(_ pid: String) {
    self.pid = pid
    if let number = PidOrder.number(pid) {
      self.number = number
    } else {
      var text = pid
      number = text.withUTF8 { ByteHash.hash(UnsafeRawBufferPointer($0)) }
    }
  }

  static func == (lhs: PidKey, rhs: PidKey) -> Bool {
    lhs.number == rhs.number && lhs.pid == rhs.pid
  }

  func hash(into hasher: inout Hasher) { hasher.combine(number) }
}

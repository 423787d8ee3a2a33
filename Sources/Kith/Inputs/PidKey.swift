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

extension PidKey {
  /// `keys` each once, in the order of their numbers, pids sharing a number (another shape's
  /// fingerprint) in the order of their text.
  ///
  /// The numbers are sorted with their places — plain words, moved without reference counting
  /// — and each run of equal numbers is then one pid, nearly always.
  static func distinct(_ keys: [PidKey]) -> [PidKey] {
    var order = keys.indices.map { (keys[$0].number, $0) }
    order.sort { $0 < $1 }
    var distinct: [PidKey] = []
    distinct.reserveCapacity(keys.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && order[end].0 == order[start].0 { end += 1 }
      let first = keys[order[start].1]
      if order[start + 1..<end].allSatisfy({ keys[$0.1].pid == first.pid }) {
        distinct.append(first)
      } else {
        distinct += Set(order[start..<end].map { keys[$0.1].pid }).sorted().map(PidKey.init)
      }
      start = end
    }
    return distinct
  }
}

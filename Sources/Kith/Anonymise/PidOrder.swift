/// Puts pids in the order their text sorts in, without comparing text: a pid Kith makes is 16
/// lower-case hex digits, and such pids sort as the numbers they spell.
///
/// Pids of any other shape (a linkage file may supply its own) are ranked by their text, so the
/// order is always the text's.
enum PidOrder {
  /// The number a pid of exactly 16 lower-case hex digits spells; `nil` for any other text.
  static func number(_ pid: String) -> UInt64? {
    var value: UInt64 = 0
    var digits = 0
    for byte in pid.utf8 {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      default: return nil
      }
      digits += 1
      guard digits <= 16 else { return nil }
      value = value << 4 | UInt64(digit)
    }
    return digits == 16 ? value : nil
  }

  /// A key per pid of `pids` that orders them as their text does (equal pids, equal keys).
  static func keys(_ pids: [String]) -> [UInt64] {
    var keys: [UInt64] = []
    keys.reserveCapacity(pids.count)
    for pid in pids {
      guard let number = number(pid) else { return rankedKeys(pids) }
      keys.append(number)
    }
    return keys
  }

  /// `pids`, sorted as text.
  static func sorted(_ pids: some Collection<String>) -> [String] {
    var keyed: [(key: UInt64, pid: String)] = []
    keyed.reserveCapacity(pids.count)
    for pid in pids {
      guard let number = number(pid) else { return pids.sorted() }
      keyed.append((number, pid))
    }
    keyed.sort { $0.key < $1.key }
    return keyed.map(\.pid)
  }

  /// Each pid's rank among the distinct pids, sorted as text.
  private static func rankedKeys(_ pids: [String]) -> [UInt64] {
    let rank = Dictionary(
      uniqueKeysWithValues: Set(pids).sorted().enumerated().map { ($1, UInt64($0)) })
    return pids.map { rank[$0] ?? 0 }
  }
}

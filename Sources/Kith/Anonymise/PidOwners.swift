/// Every pid made, as its 64 bits, with a 64-bit fingerprint of the identifier it was made from:
/// an open-addressing table of two flat arrays.
///
/// A large study makes a pid per distinct identifier in every input, and the inputs' tables are
/// joined at the end of reading on one thread. Swift's `Dictionary` hashes each key with SipHash
/// and again at every resize; here a key's slot comes from its own bits, mixed, and a resize
/// moves keys without hashing anything. The pid 0 (one in 2^64) is kept beside the table, since
/// a slot holding key 0 is empty.
///
/// It is ``ResponsePositions``' scheme with the value in the slot: filing pids there as positions
/// into arrays of pids and owners was tried and measured — a lookup then reads a second array
/// (joining a 10 M-row register's parts: 14 → 55 perf samples) and the table is larger.
struct PidOwners: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  /// Each slot's pid (0: empty) and its owner.
  private var pids: [UInt64]
  private var owners: [UInt64]
  private var mask: Int
  /// The owner of the pid 0, when it was made.
  private var ownerOfZero: UInt64?
  /// How many pids are held.
  private(set) var count = 0

  /// An empty table.
  init() {
    pids = Array(repeating: 0, count: 256)
    owners = pids
    mask = 255
  }

  /// A table of the given pids and owners.
  init(dictionaryLiteral elements: (UInt64, UInt64)...) {
    self.init()
    for (pid, owner) in elements { _ = insert(pid: pid, owner: owner) }
  }

  var isEmpty: Bool { count == 0 }

  /// Adds `pid` made from the identifier fingerprinted `owner`; returns the owner it already
  /// had, leaving it unchanged, or `nil` when the pid is new.
  mutating func insert(pid: UInt64, owner: UInt64) -> UInt64? {
    guard pid != 0 else {
      defer { if ownerOfZero == nil { (ownerOfZero, count) = (owner, count + 1) } }
      return ownerOfZero
    }
    var slot = Self.slot(of: pid) & mask
    while pids[slot] != 0 {
      if pids[slot] == pid { return owners[slot] }
      slot = (slot + 1) & mask
    }
    (pids[slot], owners[slot]) = (pid, owner)
    count += 1
    if count * 4 > pids.count * 3 { grow() }
    return nil
  }

  /// Calls `body` with every pid and its owner, in an order fixed by the pids held.
  func forEach<Failure: Error>(
    _ body: (_ pid: UInt64, _ owner: UInt64) throws(Failure) -> Void
  ) throws(Failure) {
    if let ownerOfZero { try body(0, ownerOfZero) }
    for slot in pids.indices where pids[slot] != 0 { try body(pids[slot], owners[slot]) }
  }

  static func == (lhs: PidOwners, rhs: PidOwners) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var same = true
    lhs.forEach { pid, owner in
      if same, rhs.owner(of: pid) != owner { same = false }
    }
    return same
  }

  /// The owner of `pid`, `nil` when it was not made.
  func owner(of pid: UInt64) -> UInt64? {
    guard pid != 0 else { return ownerOfZero }
    var slot = Self.slot(of: pid) & mask
    while pids[slot] != 0 {
      if pids[slot] == pid { return owners[slot] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  private mutating func grow() {
    let (oldPids, oldOwners) = (pids, owners)
    pids = Array(repeating: 0, count: oldPids.count * 2)
    owners = pids
    mask = pids.count - 1
    for (pid, owner) in zip(oldPids, oldOwners) where pid != 0 {
      var slot = Self.slot(of: pid) & mask
      while pids[slot] != 0 { slot = (slot + 1) & mask }
      (pids[slot], owners[slot]) = (pid, owner)
    }
  }

  /// A slot for `pid`: its bits mixed (``ByteHash/finish(_:)``), since a table restored from a
  /// snapshot or built in a test may hold pids that count up.
  private static func slot(of pid: UInt64) -> Int {
    Int(truncatingIfNeeded: ByteHash.finish(pid))
  }
}

extension PidOwners: Codable {
  /// Pids and owners read as one flat list: pid, owner, pid, owner, ….
  init(from decoder: any Decoder) throws {
    self.init()
    var list = try decoder.unkeyedContainer()
    while !list.isAtEnd {
      let (pid, owner) = (try list.decode(UInt64.self), try list.decode(UInt64.self))
      guard insert(pid: pid, owner: owner) == nil else {
        throw DecodingError.dataCorruptedError(
          in: list, debugDescription: "the pid \(Pseudonymiser.hex(pid)) is listed twice")
      }
    }
  }

  /// Writes the pids and owners as one flat list: pid, owner, pid, owner, ….
  func encode(to encoder: any Encoder) throws {
    var list = encoder.unkeyedContainer()
    try forEach { pid, owner in
      try list.encode(pid)
      try list.encode(owner)
    }
  }
}

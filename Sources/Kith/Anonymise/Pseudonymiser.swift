import Crypto

/// Turns identifiers into pids: the lower-case hex of the first 8 bytes of
/// HMAC-SHA256(key, kind + ":" + normalised identifier).
///
/// Each distinct identifier is hashed once. Two different identifiers that would share a pid (a
/// 64-bit collision) stop the run rather than merge two people: each pid is kept with a 64-bit
/// fingerprint of the identifier it was made from (so no identifier is held as text), and a
/// second identifier reaching the pid with another fingerprint is the collision. (Missing one
/// would take a second 64-bit collision on top of the first.)
public final class Pseudonymiser {
  private let key: SymmetricKey
  /// The key's pads, hashed once: each pid starts from them rather than keying anew.
  private let mac: HMACSHA256
  /// A fingerprint (``ByteHash``) of the identifier (`kind:normalised`) each pid was made from,
  /// by the pid's 64 bits.
  private var owners = PidOwners()
  /// The message being authenticated.
  private var message: [UInt8] = []
  /// Written forms seen, by kind: each form's bytes → its index in ``sights``.
  private var writtenForms = Array(repeating: ByteKeyTable(), count: IdentifierKind.allCases.count)
  /// What each written form gave.
  private var sights: [Result<String, IdentifierProblem>] = []

  /// Creates a pseudonymiser for `key`.
  public convenience init(key: StudyKey) {
    self.init(symmetricKey: key.symmetricKey)
  }

  /// A short keyed tag of `text` (the first 4 bytes, in hex, of HMAC-SHA256(key,
  /// "kith-tag:" + text)): names something in a message — an interview document, say —
  /// without its name, which may be a person's, and without a hash anyone could reverse by
  /// guessing.
  public func tag(_ text: String) -> String {
    Hex.string(
      HMAC<SHA256>.authenticationCode(for: Array(("kith-tag:" + text).utf8), using: key).prefix(4))
  }

  /// The pid of an already normalised identifier of `kind`.
  public func pid(kind: IdentifierKind, normalised: String) throws(PidCollision) -> String {
    message.removeAll(keepingCapacity: true)
    message.append(contentsOf: kind.rawValue.utf8)
    message.append(UInt8(ascii: ":"))
    message.append(contentsOf: normalised.utf8)
    let (owner, value) = message.withUnsafeBytes { bytes in
      (
        ByteHash.hash(bytes),
        mac.authenticate(bytes) { code in code.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
      )
    }
    if let earlier = owners.insert(pid: value, owner: owner), earlier != owner {
      throw PidCollision(pid: Self.hex(value))
    }
    return Self.hex(value)
  }

  /// The pid of an identifier as written (normalised first), or why it cannot be used.
  ///
  /// Registers repeat each person's identifier on every row, so results are remembered per
  /// written form.
  public func pid(kind: IdentifierKind, raw: String) throws(PidCollision)
    -> Result<String, IdentifierProblem>
  {
    try firstSight(kind: kind, raw: raw).result
  }

  /// The pid of an identifier as written, and, when this written form is new here, its
  /// normalised form (so that the caller does once what it does per written form).
  func firstSight(kind: IdentifierKind, raw: String) throws(PidCollision)
    -> (result: Result<String, IdentifierProblem>, new: Normalised?)
  {
    var raw = raw
    let table = kind.position
    if let known = raw.withUTF8({ writtenForms[table].index(of: UnsafeRawBufferPointer($0)) }) {
      return (sights[Int(known)], nil)
    }
    let normalised = kind.normalise(raw)
    let result: Result<String, IdentifierProblem>
    switch normalised {
    case .success(let normalised): result = .success(try pid(kind: kind, normalised: normalised))
    case .failure(let problem): result = .failure(problem)
    }
    raw.withUTF8 { _ = writtenForms[table].insert(UnsafeRawBufferPointer($0)) }
    sights.append(result)
    return (result, Normalised(value: try? normalised.get()))
  }

  /// A written form's normalised value, `nil` when it has none.
  struct Normalised {
    var value: String?
  }

  /// A new pseudonymiser with the same key and nothing remembered, for another thread.
  func fresh() -> Pseudonymiser { Pseudonymiser(symmetricKey: key) }

  private init(symmetricKey: SymmetricKey) {
    key = symmetricKey
    mac = HMACSHA256(key: symmetricKey)
  }

  /// Each pid made, as its 64 bits, with the fingerprint of the identifier it was made from.
  var owned: PidOwners { owners }

  /// Takes on the pids another pseudonymiser (of another input, on another thread) made.
  ///
  /// - Throws: ``PidCollision`` when one of them is this one's pid of a different identifier.
  func absorb(_ owned: PidOwners) throws(PidCollision) {
    try Self.merge(owned, into: &owners)
  }

  /// Adds pids and the fingerprints of the identifiers they were made from (``owned``) to
  /// `owners`.
  ///
  /// - Throws: ``PidCollision`` when a pid of both was made from different identifiers.
  static func merge(_ owned: PidOwners, into owners: inout PidOwners) throws(PidCollision) {
    if owners.isEmpty {
      owners = owned
      return
    }
    // No room reserved up front: inputs naming the same people (a survey and a register) share
    // most pids, and reserving for both would move every pid here for nothing.
    try owned.forEach { (pid, owner) throws(PidCollision) in
      if let earlier = owners.insert(pid: pid, owner: owner), earlier != owner {
        throw PidCollision(pid: hex(pid))
      }
    }
  }

  /// A pid's 64 bits as its 16 hex digits.
  static func hex(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: 16) { text in
      for position in 0..<16 {
        text[position] = hexDigits[Int(value >> UInt64(60 - 4 * position) & 0xF)]
      }
      return 16
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// How many distinct identifiers have been pseudonymised.
  public var count: Int { owners.count }
}

/// Two different identifiers gave the same pid.
public struct PidCollision: Error, Sendable, Equatable, CustomStringConvertible {
  /// The shared pid.
  public var pid: String

  /// What happened and what to do.
  public var description: String {
    "two different identifiers give the same pid \(pid); this is astronomically rare — make a "
      + "new key with `kith keygen` and run again"
  }
}

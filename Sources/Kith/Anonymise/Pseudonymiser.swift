import Crypto

/// Turns identifiers into pids: the lower-case hex of the first 8 bytes of
/// HMAC-SHA256(key, kind + ":" + normalised identifier).
///
/// Each distinct identifier is hashed once. Two different identifiers that would share a pid (a
/// 64-bit collision) stop the run rather than merge two people.
public final class Pseudonymiser {
  private let key: SymmetricKey
  /// HMAC state with the key already absorbed: each pid copies it rather than keying anew.
  private let keyed: HMAC<SHA256>
  private var pids: [String: String] = [:]
  private var owners: [String: String] = [:]
  private var rawCache: [RawKey: Result<String, IdentifierProblem>] = [:]

  private struct RawKey: Hashable {
    var kind: IdentifierKind
    var raw: String
  }

  /// Creates a pseudonymiser for `key`.
  public convenience init(key: StudyKey) {
    self.init(symmetricKey: key.symmetricKey)
  }

  /// The pid of an already normalised identifier of `kind`.
  public func pid(kind: IdentifierKind, normalised: String) throws(PidCollision) -> String {
    let message = kind.rawValue + ":" + normalised
    if let pid = pids[message] { return pid }
    var mac = keyed
    mac.update(data: Array(message.utf8))
    let pid = Hex.string(Array(mac.finalize()).prefix(8))
    if let owner = owners[pid], owner != message { throw PidCollision(pid: pid) }
    owners[pid] = message
    pids[message] = pid
    return pid
  }

  /// The pid of an identifier as written (normalised first), or why it cannot be used.
  ///
  /// Registers repeat each person's identifier on every row, so results are remembered per
  /// written form.
  public func pid(kind: IdentifierKind, raw: String) throws(PidCollision)
    -> Result<String, IdentifierProblem>
  {
    let key = RawKey(kind: kind, raw: raw)
    if let known = rawCache[key] { return known }
    let result: Result<String, IdentifierProblem>
    switch kind.normalise(raw) {
    case .success(let normalised): result = .success(try pid(kind: kind, normalised: normalised))
    case .failure(let problem): result = .failure(problem)
    }
    rawCache[key] = result
    return result
  }

  /// HMAC-SHA256 (RFC 2104) of `message` under `key`.
  static func hmacSHA256(key: SymmetricKey, message: [UInt8]) -> [UInt8] {
    Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
  }

  /// A new pseudonymiser with the same key and nothing remembered, for another thread.
  func fresh() -> Pseudonymiser { Pseudonymiser(symmetricKey: key) }

  private init(symmetricKey: SymmetricKey) {
    key = symmetricKey
    keyed = HMAC(key: symmetricKey)
  }

  /// Each pid made, with the identifier (`kind:normalised`) it was made from.
  var owned: [String: String] { owners }

  /// Takes on the pids another pseudonymiser (of another input, on another thread) made.
  ///
  /// - Throws: ``PidCollision`` when one of them is this one's pid of a different identifier.
  func absorb(_ owned: [String: String]) throws(PidCollision) {
    for (pid, message) in owned {
      if let owner = owners[pid], owner != message { throw PidCollision(pid: pid) }
      owners[pid] = message
      pids[message] = pid
    }
  }

  /// How many distinct identifiers have been pseudonymised.
  public var count: Int { pids.count }
}

/// Two different identifiers gave the same pid.
public struct PidCollision: Error, Sendable, CustomStringConvertible {
  /// The shared pid.
  public var pid: String

  /// What happened and what to do.
  public var description: String {
    "two different identifiers give the same pid \(pid); this is astronomically rare — make a "
      + "new key with `kith keygen` and run again"
  }
}

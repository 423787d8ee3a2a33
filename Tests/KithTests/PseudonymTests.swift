import Crypto
import Foundation
import Testing

@testable import Kith

/// Golden pids for the test key (``StudyFolder/testKeyHex``), computed independently with Python:
/// `hmac.new(key, (kind + ":" + id).encode(), hashlib.sha256).hexdigest()[:16]`.
@Suite struct PseudonymTests {
  let key: StudyKey

  init() throws {
    key = try StudyKey(bytes: try #require(StudyKey.bytes(fromHex: StudyFolder.testKeyHex)))
  }

  @Test(arguments: [
    (IdentifierKind.email, "jo.smith@example.org", "70c6bf3f59e3888f"),
    (.email, "zoë@example.org", "0404eff362a88cbc"),
    (.id, "P-001", "35a821170a600b0b"),
    (.email, "owen.ali4@example.com", "41184339136957b4"),
  ])
  func pidsMatchPythonHMAC(kind: IdentifierKind, identifier: String, pid: String) throws {
    #expect(try Pseudonymiser(key: key).pid(kind: kind, normalised: identifier) == pid)
  }

  @Test func theFingerprintMatchesPythonAndNeverShowsTheKey() {
    #expect(key.fingerprint == "5f1afe45")
  }

  @Test(arguments: [
    (" Jo.Smith@Example.ORG \n", "jo.smith@example.org"),
    ("zoe\u{0308}@example.org", "zoë@example.org"),
    ("\tZOË@EXAMPLE.ORG", "zoë@example.org"),
  ])
  func emailsAreNormalisedByNFCTrimAndLowerCase(raw: String, normalised: String) {
    #expect(IdentifierKind.email.normalise(raw) == .success(normalised))
  }

  @Test(arguments: [
    "", "   ", "not an email", "jo@", "@example.org", "jo@localhost", "jo smith@example.org",
  ])
  func malformedEmailsAreRefused(raw: String) {
    guard case .failure = IdentifierKind.email.normalise(raw) else {
      Issue.record("\(raw) was accepted")
      return
    }
  }

  @Test func freeIDsAreOnlyTrimmed() {
    #expect(IdentifierKind.id.normalise("  P-001 ") == .success("P-001"))
    #expect(IdentifierKind.id.normalise("p-001") == .success("p-001"))
  }

  @Test func theSameIdentifierIsHashedOnceAndGivesOnePid() throws {
    let pseudonymiser = Pseudonymiser(key: key)
    let first = try pseudonymiser.pid(kind: .email, normalised: "a@example.org")
    #expect(try pseudonymiser.pid(kind: .email, normalised: "a@example.org") == first)
    #expect(try pseudonymiser.pid(kind: .id, normalised: "a@example.org") != first)
    #expect(pseudonymiser.count == 2)
  }

  /// Pids made on other threads join when each pid comes from one identifier; a pid two
  /// identifiers gave (their fingerprints differ) is a collision, named by the pid.
  @Test func joiningPidsFindsAPidOfTwoIdentifiers() throws {
    var owners = PidOwners()
    try Pseudonymiser.merge([1: 10, 2: 20], into: &owners)
    try Pseudonymiser.merge([2: 20, 3: 30], into: &owners)
    #expect(owners == [1: 10, 2: 20, 3: 30])
    #expect(throws: PidCollision(pid: "00000000000000ff")) {
      try Pseudonymiser.merge([4: 40, 0xFF: 1], into: &owners)
      try Pseudonymiser.merge([0xFF: 2], into: &owners)
    }
  }
}

/// RFC 4231's HMAC-SHA256 test vectors, through the function pids are made with.
@Suite struct HMACVectorTests {
  static func bytes(_ hex: String) -> [UInt8] { StudyKey.bytes(fromHex: hex) ?? [] }

  /// HMAC-SHA256 of `message` under `key` by the hand-written ``HMACSHA256`` the pids use.
  static func hmac(key: SymmetricKey, message: [UInt8]) -> [UInt8] {
    message.withUnsafeBytes { HMACSHA256(key: key).authenticate($0) { Array($0) } }
  }

  @Test(arguments: [
    (
      String(repeating: "0b", count: 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      "4a656665", Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      String(repeating: "aa", count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      String(repeating: "aa", count: 131),
      Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
  ])
  func rfc4231(keyHex: String, message: [UInt8], expected: String) {
    let key = SymmetricKey(data: Self.bytes(keyHex))
    #expect(Hex.string(Self.hmac(key: key, message: message)) == expected)
  }

  /// The pids' HMAC gives swift-crypto's codes for keys shorter than, as long as and longer
  /// than a block, and messages of up to three blocks.
  @Test func givesTheCodesOfSwiftCryptosHMAC() {
    var generator = TestSeed.generator(2)
    for keyLength in [0, 1, 16, 32, 63, 64, 65, 131] {
      let key = SymmetricKey(
        data: (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) })
      for messageLength in [0, 1, 23, 55, 56, 64, 119, 192] {
        let message = (0..<messageLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(
          Self.hmac(key: key, message: message)
            == Array(HMAC<SHA256>.authenticationCode(for: message, using: key)))
      }
    }
  }
}

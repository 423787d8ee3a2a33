import Crypto

/// Every identifying value seen in the inputs (identifiers and names, as written and
/// normalised), held in memory only, so the leak gate can search the release for them.
public struct SensitiveValues: Sendable {
  private(set) var phrases: Set<String> = []
  private var seen: Set<String> = []
  /// The most words any phrase has.
  private(set) var longestPhrase = 0

  /// Creates an empty set.
  public init() {}

  /// Adds a value; returns whether it was new.
  ///
  /// Values of fewer than 3 letters or digits are too short to search for.
  @discardableResult
  public mutating func insert(_ value: String) -> Bool {
    guard seen.insert(value).inserted else { return false }
    defer { remember(value) }
    return true
  }

  private mutating func remember(_ value: String) {
    let words = Self.words(of: value)
    guard words.reduce(0, { $0 + $1.utf8.count }) >= 3 else { return }
    phrases.insert(words.joined(separator: " "))
    longestPhrase = max(longestPhrase, words.count)
  }

  /// Every value, sorted.
  var values: [String] { seen.sorted() }

  /// Adds every value of `other` (its phrases are already made).
  mutating func formUnion(_ other: SensitiveValues) {
    seen.formUnion(other.seen)
    phrases.formUnion(other.phrases)
    longestPhrase = max(longestPhrase, other.longestPhrase)
  }

  /// Adds an identifier as written and normalised, and the plain SHA-256 hex of both: a release
  /// must not hold an unkeyed hash of an identifier either, since emails and phone numbers are
  /// guessable and such a hash is reversed by trying them.
  public mutating func insertIdentifier(_ raw: String, kind: IdentifierKind) {
    guard !seen.contains(raw) else { return }
    insert(raw)
    insert(Self.sha256Hex(raw.trimmed))
    if case .success(let normalised) = kind.normalise(raw) {
      insert(normalised)
      insert(Self.sha256Hex(normalised))
    }
  }

  /// The plain SHA-256 of `text`'s UTF-8, in lower-case hex.
  static func sha256Hex(_ text: String) -> String {
    Hex.string(SHA256.hash(data: Array(text.utf8)))
  }

  /// Whether `text` contains one of the values as whole words.
  public func occurs(in text: String) -> Bool {
    guard !phrases.isEmpty else { return false }
    let words = Self.words(of: text)
    for start in words.indices {
      var phrase = ""
      for length in 1...min(longestPhrase, words.count - start) {
        if length > 1 { phrase += " " }
        phrase += words[start + length - 1]
        if phrases.contains(phrase) { return true }
      }
    }
    return false
  }

  /// Lower-cased words: runs of letters, digits and the characters of email addresses
  /// (`@ . _ + - '`), without those characters at either end.
  static func words(of text: String) -> [String] {
    let lowered = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.lowercased()
    var words: [String] = []
    var current: [UInt8] = []
    func flush() {
      while let last = current.last, isJoiner(last) { current.removeLast() }
      let start = current.firstIndex { !isJoiner($0) } ?? current.endIndex
      if start < current.endIndex {
        words.append(String(decoding: current[start...], as: UTF8.self))
      }
      current.removeAll(keepingCapacity: true)
    }
    for byte in lowered.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
        current.append(byte)
      case _ where isJoiner(byte): current.append(byte)
      default: flush()
      }
    }
    flush()
    return words
  }

  private static func isJoiner(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "@") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")
  }
}

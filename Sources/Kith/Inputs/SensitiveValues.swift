import Crypto

/// Every identifying value seen in the inputs (identifiers and names, as written and
/// normalised), so the leak gate can search the release for them.
///
/// Values are held as 64-bit fingerprints of their lower-cased words (``ByteHash``), not as
/// text: a million identifiers take a few megabytes, and the run holds no second copy of them.
/// Two different phrases sharing a fingerprint can only make the gate stop a clean release,
/// never let a value through; the odds are about n × m / 2^64 for n values and m released
/// phrases — under one in a million for a million values and ten million phrases.
public struct SensitiveValues: Sendable {
  private(set) var fingerprints = FingerprintSet()
  /// The most words any phrase has.
  private(set) var longestPhrase = 0
  /// A buffer for the phrase being added.
  private var phrase: [UInt8] = []

  /// Creates an empty set.
  public init() {}

  /// Adds a value: its words, as one phrase.
  ///
  /// Values of fewer than 3 letters or digits are too short to search for.
  public mutating func insert(_ value: String) {
    phrase.removeAll(keepingCapacity: true)
    let words = Self.appendPhrase(of: value, to: &phrase)
    guard phrase.count - max(0, words - 1) >= 3 else { return }
    fingerprints.insert(ByteHash.hash(phrase))
    longestPhrase = max(longestPhrase, words)
  }

  /// Appends `text`'s ``words(of:)`` to `phrase`, one space between them, without making a
  /// `String` of each; returns how many words there were.
  static func appendPhrase(of text: String, to phrase: inout [UInt8]) -> Int {
    var text = text
    let ascii = text.withUTF8 { bytes -> Int? in
      let text = UnsafeRawBufferPointer(bytes)
      guard !text.contains(where: { $0 >= 0x80 }) else { return nil }
      return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: text.count / 2 + 1) {
        words in
        let count = Self.words(ofASCII: text, into: words)
        // Lower-cased words, one space between them: never longer than the text.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { joined in
          var length = 0
          for word in 0..<count {
            if word > 0 {
              joined[length] = 0x20
              length += 1
            }
            for byte in text[words[word]] {
              joined[length] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
              length += 1
            }
          }
          phrase.append(contentsOf: UnsafeBufferPointer(rebasing: joined[0..<length]))
        }
        return count
      }
    }
    if let ascii { return ascii }
    let lowered = text.lowercased()
    var words = 0
    var start = -1
    func endWord() {
      guard start >= 0 else { return }
      while phrase.count > start, isJoiner(phrase[phrase.count - 1]) { phrase.removeLast() }
      var first = start
      while first < phrase.count, isJoiner(phrase[first]) { first += 1 }
      phrase.removeSubrange(start..<first)
      if phrase.count == start {
        if words > 0 { phrase.removeLast() }
      } else {
        words += 1
      }
      start = -1
    }
    for byte in lowered.utf8 {
      let isWordByte: Bool
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...,
        UInt8(ascii: "A")...UInt8(ascii: "Z"):
        isWordByte = true
      default: isWordByte = isJoiner(byte)
      }
      guard isWordByte else {
        endWord()
        continue
      }
      if start < 0 {
        if words > 0 { phrase.append(0x20) }
        start = phrase.count
      }
      phrase.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
    }
    endWord()
    return words
  }

  /// Adds every value of `other`.
  mutating func formUnion(_ other: SensitiveValues) {
    fingerprints.formUnion(other.fingerprints)
    longestPhrase = max(longestPhrase, other.longestPhrase)
  }

  /// Readies the values for searching (``FingerprintSet/seal()``); call once every input is
  /// read.
  mutating func seal() { fingerprints.seal() }

  /// Adds fingerprints saved from an earlier reading.
  mutating func restore(fingerprints saved: [UInt64], longestPhrase: Int) {
    for fingerprint in saved { fingerprints.insert(fingerprint) }
    self.longestPhrase = max(self.longestPhrase, longestPhrase)
  }

  /// Adds an identifier as written and normalised, and the plain SHA-256 hex of both: a release
  /// must not hold an unkeyed hash of an identifier either, since emails and phone numbers are
  /// guessable and such a hash is reversed by trying them.
  public mutating func insertIdentifier(_ raw: String, kind: IdentifierKind) {
    insertIdentifier(raw, normalised: try? kind.normalise(raw).get())
  }

  /// Adds an identifier as written and its `normalised` form (`nil` when it has none), and the
  /// plain SHA-256 hex of both.
  mutating func insertIdentifier(_ raw: String, normalised: String?) {
    let trimmed = raw.trimmed
    insert(raw)
    insertDigest(of: trimmed)
    guard let normalised, normalised != trimmed else { return }
    // Words are lower-cased: a form differing only in ASCII case is the same phrase.
    var (lower, written) = (normalised, trimmed)
    let samePhrase = lower.withUTF8 { lower in
      written.withUTF8 { written in
        lower.count == written.count
          && zip(lower, written).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 + 32 : $1) }
      }
    }
    if !samePhrase { insert(normalised) }
    insertDigest(of: normalised)
  }

  /// Adds the plain SHA-256 hex of `text`: one word of lower-case hex, fingerprinted as it is.
  private mutating func insertDigest(of text: String) {
    var text = text
    var hasher = SHA256()
    text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    let fingerprint = hasher.finalize().withUnsafeBytes { digest in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * digest.count) { hex in
        for (index, byte) in digest.enumerated() {
          hex[2 * index] = Self.hexDigit(byte >> 4)
          hex[2 * index + 1] = Self.hexDigit(byte & 0x0F)
        }
        return ByteHash.hash(UnsafeRawBufferPointer(hex))
      }
    }
    fingerprints.insert(fingerprint)
    longestPhrase = max(longestPhrase, 1)
  }

  /// The lower-case hex digit of `nibble` (0–15).
  private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }

  /// The plain SHA-256 of `text`'s UTF-8, in lower-case hex.
  static func sha256Hex(_ text: String) -> String {
    Hex.string(SHA256.hash(data: Array(text.utf8)))
  }

  /// Whether `text` contains one of the values as whole words.
  public func occurs(in text: String) -> Bool {
    guard !fingerprints.isEmpty else { return false }
    let words = Self.words(of: text)
    var phrase: [UInt8] = []
    for start in words.indices {
      phrase.removeAll(keepingCapacity: true)
      for length in 1...min(longestPhrase, words.count - start) {
        if length > 1 { phrase.append(0x20) }
        phrase.append(contentsOf: words[start + length - 1].utf8)
        if fingerprints.contains(ByteHash.hash(phrase)) { return true }
      }
    }
    return false
  }

  /// ``occurs(in:)`` for text of ASCII bytes, read without making a `String` of it or its words.
  func occurs(inASCII text: UnsafeRawBufferPointer) -> Bool {
    guard !fingerprints.isEmpty, !text.isEmpty else { return false }
    return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: text.count / 2 + 1) {
      words in
      let count = Self.words(ofASCII: text, into: words)
      // Each word and the phrases it starts, lower-cased, one space between words: the phrase
      // never outgrows the text, as each space stands for at least one byte between words.
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { phrase in
        for start in 0..<count {
          var length = 0
          for last in start..<min(count, start + longestPhrase) {
            if last > start {
              phrase[length] = 0x20
              length += 1
            }
            for byte in text[words[last]] {
              phrase[length] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
              length += 1
            }
            let bytes = UnsafeRawBufferPointer(start: phrase.baseAddress, count: length)
            if fingerprints.contains(ByteHash.hash(bytes)) { return true }
          }
        }
        return false
      }
    }
  }

  /// Writes the ``words(of:)`` of ASCII `text` into `words`, as ranges of `text`.
  ///
  /// The words are not yet lower-cased: runs of word bytes without joiners at either end.
  /// `words` needs room for `text.count / 2 + 1`; returns how many there are.
  private static func words(
    ofASCII text: UnsafeRawBufferPointer, into words: UnsafeMutableBufferPointer<Range<Int>>
  ) -> Int {
    var count = 0
    var index = 0
    while index < text.count {
      var end = index
      while end < text.count && isWordByte(text[end]) { end += 1 }
      var (low, high) = (index, end)
      while low < high && isJoiner(text[low]) { low += 1 }
      while high > low && isJoiner(text[high - 1]) { high -= 1 }
      if low < high {
        words[count] = low..<high
        count += 1
      }
      index = end + 1
    }
    return count
  }

  /// Whether `byte` belongs to a word: a letter, digit, joiner or part of a non-ASCII character.
  private static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
      true
    default: isJoiner(byte)
    }
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

import Crypto

/// Every identifying value seen in the inputs (identifiers and names, as written and
/// normalised), so the leak gate can search the release for them and the scrubber free text.
///
/// Values are held as 64-bit fingerprints (``ByteHash``) of their folded form
/// (``IdentifyingText``), not as text: a million identifiers take a few megabytes, and the run
/// holds no second copy of them. Each value is held as the phrase of its words; a name also
/// token by token (so `Walsh, Dylan`, `Walsh's` and `Walsh` alone are found), and a phone or NHS
/// number also by its digits (so `07700.900.123` and `0044 7700 900123` are found). Two
/// different phrases sharing a fingerprint can only make the gate stop a clean release, never
/// let a value through; the odds are about n × m / 2^64 for n values and m released phrases —
/// under one in a million for a million values and ten million phrases.
public struct SensitiveValues: Sendable {
  private(set) var fingerprints = FingerprintSet()
  /// The most words any phrase has.
  private(set) var longestPhrase = 0
  /// The release's own words (headers, titles, instrument labels): a name token among them is
  /// not searched for on its own, as a phrase it still is (``exempt(words:)``).
  private var vocabulary = FingerprintSet()
  /// A buffer for the phrase being added.
  private var phrase: [UInt8] = []

  /// Creates an empty set.
  public init() {}

  /// How many fingerprints are held: phrases, name tokens, numbers and digests.
  var count: Int { fingerprints.count }

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

  /// Adds a person's name (or any identifying value without digits): as a phrase, and each of
  /// its tokens (``IdentifyingText/tokens(of:)``) on its own.
  public mutating func insertName(_ value: String) {
    insert(value)
    for token in IdentifyingText.tokens(of: IdentifyingText.fold(value)) {
      fingerprints.insert(ByteHash.hash(Array(token.utf8)))
      longestPhrase = max(longestPhrase, 1)
    }
  }

  /// Adds the digits of a phone or NHS number written in `text`, when it is one
  /// (``IdentifyingText/digitForm(of:)``).
  mutating func insertDigits(of text: String) {
    guard let (digits, number) = IdentifyingText.digitForm(of: text) else { return }
    fingerprints.insert(Self.digitFingerprint(Array(digits.utf8)[...], number))
  }

  /// Appends `text`'s ``words(of:)`` to `phrase`, one space between them; returns how many
  /// words there were.
  static func appendPhrase(of text: String, to phrase: inout [UInt8]) -> Int {
    var text = text
    if let ascii = text.withUTF8({ bytes -> Int? in
      let raw = UnsafeRawBufferPointer(bytes)
      guard !raw.contains(where: { $0 >= 0x80 }) else { return nil }
      return appendPhrase(ofFolded: raw, to: &phrase)
    }) {
      return ascii
    }
    var folded = IdentifyingText.fold(text)
    return folded.withUTF8 { appendPhrase(ofFolded: UnsafeRawBufferPointer($0), to: &phrase) }
  }

  /// ``appendPhrase(of:to:)`` for folded (or ASCII) bytes, lower-casing ASCII letters.
  private static func appendPhrase(ofFolded text: UnsafeRawBufferPointer, to phrase: inout [UInt8])
    -> Int
  {
    withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: text.count / 2 + 1) { words in
      let count = Self.words(ofBytes: text, into: words)
      for word in 0..<count {
        if word > 0 { phrase.append(0x20) }
        for byte in text[words[word]] { phrase.append(lowered(byte)) }
      }
      return count
    }
  }

  /// Adds every value of `other`.
  mutating func formUnion(_ other: SensitiveValues) {
    fingerprints.formUnion(other.fingerprints)
    longestPhrase = max(longestPhrase, other.longestPhrase)
  }

  /// Readies the values for searching (``FingerprintSet/seal()``); call once every input is
  /// read.
  mutating func seal() {
    fingerprints.seal()
    vocabulary.seal()
  }

  /// Names the release's own words (``vocabulary``): a name token among them is not a finding
  /// on its own.
  mutating func exempt<Words: Sequence>(words: Words) where Words.Element == String {
    for text in words {
      for token in IdentifyingText.tokens(of: IdentifyingText.fold(text)) {
        vocabulary.insert(ByteHash.hash(Array(token.utf8)))
      }
    }
    vocabulary.seal()
  }

  /// Adds fingerprints saved from an earlier reading.
  mutating func restore(fingerprints saved: [UInt64], longestPhrase: Int) {
    for fingerprint in saved { fingerprints.insert(fingerprint) }
    self.longestPhrase = max(self.longestPhrase, longestPhrase)
  }

  /// The fewest digits an `id` of digits alone has to be searched for in the release.
  static let searchedIDDigits = 6

  /// Adds an identifier as written and normalised, its digits when it is a phone or NHS number,
  /// and the plain SHA-256 hex of both: a release must not hold an unkeyed hash of an
  /// identifier either, since emails and phone numbers are guessable and such a hash is
  /// reversed by trying them.
  public mutating func insertIdentifier(_ raw: String, kind: IdentifierKind) {
    insertIdentifier(raw, normalised: try? kind.normalise(raw).get(), kind: kind)
  }

  /// Adds an identifier as written and its `normalised` form (`nil` when it has none), its
  /// digits, and the plain SHA-256 hex of both.
  mutating func insertIdentifier(_ raw: String, normalised: String?, kind: IdentifierKind) {
    let trimmed = raw.trimmed
    insertDigest(of: trimmed)
    if kind == .id && trimmed.utf8.count < Self.searchedIDDigits
      && trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) })
    {
      // A short record number (REDCap's 1, 2, … 103) is every count and byte size too; it is
      // not searched for, only its hash is (docs/privacy.md).
      return
    }
    insert(raw)
    if kind != .email { insertDigits(of: normalised ?? trimmed) }
    guard let normalised, normalised != trimmed else { return }
    // Words are lower-cased: a form differing only in ASCII case is the same phrase.
    var (lower, written) = (normalised, trimmed)
    let samePhrase = lower.withUTF8 { lower in
      written.withUTF8 { written in
        lower.count == written.count
          && zip(lower, written).allSatisfy { $0 == Self.lowered($1) }
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

  /// The fingerprint a number is held by: its digits after a byte no word holds (which says
  /// what number it is), so that digits never match a word.
  private static func digitFingerprint(
    _ digits: ArraySlice<UInt8>, _ number: IdentifyingText.Number
  ) -> UInt64 {
    ByteHash.hash([number.rawValue] + digits)
  }

  /// Whether `text` contains one of the values: a phrase of whole words, a name token, or a
  /// number's digits.
  public func occurs(in text: String) -> Bool {
    guard !fingerprints.isEmpty else { return false }
    var folded = IdentifyingText.fold(text)
    return folded.withUTF8 { occurs(inFolded: UnsafeRawBufferPointer($0)) }
  }

  /// ``occurs(in:)`` for text of ASCII bytes, read without making a `String` of it or its words.
  func occurs(inASCII text: UnsafeRawBufferPointer) -> Bool {
    guard !fingerprints.isEmpty else { return false }
    return occurs(inFolded: text)
  }

  /// ``occurs(in:)`` for folded text (or ASCII text, whose letters are lower-cased here).
  private func occurs(inFolded text: UnsafeRawBufferPointer) -> Bool {
    guard !text.isEmpty else { return false }
    let found = withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: text.count / 2 + 1) {
      words in
      let count = Self.words(ofBytes: text, into: words)
      // Each word and the phrases it starts, lower-cased, one space between words: the phrase
      // never outgrows the text, as each space stands for at least one byte between words.
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { phrase in
        for start in 0..<count {
          var length = 0
          for last in start..<min(count, start + max(1, longestPhrase)) {
            if last > start {
              phrase[length] = 0x20
              length += 1
            }
            for byte in text[words[last]] {
              phrase[length] = Self.lowered(byte)
              length += 1
            }
            let bytes = UnsafeRawBufferPointer(start: phrase.baseAddress, count: length)
            let fingerprint = ByteHash.hash(bytes)
            if fingerprints.contains(fingerprint) && (last > start || !isVocabulary(fingerprint)) {
              return true
            }
            if last == start && containsToken(inWord: bytes) { return true }
          }
        }
        return false
      }
    }
    return found || containsNumber(text)
  }

  /// Whether a word holding joiners (`walsh's`, `dylan.walsh`) holds a name token other than the
  /// whole word, which was checked already.
  private func containsToken(inWord word: UnsafeRawBufferPointer) -> Bool {
    guard word.contains(where: Self.isJoiner) else { return false }
    var start = 0
    for end in 0...word.count where end == word.count || !IdentifyingText.isTokenByte(word[end]) {
      defer { start = end + 1 }
      guard end > start,
        let token = IdentifyingText.token(word[start..<end]), token.count < word.count
      else { continue }
      let fingerprint = ByteHash.hash(UnsafeRawBufferPointer(rebasing: token))
      if fingerprints.contains(fingerprint) && !isVocabulary(fingerprint) { return true }
    }
    return false
  }

  /// Whether `fingerprint` is one of the release's own words.
  private func isVocabulary(_ fingerprint: UInt64) -> Bool {
    !vocabulary.isEmpty && vocabulary.contains(fingerprint)
  }

  /// Whether `text` holds the digits of a known phone or NHS number, however they are
  /// separated or prefixed.
  private func containsNumber(_ text: UnsafeRawBufferPointer) -> Bool {
    guard IdentifyingText.mayHoldNumber(text) else { return false }
    return IdentifyingText.digitRuns(in: text).contains { number(digits: $0) != nil }
  }

  /// Whether the name token `token` (folded) is one of the values, the release's own words
  /// included: for the scrubber, which removes every name word.
  func isName(token: Substring) -> Bool {
    var token = token
    return token.withUTF8 { fingerprints.contains(ByteHash.hash(UnsafeRawBufferPointer($0))) }
  }

  /// What known number the digit run `digits` holds, if any.
  func number(digits: [UInt8]) -> IdentifyingText.Number? {
    for candidate in IdentifyingText.digitCandidates(digits[...]) {
      for number in [IdentifyingText.Number.phone, .nhs, .other]
      where fingerprints.contains(Self.digitFingerprint(candidate, number)) {
        return number
      }
    }
    return nil
  }

  /// Writes the ``words(of:)`` of folded (or ASCII) `text` into `words`, as ranges of `text`.
  ///
  /// The words are not yet lower-cased: runs of word bytes without joiners at either end.
  /// `words` needs room for `text.count / 2 + 1`; returns how many there are.
  private static func words(
    ofBytes text: UnsafeRawBufferPointer, into words: UnsafeMutableBufferPointer<Range<Int>>
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

  @inline(__always)
  private static func lowered(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
  }

  /// Folded words: runs of letters, digits and the characters of email addresses
  /// (`@ . _ + - '`), without those characters at either end.
  static func words(of text: String) -> [String] {
    var folded = IdentifyingText.fold(text)
    return folded.withUTF8 { bytes in
      let text = UnsafeRawBufferPointer(bytes)
      return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: text.count / 2 + 1) {
        words in
        (0..<Self.words(ofBytes: text, into: words)).map {
          String(decoding: text[words[$0]].map(lowered), as: UTF8.self)
        }
      }
    }
  }

  private static func isJoiner(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "@") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")
  }
}

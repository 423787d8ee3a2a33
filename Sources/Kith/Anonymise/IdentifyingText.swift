import Foundation

/// The one form in which identifying values and released text are compared, by the leak gate
/// and the free-text scrubber alike (`docs/privacy.md`, "What is matched").
///
/// - Text is folded: Unicode NFKC (a no-break space becomes a space, full-width letters plain
///   ones, NFD accents composed), case and accents removed (`Zoë` → `zoe`), typographic
///   apostrophes and dashes as `'` and `-`.
/// - A name is matched as a phrase and token by token: a token is a run of letters, digits and
///   apostrophes, its possessive `'s` dropped, of two characters or more with a letter.
/// - Phone and NHS numbers are matched by their digits alone, whatever separates them; a phone
///   by its national number (the digits after `0`, `44` or `0044`).
enum IdentifyingText {
  /// `text` folded (see above); ASCII text is only lower-cased.
  static func fold(_ text: String) -> String {
    guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.lowercased() }
    var folded = text.precomposedStringWithCompatibilityMapping
      .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    if folded.unicodeScalars.contains(where: { apostrophes.contains($0) || dashes.contains($0) }) {
      folded = String(
        String.UnicodeScalarView(
          folded.unicodeScalars.map {
            apostrophes.contains($0) ? "'" : dashes.contains($0) ? "-" : $0
          }))
    }
    return folded
  }

  private static let apostrophes: Set<Unicode.Scalar> = [
    "\u{2018}", "\u{2019}", "\u{02BC}", "\u{2032}",
  ]
  private static let dashes: Set<Unicode.Scalar> = [
    "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}",
  ]

  /// The name tokens of folded text, in order (see above).
  static func tokens(of folded: String) -> [String] {
    var tokens: [String] = []
    var current: [UInt8] = []
    func flush() {
      if let token = token(current) { tokens.append(String(decoding: token, as: UTF8.self)) }
      current.removeAll(keepingCapacity: true)
    }
    for byte in folded.utf8 {
      if isTokenByte(byte) { current.append(byte) } else { flush() }
    }
    flush()
    return tokens
  }

  /// Whether `byte` of folded text belongs to a token: a letter, digit, apostrophe, or part of a
  /// non-ASCII character.
  @inline(__always)
  static func isTokenByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
      || byte == 0x27
  }

  /// The token in a run of token bytes: apostrophes trimmed, a possessive `'s` dropped; `nil`
  /// when shorter than two bytes or without a letter.
  static func token<Bytes: BidirectionalCollection>(_ run: Bytes) -> Bytes.SubSequence?
  where Bytes.Element == UInt8 {
    var part = run[...]
    while part.first == 0x27 { part = part.dropFirst() }
    if part.count > 2, part.last == UInt8(ascii: "s"), part.dropLast().last == 0x27 {
      part = part.dropLast(2)
    }
    while part.last == 0x27 { part = part.dropLast() }
    guard part.count >= 2, part.contains(where: { $0 >= 0x61 || $0 >= 0x80 }) else { return nil }
    return part
  }

  /// What a number written in digits is, for the tag the scrubber gives it.
  enum Number: UInt8, Sendable {
    case phone = 1
    case nhs = 2
    case other = 3

    /// The scrubber's tag.
    var tag: String {
      switch self {
      case .phone: "[phone]"
      case .nhs: "[nhs number]"
      case .other: "[number]"
      }
    }
  }

  /// The digits a phone or NHS number is matched by, and what it is, when `text` is written
  /// mostly in digits (9 to 15 of them, and no more letters than the digits' tenth): a UK
  /// phone's national number, else the digits as written.
  static func digitForm(of text: String) -> (digits: String, number: Number)? {
    if let phone = UKPhone.e164(text) { return (String(phone.dropFirst(3)), .phone) }
    if let nhs = NHSNumber.canonical(text) { return (nhs, .nhs) }
    let digits = text.filter { $0.isASCII && $0.isNumber }
    let letters = text.filter(\.isLetter).count
    guard (9...15).contains(digits.count), letters * 10 <= digits.count else { return nil }
    return (digits, .other)
  }

  /// The forms under which the digit run `digits` (digits only) may hold a known number: as
  /// written, and, for a phone, without a leading `0044` or `44` and then `0` — each of 9 digits
  /// or more.
  static func digitCandidates(_ digits: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var forms = [digits]
    var rest = digits
    if rest.starts(with: [0x30, 0x30, 0x34, 0x34]) {
      rest = rest.dropFirst(4)
    } else if rest.starts(with: [0x34, 0x34]) {
      rest = rest.dropFirst(2)
    }
    if rest.first == 0x30 { rest = rest.dropFirst() }
    if rest.count != digits.count { forms.append(rest) }
    return forms.filter { $0.count >= 9 }
  }

  /// The runs of digits in `bytes` that a person could read as one number: digits joined by
  /// single separators (space, `.`, `-`, `/`, `(`, `)`), each run with at least 9 digits, as
  /// its digits alone.
  static func digitRuns<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> [[UInt8]]
  where Bytes.Index == Int {
    var runs: [[UInt8]] = []
    var current: [UInt8] = []
    var index = bytes.startIndex
    func isDigit(_ at: Int) -> Bool {
      at < bytes.endIndex && bytes[at] >= 0x30 && bytes[at] <= 0x39
    }
    func end() {
      if current.count >= 9 { runs.append(current) }
      current.removeAll(keepingCapacity: true)
    }
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        current.append(byte)
      } else if !current.isEmpty, separators.contains(byte),
        isDigit(index + 1)
          || (index + 2 < bytes.endIndex && separators.contains(bytes[index + 1])
            && isDigit(index + 2))
      {
        // A separator between digits (or two, as in `) ` of `(0)7700`).
      } else if current.isEmpty && byte == UInt8(ascii: "(") {
        // An opening parenthesis before the first digit.
      } else {
        end()
      }
      index += 1
    }
    end()
    return runs
  }

  private static let separators: Set<UInt8> = [0x20, 0x2E, 0x2D, 0x2F, 0x28, 0x29]

  /// Whether `bytes` hold at least 9 digits in all: the cheap test before looking for runs.
  static func mayHoldNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var digits = 0
    for byte in bytes where byte >= 0x30 && byte <= 0x39 {
      digits += 1
      if digits >= 9 { return true }
    }
    return false
  }
}

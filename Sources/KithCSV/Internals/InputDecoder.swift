/// Turns a file's bytes, in whatever encoding, into UTF-8, chunk by chunk.
///
/// A sequence that is invalid in the encoding becomes U+FFFD and its position in the output is
/// reported, so the reader can mark the record that holds it. A file detected as UTF-8 whose first
/// invalid byte comes before any other non-ASCII byte is read as Windows-1252 from there on (the
/// ASCII before it means the same in both).
struct InputDecoder {
  /// The encoding the bytes are being read as.
  private(set) var encoding: CSVEncoding
  /// Whether the encoding was switched from UTF-8 to Windows-1252 on seeing invalid bytes.
  private(set) var fellBackToWindows1252 = false
  private let mayFallBack: Bool
  private var sawNonASCII = false
  private var carry: [UInt8] = []
  private var pendingHighSurrogate: UInt16?

  /// Chooses the encoding from a declared one or the file's first bytes; returns the decoder and
  /// how many bytes of byte-order mark to skip.
  static func detect(declared: CSVEncoding?, prefix: UnsafeRawBufferPointer) -> (InputDecoder, Int)
  {
    let bytes = Array(prefix.prefix(3))
    let hasUTF8BOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let hasLEBOM = bytes.starts(with: [0xFF, 0xFE])
    let hasBEBOM = bytes.starts(with: [0xFE, 0xFF])
    switch declared {
    case .some(.utf8): return (InputDecoder(.utf8, mayFallBack: false), hasUTF8BOM ? 3 : 0)
    case .some(.utf16LittleEndian):
      return (InputDecoder(.utf16LittleEndian, mayFallBack: false), hasLEBOM ? 2 : 0)
    case .some(.utf16BigEndian):
      return (InputDecoder(.utf16BigEndian, mayFallBack: false), hasBEBOM ? 2 : 0)
    case .some(.windows1252): return (InputDecoder(.windows1252, mayFallBack: false), 0)
    case .none:
      if hasUTF8BOM { return (InputDecoder(.utf8, mayFallBack: false), 3) }
      if hasLEBOM { return (InputDecoder(.utf16LittleEndian, mayFallBack: false), 2) }
      if hasBEBOM { return (InputDecoder(.utf16BigEndian, mayFallBack: false), 2) }
      return (InputDecoder(.utf8, mayFallBack: true), 0)
    }
  }

  /// A decoder for a later part of a file whose start was UTF-8 or Windows-1252: the declared
  /// encoding, else UTF-8 that may fall back (byte-order marks belong to a file's start only).
  static func continuing(declared: CSVEncoding?) -> InputDecoder {
    declared.map { InputDecoder($0, mayFallBack: false) } ?? InputDecoder(.utf8, mayFallBack: true)
  }

  private init(_ encoding: CSVEncoding, mayFallBack: Bool) {
    self.encoding = encoding
    self.mayFallBack = mayFallBack
  }

  /// Whether `chunk` is UTF-8 already, to be read as it is.
  ///
  /// It is when the input is read as UTF-8, nothing is carried over from the chunk before, and
  /// every sequence in the chunk is valid and whole; otherwise the chunk goes through
  /// ``decode(_:isFinal:into:invalid:)``.
  mutating func isAlreadyUTF8(_ chunk: UnsafeRawBufferPointer) -> Bool {
    guard encoding == .utf8, carry.isEmpty else { return false }
    var i = 0
    var sawNonASCII = false
    while i < chunk.count {
      i += ByteScan.asciiPrefixLength(UnsafeRawBufferPointer(rebasing: chunk[i...]))
      guard i < chunk.count else { break }
      guard case .valid(let length) = Self.utf8SequenceLength(chunk, at: i) else { return false }
      sawNonASCII = true
      i += length
    }
    if sawNonASCII { self.sawNonASCII = true }
    return true
  }

  /// Appends the UTF-8 form of `input` to `output`.
  ///
  /// Appends to `invalid` the output offset of every U+FFFD that replaced an invalid sequence.
  /// Set `isFinal` on the last chunk.
  mutating func decode(
    _ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout [UInt8],
    invalid: inout [Int]
  ) {
    guard !carry.isEmpty else {
      decodeContiguous(input, isFinal: isFinal, into: &output, invalid: &invalid)
      return
    }
    var joined = carry
    carry.removeAll(keepingCapacity: true)
    joined.append(contentsOf: input)
    joined.withUnsafeBytes {
      decodeContiguous($0, isFinal: isFinal, into: &output, invalid: &invalid)
    }
  }

  private mutating func decodeContiguous(
    _ bytes: UnsafeRawBufferPointer, isFinal: Bool, into output: inout [UInt8],
    invalid: inout [Int]
  ) {
    switch encoding {
    case .utf8: decodeUTF8(bytes, isFinal: isFinal, into: &output, invalid: &invalid)
    case .windows1252: Self.decodeWindows1252(bytes[...], into: &output, invalid: &invalid)
    case .utf16LittleEndian, .utf16BigEndian:
      decodeUTF16(bytes, isFinal: isFinal, into: &output, invalid: &invalid)
    }
  }

  private mutating func decodeUTF8(
    _ bytes: UnsafeRawBufferPointer, isFinal: Bool, into output: inout [UInt8],
    invalid: inout [Int]
  ) {
    var i = 0
    let n = bytes.count
    output.reserveCapacity(output.count + n)
    while i < n {
      // Copy a run of ASCII at once, then classify the multi-byte sequence that ends it.
      let run = ByteScan.asciiPrefixLength(UnsafeRawBufferPointer(rebasing: bytes[i...]))
      if run > 0 {
        output.append(contentsOf: bytes[i..<(i + run)])
        i += run
        if i == n { break }
      }
      switch Self.utf8SequenceLength(bytes, at: i) {
      case .valid(let length):
        sawNonASCII = true
        output.append(contentsOf: bytes[i..<(i + length)])
        i += length
      case .incomplete where !isFinal:
        carry.append(contentsOf: bytes[i...])
        return
      case .incomplete, .invalid:
        if mayFallBack && !sawNonASCII {
          encoding = .windows1252
          fellBackToWindows1252 = true
          Self.decodeWindows1252(bytes[i...], into: &output, invalid: &invalid)
          return
        }
        invalid.append(output.count)
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        i += 1
      }
    }
  }

  private enum UTF8Sequence { case valid(Int), incomplete, invalid }

  /// Classifies the sequence starting at `i` by the well-formed ranges of Unicode's Table 3-7.
  private static func utf8SequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int)
    -> UTF8Sequence
  {
    let lead = bytes[i]
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; secondRange = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; secondRange = 0x80...0x9F
    case 0xF0: length = 4; secondRange = 0x90...0xBF
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; secondRange = 0x80...0x8F
    default: return .invalid
    }
    for k in 1..<length {
      guard i + k < bytes.count else { return .incomplete }
      let range = k == 1 ? secondRange : 0x80...0xBF
      guard range.contains(bytes[i + k]) else { return .invalid }
    }
    return .valid(length)
  }

  private static let windows1252High: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  /// Windows-1252 as Microsoft defines it: the five bytes it leaves undefined (0x81, 0x8D, 0x8F,
  /// 0x90, 0x9D) are invalid — a file holding one is not Windows-1252 — and each is replaced by
  /// U+FFFD with its offset appended to `invalid`, never decoded to a C1 control character.
  private static func decodeWindows1252(
    _ bytes: Slice<UnsafeRawBufferPointer>, into output: inout [UInt8], invalid: inout [Int]
  ) {
    for byte in bytes {
      if byte < 0x80 {
        output.append(byte)
      } else if byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D {
        invalid.append(output.count)
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
      } else if byte < 0xA0 {
        appendUTF8(UInt32(windows1252High[Int(byte - 0x80)]), to: &output)
      } else {
        appendUTF8(UInt32(byte), to: &output)
      }
    }
  }

  private mutating func decodeUTF16(
    _ bytes: UnsafeRawBufferPointer, isFinal: Bool, into output: inout [UInt8], invalid: inout [Int]
  ) {
    let littleEndian = encoding == .utf16LittleEndian
    var i = 0
    while i + 1 < bytes.count {
      let unit =
        littleEndian
        ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
        : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
      i += 2
      if let high = pendingHighSurrogate {
        pendingHighSurrogate = nil
        if (0xDC00...0xDFFF).contains(unit) {
          let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
          Self.appendUTF8(scalar, to: &output)
          continue
        }
        invalid.append(output.count)
        Self.appendUTF8(0xFFFD, to: &output)
      }
      switch unit {
      case 0xD800...0xDBFF: pendingHighSurrogate = unit
      case 0xDC00...0xDFFF:
        invalid.append(output.count)
        Self.appendUTF8(0xFFFD, to: &output)
      default: Self.appendUTF8(UInt32(unit), to: &output)
      }
    }
    if i < bytes.count { carry.append(bytes[i]) }
    if isFinal && (pendingHighSurrogate != nil || !carry.isEmpty) {
      pendingHighSurrogate = nil
      carry.removeAll()
      invalid.append(output.count)
      Self.appendUTF8(0xFFFD, to: &output)
    }
  }

  private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }
}

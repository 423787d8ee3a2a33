/// One record being written, as the CSV line it makes: each field is appended as bytes —
/// quoted when it needs to be (see ``CSVWriter``), after a delimiter unless it is the first — so
/// that a table of millions of rows is written without an array of strings made, retained and
/// released for each row.
///
/// A record is reused from row to row (``removeAll()``): once it has grown to the longest row,
/// making one allocates nothing. Only one thread may use it.
public final class CSVRecord {
  /// The field separator.
  public let delimiter: CSVDelimiter
  @exclusivity(unchecked) private var line: UnsafeMutableRawPointer
  @exclusivity(unchecked) private var capacity: Int
  /// The line's length so far.
  @exclusivity(unchecked) private var used = 0
  /// The number of fields written so far.
  @exclusivity(unchecked) public private(set) var count = 0
  /// Which fields are written, by the position they are appended at; empty when all are.
  @exclusivity(unchecked) private var written: [Bool] = []
  /// The position of the next field appended, counting fields left out.
  @exclusivity(unchecked) private var position = 0
  /// Whether a text field that a spreadsheet would run as a formula is written with a leading
  /// apostrophe.
  ///
  /// For files people open in Excel (``isFormulaLike(_:)``); numbers appended as numbers are
  /// never changed.
  public var neutralisesFormulas = false

  /// Creates an empty record of fields separated by `delimiter`.
  public init(delimiter: CSVDelimiter = .comma) {
    self.delimiter = delimiter
    capacity = 256
    line = .allocate(byteCount: capacity, alignment: 1)
  }

  /// Creates an empty record that writes only the fields appended at the positions where
  /// `written` is true, and drops the others (and any past its end): one maker of rows serves a
  /// file with some of its columns left out.
  public convenience init(delimiter: CSVDelimiter = .comma, writing written: [Bool]) {
    self.init(delimiter: delimiter)
    self.written = written
  }

  deinit { line.deallocate() }

  /// Forgets the fields, keeping the memory.
  public func removeAll() {
    used = 0
    count = 0
    position = 0
  }

  /// Appends a field of text.
  public func append(_ field: String) {
    guard takesField() else { return }
    let appended: Void? = field.utf8.withContiguousStorageIfAvailable {
      write(utf8: UnsafeRawBufferPointer($0))
    }
    if appended == nil { Array(field.utf8).withUnsafeBytes { write(utf8: $0) } }
  }

  /// Appends `fields`, each a field of text.
  public func append(contentsOf fields: [String]) {
    for field in fields { append(field) }
  }

  /// Appends a whole number in decimal digits, as `String(value)` writes it.
  public func append(_ value: Int) {
    guard takesField() else { return }
    let target = room(for: 20)
    var start = 20
    var rest = value.magnitude
    // Digits from the last, at the end of the room, then moved to its start.
    repeat {
      start -= 1
      target.storeBytes(
        of: UInt8(ascii: "0") + UInt8(rest % 10), toByteOffset: start, as: UInt8.self)
      rest /= 10
    } while rest > 0
    if value < 0 {
      start -= 1
      target.storeBytes(of: UInt8(ascii: "-"), toByteOffset: start, as: UInt8.self)
    }
    target.copyMemory(from: target + start, byteCount: 20 - start)
    used += 20 - start
  }

  /// Appends a field of UTF-8 bytes.
  public func append(utf8 field: UnsafeRawBufferPointer) {
    if takesField() { write(utf8: field) }
  }

  /// Writes a field of UTF-8 bytes, quoted when it needs to be.
  private func write(utf8 field: UnsafeRawBufferPointer) {
    if neutralisesFormulas && Self.isFormulaLike(field) {
      let guarded = [UInt8(ascii: "'")] + field
      guarded.withUnsafeBytes { write(quotable: $0) }
    } else {
      write(quotable: field)
    }
  }

  /// Whether a spreadsheet opening `field` as a cell could run it as a formula: it starts with
  /// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list), and is not simply a number
  /// (`-1.5`, `+2`, `-3e2`), which a spreadsheet reads as the number it is.
  public static func isFormulaLike(_ field: UnsafeRawBufferPointer) -> Bool {
    guard let first = field.first else { return false }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), 9, 13: return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isNumber(field.dropFirst())
    default: return false
    }
  }

  /// Whether `text` is digits with at most one decimal point, and an optional exponent.
  private static func isNumber(_ text: Slice<UnsafeRawBufferPointer>) -> Bool {
    var digits = 0
    var point = false
    var index = text.startIndex
    while index < text.endIndex {
      let byte = text[index]
      if byte >= 48 && byte <= 57 {
        digits += 1
      } else if byte == UInt8(ascii: ".") && !point {
        point = true
      } else {
        break
      }
      index += 1
    }
    guard digits > 0 else { return false }
    guard index < text.endIndex else { return true }
    guard text[index] | 0x20 == UInt8(ascii: "e") else { return false }
    index += 1
    if index < text.endIndex && (text[index] == 43 || text[index] == 45) { index += 1 }
    guard index < text.endIndex else { return false }
    return text[index..<text.endIndex].allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// Writes a field of UTF-8 bytes as they are, quoted when it needs to be.
  private func write(quotable field: UnsafeRawBufferPointer) {
    if Self.needsQuotes(field, delimiter: delimiter.byte) {
      startField()
      libcsvWriteQuoted(field) { length in
        let target = ensure(length)
        used += length
        return target
      }
    } else if let source = field.baseAddress {
      room(for: field.count).copyMemory(from: source, byteCount: field.count)
      used += field.count
    } else {
      startField()
    }
  }

  /// Appends an empty field.
  public func appendEmpty() {
    if takesField() { startField() }
  }

  /// Appends the line and an LF to `output`.
  func appendLine(to output: inout [UInt8]) {
    withLine { output.append(contentsOf: $0) }
    output.append(10)
  }

  /// The line: the fields, delimiters between them, without a line break.
  func withLine<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    body(UnsafeRawBufferPointer(start: line, count: used))
  }

  /// Field `index` as written so far, when it and every field before it are unquoted; `nil`
  /// otherwise (``strings`` reads any field).
  public func withField<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result)
    -> Result?
  {
    withLine { line in
      var start = 0
      for field in 0...index {
        guard start <= line.count, start == line.count || line[start] != UInt8(ascii: "\"")
        else { return nil }
        var end = start
        while end < line.count && line[end] != delimiter.byte { end += 1 }
        if field == index {
          return field < count ? body(UnsafeRawBufferPointer(rebasing: line[start..<end])) : nil
        }
        start = end + 1
      }
      return nil
    }
  }

  /// Every field as text, unquoted.
  public var strings: [String] {
    withLine { line in
      var fields: [String] = []
      var start = 0
      while fields.count < count {
        var end = start
        if start < line.count && line[start] == UInt8(ascii: "\"") {
          // A quoted field: up to the quote not doubled; its doubled quotes read as one.
          var bytes: [UInt8] = []
          end += 1
          while end < line.count {
            if line[end] == UInt8(ascii: "\"") {
              end += 1
              if end == line.count || line[end] != UInt8(ascii: "\"") { break }
            }
            bytes.append(line[end])
            end += 1
          }
          fields.append(String(decoding: bytes, as: UTF8.self))
        } else {
          while end < line.count && line[end] != delimiter.byte { end += 1 }
          fields.append(String(decoding: line[start..<end], as: UTF8.self))
        }
        start = end + 1
      }
      return fields
    }
  }

  /// Whether the field appended at the next position is written; moves past it either way.
  @inline(__always)
  private func takesField() -> Bool {
    guard !written.isEmpty else { return true }
    defer { position += 1 }
    return position < written.count && written[position]
  }

  /// Starts a field: a delimiter after the one before, if any.
  @inline(__always)
  private func startField() {
    if count > 0 {
      ensure(1).storeBytes(of: delimiter.byte, as: UInt8.self)
      used += 1
    }
    count += 1
  }

  /// Starts a field and returns room for `length` more bytes of it at the end of the line.
  @inline(__always)
  private func room(for length: Int) -> UnsafeMutableRawPointer {
    startField()
    return ensure(length)
  }

  /// Room for `length` more bytes at the end of the line.
  @inline(__always)
  private func ensure(_ length: Int) -> UnsafeMutableRawPointer {
    if used + length > capacity {
      var newCapacity = capacity * 2
      while newCapacity < used + length { newCapacity *= 2 }
      let newLine = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
      newLine.copyMemory(from: line, byteCount: used)
      line.deallocate()
      (line, capacity) = (newLine, newCapacity)
    }
    return line + used
  }

  /// Whether `field` must be quoted: it holds the delimiter, a quote or a line break, or starts
  /// or ends with a space or tab.
  ///
  /// Fields of eight bytes or more are tested eight at a time (the last, partial word read as
  /// the eight bytes ending the field).
  static func needsQuotes(_ field: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
    guard let base = field.baseAddress, let first = field.first, let last = field.last else {
      return false
    }
    if first == 32 || first == 9 || last == 32 || last == 9 { return true }
    guard field.count >= 8 else {
      return field.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
    }
    var offset = 0
    while offset < field.count {
      let word = base.loadUnaligned(fromByteOffset: min(offset, field.count - 8), as: UInt64.self)
      if ByteScan.holds(word, delimiter) || ByteScan.holds(word, 34) || ByteScan.holds(word, 10)
        || ByteScan.holds(word, 13)
      {
        return true
      }
      offset += 8
    }
    return false
  }
}

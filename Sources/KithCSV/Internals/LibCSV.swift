import CLibCSV

/// libcsv's field callback: the field's bytes (valid only during the call), their length, and the
/// reader's context pointer.
typealias LibCSVFieldCallback =
  @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void

/// libcsv's end-of-record callback: the terminator byte (10, 13) or -1 when `csv_fini` closed a
/// last record that had no line break, and the reader's context pointer.
typealias LibCSVRecordCallback = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void

/// One libcsv parser at a stable address.
///
/// Every call into libcsv's parser lives in this file, and no libcsv type or error code leaves it.
final class LibCSVParser {
  private let parser: UnsafeMutablePointer<csv_parser>
  private let options: UInt8
  private let delimiter: UInt8
  private let trimsSpaces: Bool

  /// The reason the last call failed, in words.
  enum Failure {
    /// A quote where strict RFC 4180 does not allow one, or a quoted field left open at the end.
    case malformedQuote
    /// libcsv could not grow its field buffer.
    case outOfMemory
  }

  /// Creates a strict parser (`CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL`).
  ///
  /// `CSV_REPALL_NL` makes libcsv report every line break, so that the reader can count physical
  /// lines, including blank ones. The corresponding C function is `csv_init`.
  init(delimiter: UInt8, trimsSpaces: Bool) {
    self.options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)
    self.delimiter = delimiter
    self.trimsSpaces = trimsSpaces
    parser = .allocate(capacity: 1)
    parser.initialize(to: csv_parser())
    configure()
  }

  deinit {
    csv_free(parser)
    parser.deinitialize(count: 1)
    parser.deallocate()
  }

  private func configure() {
    // csv_init only fails when it cannot allocate its first block; libcsv then leaves the
    // parser without a buffer and reports ENOMEM on the first parse, which the reader surfaces.
    _ = csv_init(parser, options)
    csv_set_delim(parser, delimiter)
    if !trimsSpaces {
      csv_set_space_func(parser) { _ in 0 }
    }
  }

  /// Discards all parser state and starts afresh, as after an error mid-record.
  ///
  /// The corresponding C functions are `csv_free` and `csv_init`.
  func reset() {
    csv_free(parser)
    parser.initialize(to: csv_parser())
    configure()
  }

  /// Feeds bytes; returns how many were consumed (fewer than given means an error).
  ///
  /// The corresponding C function is `csv_parse`.
  func parse(
    _ bytes: UnsafeRawBufferPointer, field: LibCSVFieldCallback, record: LibCSVRecordCallback,
    context: UnsafeMutableRawPointer
  ) -> Int {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    return csv_parse(parser, base, bytes.count, field, record, context)
  }

  /// Closes the last record at end of input.
  ///
  /// Returns false when a quoted field is left open.
  ///
  /// The corresponding C function is `csv_fini`.
  func finish(
    field: LibCSVFieldCallback, record: LibCSVRecordCallback, context: UnsafeMutableRawPointer
  ) -> Bool {
    csv_fini(parser, field, record, context) == 0
  }

  /// Why the last `parse` or `finish` failed.
  ///
  /// The corresponding C function is `csv_error`.
  var failure: Failure {
    csv_error(parser) == CSV_ENOMEM || csv_error(parser) == CSV_ETOOBIG
      ? .outOfMemory : .malformedQuote
  }

  /// Whether the parser is between records: the last byte fed ended a record (or nothing was
  /// fed), so the next byte starts a new one — libcsv's `pstate` is `ROW_NOT_BEGUN`.
  var isBetweenRecords: Bool { parser.pointee.pstate == 0 }

  /// The size of libcsv's field buffer, which grows to the largest field seen.
  ///
  /// The corresponding C function is `csv_get_buffer_size`.
  var bufferSize: Int { csv_get_buffer_size(parser) }

  /// Where the field being read stands: inside quotes, just after a quote inside quotes (which
  /// may close the field or begin a doubled quote), or not quoted.
  var quoteState: (inside: Bool, afterQuote: Bool) {
    // libcsv's states: 2 = field begun, 3 = a quote seen that might end it.
    let quoted = parser.pointee.quoted != 0
    return (quoted && parser.pointee.pstate == 2, quoted && parser.pointee.pstate == 3)
  }

  /// The line breaks (CR LF counted once) in the field being read, without copying it.
  var lineBreaksInPartialField: Int {
    guard let buffer = parser.pointee.entry_buf else { return 0 }
    var count = 0
    var afterCR = false
    for byte in UnsafeBufferPointer(start: buffer, count: parser.pointee.entry_pos) {
      if byte == 13 || (byte == 10 && !afterCR) { count += 1 }
      afterCR = byte == 13
    }
    return count
  }

  /// The bytes of the field being parsed, for the raw text of a row left unfinished.
  var partialField: [UInt8] {
    guard let buffer = parser.pointee.entry_buf else { return [] }
    return Array(UnsafeBufferPointer(start: buffer, count: parser.pointee.entry_pos))
  }
}

/// Writes `field` as one quoted CSV field with its quotes doubled, into the `length` bytes at
/// `room(length)`.
///
/// The corresponding C function is `csv_write`.
func libcsvWriteQuoted(
  _ field: UnsafeRawBufferPointer, into room: (_ length: Int) -> UnsafeMutableRawPointer
) {
  let needed = csv_write(nil, 0, field.baseAddress, field.count)
  _ = csv_write(room(needed), needed, field.baseAddress, field.count)
}

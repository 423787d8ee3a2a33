/// The state libcsv's callbacks work on: the record being built, line counting, and what to do
/// with each finished record.
///
/// Line counting relies on `CSV_REPALL_NL`: libcsv calls the record callback for every line break
/// outside a field, so a CRLF gives a record end for the CR and an empty one for the LF, and blank
/// lines give empty ones. Line breaks inside quoted fields are counted from the field's bytes.
final class ParseSession {
  let parser: LibCSVParser
  let file: String
  private let storage = RowStorage()
  private let maxFieldBytes: Int

  /// Header rows still to be read, and those read so far.
  private var headerRowsWanted: Int
  private(set) var headerRows: [[String]] = []
  /// A header row that could not be read; the header is then unusable.
  private(set) var headerError: CSVError?
  private var columnNames: [String] = []
  private var width: Int?

  /// The physical line the parser is on, and the line the record being built started on.
  private(set) var currentLine = 1
  private var recordStartLine = 1
  private var lastTerminatorWasCR = false
  /// A problem found while the current record was being read (bad bytes, NUL).
  private var taint: CSVError.Kind?
  private var taintColumn = 0

  /// What receives data records; `nil` while the header is being read.
  ///
  /// Held unretained (the reader keeps it alive while it parses): a record handed over costs no
  /// reference counting.
  var body: Unmanaged<RecordSink>?
  /// The error `body` threw; parsing stops feeding once it is set.
  private(set) var bodyError: (any Error)? {
    didSet { isStopped = true }
  }
  /// Set after a malformed quote: input is discarded up to the next line break.
  private var skippingToLineEnd = false
  /// Skipping the rest of a quoted value over the cap, until its closing quote.
  ///
  /// Then the rest of the line is skipped. `afterQuote`: the last byte seen was a quote
  /// (closing, or the first of `""`).
  private var skippingQuoted: (afterQuote: Bool, afterCR: Bool)?

  init(parser: LibCSVParser, file: String, headerRows: Int, maxFieldBytes: Int) {
    self.parser = parser
    self.file = file
    self.headerRowsWanted = headerRows
    self.maxFieldBytes = maxFieldBytes
  }

  /// A session for the rest of a file whose `header` was read by another session, starting on
  /// physical line `line`.
  init(
    parser: LibCSVParser, file: String, continuing header: CSVHeader, line: Int, maxFieldBytes: Int
  ) {
    self.parser = parser
    self.file = file
    self.headerRowsWanted = 0
    self.maxFieldBytes = maxFieldBytes
    columnNames = header.names
    width = header.names.count
    currentLine = line
    recordStartLine = line
  }

  var isHeaderComplete: Bool { headerRowsWanted == 0 }
  /// Whether ``bodyError`` or ``limitError`` is set: a stored flag, as the callbacks ask for
  /// every field and testing the optional errors copies them.
  private(set) var isStopped = false
  /// A header row past ``CSVDialect/maxHeaderBytes`` or ``CSVDialect/maxColumns``.
  private(set) var limitError: CSVError? {
    didSet { isStopped = true }
  }

  // MARK: Callbacks

  func fieldEnded(_ field: UnsafeRawBufferPointer) {
    if storage.count == 0 { recordStartLine = currentLine }
    lastTerminatorWasCR = false
    // Bytes below 14 are rare: line breaks inside a quoted field, or a NUL.
    let noted = storage.append(field, notingBytesBelow: 14)
    if headerRowsWanted > 0
      && (storage.count > CSVDialect.maxColumns || storage.byteCount > CSVDialect.maxHeaderBytes)
    {
      limitError = CSVError(
        .headerTooLarge(bytes: CSVDialect.maxHeaderBytes, columns: CSVDialect.maxColumns),
        file: file, line: recordStartLine)
      return
    }
    guard noted else { return }
    var afterCR = false
    for byte in field {
      guard byte < 14 else {
        afterCR = false
        continue
      }
      if byte == 10 {
        if !afterCR { currentLine += 1 }
      } else if byte == 13 {
        currentLine += 1
      } else if byte == 0 && taint == nil {
        taint = .nulByte
        taintColumn = storage.count
      }
      afterCR = byte == 13
    }
  }

  func recordEnded(terminator: Int32) {
    if terminator == 10 && lastTerminatorWasCR && storage.count == 0 {
      lastTerminatorWasCR = false
      return
    }
    if storage.count > 0 {
      // Nearly every record is a whole, well-formed data record: handed over without looking
      // at problems that are not there.
      if headerRowsWanted == 0 && taint == nil && storage.count == width, let sink = body {
        deliverWellFormed(to: sink)
        storage.removeAll()
      } else {
        deliver()
      }
    }
    if terminator != -1 { currentLine += 1 }
    lastTerminatorWasCR = terminator == 13
  }

  // MARK: Feeding

  /// Marks the record being built as holding bytes invalid in `encoding`.
  func markInvalidEncoding(_ encoding: CSVEncoding) {
    guard taint == nil else { return }
    taint = .invalidEncoding(encoding)
    taintColumn = storage.count + 1
  }

  /// Feeds UTF-8 bytes to libcsv, recovering from malformed quotes at the next line break.
  func feed(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count && !isStopped {
      if skippingQuoted != nil {
        offset = skipQuotedValue(bytes, from: offset)
        continue
      }
      if skippingToLineEnd {
        guard let lineEnd = bytes[offset...].firstIndex(where: { $0 == 10 || $0 == 13 }) else {
          return
        }
        skippingToLineEnd = false
        currentLine += 1
        offset = lineEnd + 1
        if bytes[lineEnd] == 13 { lastTerminatorWasCR = true }
        parser.reset()
        continue
      }
      let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
      let consumed = withContext { parser.parse(rest, field: $0, record: $1, context: $2) }
      offset += consumed
      if let limitError { throw limitError }
      if parser.bufferSize > maxFieldBytes + (1 << 20) {
        // The row is set aside without the value (memory stays bounded); reading resumes
        // after the value's closing quote when it is quoted, and at the next line break.
        let state = parser.quoteState
        rejectOversizedRecord()
        if state.inside || state.afterQuote {
          skippingQuoted = (state.afterQuote, false)
        } else {
          skippingToLineEnd = true
        }
        continue
      }
      if consumed < rest.count && !isStopped {
        guard parser.failure == .malformedQuote else {
          throw CSVError(.unreadable(reason: "out of memory"), file: file, line: currentLine)
        }
        rejectUnfinishedRecord(.malformedQuote)
        skippingToLineEnd = true
      }
    }
  }

  /// Skips `bytes` from `offset` inside a quoted value over the cap, counting its lines, up to
  /// its closing quote (then skipping to the line end); returns where it stopped.
  private func skipQuotedValue(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> Int {
    guard var state = skippingQuoted else { return offset }
    var index = offset
    while index < bytes.count {
      let byte = bytes[index]
      if state.afterQuote {
        state.afterQuote = false
        if byte != UInt8(ascii: "\"") {
          // The value closed at the quote before: the rest of the record is skipped.
          skippingQuoted = nil
          skippingToLineEnd = true
          return index
        }
      } else if byte == UInt8(ascii: "\"") {
        state.afterQuote = true
      } else if byte == 13 || (byte == 10 && !state.afterCR) {
        currentLine += 1
      }
      state.afterCR = byte == 13
      index += 1
    }
    skippingQuoted = state
    return index
  }

  /// Closes the last record at the end of the input.
  func finish() {
    guard !isStopped else { return }
    if skippingToLineEnd || skippingQuoted != nil { return }
    let closed = withContext { parser.finish(field: $0, record: $1, context: $2) }
    if !closed { rejectUnfinishedRecord(.unterminatedQuote) }
  }

  /// Delivers the fields read so far, without the value past the cap, as a row with a problem.
  private func rejectOversizedRecord() {
    let column = storage.count + 1
    let startLine = storage.count == 0 ? currentLine : recordStartLine
    _ = storage.append(UnsafeRawBufferPointer(start: nil, count: 0), notingBytesBelow: 0)
    let error = CSVError(
      .fieldTooLarge(limit: maxFieldBytes), file: file, line: startLine, column: column,
      columnName: name(ofColumn: column))
    recordStartLine = startLine
    // The lines the value spans so far are counted, so later rows keep their line numbers.
    currentLine += parser.lineBreaksInPartialField
    deliver(problem: error)
  }

  /// Delivers the fields read so far, plus the unfinished one, as a row with a problem.
  private func rejectUnfinishedRecord(_ kind: CSVError.Kind) {
    let column = storage.count + 1
    let startLine = storage.count == 0 ? currentLine : recordStartLine
    let partial = parser.partialField
    partial.withUnsafeBytes { _ = storage.append($0, notingBytesBelow: 0) }
    let error = CSVError(
      kind, file: file, line: currentLine, column: column, columnName: name(ofColumn: column))
    recordStartLine = startLine
    deliver(problem: error)
  }

  // MARK: Records

  /// Hands `sink` the record built, which has no problem; the caller clears it.
  private func deliverWellFormed(to sink: Unmanaged<RecordSink>) {
    do {
      try sink._withUnsafeGuaranteedRef {
        try $0.receive(CSVRow(storage: storage, line: recordStartLine, problem: nil))
      }
    } catch {
      bodyError = error
    }
  }

  private func deliver(problem explicit: CSVError? = nil) {
    defer {
      storage.removeAll()
      taint = nil
    }
    if headerRowsWanted > 0 {
      if let problem = explicit
        ?? taint.map({
          CSVError($0, file: file, line: recordStartLine, column: taintColumn)
        })
      {
        headerError = headerError ?? problem
      }
      headerRows.append(
        (0..<storage.count).map { String(decoding: storage.field($0), as: UTF8.self) })
      headerRowsWanted -= 1
      if headerRows.count == 1 {
        columnNames = CSVHeader(rows: headerRows).names
        width = storage.count
      }
      return
    }
    guard let sink = body else { return }
    let expected = width ?? storage.count
    if width == nil { width = expected }
    if explicit == nil && taint == nil && storage.count == expected {
      deliverWellFormed(to: sink)
      return
    }
    // A line holding only spaces reads as one empty field: a blank line, not a record.
    if storage.count == 1 && storage.field(0).isEmpty && expected != 1 && explicit == nil {
      return
    }
    var problem = explicit
    if problem == nil, let taint {
      problem = CSVError(
        taint, file: file, line: recordStartLine, column: taintColumn,
        columnName: name(ofColumn: taintColumn))
    }
    if problem == nil && storage.count != expected {
      let column = min(storage.count, expected) + 1
      problem = CSVError(
        .raggedRow(expected: expected, found: storage.count), file: file, line: recordStartLine,
        column: column, columnName: name(ofColumn: column))
    }
    do {
      try sink._withUnsafeGuaranteedRef {
        try $0.receive(CSVRow(storage: storage, line: recordStartLine, problem: problem))
      }
    } catch {
      bodyError = error
    }
  }

  private func name(ofColumn column: Int) -> String? {
    column >= 1 && column <= columnNames.count ? columnNames[column - 1] : nil
  }

  /// Runs `call` with the C callbacks and this session as their context.
  private func withContext<R>(
    _ call: (LibCSVFieldCallback, LibCSVRecordCallback, UnsafeMutableRawPointer) -> R
  ) -> R {
    let context = Unmanaged.passUnretained(self).toOpaque()
    return call(sessionFieldCallback, sessionRecordCallback, context)
  }
}

// The callbacks borrow the session (alive for the whole `csv_parse` call that calls them)
// without retaining it: they run for every field of every row.
private let sessionFieldCallback: LibCSVFieldCallback = { bytes, length, context in
  guard let context else { return }
  Unmanaged<ParseSession>.fromOpaque(context)._withUnsafeGuaranteedRef { session in
    guard !session.isStopped else { return }
    session.fieldEnded(UnsafeRawBufferPointer(start: bytes, count: length))
  }
}

private let sessionRecordCallback: LibCSVRecordCallback = { terminator, context in
  guard let context else { return }
  Unmanaged<ParseSession>.fromOpaque(context)._withUnsafeGuaranteedRef { session in
    guard !session.isStopped else { return }
    session.recordEnded(terminator: terminator)
  }
}

/// What receives a reading's data records.
final class RecordSink {
  let receive: (CSVRow) throws -> Void

  init(_ receive: @escaping (CSVRow) throws -> Void) { self.receive = receive }
}

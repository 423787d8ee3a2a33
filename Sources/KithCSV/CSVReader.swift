/// A streaming CSV reader on libcsv: reads a file in fixed-size chunks, decodes it to UTF-8, and
/// hands each record to a closure as a view of bytes, with the physical line it starts on.
///
/// Memory stays flat whatever the file's size: one chunk, one decoded chunk, and the largest
/// record. Malformed records are handed over with their ``CSVRow/problem`` set, so the caller's
/// policy can reject them or stop; problems that make the rest unreadable are thrown.
///
/// ```swift
/// let reader = try CSVReader(path: "survey.csv", dialect: CSVDialect(headerRows: 3))
/// try reader.forEachRow { row in
///   if let problem = row.problem { print(problem) } else { print(row.string(0)) }
/// }
/// ```
public final class CSVReader {
  /// The file as the caller names it in messages.
  public let displayName: String
  /// The header rows.
  public private(set) var header = CSVHeader(rows: [])
  /// The delimiter used: the declared one, or the one sniffed from the first line.
  public let delimiter: CSVDelimiter
  /// Things the reader decided that the user should hear about (an encoding it fell back to).
  public private(set) var notices: [String] = []
  /// Whether the last byte read ended a record (libcsv was between records when the bytes ran
  /// out): a reader of the first part of a file split at a line break checks this, since a line
  /// break inside a quoted field does not end a record.
  public private(set) var endedBetweenRecords = true

  private let file: FileChunks
  private var decoder: InputDecoder
  private let session: ParseSession
  private let onRawBytes: ((UnsafeRawBufferPointer) -> Void)?
  private let chunkSize: Int
  private var pending: [UInt8] = []
  private var pendingInvalid: [Int] = []
  private var pendingOffset = 0
  /// The chunk just read, when it is UTF-8 already: fed as it is, without a copy into `pending`.
  private var unread: UnsafeRawBufferPointer?
  private var reachedEnd = false
  private var finished = false

  /// Opens `path` and reads its header rows.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - displayName: The name used in messages; the path when `nil`.
  ///   - dialect: How to read the file.
  ///   - end: Where to stop reading, as a byte offset; the file's end when `nil`.
  ///   - chunkSize: How many bytes to read at a time.
  ///   - onRawBytes: Sees every byte of the file as read, before decoding (to hash it, say).
  /// - Throws: ``CSVError`` when the file cannot be opened or its header rows cannot be read.
  public init(
    path: String, displayName: String? = nil, dialect: CSVDialect = CSVDialect(), end: Int? = nil,
    chunkSize: Int = 256 << 10, onRawBytes: ((UnsafeRawBufferPointer) -> Void)? = nil
  ) throws {
    let name = displayName ?? path
    self.displayName = name
    self.onRawBytes = onRawBytes
    self.chunkSize = chunkSize
    file = try FileChunks(
      path: path, displayName: name, chunkSize: chunkSize, range: end.map { 0..<$0 })
    let first = try file.next()
    onRawBytes?(first)
    let (decoder, markLength) = InputDecoder.detect(declared: dialect.encoding, prefix: first)
    self.decoder = decoder
    reachedEnd = first.count < chunkSize
    self.decoder.decode(
      UnsafeRawBufferPointer(rebasing: first[markLength...]), isFinal: reachedEnd, into: &pending,
      invalid: &pendingInvalid)
    delimiter = dialect.delimiter ?? pending.withUnsafeBytes { DelimiterSniffer.sniff($0) }
    session = ParseSession(
      parser: LibCSVParser(delimiter: delimiter.byte, trimsSpaces: dialect.trimsSpaces),
      file: name, headerRows: dialect.headerRows, maxFieldBytes: dialect.maxFieldBytes)
    try readHeader(rows: dialect.headerRows)
  }

  /// A reader of the part `range` of `path`, cut by ``FileSplit/cuts(path:parts:)``.
  ///
  /// The first part is read from the header; a later one from `range`'s start, with the header
  /// read anew. Only the first part's bytes reach `onRawBytes`. After reading,
  /// ``endedBetweenRecords`` tells whether a part that does not end the file ended where a
  /// record does.
  public static func part(
    _ range: Range<Int>, of path: String, displayName: String, dialect: CSVDialect,
    onRawBytes: ((UnsafeRawBufferPointer) -> Void)? = nil
  ) throws -> CSVReader {
    let first = try CSVReader(
      path: path, displayName: displayName, dialect: dialect, end: range.upperBound,
      onRawBytes: range.lowerBound == 0 ? onRawBytes : nil)
    guard range.lowerBound > 0 else { return first }
    return try CSVReader(path: path, continuing: first, range: range, dialect: dialect)
  }

  /// Opens the bytes `range` of a file, starting at a record, with the header and delimiter
  /// `reader` found at the file's start, in `dialect`'s encoding (UTF-8, falling back to
  /// Windows-1252 on invalid bytes, when it declares none).
  ///
  /// Rows come with the column names a reading of the whole file would give, and lines counted
  /// from 1 at `range`'s start. Not for UTF-16: a line break byte may fall inside a character.
  public init(
    path: String, continuing reader: CSVReader, range: Range<Int>,
    dialect: CSVDialect = CSVDialect(), chunkSize: Int = 256 << 10
  ) throws {
    displayName = reader.displayName
    onRawBytes = nil
    self.chunkSize = chunkSize
    file = try FileChunks(path: path, displayName: displayName, chunkSize: chunkSize, range: range)
    let first = try file.next()
    decoder = InputDecoder.continuing(declared: dialect.encoding)
    reachedEnd = first.count < chunkSize
    decoder.decode(first, isFinal: reachedEnd, into: &pending, invalid: &pendingInvalid)
    delimiter = reader.delimiter
    header = reader.header
    session = ParseSession(
      parser: LibCSVParser(delimiter: delimiter.byte, trimsSpaces: dialect.trimsSpaces),
      file: displayName, continuing: reader.header, line: 1, maxFieldBytes: dialect.maxFieldBytes)
  }

  /// The encoding the file is read as (detected or declared).
  public var encoding: CSVEncoding { decoder.encoding }
  /// The size of the file in bytes.
  public var fileSize: Int { file.size }
  /// The physical line reached: one more than the line breaks read so far.
  public var line: Int { session.currentLine }
  /// How many bytes of the file have been read so far.
  public var bytesRead: Int { file.bytesRead }

  /// Calls `body` with every data record, in order.
  ///
  /// A row is valid only during the call.
  ///
  /// Rethrows what `body` throws, and throws a ``CSVError`` when the rest of the file cannot be
  /// read. Call it once.
  public func forEachRow(_ body: (CSVRow) throws -> Void) throws {
    try withoutActuallyEscaping(body) { body in
      let sink = RecordSink(body)
      session.body = .passUnretained(sink)
      defer {
        session.body = nil
        withExtendedLifetime(sink) {}
      }
      while !finished && !session.isStopped {
        try feedPending(upTo: pending.count)
        if let chunk = unread {
          unread = nil
          try session.feed(chunk)
        }
        if session.isStopped { break }
        try readNextChunk()
      }
    }
    if let error = session.bodyError { throw error }
  }

  /// Feeds the header byte by byte, so that no data record is parsed before a body exists.
  private func readHeader(rows: Int) throws {
    while !session.isHeaderComplete {
      if let error = session.headerError { throw error }
      if pendingOffset < pending.count {
        try feedPending(upTo: pendingOffset + 1)
      } else if !finished {
        try readNextChunk()
      } else {
        throw CSVError(
          .missingHeader(expectedRows: rows, foundRows: session.headerRows.count),
          file: displayName)
      }
    }
    if let error = session.headerError { throw error }
    header = CSVHeader(rows: session.headerRows)
  }

  /// Reads the next chunk: into `unread` when it is UTF-8 already, else decoded into `pending`;
  /// at the end of the file, closes the parse.
  private func readNextChunk() throws {
    pending.removeAll(keepingCapacity: true)
    pendingInvalid.removeAll(keepingCapacity: true)
    pendingOffset = 0
    if reachedEnd {
      endedBetweenRecords = session.parser.isBetweenRecords
      session.finish()
      finished = true
      return
    }
    let chunk = try file.next()
    onRawBytes?(chunk)
    reachedEnd = chunk.count < chunkSize
    // Once the header is read, nearly every chunk is valid UTF-8 and is fed from the file's
    // buffer as it is.
    if session.isHeaderComplete && decoder.isAlreadyUTF8(chunk) {
      unread = chunk
      return
    }
    let wasFallback = decoder.fellBackToWindows1252
    decoder.decode(chunk, isFinal: reachedEnd, into: &pending, invalid: &pendingInvalid)
    if decoder.fellBackToWindows1252 && !wasFallback { noteFallback() }
  }

  /// Feeds `pending[pendingOffset..<end]`, marking records that hold invalid bytes.
  private func feedPending(upTo end: Int) throws {
    if decoder.fellBackToWindows1252 && notices.isEmpty { noteFallback() }
    try pending.withUnsafeBytes { bytes in
      for invalid in pendingInvalid where invalid >= pendingOffset && invalid < end {
        try session.feed(UnsafeRawBufferPointer(rebasing: bytes[pendingOffset..<invalid]))
        session.markInvalidEncoding(decoder.encoding)
        pendingOffset = invalid
      }
      try session.feed(UnsafeRawBufferPointer(rebasing: bytes[pendingOffset..<end]))
    }
    pendingOffset = end
  }

  private func noteFallback() {
    notices.append(
      "\(displayName): not valid UTF-8; reading it as Windows-1252 "
        + "(declare the encoding in the pipeline to confirm)")
  }
}

/// The field separator of a CSV file.
public enum CSVDelimiter: String, Sendable, CaseIterable, Equatable {
  /// `,` — the RFC 4180 default.
  case comma
  /// `;` — common where the decimal separator is a comma.
  case semicolon
  /// A tab — Excel's "Unicode text" and Teams reports.
  case tab

  /// The byte that separates fields.
  public var byte: UInt8 {
    switch self {
    case .comma: UInt8(ascii: ",")
    case .semicolon: UInt8(ascii: ";")
    case .tab: UInt8(ascii: "\t")
    }
  }
}

/// The text encoding of a CSV file.
///
/// Everything a reader hands out is UTF-8.
public enum CSVEncoding: String, Sendable, CaseIterable, Equatable {
  /// UTF-8, with or without a byte-order mark.
  case utf8 = "utf-8"
  /// UTF-16 little-endian (a file starting with the bytes FF FE).
  case utf16LittleEndian = "utf-16le"
  /// UTF-16 big-endian (a file starting with the bytes FE FF).
  case utf16BigEndian = "utf-16be"
  /// Windows-1252, the "ANSI" code page of Western European Windows and older Excel.
  case windows1252 = "windows-1252"

  /// A name for messages.
  public var displayName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LittleEndian: "UTF-16 (little-endian)"
    case .utf16BigEndian: "UTF-16 (big-endian)"
    case .windows1252: "Windows-1252"
    }
  }
}

/// How to read one CSV file: everything a caller may declare, with what is not declared detected.
public struct CSVDialect: Sendable, Equatable {
  /// The field separator, or `nil` to sniff it from the first line.
  public var delimiter: CSVDelimiter?
  /// The encoding, or `nil` to detect it: a byte-order mark decides; without one the file is
  /// UTF-8, or Windows-1252 when its bytes are not valid UTF-8.
  public var encoding: CSVEncoding?
  /// How many leading records are header rows; the first names the columns.
  public var headerRows: Int
  /// Whether spaces and tabs around unquoted fields are removed (libcsv's default).
  ///
  /// Quoted fields always keep their spaces.
  public var trimsSpaces: Bool
  /// The largest field the reader accepts, in bytes.
  ///
  /// A larger field almost always means a quote that is never closed; reading stops with an error
  /// rather than buffering the rest of the file.
  public var maxFieldBytes: Int

  /// The default largest field: 16 MiB.
  public static let defaultMaxFieldBytes = 16 << 20
  /// The longest header row read, in bytes (1 MiB), and the most columns (10,000): a header
  /// costs memory per column, so one past these is refused rather than held.
  public static let maxHeaderBytes = 1 << 20
  /// See ``maxHeaderBytes``.
  public static let maxColumns = 10_000

  /// How to read back a file ``CSVWriter`` wrote: comma-separated UTF-8 with one header row.
  ///
  /// Spaces around unquoted fields are trimmed, libcsv's fastest reading, and still every value
  /// reads as written: the writer quotes each field that starts or ends with a space or tab.
  public static let written = CSVDialect(delimiter: .comma, encoding: .utf8, headerRows: 1)

  /// Creates a dialect; the defaults read a plain CSV export with one header row.
  public init(
    delimiter: CSVDelimiter? = nil, encoding: CSVEncoding? = nil, headerRows: Int = 1,
    trimsSpaces: Bool = true, maxFieldBytes: Int = CSVDialect.defaultMaxFieldBytes
  ) {
    self.delimiter = delimiter
    self.encoding = encoding
    self.headerRows = headerRows
    self.trimsSpaces = trimsSpaces
    self.maxFieldBytes = maxFieldBytes
  }
}

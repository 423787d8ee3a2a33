import FuzzSupport
import KithCSV

/// The CSV reader on every path: the first byte picks the delimiter (or sniffing), the encoding
/// (or detection), the header rows, whether spaces are trimmed and the chunk size, so that every
/// dialect, every decoder and every chunk boundary is reached.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput.bytes(data, size)
  guard let choice = input.first else { return 0 }
  let body = UnsafeRawBufferPointer(rebasing: input.dropFirst())
  let delimiters: [CSVDelimiter?] = [nil, .comma, .semicolon, .tab]
  let encodings: [CSVEncoding?] = [nil] + CSVEncoding.allCases
  let dialect = CSVDialect(
    delimiter: delimiters[Int(choice & 3)],
    encoding: encodings[Int(choice >> 2 & 7) % encodings.count],
    headerRows: Int(choice >> 5 & 1) + 1, trimsSpaces: choice & 64 == 0,
    maxFieldBytes: 1 << 16)
  let url = FuzzInput.file("input.csv", body)
  return FuzzInput.run {
    let reader = try CSVReader(
      path: url.path, dialect: dialect, chunkSize: choice & 128 == 0 ? 7 : 4096)
    try reader.forEachRow { row in
      for index in 0..<row.count { _ = row.string(index) }
      _ = row.csvText()
    }
  }
}

@_cdecl("FuzzCSV_main")
func FuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  fuzzerMain(argc, argv) { fuzzCSV($0, $1) }
}

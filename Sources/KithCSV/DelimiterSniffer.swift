/// Guesses the delimiter from the first line of a file.
public enum DelimiterSniffer {
  /// The delimiter among comma, semicolon and tab that occurs most often outside quotes in the
  /// first line of `text` (UTF-8); comma when none occurs or on a tie with comma.
  public static func sniff(_ text: UnsafeRawBufferPointer) -> CSVDelimiter {
    var counts: [CSVDelimiter: Int] = [:]
    var inQuotes = false
    for byte in text {
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes && (byte == 10 || byte == 13) {
        break
      } else if !inQuotes, let delimiter = CSVDelimiter.allCases.first(where: { $0.byte == byte }) {
        counts[delimiter, default: 0] += 1
      }
    }
    var best = CSVDelimiter.comma
    for delimiter in [CSVDelimiter.semicolon, .tab]
    where counts[delimiter, default: 0] > counts[best, default: 0] {
      best = delimiter
    }
    return best
  }
}

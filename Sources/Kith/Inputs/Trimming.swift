import Foundation

extension String {
  /// The string without surrounding whitespace; ASCII text takes a fast path that avoids
  /// Foundation (this runs for several fields of every input row).
  var trimmed: String {
    let bytes = utf8
    guard bytes.allSatisfy({ $0 < 0x80 }) else {
      return trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let isSpace: (UInt8) -> Bool = { $0 == 32 || (9...13).contains($0) }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return "" }
    if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
    return String(self[first...last])
  }
}

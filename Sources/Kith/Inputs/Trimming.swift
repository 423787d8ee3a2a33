import Foundation

extension String {
  /// The string without surrounding whitespace; ASCII text takes a fast path that avoids
  /// Foundation (this runs for several fields of every input row).
  var trimmed: String {
    let ascii = utf8.withContiguousStorageIfAvailable { bytes -> String? in
      guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
      let isSpace: (UInt8) -> Bool = { $0 == 32 || (9...13).contains($0) }
      guard let first = bytes.firstIndex(where: { !isSpace($0) }),
        let last = bytes.lastIndex(where: { !isSpace($0) })
      else { return "" }
      if first == 0 && last == bytes.count - 1 { return self }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[first...last]), as: UTF8.self)
    }
    if let ascii, let ascii { return ascii }
    return trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
